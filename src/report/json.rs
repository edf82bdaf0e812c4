//! `--format json`: one document for the whole run.
//!
//! ```json
//! {"schema": 1, "tool": "crossfoot", "version": "0.1.0",
//!  "files": [{"path": "ledger.xlsx", "status": "ok|findings|error", "error": null,
//!    "tables": 2, "checks": 41, "findings": [Finding, …]}],
//!  "rules": [{"id": "seed-total", "items": 1, "passes": 1, "fails": 0,
//!    "undecided": 0, "reasons": []}],
//!  "summary": {"files": 1, "ok": 0, "findings": 1, "errors": 0}}
//! ```
//! A finding is a [`FindingJson`]:
//!
//! ```json
//! {"rule": "footing", "severity": "error|warning|info",
//!  "sheet": "重点评价项目", "cell": "D8",          // null for a text report
//!  "stated": "21349.1", "computed": "21240.1", "difference": "109",
//!  "tolerance": "0.25", "unit": "万元",           // 元 / 万元 / 亿元 / %, or null
//!  "inputs": ["D4:D7"],
//!  "suspects": [{"cell": "D8", "proposed": "21240.1", "reason": "…"}],
//!  "message": "…", "help": "…", "label": "合计", "header": "评价金额",
//!  "message_id": "footing", "message_args": {"stated": {"value": "21349.1", "unit": "万元"}, …},
//!  "formula": "SUM(D4:D7)",                      // only when the cell has one
//!  "line": 3, "column": 12, "span": [40, 52]}    // only for a text report
//! ```
//! Decimals are strings, so that no reader turns 21240.1 into a float;
//! positions are 1-based. `message` and `help` are in the run's language
//! (`--lang`); `message_id` and `message_args` are the same in every
//! language. `rules` is there when rules ran: per rule, its
//! items (conjuncts, rows, groups), how many passed, failed (each a
//! finding) and were undecided, and why (the first five distinct reasons).
//! An undecided item is not a pass.

use serde::Serialize;

use crate::finding::{Evidence, Location, Suspect};
use crate::rules::summary::RuleSummary;
use crate::{FileReport, Finding, Summary};

/// A finding as JSON (serialize-only; built from a [`Finding`]).
#[derive(Serialize)]
pub struct FindingJson<'a> {
    /// The check's or rule's id.
    pub rule: &'a str,
    /// `error`, `warning` or `info`.
    pub severity: &'static str,
    /// The sheet (for CSV, the file's stem); null for a text report.
    pub sheet: Option<&'a str>,
    /// The stated figure's cell, in A1 form.
    pub cell: Option<&'a str>,
    /// The figure as stated.
    pub stated: Option<String>,
    /// The figure as computed from its inputs.
    pub computed: Option<String>,
    /// `stated − computed`.
    pub difference: Option<String>,
    /// The largest difference rounding explains.
    pub tolerance: Option<String>,
    /// The unit of the figures.
    pub unit: Option<&'static str>,
    /// The cells the figure was checked against.
    pub inputs: &'a [String],
    /// Cells that probably hold the mistake, most likely first.
    pub suspects: Vec<SuspectJson<'a>>,
    /// What is wrong, in the run's language.
    pub message: String,
    /// The message's catalog id (`footing`, `text-sum`…): stable, for a
    /// program that renders its own text.
    pub message_id: &'a str,
    /// The message's arguments by name: text and figures as strings (exact
    /// decimals), counts as numbers, amounts as `{"value", "unit"}`, lists
    /// as arrays, inner messages as `{"id", "args"}`.
    pub message_args: serde_json::Value,
    /// What to do about it.
    pub help: Option<String>,
    /// The label of the stated figure's row.
    pub label: Option<&'a str>,
    /// The header of the stated figure's column.
    pub header: Option<&'a str>,
    /// The formula behind the stated figure (without `=`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub formula: Option<&'a str>,
    /// For a text report: the 1-based line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// For a text report: the 1-based column, in characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// For a text report: byte offsets of the figure in the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<(usize, usize)>,
    /// For a PDF: the 1-based page the figure is printed on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// For a PDF: the title of the table the figure is in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<&'a str>,
}

/// A suspect as JSON.
#[derive(Serialize)]
pub struct SuspectJson<'a> {
    /// The cell (for a text report, `line:column`).
    pub cell: &'a str,
    /// The value that would make the relations hold.
    pub proposed: Option<String>,
    /// Why it is suspected.
    pub reason: String,
}

/// A decimal as JSON writes it: exact, without trailing zeros.
fn dec(d: rust_decimal::Decimal) -> String {
    d.normalize().to_string()
}

impl<'a> From<&'a Suspect> for SuspectJson<'a> {
    fn from(s: &'a Suspect) -> Self {
        SuspectJson {
            cell: &s.cell,
            proposed: s.proposed.map(dec),
            reason: s.reason().render(),
        }
    }
}

impl<'a> From<&'a Finding> for FindingJson<'a> {
    fn from(f: &'a Finding) -> Self {
        let e: Option<&Evidence> = f.evidence.as_ref();
        let (line, column, span) = match f.location {
            Location::Text { line, column, span } => (Some(line), Some(column), Some(span)),
            Location::Page { line, column, .. } => (Some(line), Some(column), None),
            _ => (None, None, None),
        };
        FindingJson {
            rule: f.rule.as_str(),
            severity: f.severity.as_str(),
            sheet: f.sheet(),
            cell: f.cell(),
            stated: e.map(|e| dec(e.stated)).or_else(|| f.stated_text.clone()),
            computed: e.and_then(|e| e.computed).map(dec),
            difference: e.and_then(|e| e.difference).map(dec),
            tolerance: e.and_then(|e| e.tolerance).map(dec),
            unit: e.and_then(|e| e.unit).map(|u| u.as_str()),
            inputs: &f.inputs,
            suspects: f.suspects.iter().map(SuspectJson::from).collect(),
            message: f.message.render(),
            message_id: &f.message.id,
            message_args: f.message.args_json(),
            help: f.help.as_ref().map(|h| h.render()),
            label: f.label.as_deref(),
            header: f.header.as_deref(),
            formula: f.formula.as_deref(),
            line,
            column,
            span,
            page: f.page,
            table: f.table.as_deref(),
        }
    }
}

/// The JSON of a file's findings.
pub(crate) fn findings_json(findings: &[Finding]) -> Vec<FindingJson<'_>> {
    findings.iter().map(FindingJson::from).collect()
}

#[derive(Serialize)]
struct Document<'a> {
    schema: u32,
    tool: &'static str,
    version: &'static str,
    files: Vec<FileJson<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    rules: Vec<RuleJson<'a>>,
    summary: SummaryJson,
}

/// One rule's summary as JSON (serialize-only; built from a
/// [`RuleSummary`]): the `rules` entries of the document, JSONL's `rule`
/// lines and SARIF's `properties.rules`.
#[derive(Serialize)]
pub struct RuleJson<'a> {
    /// The rule's id.
    pub id: &'a str,
    /// Items confronted: conjuncts, rows, groups.
    pub items: usize,
    /// Items that hold.
    pub passes: usize,
    /// Items that do not hold (each a finding).
    pub fails: usize,
    /// Items that could not be decided (not passes).
    pub undecided: usize,
    /// Why, for the first undecided items (at most five distinct reasons).
    pub reasons: &'a [String],
}

impl<'a> From<&'a RuleSummary> for RuleJson<'a> {
    fn from(r: &'a RuleSummary) -> Self {
        RuleJson {
            id: &r.id,
            items: r.items,
            passes: r.passes,
            fails: r.fails,
            undecided: r.undecided,
            reasons: &r.reasons,
        }
    }
}

/// One file's entry (also one JSONL line's body).
#[derive(Serialize)]
pub(crate) struct FileJson<'a> {
    path: String,
    status: &'static str,
    error: Option<String>,
    tables: usize,
    checks: usize,
    findings: Vec<FindingJson<'a>>,
}

#[derive(Serialize)]
struct SummaryJson {
    files: usize,
    ok: usize,
    findings: usize,
    errors: usize,
}

/// A file's entry.
pub(crate) fn file_json(r: &FileReport) -> FileJson<'_> {
    FileJson {
        path: r.path.display().to_string(),
        status: r.status(),
        error: r.error.as_ref().map(|e| e.kind.message().render()),
        tables: r.tables,
        checks: r.checks,
        findings: findings_json(&r.findings),
    }
}

/// Renders the reports as one JSON document.
pub fn render(reports: &[FileReport]) -> String {
    render_with_rules(reports, &[])
}

/// Renders the reports and the rules' summaries as one JSON document.
pub fn render_with_rules(reports: &[FileReport], rules: &[RuleSummary]) -> String {
    let s = Summary::of(reports);
    let doc = Document {
        schema: 1,
        tool: "crossfoot",
        version: env!("CARGO_PKG_VERSION"),
        files: reports.iter().map(file_json).collect(),
        rules: rules.iter().map(RuleJson::from).collect(),
        summary: SummaryJson {
            files: s.files,
            ok: s.ok,
            findings: s.findings,
            errors: s.errors,
        },
    };
    let mut out =
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}
