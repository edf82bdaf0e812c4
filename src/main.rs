//! The `crossfoot` command: arguments → library → exit code (0 no error
//! findings, 1 error findings, 2 usage error or unreadable file).

mod watch;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};
use crossfoot::cache::Cache;
use crossfoot::report::human::plural;
use crossfoot::report::{csv, html, human, json, jsonl, junit, sarif};
use crossfoot::rules::{discover, RuleError, RuleSet};
use crossfoot::{
    check_files_with, collect_files, shard, FileReport, RunOptions, Severity, Summary,
};

#[derive(Parser)]
#[command(
    name = "crossfoot",
    version,
    about = "Checks the arithmetic of fiscal spreadsheets and reports: totals, cross-totals, hierarchies, 其中 rows, scores, rules"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check spreadsheets (xlsx, xlsm, xlsb, xls, ods, csv), reports (txt, md, docx) or folders of them.
    Check(CheckArgs),
    /// Re-check files when they change, printing what changed in the findings.
    Watch(WatchArgs),
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

#[derive(clap::Args, Clone)]
struct Common {
    /// Rule file or folder of rule files (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Ignore crossfoot.toml files in the checked folders and their parents.
    #[arg(long)]
    no_config: bool,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j', default_value_t = 0)]
    jobs: usize,
    /// Do not use or update the cache of earlier results.
    #[arg(long)]
    no_cache: bool,
    /// Where the cache lives (default: $CROSSFOOT_CACHE_DIR, $XDG_CACHE_HOME/crossfoot or ~/.cache/crossfoot).
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
    /// Also show info findings (differences within rounding).
    #[arg(long)]
    show_info: bool,
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
    /// Check only shard K of N (1-based): a stable split of the files by a
    /// hash of their paths, for spreading a drive over machines.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    shard: Option<(usize, usize)>,
    /// Write a copy of each workbook with findings into DIR, the flagged
    /// cells filled in colour with a comment explaining each finding.
    #[arg(long, value_name = "DIR")]
    annotate: Option<PathBuf>,
    #[command(flatten)]
    common: Common,
}

#[derive(clap::Args)]
struct WatchArgs {
    /// Files or folders to watch.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Quiet time before a changed file is re-checked, in milliseconds.
    #[arg(long, default_value_t = 500)]
    debounce_ms: u64,
    /// Stop after this many re-checks (for scripts and tests).
    #[arg(long, hide = true)]
    max_rechecks: Option<usize>,
    #[command(flatten)]
    common: Common,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    Human,
    Json,
    Jsonl,
    Junit,
    Sarif,
    Csv,
    Html,
}

fn parse_shard(s: &str) -> Result<(usize, usize), String> {
    let (k, n) = s.split_once('/').ok_or("write a shard as K/N, e.g. 2/8")?;
    let (k, n): (usize, usize) = (
        k.trim().parse().map_err(|_| "K is not a number")?,
        n.trim().parse().map_err(|_| "N is not a number")?,
    );
    if n == 0 || k == 0 || k > n {
        return Err(format!("shard {k}/{n}: need 1 <= K <= N"));
    }
    Ok((k, n))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Watch(args) => watch::run(args),
        Command::Rules(RulesCommand::Check { files }) => Ok(match RuleSet::load(&files) {
            Ok(set) => {
                println!(
                    "ok: {} in {}",
                    plural(set.rules.len(), "rule"),
                    plural(set.files.len(), "file")
                );
                ExitCode::SUCCESS
            }
            Err(errors) => report_rule_errors(&errors),
        }),
        Command::Rules(RulesCommand::List {
            path,
            rules,
            no_config,
        }) => Ok(match load_rules(&[path], &rules, no_config) {
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
        }),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
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

fn cache_for(common: &Common, rules: &RuleSet) -> Option<Cache> {
    (!common.no_cache).then(|| {
        Cache::new(
            common.cache_dir.clone().unwrap_or_else(Cache::default_dir),
            &rules.fingerprint(),
        )
    })
}

fn human_options(common: &Common, to_terminal: bool) -> human::Options {
    human::Options {
        color: to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        width: 100,
        min_severity: if common.show_info {
            Severity::Info
        } else {
            Severity::Warning
        },
    }
}

fn check(args: CheckArgs) -> std::io::Result<ExitCode> {
    let start = Instant::now();
    let mut files = collect_files(&args.paths);
    crossfoot::timing::note("find files", start);
    if let Some((k, n)) = args.shard {
        files = shard(files, k, n);
    }
    if files.is_empty() && args.shard.is_none() {
        eprintln!("error: no spreadsheets found in the paths given");
        return Ok(ExitCode::from(2));
    }
    let rules = match load_rules(&args.paths, &args.common.rules, args.common.no_config) {
        Ok(r) => r,
        Err(errors) => return Ok(report_rule_errors(&errors)),
    };
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    // JSONL to stdout streams one line per file as each finishes.
    let stream = args.format == FormatArg::Jsonl && args.output.is_none();
    let stdout = Mutex::new(std::io::stdout());
    // One write a call: a line as each file finishes, the cache's answers
    // in one burst.
    let print_line = |reports: &[&FileReport]| {
        let mut lines = Vec::new();
        jsonl::write_lines(reports, &mut lines);
        if let Ok(mut out) = stdout.lock() {
            let _ = out.write_all(&lines);
            let _ = out.flush();
        }
    };
    let opts = RunOptions {
        jobs: args.common.jobs,
        // The HTML report draws the tables, which the cache does not keep.
        cache: if args.format == FormatArg::Html {
            None
        } else {
            cache_for(&args.common, &rules)
        },
        progress: std::io::stderr().is_terminal() && !stream,
        on_report: if stream { Some(&print_line) } else { None },
    };
    let run = check_files_with(&files, Some(&rules), &opts);
    if !run.rule_errors.is_empty() {
        report_rule_errors(&run.rule_errors);
    }
    if !run.not_applicable.is_empty() {
        // A rule that silently checks nothing would be mistaken for a pass.
        let mut ids = run.not_applicable.clone();
        ids.dedup();
        eprintln!(
            "note: {} found no table to check: {}",
            plural(ids.len(), "rule"),
            ids.join(", ")
        );
    }
    let reports = run.reports;
    let elapsed = start.elapsed().as_secs_f64();
    let text = match args.format {
        FormatArg::Json => json::render(&reports),
        FormatArg::Jsonl if stream => String::new(),
        FormatArg::Jsonl => jsonl::render(&reports),
        FormatArg::Junit => junit::render(&reports, elapsed),
        FormatArg::Sarif => sarif::render(&reports),
        FormatArg::Csv => csv::render(&reports),
        FormatArg::Html => html::render(&reports),
        FormatArg::Human => {
            let mut s = human::render(&reports, &human_options(&args.common, to_terminal));
            // The closing line with the time taken.
            if s.ends_with('\n') {
                s.pop();
            }
            s.push_str(&format!(" in {elapsed:.2}s\n"));
            s
        }
    };
    match &args.output {
        Some(path) => crossfoot::write_atomically(path, text.as_bytes())?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    if let Some(dir) = &args.annotate {
        for r in &reports {
            match crossfoot::annotate::annotate(r, dir) {
                Ok(Some(p))
                    if std::io::stderr().is_terminal() || args.format == FormatArg::Human =>
                {
                    eprintln!("annotated: {}", p.display())
                }
                Ok(_) => {}
                Err(e) => eprintln!("error: {e}"),
            }
        }
    }
    if args.format != FormatArg::Human && std::io::stderr().is_terminal() {
        let s = Summary::of(&reports);
        eprintln!(
            "checked {}: {} clean, {} with findings, {} unreadable in {elapsed:.2}s",
            plural(s.files, "file"),
            s.ok,
            s.findings,
            s.errors
        );
    }
    let code = exit_code(&reports, !run.rule_errors.is_empty());
    // The process ends next: freeing thousands of reports and the cache's
    // index one by one would only delay it.
    std::mem::forget((reports, run.rule_errors, files, opts));
    Ok(code)
}

fn exit_code(reports: &[FileReport], rule_errors: bool) -> ExitCode {
    if reports.iter().any(|r| r.error.is_some()) || rule_errors {
        ExitCode::from(2)
    } else if reports.iter().any(FileReport::has_errors) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
