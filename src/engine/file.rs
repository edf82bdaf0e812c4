//! One file through the first stages: read → detect tables → check.

use std::path::{Path, PathBuf};

use crate::checks::{self, TableReport};
use crate::error::{ReadError, ReadErrorKind};
use crate::finding::{Finding, Severity};
use crate::report::view::{self, TableView};
use crate::rules::eval::Loaded;
use crate::table::{self, Table};
use crate::text::{self, Doc};
use crate::timing;
use crate::workbook::{self, Sheet, Workbook};

use super::files::is_report;

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

/// How a checked file stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Nothing wrong (info findings at most).
    Ok,
    /// At least one warning or error finding.
    Findings,
    /// The file could not be read.
    Error,
}

impl Status {
    /// `ok`, `findings` or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Findings => "findings",
            Status::Error => "error",
        }
    }
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
    /// The file's size and modification time when it was read: the cache
    /// keeps the report only if they are the same after the check (a file
    /// replaced mid-check is checked again next time).
    pub read_stamp: Option<(u64, u128)>,
    /// The tables with findings, as the HTML report draws them; built only
    /// when the run asks for them ([`super::RunOptions::views`]).
    pub views: Vec<TableView>,
}

impl FileReport {
    /// A report with nothing in it yet.
    pub(super) fn empty(path: &Path) -> FileReport {
        FileReport {
            path: path.to_path_buf(),
            tables: 0,
            checks: 0,
            findings: Vec::new(),
            error: None,
            read_stamp: None,
            views: Vec::new(),
        }
    }

    /// How the file stands.
    pub fn state(&self) -> Status {
        if self.error.is_some() {
            Status::Error
        } else if self
            .findings
            .iter()
            .any(|f| f.severity >= Severity::Warning)
        {
            Status::Findings
        } else {
            Status::Ok
        }
    }

    /// `ok`, `findings` (at least one warning or error) or `error`, as the
    /// outputs spell it.
    pub fn status(&self) -> &'static str {
        self.state().as_str()
    }

    /// True when the file was not checked for want of time (the per-file
    /// budget ran out).
    pub fn timed_out(&self) -> bool {
        matches!(
            self.error.as_ref().map(|e| &e.kind),
            Some(ReadErrorKind::TimedOut(_))
        )
    }

    /// True when the file has at least one error finding.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// Detects the tables on a sheet and checks each.
pub fn check_sheet(sheet: &Sheet) -> SheetReport {
    detect_and_check(sheet, |_, _| {})
}

/// Reads and checks one file. Never panics on bad input: a file that cannot
/// be read gives a report with `error` set.
pub fn check_file(path: &Path) -> FileReport {
    check_and_keep(path, false, None, true).0
}

/// The standard disclosure document a file is, if it is one: its tables
/// read and detected, nothing checked (for `crossfoot rules list`).
pub fn recognise_file(path: &Path) -> Option<crate::disclosure::Recognised> {
    let (_, loaded) = check_and_keep(path, false, None, false);
    crate::disclosure::recognise(&loaded?, "")
}

/// What a file holds, as read.
enum Input {
    Workbook(Workbook),
    Report(Doc),
    Pdf(workbook::pdf::Pdf),
}

/// Reads and checks one file, keeping its tables and sheets for the rules
/// (`None` when it could not be read); `views`: build the HTML report's
/// views of the tables with findings. With a `budget`, a file not done
/// within it gets an error ([`ReadErrorKind::TimedOut`]) and is left
/// behind (see [`super::budget`]).
pub(super) fn check_and_keep(
    path: &Path,
    views: bool,
    budget: Option<std::time::Duration>,
    templates: bool,
) -> (FileReport, Option<Loaded>) {
    let stamp = crate::cache::stamp(path);
    let owned = path.to_path_buf();
    let done = super::budget::within(budget, move || read_and_check(&owned, views, templates));
    let (mut report, loaded) = match done {
        Ok(done) => done,
        Err(overrun) => {
            let kind = match (overrun, budget) {
                (super::budget::Overrun::TimedOut, Some(b)) => ReadErrorKind::TimedOut(b),
                _ => ReadErrorKind::Internal,
            };
            let mut report = FileReport::empty(path);
            report.error = Some(ReadError::new(path, kind));
            (report, None)
        }
    };
    report.read_stamp = stamp;
    (report, loaded)
}

fn read_and_check(path: &Path, views: bool, templates: bool) -> (FileReport, Option<Loaded>) {
    match read(path) {
        Ok(Input::Workbook(wb)) => {
            let (mut report, loaded) = check_workbook(path, wb, views);
            if templates {
                apply_templates(&mut report, &loaded, "", views);
            }
            (report, Some(loaded))
        }
        Ok(Input::Report(doc)) => {
            let (report, loaded) = check_report(path, doc);
            (report, Some(loaded))
        }
        Ok(Input::Pdf(pdf)) => {
            let (report, loaded) = check_pdf(path, pdf, views, templates);
            (report, Some(loaded))
        }
        Err(e) => {
            let mut report = FileReport::empty(path);
            report.error = Some(e);
            (report, None)
        }
    }
}

/// Stage 1, read: a workbook, or a report in prose; a reader that fails
/// (panics) on a file gives an error, not a crash.
fn read(path: &Path) -> Result<Input, ReadError> {
    match std::fs::metadata(path) {
        // A folder here is one the walk could not list: why not.
        Ok(m) if m.is_dir() => {
            let kind = match std::fs::read_dir(path) {
                Err(e) => ReadErrorKind::Io(e),
                Ok(_) => ReadErrorKind::NotAFile,
            };
            return Err(ReadError::new(path, kind));
        }
        Ok(m) if !m.is_file() => return Err(ReadError::new(path, ReadErrorKind::NotAFile)),
        Ok(_) => {}
        // Missing, or not ours to read: say so, not what its name suggests.
        Err(e) => return Err(ReadError::new(path, ReadErrorKind::Io(e))),
    }
    let guarded = |read: &dyn Fn() -> Result<Input, ReadError>| {
        crate::panic::catch(read).unwrap_or_else(|_| {
            Err(ReadError::new(
                path,
                ReadErrorKind::Corrupt(crate::message::tr("detail-reader-failed")),
            ))
        })
    };
    if workbook::FileKind::from_path(path) == Some(workbook::FileKind::Pdf) {
        timing::time("read", || {
            guarded(&|| workbook::pdf::read(path).map(Input::Pdf))
        })
    } else if is_report(path) {
        guarded(&|| text::read(path).map(Input::Report))
    } else {
        timing::time("read", || {
            guarded(&|| workbook::read(path).map(Input::Workbook))
        })
    }
}

/// Stage 2, detect: the tables on a sheet.
fn detect(sheet: &Sheet) -> Vec<Table> {
    timing::time("detect", || table::detect(sheet))
}

/// Stage 3, check: the auto checks of one table.
fn check(table: &Table) -> TableReport {
    timing::time("check", || checks::check_table(table))
}

/// Stages 2 and 3 over one sheet: each table detected is checked, then
/// handed to `keep` with what its check found.
fn detect_and_check(sheet: &Sheet, mut keep: impl FnMut(Table, &TableReport)) -> SheetReport {
    let mut report = SheetReport::default();
    let tables = detect(sheet);
    // Between the tables of the sheet: the two sides of a 收支总表 (each
    // finding kept with the table it is in).
    let (compared, mut between) = checks::two_sided::balance(&tables);
    report.checks += compared;
    for (n, table) in tables.into_iter().enumerate() {
        let mut t = check(&table);
        for (_, f) in between.extract_if(.., |(at, _)| *at == n) {
            t.findings.push(f);
        }
        report.tables += 1;
        report.checks += t.checks;
        keep(table, &t);
        report.findings.extend(t.findings);
    }
    report
}

/// Stages 2 and 3 over a workbook, keeping its tables and sheets.
fn check_workbook(path: &Path, wb: Workbook, views: bool) -> (FileReport, Loaded) {
    let mut report = FileReport::empty(path);
    let mut tables = Vec::new();
    for sheet in &wb.sheets {
        let s = detect_and_check(sheet, |table, t| {
            if views {
                report.views.extend(view_of(sheet, &table, &t.findings));
            }
            tables.push(table);
        });
        report.tables += s.tables;
        report.checks += s.checks;
        report.findings.extend(s.findings);
    }
    let loaded = Loaded {
        path: path.to_path_buf(),
        tables,
        sheets: wb.sheets,
        docs: Vec::new(),
    };
    (report, loaded)
}

/// Stage 3b: a file recognised as a standard disclosure document (a 部门
/// 预算 or 部门决算, [`crate::disclosure`]) is checked by its shipped rule
/// pack, and its nine tables are counted. `prose`: the document's text
/// outside its tables (for 空表说明).
fn apply_templates(report: &mut FileReport, loaded: &Loaded, prose: &str, views: bool) {
    // (A 预决算 bundle holds both documents: each gets its pack.)
    for r in crate::disclosure::recognise_each(loaded, prose) {
        apply_pack(&r, std::slice::from_ref(loaded), &mut [&mut *report], views);
    }
}

/// The pack of a document recognised in `files` (one file, or the
/// workbooks of a folder, a table each), applied across them; `reports`
/// are the files' reports, in the same order. Each rule item decided is a
/// check (counted on the first file); a rule with items it could not
/// decide, or that does not fit this variant of the template (a column it
/// names is not there), is a `template-undecided` finding, never a pass.
/// The pack's findings go to the file of their cell; a missing table to the
/// first file, an unexplained empty one to its own.
pub(super) fn apply_pack(
    r: &crate::disclosure::Recognised,
    files: &[Loaded],
    reports: &mut [&mut FileReport],
    views: bool,
) {
    use crate::disclosure;
    let Some(pack) = disclosure::pack(r.document) else {
        return;
    };
    if reports.is_empty() {
        return;
    }
    let out = crate::rules::eval::evaluate(&pack, files);
    for s in &out.summaries {
        reports[0].checks += s.decided();
        if s.undecided > 0 {
            reports[0].findings.push(disclosure::undecided_finding(s));
        }
    }
    for (id, e) in &out.variants {
        reports[0]
            .findings
            .push(disclosure::not_applied_finding(id, e));
    }
    let mut found: Vec<Vec<Finding>> = vec![Vec::new(); files.len()];
    for (fi, f) in out.findings {
        if let Some(v) = found.get_mut(fi) {
            v.push(f);
        }
    }
    for (fi, (loaded, found)) in files.iter().zip(found).enumerate() {
        let Some(report) = reports.get_mut(fi) else {
            continue;
        };
        if views {
            // The HTML report draws the tables the pack's findings are in
            // (a table with no finding of its own has no view yet).
            for t in &loaded.tables {
                if !found.iter().any(|f| view::concerns(t, f)) {
                    continue;
                }
                let Some(sheet) = loaded.sheets.iter().find(|s| s.name == t.sheet) else {
                    continue;
                };
                let mine: Vec<Finding> = report
                    .findings
                    .iter()
                    .chain(&found)
                    .filter(|f| view::concerns(t, f))
                    .cloned()
                    .collect();
                // (Its earlier view, drawn for fewer findings, is replaced.)
                report.views.retain(|v| {
                    !(v.sheet == t.sheet
                        && v.title == t.title
                        && t.columns.iter().any(|c| v.cols.contains(&c.col)))
                });
                report.views.extend(view_of(sheet, t, &mine));
            }
        }
        report.findings.extend(found);
    }
    reports[0].findings.extend(disclosure::completeness(r));
    for (fi, f) in disclosure::empty_tables(r) {
        if let Some(report) = reports.get_mut(fi) {
            report.findings.push(f);
        }
    }
    for report in reports.iter_mut() {
        report
            .findings
            .push(disclosure::recognised_finding(r, pack.rules.len()));
    }
}

/// The view of a table the HTML report draws, if it has findings to show.
fn view_of(sheet: &Sheet, table: &Table, findings: &[Finding]) -> Option<TableView> {
    let flagged: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .collect();
    (!flagged.is_empty()).then(|| view::build(sheet, table, &flagged))
}

/// Stages 2 and 3 over a PDF: its rebuilt tables as a workbook's sheets,
/// each finding placed on its page (and named by its table's title); its
/// prose as a report's, each finding moved from the prose's line to the
/// page's.
fn check_pdf(
    path: &Path,
    mut pdf: workbook::pdf::Pdf,
    views: bool,
    templates: bool,
) -> (FileReport, Loaded) {
    use crate::finding::Location;
    let prose = Doc::new(pdf.prose.clone());

    let wb = Workbook {
        sheets: std::mem::take(&mut pdf.sheets),
    };
    let (mut report, mut loaded) = check_workbook(path, wb, views);
    if templates {
        apply_templates(&mut report, &loaded, &pdf.prose, views);
    }
    for f in &mut report.findings {
        // A finding about a table as a whole is on its first page.
        if let Location::Sheet { sheet } = &f.location {
            f.page = loaded
                .sheets
                .iter()
                .find(|s| &s.name == sheet)
                .and_then(|s| s.page_of_row(0));
            continue;
        }
        let Location::Cell { sheet, a1 } = &f.location else {
            continue;
        };
        let Some(s) = loaded.sheets.iter().find(|s| &s.name == sheet) else {
            continue;
        };
        let Some((row, _)) = workbook::parse_a1(a1) else {
            continue;
        };
        f.page = s.page_of_row(row);
        f.table = loaded
            .tables
            .iter()
            .find(|t| &t.sheet == sheet && t.sheet_rows().contains(&row))
            .and_then(|t| t.title.clone());
    }
    let mut said = text::claims::check(&prose);
    // Amounts the prose gives classification items, against the tables.
    let tables: Vec<&Table> = loaded.tables.iter().collect();
    said.extend(text::checks::row::check(&prose, &tables));
    said.extend(text::checks::name::check(&prose, &tables));
    // Changes with no base in their sentence, from a table column that
    // holds it.
    for (old, new) in text::checks::change::with_tables(&prose, &tables, &[]) {
        said.retain(|f| !text::checks::same_finding(f, &old));
        said.push(new);
    }
    for f in &mut said {
        // Figures a finding names by `line:column` of the prose are named
        // on their page (`p.9:19:33`).
        for input in &mut f.inputs {
            let at = input
                .split_once(':')
                .and_then(|(l, c)| Some((l.parse::<usize>().ok()?, c.parse::<usize>().ok()?)));
            if let Some((line, column)) = at {
                if let Some((page, line)) = pdf.prose_place(line) {
                    *input = format!("p.{page}:{line}:{column}");
                }
            }
        }
        if let Location::Text { line, column, .. } = f.location {
            if let Some((page, line)) = pdf.prose_place(line) {
                f.location = Location::Page { page, line, column };
                f.page = Some(page);
                if let Some(e) = f.excerpt.take() {
                    f.excerpt = page_excerpt(&pdf, page, e);
                }
            }
        }
    }
    report.checks += said
        .iter()
        .filter(|f| !text::checks::is_undecided(f))
        .count();
    report.findings.extend(said);
    // Pages nothing was read from, named (when others had text).
    if !loaded.sheets.is_empty() || !pdf.prose.trim().is_empty() {
        for &(page, why) in &pdf.unread {
            report.findings.push(checks::pdf_page::finding(page, why));
        }
    }
    if loaded.sheets.is_empty() && pdf.prose.trim().is_empty() {
        report.error = Some(ReadError::new(path, ReadErrorKind::Scanned));
    }
    loaded.docs.push(prose);
    (report, loaded)
}

/// A prose finding's excerpt redrawn as its page: the page's lines at
/// their numbers on the page (the lines of its tables left blank), the
/// labels moved onto them. `None` when a label is on another page.
fn page_excerpt(
    pdf: &workbook::pdf::Pdf,
    page: usize,
    e: crate::finding::Excerpt,
) -> Option<crate::finding::Excerpt> {
    // Where each line of the prose starts, and where it is on its page.
    let lines: Vec<&str> = pdf.prose.split('\n').collect();
    let starts: Vec<usize> = lines
        .iter()
        .scan(0, |at, l| {
            let start = *at;
            *at += l.len() + 1;
            Some(start)
        })
        .collect();
    let on_page: Vec<(usize, usize)> = (0..lines.len())
        .filter_map(|k| {
            let (p, l) = pdf.prose_place(k + 1)?;
            (p == page).then_some((k, l))
        })
        .collect();
    let last = on_page.iter().map(|&(_, l)| l).max()?;
    let mut text = String::new();
    let mut line_at = vec![0usize; last + 1];
    for l in 1..=last {
        line_at[l] = text.len();
        if let Some(&(k, _)) = on_page.iter().find(|&&(_, pl)| pl == l) {
            text.push_str(lines[k]);
        }
        text.push('\n');
    }
    let moved = |offset: usize| {
        let k = starts.partition_point(|&s| s <= offset).checked_sub(1)?;
        let &(_, l) = on_page.iter().find(|&&(pk, _)| pk == k)?;
        Some(line_at[l] + (offset - starts[k]))
    };
    let mut labels = Vec::with_capacity(e.labels.len());
    for (r, m) in e.labels {
        let a = moved(r.start)?;
        let b = if r.end > r.start {
            moved(r.end - 1)? + 1
        } else {
            a
        };
        labels.push((a..b.max(a), m));
    }
    Some(crate::finding::Excerpt { text, labels })
}

/// Stage 3 for a report in prose: its claims checked, its text kept for
/// the ties to workbooks.
fn check_report(path: &Path, doc: Doc) -> (FileReport, Loaded) {
    let mut report = FileReport::empty(path);
    report.findings = text::claims::check(&doc);
    report.checks = report
        .findings
        .iter()
        .filter(|f| !text::checks::is_undecided(f))
        .count();
    let loaded = Loaded {
        path: path.to_path_buf(),
        tables: Vec::new(),
        sheets: Vec::new(),
        docs: vec![doc],
    };
    (report, loaded)
}
