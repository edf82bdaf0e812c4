//! The run, in stages:
//!
//! 1. **read** a file: a workbook, or a report in prose (`file.rs`);
//! 2. **detect** the tables on each sheet (`file.rs`);
//! 3. **check** each table with the auto checks, and a report's claims
//!    (`file.rs`);
//!    A folder of workbooks, a standard table each, is recognised as one
//!    document and its pack applied across them (`documents.rs`);
//! 4. **rules and ties** across files: the rule set, and reports tied to
//!    the workbooks they quote (`together.rs`);
//! 5. **summarise**: totals and what the run comes to ([`Run::summary`],
//!    [`Run::outcome`]).
//!
//! Which files a run takes, and which it skips, is decided in [`files`].
//!
//! Stages 1–3 run file by file, in parallel, and the cache answers for the
//! files it knows. Files are checked on their own unless rules or a report
//! tie them together; only then are their tables kept for stage 4, so the
//! memory of a run over a big folder stays bounded.

mod budget;
mod documents;
mod file;
pub mod files;
mod summary;
mod together;

use std::path::PathBuf;

use rayon::prelude::*;

use crate::cache::Cache;
use crate::rules::{self, eval::Loaded, RuleSet};
use crate::{dispose, timing};

pub use file::{check_file, check_sheet, recognise_file, FileReport, SheetReport, Status};
pub use summary::{Outcome, Summary};

/// What a run produced.
#[derive(Debug, Default)]
pub struct Run {
    /// One report per file, in order.
    pub reports: Vec<FileReport>,
    /// Mistakes in rules seen only against the data.
    pub rule_errors: Vec<rules::RuleError>,
    /// Rules whose tables were found in none of the files.
    pub not_applicable: Vec<String>,
    /// Each rule's items, passes, fails and undecided (empty without rules).
    pub rule_summaries: Vec<rules::summary::RuleSummary>,
}

/// How far a run has come, as told to [`RunOptions::progress`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// The run begins with this many files.
    Started {
        /// Files to check.
        files: usize,
    },
    /// This many more files are checked (or answered by the cache).
    Done(usize),
    /// Every file is checked; rules and ties may follow.
    Finished,
}

/// A streaming callback: reports that became final together.
pub type OnReport<'a> = dyn Fn(&[&FileReport]) + Sync + 'a;

/// A progress callback (called from the worker threads).
pub type OnProgress<'a> = dyn Fn(Progress) + Sync + 'a;

/// How to run a check over many files.
#[derive(Default)]
pub struct RunOptions<'a> {
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    /// The incremental cache, if used.
    pub cache: Option<Cache>,
    /// Told how far the run has come (the library draws nothing itself).
    pub progress: Option<&'a OnProgress<'a>>,
    /// Called with files' reports as soon as they are final (for streaming
    /// output). Without rules or reports in the run, that is as each file
    /// finishes, one report a call, and the files the cache answers first,
    /// all in one call; otherwise all at once after the rules are evaluated.
    pub on_report: Option<&'a OnReport<'a>>,
    /// Build the views of the tables with findings that the HTML report
    /// draws ([`FileReport::views`]); other outputs need none.
    pub views: bool,
    /// The most time one file may take (read, detect, check); a file not
    /// done by then gets an error and the run goes on without it. `None`:
    /// no limit. With a budget each file is checked on a thread of its own,
    /// and the parallel work within a file runs on rayon's global pool.
    pub file_budget: Option<std::time::Duration>,
    /// Do not apply the shipped packs to files recognised as standard
    /// disclosure documents (`--no-templates`).
    pub no_templates: bool,
}

impl RunOptions<'_> {
    fn tell(&self, p: Progress) {
        if let Some(cb) = self.progress {
            cb(p);
        }
    }
}

/// Checks files with auto mode and, if given, a rule set evaluated across
/// all of them (so a rule can tie a summary workbook to a folder of
/// department workbooks).
pub fn check_files(files: &[PathBuf], rules: Option<&RuleSet>) -> Run {
    check_files_with(files, rules, &RunOptions::default())
}

/// [`check_files`], in parallel, with a cache, progress and streaming.
pub fn check_files_with(files: &[PathBuf], rules: Option<&RuleSet>, opts: &RunOptions) -> Run {
    let rules = rules.filter(|r| !r.rules.is_empty());
    // The run's own copy of a shipped pack replaces the automatic one.
    let overridden;
    let opts = if rules.is_some_and(crate::disclosure::overridden_by) && !opts.no_templates {
        overridden = RunOptions {
            jobs: opts.jobs,
            cache: None,
            progress: opts.progress,
            on_report: opts.on_report,
            views: opts.views,
            file_budget: opts.file_budget,
            no_templates: true,
        };
        &overridden
    } else {
        opts
    };
    // Files are checked on their own unless rules or a report tie them
    // together; only then are their tables kept (memory stays bounded).
    let together = rules.is_some() || files.iter().any(|p| files::is_report(p));
    let run_key = together.then(|| Cache::run_fingerprint(files));
    opts.tell(Progress::Started { files: files.len() });
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs)
        .build();
    let work = || check_each(files, opts, together, run_key);
    let checked = match pool {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    };
    opts.tell(Progress::Finished);
    let run = if together {
        together::rules_and_ties(files, checked, rules, opts, run_key)
    } else {
        let mut checked = checked;
        documents_of_parts(&mut checked, opts);
        Run {
            reports: checked.into_iter().map(|c| c.report).collect(),
            ..Run::default()
        }
    };
    if let Some(c) = &opts.cache {
        let _ = c.finish();
    }
    if let (true, Some(cb)) = (together, opts.on_report) {
        cb(&run.reports.iter().collect::<Vec<_>>());
    }
    run
}

/// One file after stages 1–3.
struct Checked {
    report: FileReport,
    /// Its tables and sheets, kept when the files are checked together.
    data: Option<Loaded>,
    /// The cache answered (nothing was read).
    cached: bool,
    /// It holds standard disclosure tables but is no document alone: its
    /// report waits for the other files of its folder (stage 3c).
    part: bool,
}

/// Stage 3c when files are checked on their own: the files that are parts
/// of a document made of a folder of workbooks are recognised together;
/// their reports then go out (they are not cached: they depend on the
/// other files of the folder).
fn documents_of_parts(checked: &mut [Checked], opts: &RunOptions) {
    let parts: Vec<usize> = (0..checked.len()).filter(|&i| checked[i].part).collect();
    if parts.is_empty() {
        return;
    }
    let mut loaded: Vec<Loaded> = parts
        .iter()
        .map(|&i| {
            checked[i]
                .data
                .take()
                .unwrap_or_else(|| documents::placeholder(checked[i].report.path.clone()))
        })
        .collect();
    let mut reports: Vec<FileReport> = parts
        .iter()
        .map(|&i| {
            std::mem::replace(
                &mut checked[i].report,
                FileReport::empty(std::path::Path::new("")),
            )
        })
        .collect();
    let all: Vec<usize> = (0..parts.len()).collect();
    documents::across_files(&mut loaded, &mut reports, &all, opts.views);
    for (&i, report) in parts.iter().zip(reports) {
        checked[i].report = report;
    }
    if let Some(cb) = opts.on_report {
        let out: Vec<&FileReport> = parts.iter().map(|&i| &checked[i].report).collect();
        cb(&out);
    }
}

/// Stages 1–3 for every file, in parallel (on the current rayon pool), in
/// order; the cache answers first for the files it knows, and those reports
/// go out together.
fn check_each(
    files: &[PathBuf],
    opts: &RunOptions,
    together: bool,
    run_key: Option<u64>,
) -> Vec<Checked> {
    let cached = match &opts.cache {
        Some(c) => {
            timing::time("cache index", || c.begin(files));
            timing::time("cache lookups", || c.lookup_all(files, run_key))
        }
        None => files.iter().map(|_| None).collect(),
    };
    let hits: Vec<&FileReport> = cached.iter().flatten().collect();
    opts.tell(Progress::Done(hits.len()));
    if let (false, Some(cb), false) = (together, opts.on_report, hits.is_empty()) {
        timing::time("cached output", || cb(&hits));
    }
    files
        .par_iter()
        .zip(cached)
        .map(|(path, cached)| match cached {
            Some(report) => Checked {
                report,
                data: None,
                cached: true,
                part: false,
            },
            None => check_fresh(path, opts, together),
        })
        .collect()
}

/// Stages 1–3 for a file the cache did not answer. Checked on its own, the
/// file's report is final: it goes out and into the cache at once, and its
/// data is freed (a big workbook in the background).
fn check_fresh(path: &std::path::Path, opts: &RunOptions, together: bool) -> Checked {
    let (report, mut data) =
        file::check_and_keep(path, opts.views, opts.file_budget, !opts.no_templates);
    opts.tell(Progress::Done(1));
    // A standard table alone in its file: its folder may be the document.
    let part = !opts.no_templates && data.as_ref().is_some_and(crate::disclosure::is_part);
    if !together && part {
        return Checked {
            report,
            data,
            cached: false,
            part,
        };
    }
    if !together {
        if let Some(cb) = opts.on_report {
            cb(&[&report]);
        }
        // A file that ran out of time may finish with more of it: it is
        // not remembered as failing.
        if let (Some(c), false) = (&opts.cache, report.timed_out()) {
            let _ = c.store(&report, None);
        }
        if let Some(big) = data.take().filter(Loaded::is_big) {
            dispose::later(big);
        }
    }
    Checked {
        report,
        data,
        cached: false,
        part,
    }
}
