//! `--format json`: one document for the whole run.
//!
//! ```json
//! {"schema": 1, "tool": "crossfoot", "version": "0.1.0",
//!  "files": [{"path": "ledger.xlsx", "status": "ok|findings|error", "error": null,
//!    "tables": 2, "checks": 41, "findings": [Finding, …]}],
//!  "summary": {"files": 1, "ok": 0, "findings": 1, "errors": 0}}
//! ```
//! A finding is [`crate::Finding`]; its decimals are strings.

use serde::Serialize;

use crate::{FileReport, Finding, Summary};

#[derive(Serialize)]
struct Document<'a> {
    schema: u32,
    tool: &'static str,
    version: &'static str,
    files: Vec<FileJson<'a>>,
    summary: SummaryJson,
}

/// One file's entry (also one JSONL line's body).
#[derive(Serialize)]
pub(crate) struct FileJson<'a> {
    path: String,
    status: &'static str,
    error: Option<String>,
    tables: usize,
    checks: usize,
    findings: &'a [Finding],
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
        error: r.error.as_ref().map(|e| e.kind.to_string()),
        tables: r.tables,
        checks: r.checks,
        findings: &r.findings,
    }
}

/// Renders the reports as one JSON document.
pub fn render(reports: &[FileReport]) -> String {
    let s = Summary::of(reports);
    let doc = Document {
        schema: 1,
        tool: "crossfoot",
        version: env!("CARGO_PKG_VERSION"),
        files: reports.iter().map(file_json).collect(),
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
