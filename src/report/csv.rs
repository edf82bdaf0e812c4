//! `--format csv`: one row per finding (and one per unreadable file), for a
//! spreadsheet or a database. UTF-8 with a BOM, so Excel opens Chinese text
//! correctly. When rules ran, one row per rule follows the findings: its
//! `status` is `rule`, its `rule` the rule's id, and its `message` what the
//! rule came to (`4 items: 3 pass, 0 fail, 1 undecided`), then why items
//! were undecided (`; undecided: blank cell 项目!C4`).

use super::escape::csv_cell;
use super::json::FindingJson;
use crate::rules::summary::RuleSummary;
use crate::FileReport;

const HEADER: [&str; 16] = [
    "path",
    "status",
    "rule",
    "severity",
    "sheet",
    "cell",
    "line",
    "column",
    "stated",
    "computed",
    "difference",
    "tolerance",
    "unit",
    "inputs",
    "suspect",
    "message",
];

/// Renders the reports, then the rules' summaries, as CSV.
pub fn render(reports: &[FileReport], rules: &[RuleSummary]) -> String {
    let mut w = ::csv::WriterBuilder::new().from_writer(Vec::new());
    let _ = w.write_record(HEADER);
    for r in reports {
        let path = csv_cell(&r.path.display().to_string()).into_owned();
        if let Some(e) = &r.error {
            let mut row = vec![path.clone(), "error".into()];
            row.resize(HEADER.len() - 1, String::new());
            row.push(csv_cell(&e.kind.message().render()).into_owned());
            let _ = w.write_record(&row);
            continue;
        }
        for f in r.findings.iter().map(FindingJson::from) {
            let opt = |o: Option<&str>| o.unwrap_or_default().to_string();
            let num = |o: Option<usize>| o.map(|n| n.to_string()).unwrap_or_default();
            let suspect = f
                .suspects
                .first()
                .map(|s| format!("{} → {}", s.cell, s.proposed.as_deref().unwrap_or_default()))
                .unwrap_or_default();
            let _ = w.write_record([
                path.clone(),
                r.status().to_string(),
                csv_cell(f.rule).into_owned(),
                f.severity.to_string(),
                csv_cell(&opt(f.sheet)).into_owned(),
                opt(f.cell),
                num(f.line),
                num(f.column),
                opt(f.stated.as_deref()),
                opt(f.computed.as_deref()),
                opt(f.difference.as_deref()),
                opt(f.tolerance.as_deref()),
                opt(f.unit),
                csv_cell(&f.inputs.join(" ")).into_owned(),
                suspect,
                csv_cell(&f.message).into_owned(),
            ]);
        }
    }
    for r in rules {
        let _ = w.write_record(rule_row(r));
    }
    let body = w.into_inner().unwrap_or_default();
    let mut out = String::from("\u{feff}");
    out.push_str(&String::from_utf8_lossy(&body));
    out
}

/// A rule's row: `status` `rule`, its id, and what it came to.
fn rule_row(r: &RuleSummary) -> Vec<String> {
    let mut message = super::rule_counts(r);
    if r.undecided > 0 {
        message.push_str("; undecided: ");
        message.push_str(&r.reasons.join("; "));
    }
    let mut row = vec![String::new(); HEADER.len()];
    row[1] = "rule".into();
    row[2] = csv_cell(&r.id).into_owned();
    row[HEADER.len() - 1] = csv_cell(&message).into_owned();
    row
}
