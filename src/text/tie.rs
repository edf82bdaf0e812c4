//! ## What it does
//! When a run has both a report and workbooks, ties the report's
//! enumerations to the workbooks' tables: where the items of a sentence
//! (`一般公共预算类资金评价了一个项目 1721.1 万元、…共计 21240.1 万元`) name rows
//! of a table that has a 合计 row, each item must equal its row and the
//! sentence's total the 合计 (`text-tie`).
//!
//! ## Why is this bad?
//! A report and its tables are published together; a total retyped into the
//! prose is where they drift apart.

use rust_decimal::Decimal;

use super::claims::{enumerations, position, Enumeration, Kind};
use super::Doc;
use crate::amount::{group_thousands, rounding_tolerance};
use crate::finding::{Excerpt, Finding, Severity};
use crate::rules::eval::Loaded;
use crate::table::{labels::normalize, Amount, RowKind, Table};

fn money(f: &super::claims::Fig) -> Option<Decimal> {
    match f.kind {
        Kind::Money(u) => Some(f.value * u.factor()),
        _ => None,
    }
}

/// The table rows the items name: (item index, row index), for the table
/// whose labels match most items.
fn matches(table: &Table, e: &Enumeration) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (k, (label, _)) in e.items.iter().enumerate() {
        let l = normalize(label);
        let row = table.rows.iter().position(|r| {
            let n = normalize(crate::table::labels::strip_outline(&normalize(&r.label)));
            r.kind == RowKind::Item && n.chars().count() >= 2 && l.contains(&n)
        });
        if let Some(i) = row {
            out.push((k, i));
        }
    }
    out
}

/// Findings tying each document's enumerations to the tables of the run.
pub fn tie(files: &[Loaded]) -> Vec<(usize, Finding)> {
    let mut out = Vec::new();
    for (fd, file) in files.iter().enumerate() {
        for doc in &file.docs {
            for e in enumerations(doc) {
                // (file, table, item ↔ row pairs) of the best-matching table.
                type Best = (usize, usize, Vec<(usize, usize)>);
                let mut best: Option<Best> = None;
                for (ft, f2) in files.iter().enumerate() {
                    for (ti, t) in f2.tables.iter().enumerate() {
                        let m = matches(t, &e);
                        if m.len() >= 2 && best.as_ref().is_none_or(|b| m.len() > b.2.len()) {
                            best = Some((ft, ti, m));
                        }
                    }
                }
                if let Some((ft, ti, m)) = best {
                    out.extend(tie_one(
                        fd,
                        doc,
                        &e,
                        ft,
                        &files[ft],
                        &files[ft].tables[ti],
                        &m,
                    ));
                }
            }
        }
    }
    out
}

fn tie_one(
    fd: usize,
    doc: &Doc,
    e: &Enumeration,
    _ft: usize,
    file: &Loaded,
    t: &Table,
    m: &[(usize, usize)],
) -> Vec<(usize, Finding)> {
    // The amount column whose figures agree with the most items.
    let agree = |k: usize| {
        m.iter()
            .filter(
                |&&(item, row)| match (t.amount(row, k), money(&e.items[item].1)) {
                    (Amount::Value(v, d), Some(x)) => {
                        let unit = t.unit_of(k).map_or(Decimal::ONE, |u| u.factor());
                        (v * unit - x).abs()
                            <= rounding_tolerance(d, [e.items[item].1.decimals]) * unit
                    }
                    _ => false,
                },
            )
            .count()
    };
    let Some(col) = t
        .numeric_columns()
        .filter(|&k| t.unit_of(k).is_some())
        .max_by_key(|&k| agree(k))
    else {
        return Vec::new();
    };
    let Some(total_row) = t
        .rows
        .iter()
        .position(|r| matches!(r.kind, RowKind::Total(l) if l >= 2))
    else {
        return Vec::new();
    };
    let Amount::Value(tv, td) = t.amount(total_row, col) else {
        return Vec::new();
    };
    let Some(unit) = t.unit_of(col) else {
        return Vec::new();
    };
    let Some(text_total) = money(&e.total) else {
        return Vec::new();
    };
    let table_total = tv * unit.factor();
    let tol = rounding_tolerance(td, [e.total.decimals]) * unit.factor();
    let file_name = file
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let cell = format!("[{file_name}]'{}'!{}", t.sheet, t.a1(total_row, col));
    let orig = doc.original_span(&e.total.span);
    let (line, column) = position(doc, &e.total);
    let holds = (text_total - table_total).abs() <= tol;
    let shown_text = group_thousands((text_total / unit.factor()).normalize());
    let shown_table = group_thousands(tv.normalize());
    let message = if holds {
        format!(
            "the total of {shown_text} {unit} ties to {} of {} ({cell})",
            t.row_name(total_row),
            t.columns[col].short_name()
        )
    } else {
        format!(
            "the report states {shown_text} {unit}, but {} of {} in the workbook ({cell}) is {shown_table} {unit}",
            t.row_name(total_row),
            t.columns[col].short_name()
        )
    };
    let finding = Finding {
        rule: "text-tie".into(),
        severity: if holds {
            Severity::Info
        } else {
            Severity::Error
        },
        sheet: None,
        cell: None,
        stated: Some((text_total / unit.factor()).normalize().to_string()),
        computed: Some(tv.normalize().to_string()),
        difference: Some(
            ((text_total - table_total) / unit.factor())
                .normalize()
                .to_string(),
        ),
        tolerance: Some((tol / unit.factor()).normalize().to_string()),
        unit: Some(unit.as_str().into()),
        inputs: vec![cell],
        suspects: Vec::new(),
        message,
        help: (!holds).then(|| {
            "one of the two was not updated: check the workbook's 合计 against the report"
                .to_string()
        }),
        label: Some(t.row_name(total_row)),
        column: Some(t.columns[col].short_name()),
        formula: None,
        line: Some(line),
        col: Some(column),
        span: Some((orig.start, orig.end)),
        excerpt: Some(Excerpt {
            text: doc.original.clone(),
            labels: vec![(
                orig,
                if holds {
                    "ties to the workbook".into()
                } else {
                    format!("the workbook says {shown_table}")
                },
            )],
        }),
    };
    vec![(fd, finding)]
}
