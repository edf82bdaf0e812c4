//! `--format jsonl`: one JSON object per file, one line each, written as each
//! file finishes. Lines from several runs (shards) concatenate.
//!
//! ```json
//! {"schema": 1, "type": "file", "path": "…", "status": "ok|findings|error",
//!  "error": null, "tables": 2, "checks": 41, "findings": [Finding, …]}
//! ```

use serde::Serialize;

use crate::FileReport;

#[derive(Serialize)]
struct Line<'a> {
    schema: u32,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(flatten)]
    file: super::json::FileJson<'a>,
}

/// One file's line, with its trailing newline.
pub fn line(r: &FileReport) -> String {
    let l = Line {
        schema: 1,
        kind: "file",
        file: super::json::file_json(r),
    };
    let mut s = serde_json::to_string(&l)
        .unwrap_or_else(|e| format!("{{\"schema\":1,\"type\":\"error\",\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}

/// Every file's line.
pub fn render(reports: &[FileReport]) -> String {
    reports.iter().map(line).collect()
}
