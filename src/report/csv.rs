//! `--format csv`: one row per finding (and one per unreadable file), for a
//! spreadsheet or a database. UTF-8 with a BOM, so Excel opens Chinese text
//! correctly.

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
        let path = r.path.display().to_string();
        if let Some(e) = &r.error {
            let mut row = vec![path.clone(), "error".into()];
            row.resize(HEADER.len() - 1, String::new());
            row.push(e.kind.to_string());
            let _ = w.write_record(&row);
            continue;
        }
        for f in &r.findings {
            let opt = |o: &Option<String>| o.clone().unwrap_or_default();
            let suspect = f
                .suspects
                .first()
                .map(|s| format!("{} → {}", s.cell, s.proposed.clone().unwrap_or_default()))
                .unwrap_or_default();
            let _ = w.write_record([
                path.clone(),
                r.status().to_string(),
                f.rule.clone(),
                f.severity.as_str().to_string(),
                opt(&f.sheet),
                opt(&f.cell),
                f.line.map(|l| l.to_string()).unwrap_or_default(),
                f.col.map(|c| c.to_string()).unwrap_or_default(),
                opt(&f.stated),
                opt(&f.computed),
                opt(&f.difference),
                opt(&f.tolerance),
                opt(&f.unit),
                f.inputs.join(" "),
                suspect,
                f.message.clone(),
            ]);
        }
    }
    let body = w.into_inner().unwrap_or_default();
    let mut out = String::from("\u{feff}");
    out.push_str(&String::from_utf8_lossy(&body));
    out
}
