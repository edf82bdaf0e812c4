//! crossfoot checks the arithmetic of fiscal spreadsheets: that every 合计
//! row is the sum of its rows, every 合计 column the sum of the columns it
//! heads, every 类 the sum of its 款, every 其中 breakdown within its whole
//! and every score within its maximum — exactly, in decimals, allowing only
//! for the rounding of the figures as shown.
//!
//! ```
//! use crossfoot::{check_sheet, workbook::csv};
//!
//! let sheet = csv::parse("重点评价项目", "项目类别,评价金额（万元）\n\
//!     一般公共预算,1712.1\n政府性基金预算,2600\n社会保险基金预算,16333\n\
//!     专项债券,586\n合计,21240.1\n").unwrap();
//! let report = check_sheet(&sheet);
//! assert_eq!(report.findings.len(), 1);
//! let f = &report.findings[0];
//! assert_eq!(f.cell(), Some("B6"));
//! let computed = f.evidence.as_ref().and_then(|e| e.computed);
//! assert_eq!(computed, Some("21231.1".parse().unwrap()));
//! ```
#![deny(missing_docs)]

pub mod amount;
pub mod annotate;
pub mod cache;
pub mod checks;
pub mod dispose;
pub mod error;
pub mod finding;
pub mod message;
pub mod report;
pub mod rules;
pub mod table;
pub mod text;
pub mod timing;
pub mod workbook;

use std::path::{Path, PathBuf};

pub use error::{ReadError, ReadErrorKind};
pub use finding::{Finding, Severity};

/// What checking one sheet found.
#[derive(Debug, Default)]
pub struct SheetReport {
    /// Tables detected.
    pub tables: usize,
    /// Relations decided.
    pub checks: usize,
    /// Findings, in sheet order.
    pub findings: Vec<Finding>,
}

/// Detects the tables on a sheet and checks each.
pub fn check_sheet(sheet: &workbook::Sheet) -> SheetReport {
    let mut report = SheetReport::default();
    for table in table::detect(sheet) {
        let t = checks::check_table(&table);
        report.tables += 1;
        report.checks += t.checks;
        report.findings.extend(t.findings);
    }
    report
}

/// The outcome for one file.
#[derive(Debug)]
pub struct FileReport {
    /// The file, as given or found.
    pub path: PathBuf,
    /// Tables detected.
    pub tables: usize,
    /// Relations decided.
    pub checks: usize,
    /// Findings, sheet by sheet.
    pub findings: Vec<Finding>,
    /// Why the file could not be read, if it could not.
    pub error: Option<ReadError>,
    /// The tables with findings, as the HTML report draws them.
    pub views: Vec<report::view::TableView>,
}

impl FileReport {
    /// `ok`, `findings` (at least one warning or error) or `error`.
    pub fn status(&self) -> &'static str {
        if self.error.is_some() {
            "error"
        } else if self
            .findings
            .iter()
            .any(|f| f.severity >= Severity::Warning)
        {
            "findings"
        } else {
            "ok"
        }
    }

    /// True when the file has at least one error finding.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// Reads and checks one file. Never panics on bad input: a file that cannot
/// be read gives a report with `error` set.
pub fn check_file(path: &Path) -> FileReport {
    check_and_keep(path).0
}

/// Reads and checks one file, keeping its tables and sheets for rules.
fn check_and_keep(path: &Path) -> (FileReport, Option<rules::eval::Loaded>) {
    let mut report = FileReport {
        path: path.to_path_buf(),
        tables: 0,
        checks: 0,
        findings: Vec::new(),
        error: None,
        views: Vec::new(),
    };
    if matches!(
        workbook::FileKind::from_path(path),
        Some(workbook::FileKind::Text | workbook::FileKind::Docx)
    ) {
        return match std::panic::catch_unwind(|| text::read(path)) {
            Ok(Ok(doc)) => {
                report.findings = text::claims::check(&doc);
                report.checks = report.findings.len();
                let loaded = rules::eval::Loaded {
                    path: path.to_path_buf(),
                    tables: Vec::new(),
                    sheets: Vec::new(),
                    docs: vec![doc],
                };
                (report, Some(loaded))
            }
            Ok(Err(e)) => {
                report.error = Some(e);
                (report, None)
            }
            Err(_) => {
                report.error = Some(ReadError::new(
                    path,
                    ReadErrorKind::Corrupt("the reader failed on this file".into()),
                ));
                (report, None)
            }
        };
    }
    let t0 = std::time::Instant::now();
    let result = std::panic::catch_unwind(|| workbook::read(path));
    crate::timing::note("read", t0);
    let wb = match result {
        Ok(Ok(wb)) => wb,
        Ok(Err(e)) => {
            report.error = Some(e);
            return (report, None);
        }
        Err(_) => {
            report.error = Some(ReadError::new(
                path,
                ReadErrorKind::Corrupt("the reader failed on this file".into()),
            ));
            return (report, None);
        }
    };
    let mut tables = Vec::new();
    for sheet in &wb.sheets {
        let t1 = std::time::Instant::now();
        let detected = table::detect(sheet);
        crate::timing::note("detect", t1);
        for table in detected {
            let t1 = std::time::Instant::now();
            let t = checks::check_table(&table);
            crate::timing::note("check", t1);
            report.tables += 1;
            report.checks += t.checks;
            let flagged: Vec<&Finding> = t
                .findings
                .iter()
                .filter(|f| f.severity >= Severity::Warning)
                .collect();
            if !flagged.is_empty() {
                report
                    .views
                    .push(report::view::build(sheet, &table, &flagged));
            }
            report.findings.extend(t.findings);
            tables.push(table);
        }
    }
    let loaded = rules::eval::Loaded {
        path: path.to_path_buf(),
        tables,
        sheets: wb.sheets,
        docs: Vec::new(),
    };
    (report, Some(loaded))
}

/// What a run produced.
#[derive(Debug, Default)]
pub struct Run {
    /// One report per file, in order.
    pub reports: Vec<FileReport>,
    /// Mistakes in rules seen only against the data.
    pub rule_errors: Vec<rules::RuleError>,
    /// Rules whose tables were found in none of the files.
    pub not_applicable: Vec<String>,
}

/// A streaming callback: reports that became final together.
pub type OnReport<'a> = dyn Fn(&[&FileReport]) + Sync + 'a;

/// How to run a check over many files.
#[derive(Default)]
pub struct RunOptions<'a> {
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    /// The incremental cache, if used.
    pub cache: Option<cache::Cache>,
    /// Show a progress bar (on a terminal, for several files).
    pub progress: bool,
    /// Called with files' reports as soon as they are final (for streaming
    /// output). Without rules or reports in the run, that is as each file
    /// finishes, one report a call, and the files the cache answers first,
    /// all in one call; otherwise all at once after the rules are evaluated.
    pub on_report: Option<&'a OnReport<'a>>,
}

/// Checks files with auto mode and, if given, a rule set evaluated across
/// all of them (so a rule can tie a summary workbook to a folder of
/// department workbooks).
pub fn check_files(files: &[PathBuf], rules: Option<&rules::RuleSet>) -> Run {
    check_files_with(files, rules, &RunOptions::default())
}

/// [`check_files`], in parallel, with a cache, progress and streaming.
pub fn check_files_with(
    files: &[PathBuf],
    rules: Option<&rules::RuleSet>,
    opts: &RunOptions,
) -> Run {
    use rayon::prelude::*;
    let rules = rules.filter(|r| !r.rules.is_empty());
    let has_docs = files.iter().any(|p| {
        matches!(
            workbook::FileKind::from_path(p),
            Some(workbook::FileKind::Text | workbook::FileKind::Docx)
        )
    });
    // Files are checked on their own unless rules or a report tie them
    // together; only then are their tables kept (memory stays bounded).
    let together = rules.is_some() || has_docs;
    let run_key = together.then(|| cache::Cache::run_fingerprint(files));
    let bar = (opts.progress && files.len() > 1).then(|| {
        let bar = indicatif::ProgressBar::new(files.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {pos}/{len} files [{elapsed}] {wide_bar} {msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs)
        .build();
    let work = || -> Vec<(FileReport, Option<rules::eval::Loaded>, bool)> {
        // What the cache answers first (a stat a file): those reports are
        // final at once, and go out together.
        let cached = match &opts.cache {
            Some(c) => {
                let t0 = std::time::Instant::now();
                c.begin(files);
                crate::timing::note("cache index", t0);
                let t0 = std::time::Instant::now();
                let found = c.lookup_all(files, run_key);
                crate::timing::note("cache lookups", t0);
                found
            }
            None => files.iter().map(|_| None).collect(),
        };
        let hits: Vec<&FileReport> = cached.iter().flatten().collect();
        if let Some(b) = &bar {
            b.inc(hits.len() as u64);
        }
        if let (false, Some(cb), false) = (together, opts.on_report, hits.is_empty()) {
            let t0 = std::time::Instant::now();
            cb(&hits);
            crate::timing::note("cached output", t0);
        }
        files
            .par_iter()
            .zip(cached)
            .map(|(path, cached)| {
                if let Some(r) = cached {
                    return (r, None, true);
                }
                let (r, mut data) = check_and_keep(path);
                if let Some(b) = &bar {
                    b.inc(1);
                }
                if !together {
                    if let Some(cb) = opts.on_report {
                        cb(&[&r]);
                    }
                    if let Some(c) = &opts.cache {
                        let _ = c.store(&r, None);
                    }
                    // Not kept: a big workbook is freed in the background.
                    if let Some(big) = data.take().filter(rules::eval::Loaded::is_big) {
                        dispose::later(big);
                    }
                }
                (r, data, false)
            })
            .collect()
    };
    let results = match pool {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    };
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let mut run = Run::default();
    if !together {
        run.reports = results.into_iter().map(|(r, _, _)| r).collect();
        if let Some(c) = &opts.cache {
            let _ = c.finish();
        }
        return run;
    }
    if results.iter().all(|(_, _, hit)| *hit) {
        // The whole run is unchanged: every report, rules included, is cached.
        run.reports = results.into_iter().map(|(r, _, _)| r).collect();
    } else {
        // Something changed: every file is needed for the rules and ties.
        let mut loaded = Vec::with_capacity(files.len());
        for (path, (report, data, hit)) in files.iter().zip(results) {
            let (report, data) = if hit {
                check_and_keep(path)
            } else {
                (report, data)
            };
            run.reports.push(report);
            loaded.push(data.unwrap_or_else(|| rules::eval::Loaded {
                path: path.clone(),
                tables: Vec::new(),
                sheets: Vec::new(),
                docs: Vec::new(),
            }));
        }
        evaluate_together(&mut run, &loaded, rules);
        if let Some(c) = &opts.cache {
            if run.rule_errors.is_empty() {
                for r in &run.reports {
                    let _ = c.store(r, run_key);
                }
            }
        }
    }
    if let Some(c) = &opts.cache {
        let _ = c.finish();
    }
    if let Some(cb) = opts.on_report {
        cb(&run.reports.iter().collect::<Vec<_>>());
    }
    run
}

/// Rules across files, and reports tied to workbooks.
fn evaluate_together(
    run: &mut Run,
    loaded: &[rules::eval::Loaded],
    rules: Option<&rules::RuleSet>,
) {
    if loaded.iter().any(|l| !l.docs.is_empty()) && loaded.iter().any(|l| !l.tables.is_empty()) {
        for (file, finding) in text::tie::tie(loaded) {
            if let Some(r) = run.reports.get_mut(file) {
                r.checks += 1;
                r.findings.push(finding);
            }
        }
    }
    if let Some(rs) = rules {
        let out = rules::eval::evaluate(rs, loaded);
        for (file, finding) in out.findings {
            if let Some(r) = run.reports.get_mut(file) {
                r.findings.push(finding);
            }
        }
        for (file, n) in out.checks {
            if let Some(r) = run.reports.get_mut(file) {
                r.checks += n;
            }
        }
        run.rule_errors = out.errors;
        run.not_applicable = out.not_applicable;
    }
}

/// Keeps the files whose path hashes to shard `k` of `n` (1-based): a
/// stable split of a drive across machines.
pub fn shard(files: Vec<PathBuf>, k: usize, n: usize) -> Vec<PathBuf> {
    files
        .into_iter()
        .filter(|p| {
            #[allow(deprecated)]
            let mut h = std::hash::SipHasher::new();
            std::hash::Hash::hash(&p.to_string_lossy().replace('\\', "/"), &mut h);
            (std::hash::Hasher::finish(&h) % n as u64) as usize == k - 1
        })
        .collect()
}

/// Writes `bytes` to a temporary file beside `path`, flushes it to disk,
/// then renames it over `path`, so a reader never sees a half-written file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_via_temp(path, bytes, true)
}

/// [`write_atomically`] without waiting for the disk, for what can be
/// worked out again (the cache). A crashed run still never leaves half a
/// file; after a power failure a file may be lost or empty, which its
/// reader must take as missing. (Flushing each of 2,000 cache entries made a
/// first run ten times slower.)
pub(crate) fn write_atomically_unsynced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_via_temp(path, bytes, false)
}

fn write_via_temp(path: &Path, bytes: &[u8], durable: bool) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let unique = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let tmp = dir.join(format!(".{name}.{}.{unique}.tmp", std::process::id()));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        if durable {
            f.sync_all()?;
        }
    }
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// Expands the paths given on the command line: files as they are, folders
/// recursively to the spreadsheets inside them (skipping Office lock files
/// `~$*`, hidden files and folders, and files that are not spreadsheets).
/// Paths that do not exist are returned as they are, to be reported.
pub fn collect_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    // The entry's type comes with the listing (no stat per file); a link is
    // followed to see whether it is a folder.
    let mut entries: Vec<(PathBuf, bool)> = entries
        .filter_map(Result::ok)
        .map(|e| {
            let path = e.path();
            let dir = match e.file_type() {
                Ok(t) if !t.is_symlink() => t.is_dir(),
                _ => path.is_dir(),
            };
            (path, dir)
        })
        .collect();
    // One folder's entries differ only in their names: compare those bytes.
    entries.sort_unstable_by(|a, b| a.0.as_os_str().cmp(b.0.as_os_str()));
    for (path, is_dir) in entries {
        let name = path.file_name().map_or(&[][..], |n| n.as_encoded_bytes());
        if name.starts_with(b".") || name.starts_with(b"~$") {
            continue;
        }
        if is_dir {
            walk(&path, out);
        } else if workbook::FileKind::from_path(&path)
            .is_some_and(|k| k != workbook::FileKind::Text)
        {
            // Text reports (txt, md) are checked when named, not found in
            // folder scans; docx reports are found.
            out.push(path);
        }
    }
}

/// Totals over a run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Files with nothing wrong.
    pub ok: usize,
    /// Files with findings.
    pub findings: usize,
    /// Files that could not be read.
    pub errors: usize,
}

impl Summary {
    /// Counts a list of reports.
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for r in reports {
            match r.status() {
                "ok" => s.ok += 1,
                "findings" => s.findings += 1,
                _ => s.errors += 1,
            }
        }
        s
    }
}
