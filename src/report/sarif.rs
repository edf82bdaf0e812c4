//! `--format sarif`: SARIF 2.1.0 for code-scanning dashboards. A finding in
//! a workbook is located by its file and a logical location `Sheet!D8`; a
//! finding in a text report by its line and column.
//!
//! When rules ran, `runs[0].properties.rules` holds what each rule came to
//! (the JSON document's `rules` entries), and each rule with undecided
//! items adds a `toolExecutionNotifications` entry of level `note` saying
//! how many and why.

use serde_json::{json, Value};

use super::json::{FindingJson, RuleJson};
use crate::checks::registry::CHECKS;
use crate::finding::{Finding, RuleId, Severity};
use crate::rules::summary::RuleSummary;
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

/// Renders the reports and the rules' summaries as one SARIF 2.1.0 log.
pub fn render(reports: &[FileReport], summaries: &[RuleSummary]) -> String {
    let (rules, rule_objs) = rule_list(reports, summaries);
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for r in reports {
        let artifact = json!({"uri": uri(&r.path)});
        if let Some(e) = &r.error {
            notifications.push(json!({
                "level": "error",
                "message": {"text": format!("{}: {}", r.path.display(), e.kind.message())},
                "locations": [{"physicalLocation": {"artifactLocation": artifact}}]
            }));
            continue;
        }
        for finding in &r.findings {
            results.push(result(finding, &artifact, &rules));
        }
    }
    notifications.extend(undecided_notes(summaries, &rules));
    let mut log = json!({
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
    if !summaries.is_empty() {
        let objs: Vec<RuleJson> = summaries.iter().map(RuleJson::from).collect();
        log["runs"][0]["properties"] = json!({ "rules": objs });
    }
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

/// A `note` for each rule with undecided items: how many, and why.
fn undecided_notes(summaries: &[RuleSummary], rules: &[String]) -> Vec<Value> {
    summaries
        .iter()
        .filter(|r| r.undecided > 0)
        .map(|r| {
            let mut rule = json!({ "id": r.id });
            if let Some(i) = rules.iter().position(|x| *x == r.id) {
                rule["index"] = json!(i);
            }
            json!({
                "level": "note",
                "message": {"text": format!("rule {}: {}", r.id, super::rule_undecided(r))},
                "associatedRule": rule
            })
        })
        .collect()
}

/// Every built-in check, then the rule files' rules that reported or ran:
/// their ids (a result's `ruleIndex` is its place here) and their
/// descriptors.
fn rule_list(reports: &[FileReport], summaries: &[RuleSummary]) -> (Vec<String>, Vec<Value>) {
    let mut rules: Vec<String> = CHECKS.iter().map(|c| c.info().id.to_string()).collect();
    let mut rule_objs: Vec<Value> = CHECKS
        .iter()
        .map(|c| c.info())
        .map(|i| {
            json!({"id": i.id, "name": i.name, "shortDescription": {"text": i.summary},
                   "defaultConfiguration": {"level": level(i.severity)}})
        })
        .collect();
    let mut custom: Vec<&str> = reports
        .iter()
        .flat_map(|r| r.findings.iter())
        .filter(|f| matches!(f.rule, RuleId::Rule(_)))
        .map(|f| f.rule.as_str())
        .chain(summaries.iter().map(|r| r.id.as_str()))
        .collect();
    custom.sort_unstable();
    custom.dedup();
    for id in custom {
        if rules.iter().any(|r| r == id) {
            continue;
        }
        rules.push(id.to_string());
        rule_objs.push(
            json!({"id": id, "name": id, "shortDescription": {"text": "a rule from a rule file"}}),
        );
    }
    (rules, rule_objs)
}

/// One finding as a SARIF result in the file `artifact`.
fn result(finding: &Finding, artifact: &Value, rules: &[String]) -> Value {
    let f = FindingJson::from(finding);
    let mut result = json!({
        "ruleId": f.rule,
        "ruleIndex": rules.iter().position(|x| x == f.rule).unwrap_or(0),
        "level": level(finding.severity),
        "message": {"text": f.message},
        "locations": [location(&f, artifact)],
        "properties": {
            "stated": f.stated, "computed": f.computed, "difference": f.difference,
            "tolerance": f.tolerance, "unit": f.unit, "inputs": f.inputs,
        }
    });
    if let Some(s) = f.suspects.first() {
        result["properties"]["suspect"] =
            json!({"cell": s.cell, "proposed": s.proposed, "reason": s.reason});
    }
    result
}

/// Where a finding is: the file, its line and column in a text report, and
/// `Sheet!D8` (or the sheet) as a logical location in a workbook.
fn location(f: &FindingJson, artifact: &Value) -> Value {
    let mut physical = json!({"artifactLocation": artifact});
    if let (Some(line), Some(col)) = (f.line, f.column) {
        physical["region"] = json!({"startLine": line, "startColumn": col});
    }
    let mut location = json!({"physicalLocation": physical});
    if let (Some(sheet), Some(cell)) = (f.sheet, f.cell) {
        location["logicalLocations"] =
            json!([{"fullyQualifiedName": format!("{sheet}!{cell}"), "kind": "element"}]);
    } else if let Some(sheet) = f.sheet {
        location["logicalLocations"] = json!([{"fullyQualifiedName": sheet, "kind": "element"}]);
    }
    location
}
