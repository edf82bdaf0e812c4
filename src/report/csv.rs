//! `--format csv`: one row per finding (and one per unreadable file), for a
//! spreadsheet or a database. UTF-8 with a BOM, so Excel opens Chinese text
//! correctly.

use super::escape::csv_cell;
use super::json::FindingJson;
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

/// Renders the reports as CSV.
pub fn render(reports: &[FileReport]) -> String {
    let mut w = ::csv::WriterBuilder::new().from_writer(Vec::new());
    let _ = w.write_record(HEADER);
    for r in reports {
        let path = csv_cell(&r.path.display().to_string()).into_owned();
        if let Some(e) = &r.error {
            let mut row = vec![path.clone(), "error".into()];
            row.resize(HEADER.len() - 1, String::new());
            row.push(csv_cell(&e.kind.to_string()).into_owned());
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
    let body = w.into_inner().unwrap_or_default();
    let mut out = String::from("\u{feff}");
    out.push_str(&String::from_utf8_lossy(&body));
    out
}
