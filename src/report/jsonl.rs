//! `--format jsonl`: one JSON object per file, one line each, written as each
//! file finishes. Lines from several runs (shards) concatenate.
//!
//! ```json
//! {"schema": 1, "type": "file", "path": "…", "status": "ok|findings|error",
//!  "error": null, "tables": 2, "checks": 41, "findings": [FindingJson, …]}
//! ```
//! When rules ran, one line per rule follows the file lines, with the
//! fields of the JSON document's `rules` entries ([`RuleJson`]):
//!
//! ```json
//! {"schema": 1, "type": "rule", "id": "seed-total", "items": 4, "passes": 3,
//!  "fails": 0, "undecided": 1, "reasons": ["blank cell 项目!C4"]}
//! ```

use serde::Serialize;

use super::json::{findings_json, FindingJson, RuleJson};
use crate::rules::summary::RuleSummary;
use crate::FileReport;

/// A line: the fields of [`super::json::FileJson`] after `schema` and
/// `type`, spelled out (a flattened struct serialises through a map, more
/// slowly).
#[derive(Serialize)]
struct Line<'a> {
    schema: u32,
    #[serde(rename = "type")]
    kind: &'static str,
    path: std::borrow::Cow<'a, str>,
    status: &'static str,
    error: Option<String>,
    tables: usize,
    checks: usize,
    findings: Vec<FindingJson<'a>>,
}

/// Appends each report's line, with its newline, to `out`.
pub fn write_lines(reports: &[&FileReport], out: &mut Vec<u8>) {
    for r in reports {
        let line = Line {
            schema: 1,
            kind: "file",
            path: r.path.to_string_lossy(),
            status: r.status(),
            error: r.error.as_ref().map(|e| e.kind.message().render()),
            tables: r.tables,
            checks: r.checks,
            findings: findings_json(&r.findings),
        };
        write_line(&line, out);
    }
}

/// A rule's line: `schema` and `type`, then [`RuleJson`]'s fields.
#[derive(Serialize)]
struct RuleLine<'a> {
    schema: u32,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(flatten)]
    rule: RuleJson<'a>,
}

/// Appends each rule's line, with its newline, to `out` (nothing without
/// rules).
pub fn write_rule_lines(rules: &[RuleSummary], out: &mut Vec<u8>) {
    for r in rules {
        let line = RuleLine {
            schema: 1,
            kind: "rule",
            rule: RuleJson::from(r),
        };
        write_line(&line, out);
    }
}

/// Appends one line, or an error line if it cannot be written.
fn write_line(line: &impl Serialize, out: &mut Vec<u8>) {
    let at = out.len();
    if let Err(e) = serde_json::to_writer(&mut *out, line) {
        out.truncate(at);
        out.extend_from_slice(
            format!("{{\"schema\":1,\"type\":\"error\",\"error\":\"{e}\"}}").as_bytes(),
        );
    }
    out.push(b'\n');
}

/// Every file's line, then every rule's.
pub fn render(reports: &[FileReport], rules: &[RuleSummary]) -> String {
    let mut out = Vec::new();
    write_lines(&reports.iter().collect::<Vec<_>>(), &mut out);
    write_rule_lines(rules, &mut out);
    String::from_utf8(out).unwrap_or_default()
}
