//! `--format sarif`: SARIF 2.1.0 for code-scanning dashboards. A finding in
//! a workbook is located by its file and a logical location `Sheet!D8`; a
//! finding in a text report by its line and column.

use serde_json::{json, Value};

use crate::finding::Severity;
use crate::FileReport;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn uri(path: &std::path::Path) -> String {
    let s = path.display().to_string().replace('\\', "/");
    s.chars()
        .map(|c| match c {
            ' ' => "%20".to_string(),
            '%' => "%25".to_string(),
            '#' => "%23".to_string(),
            '?' => "%3F".to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// Renders the reports as one SARIF 2.1.0 log.
pub fn render(reports: &[FileReport]) -> String {
    let mut rules: Vec<String> = reports
        .iter()
        .flat_map(|r| r.findings.iter().map(|f| f.rule.clone()))
        .collect();
    rules.sort();
    rules.dedup();
    let rule_objs: Vec<Value> = rules
        .iter()
        .map(|id| json!({"id": id, "name": id, "shortDescription": {"text": describe(id)}}))
        .collect();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for r in reports {
        let artifact = json!({"uri": uri(&r.path)});
        if let Some(e) = &r.error {
            notifications.push(json!({
                "level": "error",
                "message": {"text": format!("{}: {}", r.path.display(), e.kind)},
                "locations": [{"physicalLocation": {"artifactLocation": artifact}}]
            }));
            continue;
        }
        for f in &r.findings {
            let mut physical = json!({"artifactLocation": artifact});
            if let (Some(line), Some(col)) = (f.line, f.col) {
                physical["region"] = json!({"startLine": line, "startColumn": col});
            }
            let mut location = json!({"physicalLocation": physical});
            if let (Some(sheet), Some(cell)) = (&f.sheet, &f.cell) {
                location["logicalLocations"] =
                    json!([{"fullyQualifiedName": format!("{sheet}!{cell}"), "kind": "element"}]);
            } else if let Some(sheet) = &f.sheet {
                location["logicalLocations"] =
                    json!([{"fullyQualifiedName": sheet, "kind": "element"}]);
            }
            let mut result = json!({
                "ruleId": f.rule,
                "ruleIndex": rules.iter().position(|x| *x == f.rule).unwrap_or(0),
                "level": level(f.severity),
                "message": {"text": f.message},
                "locations": [location],
                "properties": {
                    "stated": f.stated, "computed": f.computed, "difference": f.difference,
                    "tolerance": f.tolerance, "unit": f.unit, "inputs": f.inputs,
                }
            });
            if let Some(s) = f.suspects.first() {
                result["properties"]["suspect"] =
                    json!({"cell": s.cell, "proposed": s.proposed, "reason": s.reason});
            }
            results.push(result);
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "crossfoot",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://crates.io/crates/crossfoot",
                "rules": rule_objs
            }},
            "invocations": [{"executionSuccessful": true, "toolExecutionNotifications": notifications}],
            "results": results
        }]
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

fn describe(id: &str) -> &'static str {
    match id {
        "footing" => "A total row is not the sum of the rows it totals",
        "cross-footing" => "A total column is not the sum of the columns it heads",
        "hierarchy" => "A parent row is not the sum of its children",
        "of-which" => "其中 rows exceed or do not make up the row they break down",
        "score-cap" => "A score is above its maximum",
        "formula-range" => "A SUM range leaves out rows of its block or reaches outside it",
        "formula-hardcoded" => "A total is typed as a number beside formula totals",
        "formula-stale" => "A cached value disagrees with its formula's inputs",
        id if id.starts_with("text-") => "A claim in a report's text does not hold",
        _ => "A rule from a rule file",
    }
}
