//! Rule files: what a ledger must satisfy beyond its own totals — sums,
//! counts, coverage ratios, score caps, tie-outs across sheets and files.
//!
//! A rule file is TOML:
//!
//! ```toml
//! [ruleset]
//! name = "seed"
//! unit = "万元"          # default unit of plain numbers and of findings
//! severity = "error"     # default severity
//!
//! [tables."项目"]        # a table, bound by sheet, title, file or headers
//! sheet = "重点评价项目"
//! headers = ["资金类别", "评价金额"]
//!
//! [[rule]]
//! id = "seed-total"
//! description = "重点绩效评价共计 21,240.1 万元"
//! assert = "sum(项目.评价金额) == 21240.1 万元"
//! ```
//!
//! Loading, validation and the diagnostics for mistakes live here; the
//! expression language in [`expr`]; evaluation against tables in [`eval`],
//! in three stages: compile (bind tables and columns, type-check), confront
//! (a verdict per item: pass, fail with evidence, undecided with its
//! reason) and summarise ([`summary`]).
//! See `docs/rules.md`.

mod bind;
mod compile;
mod confront;
pub mod eval;
mod evidence;
pub mod expr;
mod frames;
mod scalar;
pub mod summary;
mod value;

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};
use serde::Deserialize;
use toml::Spanned;

use crate::amount::Unit;
use crate::finding::Severity;
use crate::message::Message;
use expr::{Expr, ExprKind};

/// A mistake in a rule file, with the span that shows it.
#[derive(Debug, Clone)]
pub struct RuleError {
    /// The rule file.
    pub file: PathBuf,
    /// What is wrong.
    pub message: Message,
    /// Byte range in the file.
    pub span: std::ops::Range<usize>,
    /// The label under the span.
    pub label: Message,
    /// What to do about it.
    pub help: Option<Message>,
    source: Arc<NamedSource<String>>,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message.render())
    }
}

impl std::error::Error for RuleError {}

impl Diagnostic for RuleError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("crossfoot::rule-file"))
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h.render()) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&*self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(
                Some(self.label.render()),
                (self.span.start, self.span.len()),
            ),
        )))
    }
}

impl RuleError {
    /// Renders the error as text without colour.
    pub fn render(&self) -> String {
        let handler =
            miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
                .with_width(100);
        let mut out = String::new();
        if handler.render_report(&mut out, self).is_err() {
            out = format!("{}: {}\n", self.file.display(), self.message);
        }
        crate::report::human::help_heading(out)
    }
}

/// A rule file's text, shared by its rules for diagnostics.
#[derive(Debug)]
pub struct Source {
    /// The file.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
    named: Arc<NamedSource<String>>,
}

impl Source {
    fn new(path: &Path, text: String) -> Arc<Source> {
        Arc::new(Source {
            path: path.to_path_buf(),
            named: Arc::new(NamedSource::new(path.display().to_string(), text.clone())),
            text,
        })
    }

    /// An error at `span` of this file.
    pub fn error(
        &self,
        span: std::ops::Range<usize>,
        message: Message,
        label: Message,
        help: Option<Message>,
    ) -> RuleError {
        let len = self.text.len();
        let span = span.start.min(len)..span.end.min(len).max(span.start.min(len));
        RuleError {
            file: self.path.clone(),
            message,
            span,
            label,
            help,
            source: self.named.clone(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileToml {
    /// Defaults for every rule of the file.
    #[serde(default)]
    ruleset: Option<HeaderToml>,
    /// Other rule files to load, relative to this one.
    #[serde(default)]
    include: Vec<Spanned<String>>,
    /// Tables by name.
    #[serde(default)]
    tables: BTreeMap<String, Spanned<TableToml>>,
    /// The rules.
    #[serde(default)]
    rule: Vec<Spanned<RuleToml>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HeaderToml {
    /// A name for the rule set.
    #[serde(default)]
    #[allow(dead_code)]
    name: Option<String>,
    /// What it checks.
    #[serde(default)]
    #[allow(dead_code)]
    description: Option<String>,
    /// Default unit of plain numbers (元, 万元, 亿元).
    #[serde(default)]
    unit: Option<Spanned<String>>,
    /// Default tolerance (`"0.5 万元"`, `"0.1%"`).
    #[serde(default)]
    tolerance: Option<Spanned<String>>,
    /// Default severity.
    #[serde(default)]
    severity: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableToml {
    /// File name glob (`*汇总*.xlsx`, `departments/*.xlsx`).
    #[serde(default)]
    file: Option<Spanned<String>>,
    /// Sheet name or glob.
    #[serde(default)]
    sheet: Option<Spanned<String>>,
    /// Title pattern (`*一般公共预算支出表*`; plain text matches anywhere).
    #[serde(default)]
    title: Option<Spanned<String>>,
    /// Headers the table must have.
    #[serde(default)]
    headers: Vec<Spanned<String>>,
    /// One of the standard disclosure tables (`收支总表`), recognised from
    /// its title.
    #[serde(default)]
    form: Option<Spanned<String>>,
    /// `"zero"`: a blank amount cell is 0 (the standard disclosures leave
    /// a cell with nothing to report blank); by default it is undecided.
    #[serde(default)]
    blank: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleToml {
    id: Spanned<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    severity: Option<Spanned<String>>,
    #[serde(default)]
    tolerance: Option<Spanned<String>>,
    #[serde(default)]
    unit: Option<Spanned<String>>,
    /// The table bare column names refer to.
    #[serde(default)]
    table: Option<Spanned<String>>,
    /// The variant of a template the rule is written for (`全国`, `上海`):
    /// where its columns are not in the table, it does not apply, and that
    /// is no mistake in the rule.
    #[serde(default)]
    variant: Option<String>,
    assert: Spanned<String>,
}

/// How a rule file names a table.
#[derive(Debug, Clone, Default)]
pub struct TableSpec {
    /// File name glob.
    pub file: Option<String>,
    /// Sheet name or glob.
    pub sheet: Option<String>,
    /// Title pattern.
    pub title: Option<String>,
    /// Headers the table must have (normalised).
    pub headers: Vec<String>,
    /// The standard disclosure table it must be.
    pub form: Option<&'static crate::disclosure::Form>,
    /// A blank amount cell is 0.
    pub blank_zero: bool,
}

/// A quantity written in a rule file: `0.5 万元`, `0.1%`, `2`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quantity {
    /// The number.
    pub value: rust_decimal::Decimal,
    /// Its unit, if money.
    pub unit: Option<Unit>,
    /// A percentage (in percentage points).
    pub percent: bool,
}

/// One rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Its id.
    pub id: String,
    /// What it checks, in words.
    pub description: Option<String>,
    /// Severity of a failure.
    pub severity: Severity,
    /// Explicit tolerance, if set.
    pub tolerance: Option<Quantity>,
    /// The unit findings are shown in.
    pub unit: Option<Unit>,
    /// The table bare columns refer to.
    pub table: Option<String>,
    /// The template variant it is written for, if any: a column it names
    /// missing from the data means it does not apply (not a mistake).
    pub variant: Option<String>,
    /// The parsed assertion.
    pub expr: Expr,
    /// File offset of each byte of the expression (and one past its end),
    /// when the TOML string maps cleanly.
    pub offsets: Option<Vec<usize>>,
    /// Span of the assert value in the file.
    pub assert_span: std::ops::Range<usize>,
    /// The file the rule came from.
    pub source: Arc<Source>,
}

impl Rule {
    /// The file span of an expression span.
    pub fn file_span(&self, span: &expr::Span) -> std::ops::Range<usize> {
        file_span(self.offsets.as_deref(), &self.assert_span, span)
    }

    /// An error at an expression span of this rule.
    pub fn error(
        &self,
        span: &expr::Span,
        message: Message,
        label: Message,
        help: Option<Message>,
    ) -> RuleError {
        self.source
            .error(self.file_span(span), message, label, help)
    }
}

/// Rules and the tables they name, from one or more files.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    /// Tables by name.
    pub tables: BTreeMap<String, TableSpec>,
    /// Rules in file order.
    pub rules: Vec<Rule>,
    /// Files loaded, in order.
    pub files: Vec<PathBuf>,
    /// Their texts, in order (for the cache's fingerprint).
    pub texts: Vec<String>,
}

impl RuleSet {
    /// A rule file given as text (a shipped pack), named `path` in its
    /// errors; it may not include others.
    pub fn from_text(path: &Path, text: &str) -> Result<RuleSet, Vec<RuleError>> {
        let mut set = RuleSet::default();
        let mut errors = Vec::new();
        if let Some((src, file)) = parse_file(path, Ok(text.to_string()), &mut errors) {
            set.add_parsed(path, src, file, &mut errors);
        }
        if errors.is_empty() {
            Ok(set)
        } else {
            Err(errors)
        }
    }

    /// Loads rule files and folders of them (every `*.toml` inside), with
    /// their includes. Returns every mistake found, not just the first.
    pub fn load(paths: &[PathBuf]) -> Result<RuleSet, Vec<RuleError>> {
        let mut set = RuleSet::default();
        let mut errors = Vec::new();
        let mut seen = HashSet::new();
        for p in paths {
            if p.is_dir() {
                let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                    .map(|d| {
                        d.filter_map(Result::ok)
                            .map(|e| e.path())
                            .filter(|f| f.extension().is_some_and(|e| e == "toml"))
                            .collect()
                    })
                    .unwrap_or_default();
                files.sort();
                for f in files {
                    set.load_file(&f, &mut seen, &mut errors);
                }
            } else {
                set.load_file(p, &mut seen, &mut errors);
            }
        }
        if errors.is_empty() {
            Ok(set)
        } else {
            Err(errors)
        }
    }

    fn load_file(&mut self, path: &Path, seen: &mut HashSet<PathBuf>, errors: &mut Vec<RuleError>) {
        let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        if !seen.insert(key) {
            return;
        }
        let Some((src, file)) = read_file(path, errors) else {
            return;
        };
        self.files.push(path.to_path_buf());
        self.texts.push(src.text.clone());
        // Includes first, so that this file's rules may use their tables.
        for inc in &file.include {
            let target = path.parent().unwrap_or(Path::new(".")).join(inc.get_ref());
            if !target.exists() {
                errors.push(src.error(
                    inc.span(),
                    Message::new("rf-include-missing").text("path", target.display().to_string()),
                    Message::new("rf-label-not-found"),
                    Some(Message::new("rf-help-include-relative")),
                ));
                continue;
            }
            // Never opened when it is not a regular `.toml` file (a device,
            // a FIFO, a file of another kind): its contents are not shown.
            let is_toml = target.extension().is_some_and(|e| e == "toml");
            if !std::fs::metadata(&target).is_ok_and(|m| m.is_file()) || !is_toml {
                errors.push(src.error(
                    inc.span(),
                    Message::new("rf-include-not-toml").text("path", target.display().to_string()),
                    Message::new("rf-label-not-a-rule-file"),
                    Some(Message::new("rf-help-include-toml")),
                ));
                continue;
            }
            self.load_file(&target, seen, errors);
        }
        self.add_parsed(path, src, file, errors);
    }

    /// The tables and rules of a parsed file (its includes loaded before).
    fn add_parsed(
        &mut self,
        path: &Path,
        src: Arc<Source>,
        file: FileToml,
        errors: &mut Vec<RuleError>,
    ) {
        if !self.files.iter().any(|f| f == path) {
            self.files.push(path.to_path_buf());
            self.texts.push(src.text.clone());
        }
        let defaults = Defaults::of(&src, file.ruleset.as_ref(), errors);
        for (name, spec) in &file.tables {
            self.add_table(&src, name, spec, errors);
        }
        let mut ids: HashSet<String> = self.rules.iter().map(|r| r.id.clone()).collect();
        for r in &file.rule {
            let r = r.get_ref();
            check_id(&src, &r.id, &mut ids, errors);
            if let Some(rule) = rule_of(&src, r, &defaults, errors) {
                self.check_rule_table(&src, r, &file, errors);
                self.validate(&rule, errors);
                self.rules.push(rule);
            }
        }
    }

    /// Declares a table, checking its patterns.
    fn add_table(
        &mut self,
        src: &Source,
        name: &str,
        spec: &Spanned<TableToml>,
        errors: &mut Vec<RuleError>,
    ) {
        let t = spec.get_ref();
        for g in [&t.file, &t.sheet, &t.title].into_iter().flatten() {
            if g.get_ref().matches('[').count() != g.get_ref().matches(']').count() {
                errors.push(src.error(
                    g.span(),
                    Message::new("rf-unbalanced-pattern"),
                    here(),
                    Some(Message::new("rf-help-pattern")),
                ));
            }
        }
        let form = t.form.as_ref().and_then(|f| {
            let found = crate::disclosure::form_named(f.get_ref());
            if found.is_none() {
                errors.push(
                    src.error(
                        f.span(),
                        Message::new("rf-unknown-form").text("form", f.get_ref().clone()),
                        Message::new("rf-label-unknown-form"),
                        Some(
                            Message::new("rf-help-forms")
                                .text("forms", crate::disclosure::form_names().join("、")),
                        ),
                    ),
                );
            }
            found
        });
        if let Some(b) = &t.blank {
            if b.get_ref() != "zero" && b.get_ref() != "undecided" {
                errors.push(src.error(
                    b.span(),
                    Message::new("rf-unknown-blank").text("value", b.get_ref().clone()),
                    Message::new("rf-label-unknown-blank"),
                    Some(Message::new("rf-help-blank")),
                ));
            }
        }
        if t.file.is_none()
            && t.sheet.is_none()
            && t.title.is_none()
            && t.headers.is_empty()
            && t.form.is_none()
        {
            errors.push(src.error(
                spec.span(),
                Message::new("rf-empty-binding").text("name", name),
                Message::new("rf-label-empty-binding"),
                Some(Message::new("rf-help-empty-binding")),
            ));
        }
        let text = |s: &Option<Spanned<String>>| s.as_ref().map(|s| s.get_ref().clone());
        self.tables.insert(
            name.to_string(),
            TableSpec {
                file: text(&t.file),
                sheet: text(&t.sheet),
                title: text(&t.title),
                headers: t
                    .headers
                    .iter()
                    .map(|h| crate::table::labels::normalize(h.get_ref()))
                    .collect(),
                form,
                blank_zero: t.blank.as_ref().is_some_and(|b| b.get_ref() == "zero"),
            },
        );
    }

    /// A rule's `table` must be declared (here or in an included file).
    fn check_rule_table(
        &self,
        src: &Source,
        r: &RuleToml,
        file: &FileToml,
        errors: &mut Vec<RuleError>,
    ) {
        let Some(t) = &r.table else { return };
        if self.tables.contains_key(t.get_ref()) || file.tables.contains_key(t.get_ref()) {
            return;
        }
        errors.push(src.error(
            t.span(),
            Message::new("rf-unknown-table").text("name", t.get_ref().clone()),
            Message::new("rf-label-not-declared"),
            Some(table_help(t.get_ref(), &self.tables)),
        ));
    }

    /// Checks what can be checked without data: tables named exist, bare
    /// columns have a table, text is not compared with a number.
    fn validate(&self, rule: &Rule, errors: &mut Vec<RuleError>) {
        rule.expr.walk(&mut |e| match &e.kind {
            ExprKind::Column { col, by } => {
                self.check_col(rule, col, errors);
                by.iter().for_each(|b| self.check_col(rule, b, errors));
            }
            ExprKind::Aggregate {
                col, by, filter, ..
            } => {
                self.check_col(rule, col, errors);
                by.iter().for_each(|b| self.check_col(rule, b, errors));
                if let Some(f) = filter
                    .as_deref()
                    .filter(|f| matches!(f.kind, ExprKind::Number { .. } | ExprKind::Text(_)))
                {
                    errors.push(rule.error(
                        &f.span,
                        Message::new("rf-where-not-condition"),
                        Message::new("rf-label-not-a-condition"),
                        Some(Message::new("rf-help-where")),
                    ));
                }
            }
            ExprKind::RowCheck { col, .. } => self.check_col(rule, col, errors),
            ExprKind::Lookup {
                table: (t, span), ..
            } if !self.tables.contains_key(t) => {
                errors.push(self.unknown_table(rule, t, span));
            }
            ExprKind::Cmp(op, a, b) => errors.extend(check_comparison(rule, e, *op, a, b)),
            _ => {}
        });
        if matches!(
            rule.expr.kind,
            ExprKind::Number { .. }
                | ExprKind::Text(_)
                | ExprKind::Arith(..)
                | ExprKind::Aggregate { .. }
                | ExprKind::Lookup { .. }
                | ExprKind::Cell { .. }
        ) {
            errors.push(rule.error(
                &rule.expr.span,
                Message::new("rf-assert-not-condition"),
                Message::new("rf-label-a-value"),
                Some(Message::new("rf-help-compare-it")),
            ));
        }
    }

    /// A column's table must be declared, or be the rule's or the only one.
    fn check_col(&self, rule: &Rule, c: &expr::ColRef, errors: &mut Vec<RuleError>) {
        match &c.table {
            Some((t, span)) if !self.tables.contains_key(t) => {
                errors.push(self.unknown_table(rule, t, span));
            }
            None if rule.table.is_none() && self.tables.len() != 1 => {
                errors.push(
                    rule.error(
                        &c.column_span,
                        Message::new("rf-bare-column").text("column", c.column.clone()),
                        Message::new("rf-label-which-table"),
                        Some(
                            Message::new("rf-help-bare-column")
                                .text("column", c.column.clone())
                                .text("tables", self.table_names()),
                        ),
                    ),
                );
            }
            _ => {}
        }
    }

    fn unknown_table(&self, rule: &Rule, t: &str, span: &expr::Span) -> RuleError {
        rule.error(
            span,
            Message::new("rf-unknown-table").text("name", t.to_string()),
            Message::new("rf-label-not-declared-in-tables"),
            Some(table_help(t, &self.tables)),
        )
    }

    /// What identifies these rules for the cache: every file's path and text.
    pub fn fingerprint(&self) -> String {
        let mut s = String::new();
        for (f, t) in self.files.iter().zip(&self.texts) {
            s.push_str(&f.display().to_string());
            s.push('\0');
            s.push_str(t);
            s.push('\0');
        }
        s
    }

    fn table_names(&self) -> String {
        if self.tables.is_empty() {
            "none declared".into()
        } else {
            self.tables.keys().cloned().collect::<Vec<_>>().join(", ")
        }
    }

    /// Adds another rule set's tables and rules.
    pub fn extend(&mut self, other: RuleSet) {
        self.tables.extend(other.tables);
        self.rules.extend(other.rules);
        self.files.extend(other.files);
        self.texts.extend(other.texts);
    }
}

/// The most a rule file may hold: rule files are written by people.
const MAX_RULE_FILE: u64 = 4 << 20;

/// A rule file's text: a regular file of at most [`MAX_RULE_FILE`] bytes
/// (never a device or a FIFO, which would be read for ever).
fn read_rule_text(path: &Path) -> std::io::Result<String> {
    use std::io::{Error, ErrorKind, Read};
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(Error::new(ErrorKind::InvalidInput, "not a regular file"));
    }
    if meta.len() > MAX_RULE_FILE {
        return Err(Error::new(ErrorKind::InvalidInput, "larger than 4 MiB"));
    }
    let mut text = String::new();
    std::fs::File::open(path)?
        .take(MAX_RULE_FILE + 1)
        .read_to_string(&mut text)?;
    Ok(text)
}

/// Reads and parses a rule file; a mistake is an error with its span.
fn read_file(path: &Path, errors: &mut Vec<RuleError>) -> Option<(Arc<Source>, FileToml)> {
    parse_file(path, read_rule_text(path), errors)
}

fn parse_file(
    path: &Path,
    text: std::io::Result<String>,
    errors: &mut Vec<RuleError>,
) -> Option<(Arc<Source>, FileToml)> {
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            let src = Source::new(path, String::new());
            errors.push(
                src.error(
                    0..0,
                    Message::new("rf-cannot-read")
                        .text("path", path.display().to_string())
                        .text("detail", e.to_string()),
                    here(),
                    None,
                ),
            );
            return None;
        }
    };
    let src = Source::new(path, text);
    match toml::from_str(&src.text) {
        Ok(f) => Some((src, f)),
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let msg = e.message().trim().to_string();
            // The TOML reader's own words are kept as the detail; what to
            // do about them is ours.
            let help = if msg.contains("unquoted key") {
                Some(Message::new("rf-help-quote-keys"))
            } else if msg.contains("unknown field") {
                Some(Message::new("rf-help-fields"))
            } else if msg.contains("missing field") {
                Some(Message::new("rf-help-id-and-assert"))
            } else {
                None
            };
            let message = Message::new("rf-invalid-toml").text("detail", msg);
            errors.push(src.error(span, message, here(), help));
            None
        }
    }
}

/// A file's defaults for its rules, from its `[ruleset]`.
struct Defaults {
    unit: Option<Unit>,
    severity: Severity,
    tolerance: Option<Quantity>,
}

impl Defaults {
    fn of(src: &Source, header: Option<&HeaderToml>, errors: &mut Vec<RuleError>) -> Defaults {
        Defaults {
            unit: header
                .and_then(|h| h.unit.as_ref())
                .and_then(|u| parse_unit(src, u, errors)),
            severity: header
                .and_then(|h| h.severity.as_ref())
                .and_then(|s| parse_severity(src, s, errors))
                .unwrap_or(Severity::Error),
            tolerance: header
                .and_then(|h| h.tolerance.as_ref())
                .and_then(|t| parse_quantity(src, t, errors)),
        }
    }
}

/// A rule id must be given and used once.
fn check_id(
    src: &Source,
    id: &Spanned<String>,
    ids: &mut HashSet<String>,
    errors: &mut Vec<RuleError>,
) {
    if id.get_ref().trim().is_empty() {
        errors.push(src.error(
            id.span(),
            Message::new("rf-empty-id"),
            Message::new("rf-label-empty-id"),
            None,
        ));
    } else if !ids.insert(id.get_ref().clone()) {
        errors.push(src.error(
            id.span(),
            Message::new("rf-duplicate-id").text("id", id.get_ref().clone()),
            Message::new("rf-label-used-before"),
            Some(Message::new("rf-help-own-id")),
        ));
    }
}

/// A rule with its settings and parsed assertion (none if it does not
/// parse: the syntax error is added).
fn rule_of(
    src: &Arc<Source>,
    r: &RuleToml,
    d: &Defaults,
    errors: &mut Vec<RuleError>,
) -> Option<Rule> {
    let severity = r
        .severity
        .as_ref()
        .and_then(|s| parse_severity(src, s, errors))
        .unwrap_or(d.severity);
    let tolerance = r
        .tolerance
        .as_ref()
        .and_then(|t| parse_quantity(src, t, errors))
        .or(d.tolerance);
    let unit = r
        .unit
        .as_ref()
        .and_then(|u| parse_unit(src, u, errors))
        .or(d.unit);
    let assert_span = r.assert.span();
    let offsets = offset_map(&src.text, &assert_span, r.assert.get_ref());
    let expr = match expr::parse(r.assert.get_ref()) {
        Ok(e) => e,
        Err(e) => {
            let span = file_span(offsets.as_deref(), &assert_span, &e.span);
            errors.push(src.error(span, e.message, here(), e.help));
            return None;
        }
    };
    Some(Rule {
        id: r.id.get_ref().clone(),
        description: r.description.clone(),
        severity,
        tolerance,
        unit,
        table: r.table.as_ref().map(|t| t.get_ref().clone()),
        variant: r.variant.clone(),
        expr,
        offsets,
        assert_span,
        source: src.clone(),
    })
}

/// Text is compared with text, and only by `==` and `!=`.
fn check_comparison(
    rule: &Rule,
    e: &Expr,
    op: expr::CmpOp,
    a: &Expr,
    b: &Expr,
) -> Option<RuleError> {
    let text = |x: &Expr| matches!(x.kind, ExprKind::Text(_));
    let num = |x: &Expr| {
        matches!(
            x.kind,
            ExprKind::Number { .. } | ExprKind::Aggregate { .. } | ExprKind::Arith(..)
        )
    };
    if (text(a) && num(b)) || (num(a) && text(b)) {
        Some(rule.error(
            &e.span,
            Message::new("rf-text-vs-number").text("op", op.to_string()),
            Message::new("rf-label-text-and-number"),
            Some(Message::new("rf-help-like-with-like")),
        ))
    } else if text(a) && text(b) && !matches!(op, expr::CmpOp::Eq | expr::CmpOp::Ne) {
        Some(rule.error(
            &e.span,
            Message::new("rf-text-ordered").text("op", op.to_string()),
            here(),
            Some(Message::new("rf-help-text-equality")),
        ))
    } else {
        None
    }
}

/// The file span of an expression span, through the offset map of the
/// assert string (else the whole assert value).
fn file_span(
    offsets: Option<&[usize]>,
    assert_span: &std::ops::Range<usize>,
    span: &expr::Span,
) -> std::ops::Range<usize> {
    match offsets {
        Some(map) => {
            let at = |i: usize| {
                map.get(i)
                    .copied()
                    .unwrap_or_else(|| *map.last().unwrap_or(&assert_span.end))
            };
            at(span.start)..at(span.end).max(at(span.start))
        }
        None => assert_span.clone(),
    }
}

fn table_help(name: &str, tables: &BTreeMap<String, TableSpec>) -> Message {
    let names: Vec<&str> = tables.keys().map(String::as_str).collect();
    let declared: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    match did_you_mean(name, names.iter().copied()) {
        Some(n) => Message::new("rf-help-table-near")
            .text("near", n.to_string())
            .cells("tables", declared),
        None if names.is_empty() => Message::new("rf-help-declare-table").text("name", name),
        None => Message::new("rf-help-tables").cells("tables", declared),
    }
}

/// The label of most rule-file diagnostics: "here".
pub(crate) fn here() -> Message {
    Message::new("rf-here")
}

/// For each byte of the decoded TOML string at `span` (and one past its
/// end), the byte offset in the file: so a span in the expression maps to
/// the file even through escapes (`\"`, `\\`, `\u…`).
fn offset_map(text: &str, span: &std::ops::Range<usize>, value: &str) -> Option<Vec<usize>> {
    let raw = text.get(span.clone())?;
    let (open, literal) = if raw.starts_with("\"\"\"") {
        (3, false)
    } else if raw.starts_with("\'\'\'") {
        (3, true)
    } else if raw.starts_with('\'') {
        (1, true)
    } else {
        (1, false)
    };
    let mut i = open;
    if open == 3 {
        if raw[i..].starts_with("\r\n") {
            i += 2;
        } else if raw[i..].starts_with('\n') {
            i += 1;
        }
    }
    let body = &raw[..raw.len().saturating_sub(open)];
    let mut map = Vec::with_capacity(value.len() + 1);
    let mut decoded = String::with_capacity(value.len());
    while i < body.len() {
        let c = body[i..].chars().next()?;
        if !literal && c == '\\' {
            let esc = body[i + 1..].chars().next()?;
            let (ch, len) = match esc {
                'n' => ('\n', 2),
                't' => ('\t', 2),
                'r' => ('\r', 2),
                '"' => ('"', 2),
                '\\' => ('\\', 2),
                'u' => (
                    char::from_u32(u32::from_str_radix(body.get(i + 2..i + 6)?, 16).ok()?)?,
                    6,
                ),
                'U' => (
                    char::from_u32(u32::from_str_radix(body.get(i + 2..i + 10)?, 16).ok()?)?,
                    10,
                ),
                _ => return None,
            };
            for _ in 0..ch.len_utf8() {
                map.push(span.start + i);
            }
            decoded.push(ch);
            i += len;
        } else {
            for k in 0..c.len_utf8() {
                map.push(span.start + i + k);
            }
            decoded.push(c);
            i += c.len_utf8();
        }
    }
    map.push(span.start + i);
    (decoded == value).then_some(map)
}

fn parse_unit(src: &Source, u: &Spanned<String>, errors: &mut Vec<RuleError>) -> Option<Unit> {
    let unit = Unit::parse(u.get_ref());
    if unit.is_none() {
        errors.push(src.error(
            u.span(),
            Message::new("rf-unknown-unit").text("unit", u.get_ref().trim().to_string()),
            Message::new("rf-label-not-a-unit"),
            Some(Message::new("rf-help-units").text("units", Unit::names())),
        ));
    }
    unit
}

fn parse_severity(
    src: &Source,
    s: &Spanned<String>,
    errors: &mut Vec<RuleError>,
) -> Option<Severity> {
    match s.get_ref().as_str() {
        "error" => Some(Severity::Error),
        "warning" => Some(Severity::Warning),
        "info" => Some(Severity::Info),
        other => {
            let near = did_you_mean(other, ["error", "warning", "info"].into_iter());
            errors.push(src.error(
                s.span(),
                Message::new("rf-unknown-severity").text("severity", other.to_string()),
                Message::new("rf-label-not-a-severity"),
                Some(match near {
                    Some(n) => Message::new("rf-help-severity-near").text("near", n.to_string()),
                    None => Message::new("rf-help-severity"),
                }),
            ));
            None
        }
    }
}

/// Parses `0.5 万元`, `0.1%`, `2`.
pub fn quantity(text: &str) -> Option<Quantity> {
    let n = crate::amount::parse_number(text)?;
    Some(Quantity {
        value: n.value.abs(),
        unit: n.unit,
        percent: n.percent,
    })
}

fn parse_quantity(
    src: &Source,
    t: &Spanned<String>,
    errors: &mut Vec<RuleError>,
) -> Option<Quantity> {
    match quantity(t.get_ref()) {
        Some(q) => Some(q),
        None => {
            errors.push(src.error(
                t.span(),
                Message::new("rf-bad-tolerance").text("tolerance", t.get_ref().clone()),
                Message::new("rf-label-not-a-quantity"),
                Some(Message::new("rf-help-tolerance")),
            ));
            None
        }
    }
}

/// The candidate nearest to `name` by edit distance, if near enough.
pub fn did_you_mean<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let name_n = crate::table::labels::normalize(name);
    candidates
        .map(|c| (levenshtein(&name_n, &crate::table::labels::normalize(c)), c))
        .filter(|(d, c)| {
            *d > 0 && (*d <= (c.chars().count().max(2) / 2).max(1) || c.contains(name_n.as_str()))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The `crossfoot.toml` files that apply to `path`: in its folder (or, for
/// a file, the file's folder) and every parent, nearest last.
pub fn discover(path: &Path) -> Vec<PathBuf> {
    let start = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let start = start.canonicalize().unwrap_or(start);
    let mut found: Vec<PathBuf> = start
        .ancestors()
        .map(|d| d.join("crossfoot.toml"))
        .filter(|f| f.is_file())
        .collect();
    found.reverse();
    found
}

/// Matches `text` against a pattern with `*` and `?`; a pattern without
/// wildcards matches when it equals the text or, if `substring`, occurs in it.
pub fn glob_match(pattern: &str, text: &str, substring: bool) -> bool {
    let p = crate::table::labels::normalize(pattern);
    let t = crate::table::labels::normalize(text);
    if !p.contains(['*', '?']) {
        return if substring { t.contains(&p) } else { t == p };
    }
    let p: Vec<char> = p.chars().collect();
    let t: Vec<char> = t.chars().collect();
    // Iterative wildcard matching.
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match("*汇总*.xlsx", "县级汇总表.xlsx", false));
        assert!(glob_match(
            "一般公共预算支出表",
            "2024年一般公共预算支出表",
            true
        ));
        assert!(!glob_match(
            "一般公共预算支出表",
            "2024年一般公共预算支出表",
            false
        ));
        assert!(glob_match("dept-?.xlsx", "dept-1.xlsx", false));
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            did_you_mean("评价金", ["资金类别", "评价金额"].into_iter()),
            Some("评价金额")
        );
        assert_eq!(
            did_you_mean("summ", ["sum", "count"].into_iter()),
            Some("sum")
        );
        assert_eq!(did_you_mean("xyz", ["评价金额"].into_iter()), None);
    }
}
