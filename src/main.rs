//! The `crossfoot` command: arguments → library → exit code (0 no error
//! findings, 1 error findings, 2 usage error or unreadable file).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use crossfoot::report::{human, json};
use crossfoot::rules::{discover, RuleError, RuleSet};
use crossfoot::{check_files, collect_files, FileReport, Severity};

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
    /// Validate rule files, or list the rules that apply to a path.
    #[command(subcommand)]
    Rules(RulesCommand),
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Validate rule files without data.
    Check {
        /// Rule files or folders of them.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// List the rules that would apply to a path, and where each came from.
    List {
        /// The file or folder that would be checked.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Rule files or folders, as for `check --rules`.
        #[arg(long = "rules")]
        rules: Vec<PathBuf>,
        /// Ignore crossfoot.toml files.
        #[arg(long)]
        no_config: bool,
    },
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
    /// Rule file or folder of rule files (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Ignore crossfoot.toml files in the checked folders and their parents.
    #[arg(long)]
    no_config: bool,
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
        Command::Rules(RulesCommand::Check { files }) => match RuleSet::load(&files) {
            Ok(set) => {
                println!(
                    "ok: {} in {}",
                    plural(set.rules.len(), "rule"),
                    plural(set.files.len(), "file")
                );
                ExitCode::SUCCESS
            }
            Err(errors) => report_rule_errors(&errors),
        },
        Command::Rules(RulesCommand::List {
            path,
            rules,
            no_config,
        }) => match load_rules(&[path], &rules, no_config) {
            Ok(set) => {
                for r in &set.rules {
                    let line = r.source.text[..r.assert_span.start].lines().count().max(1);
                    println!(
                        "{:<28} {:<8} {}:{}  {}",
                        r.id,
                        r.severity.as_str(),
                        r.source.path.display(),
                        line,
                        r.description.as_deref().unwrap_or("")
                    );
                }
                println!(
                    "{} from {}",
                    plural(set.rules.len(), "rule"),
                    plural(set.files.len(), "file")
                );
                ExitCode::SUCCESS
            }
            Err(errors) => report_rule_errors(&errors),
        },
    }
}

fn plural(n: usize, w: &str) -> String {
    if n == 1 {
        format!("1 {w}")
    } else {
        format!("{n} {w}s")
    }
}

fn report_rule_errors(errors: &[RuleError]) -> ExitCode {
    for e in errors {
        eprint!("{}", e.render());
    }
    eprintln!("{} in the rule files", plural(errors.len(), "error"));
    ExitCode::from(2)
}

/// The rule set for a run: crossfoot.toml files found for the paths (unless
/// `no_config`), then the files given with --rules.
fn load_rules(
    paths: &[PathBuf],
    given: &[PathBuf],
    no_config: bool,
) -> Result<RuleSet, Vec<RuleError>> {
    let mut files: Vec<PathBuf> = Vec::new();
    if !no_config {
        for p in paths {
            for f in discover(p) {
                if !files.contains(&f) {
                    files.push(f);
                }
            }
        }
    }
    files.extend(given.iter().cloned());
    RuleSet::load(&files)
}

fn check(args: CheckArgs) -> std::io::Result<ExitCode> {
    let files = collect_files(&args.paths);
    if files.is_empty() {
        eprintln!("error: no spreadsheets found in the paths given");
        return Ok(ExitCode::from(2));
    }
    let rules = match load_rules(&args.paths, &args.rules, args.no_config) {
        Ok(r) => r,
        Err(errors) => return Ok(report_rule_errors(&errors)),
    };
    let run = check_files(&files, Some(&rules));
    if !run.rule_errors.is_empty() {
        report_rule_errors(&run.rule_errors);
    }
    let reports = run.reports;
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
    Ok(
        if reports.iter().any(|r| r.error.is_some()) || !run.rule_errors.is_empty() {
            ExitCode::from(2)
        } else if reports.iter().any(FileReport::has_errors) {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        },
    )
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
