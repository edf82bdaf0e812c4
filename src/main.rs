//! The `crossfoot` command: arguments → library → exit code (0 no error
//! findings, 1 error findings, 2 usage error or unreadable file).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use crossfoot::report::{human, json};
use crossfoot::{check_file, collect_files, FileReport, Severity};

#[derive(Parser)]
#[command(
    name = "crossfoot",
    version,
    about = "Checks the arithmetic of fiscal spreadsheets: totals, cross-totals, hierarchies, 其中 rows, scores"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check spreadsheets (xlsx, xlsm, xlsb, xls, ods, csv) or folders of them.
    Check(CheckArgs),
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files or folders (folders are searched recursively).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,
    /// Write the report to this file (written atomically) instead of stdout.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Also show info findings (differences within rounding).
    #[arg(long)]
    show_info: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => match check(args) {
            Ok(code) => code,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
    }
}

fn check(args: CheckArgs) -> std::io::Result<ExitCode> {
    let files = collect_files(&args.paths);
    if files.is_empty() {
        eprintln!("error: no spreadsheets found in the paths given");
        return Ok(ExitCode::from(2));
    }
    let reports: Vec<FileReport> = files.iter().map(|p| check_file(p)).collect();
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let text = match args.format {
        FormatArg::Json => json::render(&reports),
        FormatArg::Human => {
            let opts = human::Options {
                color: to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
                width: 100,
                min_severity: if args.show_info {
                    Severity::Info
                } else {
                    Severity::Warning
                },
            };
            human::render(&reports, &opts)
        }
    };
    match &args.output {
        Some(path) => write_atomically(path, text.as_bytes())?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(if reports.iter().any(|r| r.error.is_some()) {
        ExitCode::from(2)
    } else if reports.iter().any(FileReport::has_errors) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over
/// `path`, so a reader never sees a half-written report.
fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}
