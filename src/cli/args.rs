//! The command line as clap parses it: commands, flags and their help
//! texts, validated but not yet resolved (see [`super::options`]).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

// Doc comments on these types would become help texts: the types are
// described here, their fields by the help they give.

// The command line: one command.
#[derive(Parser)]
#[command(
    name = "crossfoot",
    version,
    about = "Checks the arithmetic of fiscal spreadsheets and reports: totals, cross-totals, hierarchies, 其中 rows, scores, rules"
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
    /// The language of messages and help: zh or en (default: CROSSFOOT_LANG, then the system locale).
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<crossfoot::message::Lang>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Check spreadsheets (xlsx, xlsm, xlsb, xls, WPS et, ods, csv), reports (txt, md, docx), published PDFs or folders of them.
    Check(CheckArgs),
    /// Re-check files when they change, printing what changed in the findings.
    Watch(WatchArgs),
    /// Validate rule files, or list the rules that apply to a path.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Write the tables rebuilt from a PDF as a workbook (one sheet per table).
    Extract(ExtractArgs),
}

/// `crossfoot extract FILE.pdf -o tables.xlsx`.
#[derive(clap::Args)]
pub struct ExtractArgs {
    /// The PDF.
    pub file: PathBuf,
    /// The workbook to write (xlsx); written whole or not at all.
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
}

impl Command {
    /// `--jobs`, for the commands that check files.
    pub fn jobs(&self) -> Option<usize> {
        match self {
            Command::Check(a) => Some(a.common.jobs),
            Command::Watch(a) => Some(a.common.jobs),
            Command::Rules(_) | Command::Extract(_) => None,
        }
    }
}

#[derive(Subcommand)]
pub enum RulesCommand {
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
        /// Leave out the shipped pack of a recognised 部门预算 or 部门决算.
        #[arg(long)]
        no_templates: bool,
    },
}

// What `check` and `watch` share.
#[derive(clap::Args, Clone)]
pub struct Common {
    /// Rule file or folder of rule files (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,
    /// Ignore crossfoot.toml files in the checked folders and their parents.
    #[arg(long)]
    pub no_config: bool,
    /// Do not apply the shipped rule packs to files recognised as a 部门预算
    /// or 部门决算 (nor warn about their missing tables).
    #[arg(long)]
    pub no_templates: bool,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j', default_value_t = 0)]
    pub jobs: usize,
    /// The most time one file may take, in seconds; a file not checked by
    /// then is reported as an error and the others go on (0: no limit).
    #[arg(long, value_name = "SECS", default_value_t = 120.0, value_parser = parse_secs)]
    pub file_timeout: f64,
    /// Do not use or update the cache of earlier results.
    #[arg(long)]
    pub no_cache: bool,
    /// Where the cache lives (default: $CROSSFOOT_CACHE_DIR, $XDG_CACHE_HOME/crossfoot or ~/.cache/crossfoot).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Also show info findings (differences within rounding).
    #[arg(long)]
    pub show_info: bool,
}

impl Common {
    /// `--file-timeout` as a budget (`None` for 0: no limit).
    pub fn file_budget(&self) -> Option<std::time::Duration> {
        (self.file_timeout > 0.0).then(|| std::time::Duration::from_secs_f64(self.file_timeout))
    }
}

#[derive(clap::Args)]
pub struct CheckArgs {
    /// Files or folders (folders are searched recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
    /// Write the report to this file (written atomically) instead of stdout.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Check only shard K of N (1-based): a stable split of the files by a
    /// hash of their paths, for spreading a drive over machines.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,
    /// Write a copy of each workbook with findings into DIR, the flagged
    /// cells filled in colour with a comment explaining each finding.
    #[arg(long, value_name = "DIR")]
    pub annotate: Option<PathBuf>,
    #[command(flatten)]
    pub common: Common,
}

#[derive(clap::Args)]
pub struct WatchArgs {
    /// Files or folders to watch.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Quiet time before a changed file is re-checked, in milliseconds.
    #[arg(long, default_value_t = 500)]
    pub debounce_ms: u64,
    /// Stop after this many re-checks (for scripts and tests).
    #[arg(long, hide = true)]
    pub max_rechecks: Option<usize>,
    #[command(flatten)]
    pub common: Common,
}

// `--format`; resolved to `crossfoot::report::Format`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Human,
    Json,
    Jsonl,
    Junit,
    Sarif,
    Csv,
    Html,
}

/// `--shard K/N`: 1 <= K <= N.
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

// `--file-timeout`: seconds, not negative, finite.
fn parse_secs(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 && v <= 1e9 => Ok(v),
        _ => Err(format!("{s}: expected a number of seconds, 0 or more")),
    }
}

// `--lang`: `zh`, `en` (or a locale such as `zh_CN.UTF-8`).
fn parse_lang(s: &str) -> Result<crossfoot::message::Lang, String> {
    crossfoot::message::Lang::parse(s).ok_or_else(|| format!("{s}: zh or en"))
}
