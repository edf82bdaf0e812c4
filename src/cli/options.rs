//! The command line resolved into what a run needs: the files, the rules,
//! the cache, the output format and where it goes.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use crossfoot::cache::Cache;
use crossfoot::report::{human, Format};
use crossfoot::rules::{discover, RuleSet};
use crossfoot::{collect_files, shard, timing, Severity};

use super::args::{CheckArgs, Common, FormatArg};
use super::Failure;

/// What `crossfoot check` runs with.
pub struct Options {
    /// When the command began (the human report's closing line says how
    /// long it took).
    pub start: Instant,
    /// The files to check: found in the paths given, in this shard.
    pub files: Vec<PathBuf>,
    /// The rules in force.
    pub rules: RuleSet,
    /// The output format.
    pub format: Format,
    /// How the human report renders (colour, width, least severity shown).
    pub human: human::Options,
    /// Where the report goes (atomically); stdout when `None`.
    pub output: Option<PathBuf>,
    /// JSONL to stdout: a line per file as each finishes, nothing at the end.
    pub stream: bool,
    /// Draw a progress bar on stderr.
    pub progress: bool,
    /// The cache of earlier results, if used.
    pub cache: Option<Cache>,
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    /// The most time one file may take; `None`: no limit.
    pub file_budget: Option<std::time::Duration>,
    /// Where annotated copies of the workbooks with findings go.
    pub annotate: Option<crossfoot::annotate::Plan>,
    /// `--no-templates`: no shipped packs for recognised documents.
    pub no_templates: bool,
}

impl Options {
    /// Resolves `check`'s arguments: finds the files, loads the rules and
    /// opens the cache. Fails when no file is found (unless a shard came
    /// out empty) or a rule file has mistakes.
    pub fn resolve(args: CheckArgs) -> Result<Options, Failure> {
        let start = Instant::now();
        let mut files = collect_files(&args.paths);
        timing::note("find files", start);
        if let Some((k, n)) = args.shard {
            files = shard(files, k, n);
        }
        if files.is_empty() && args.shard.is_none() {
            return Err(Failure::Usage(crossfoot::message::tr("no-files-found")));
        }
        refuse_output_over_input(args.output.as_deref(), &files)?;
        let annotate = match &args.annotate {
            Some(dir) => Some(crossfoot::annotate::Plan::new(&files, dir).map_err(Failure::Usage)?),
            None => None,
        };
        let rules = load_rules(&args.paths, &args.common)?;
        let format = format_of(args.format);
        let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
        let stream = format == Format::Jsonl && args.output.is_none();
        // The HTML report draws the tables, which the cache does not keep.
        let cache = if format.needs_views() {
            None
        } else {
            cache(&args.common, &rules)
        };
        Ok(Options {
            start,
            files,
            format,
            human: human_options(&args.common, to_terminal),
            output: args.output,
            stream,
            progress: std::io::stderr().is_terminal() && !stream,
            cache,
            jobs: args.common.jobs,
            file_budget: args.common.file_budget(),
            annotate,
            rules,
            no_templates: args.common.no_templates,
        })
    }
}

/// `-o` naming one of the files to check is refused: the report would
/// replace it.
fn refuse_output_over_input(
    output: Option<&std::path::Path>,
    files: &[PathBuf],
) -> Result<(), Failure> {
    let Some(out) = output else {
        return Ok(());
    };
    let real = |p: &std::path::Path| p.canonicalize().ok();
    let Some(out_real) = real(out) else {
        return Ok(()); // a new file is never an input
    };
    if files.iter().any(|f| real(f).as_ref() == Some(&out_real)) {
        return Err(Failure::Usage(
            crossfoot::message::Message::new("output-is-input")
                .text("path", out.display().to_string())
                .render(),
        ));
    }
    Ok(())
}

fn format_of(arg: FormatArg) -> Format {
    match arg {
        FormatArg::Human => Format::Human,
        FormatArg::Json => Format::Json,
        FormatArg::Jsonl => Format::Jsonl,
        FormatArg::Junit => Format::Junit,
        FormatArg::Sarif => Format::Sarif,
        FormatArg::Csv => Format::Csv,
        FormatArg::Html => Format::Html,
    }
}

/// The rule set for a run over `paths`: the crossfoot.toml files found for
/// them (unless `--no-config`), then the files given with `--rules`.
pub fn load_rules(paths: &[PathBuf], common: &Common) -> Result<RuleSet, Failure> {
    rule_set(paths, &common.rules, common.no_config)
}

/// [`load_rules`] from the flags themselves.
pub fn rule_set(paths: &[PathBuf], given: &[PathBuf], no_config: bool) -> Result<RuleSet, Failure> {
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
    RuleSet::load(&files).map_err(Failure::Rules)
}

/// The cache, unless `--no-cache`.
fn cache(common: &Common, rules: &RuleSet) -> Option<Cache> {
    (!common.no_cache).then(|| {
        Cache::new(
            common.cache_dir.clone().unwrap_or_else(Cache::default_dir),
            // The shipped packs are part of the build; whether they apply
            // is part of what a report was made with.
            &format!(
                "{}{}",
                rules.fingerprint(),
                if common.no_templates {
                    "|no-templates"
                } else {
                    ""
                }
            ),
        )
    })
}

/// Colour only on a terminal and without `NO_COLOR`; info findings only
/// with `--show-info`.
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
