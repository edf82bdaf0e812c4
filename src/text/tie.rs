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

use super::checks::finding;
use super::claims::{enumerations, Enumeration, Kind};
use super::Doc;
use crate::amount::rounding_tolerance;
use crate::checks::registry::{Check, CheckInfo};
use crate::finding::{Evidence, Finding, Message, Severity};
use crate::rules::eval::Loaded;
use crate::table::{labels::normalize, Amount, RowKind, Table};

/// The check. It runs across the files of a run ([`tie`]), not on one
/// document, so it has no per-document part.
pub struct TextTie;

static INFO: CheckInfo = CheckInfo {
    id: "text-tie",
    name: "report against workbook",
    summary: "a total a report states differs from the 合计 of the workbook table its items name",
    severity: Severity::Error,
};

impl Check for TextTie {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }
}

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
                if let Some((ft, ti, m)) = best_table(files, &e) {
                    let f = tie_one(doc, &e, &files[ft], &files[ft].tables[ti], &m);
                    out.extend(f.map(|f| (fd, f)));
                }
            }
        }
    }
    out
}

/// (file, table, item ↔ row pairs) of the table whose rows the most items
/// name, at least two.
fn best_table(files: &[Loaded], e: &Enumeration) -> Option<(usize, usize, Vec<(usize, usize)>)> {
    let mut best: Option<(usize, usize, Vec<(usize, usize)>)> = None;
    for (ft, f2) in files.iter().enumerate() {
        for (ti, t) in f2.tables.iter().enumerate() {
            let m = matches(t, e);
            if m.len() >= 2 && best.as_ref().is_none_or(|b| m.len() > b.2.len()) {
                best = Some((ft, ti, m));
            }
        }
    }
    best
}

/// The finding of one enumeration against table `t` of `file`, whose rows
/// its items name (`m`): the sentence's total against the table's 合计.
fn tie_one(
    doc: &Doc,
    e: &Enumeration,
    file: &Loaded,
    t: &Table,
    m: &[(usize, usize)],
) -> Option<Finding> {
    let col = agreeing_column(t, e, m)?;
    let total_row = t
        .rows
        .iter()
        .position(|r| matches!(r.kind, RowKind::Total(l) if l >= 2))?;
    let Amount::Value(tv, td) = t.amount(total_row, col) else {
        return None;
    };
    let unit = t.unit_of(col)?;
    let text_total = money(&e.total)?;
    let table_total = tv * unit.factor();
    let tol = rounding_tolerance(td, [e.total.decimals]) * unit.factor();
    let file_name = file
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let cell = format!("[{file_name}]'{}'!{}", t.sheet, t.a1(total_row, col));
    let holds = (text_total - table_total).abs() <= tol;
    let u = Some(unit.into());
    let stated = text_total / unit.factor();
    let message = Message::new(if holds { "text-tie-holds" } else { "text-tie" })
        .amount("stated", stated, u)
        .text("label", t.row_name(total_row))
        .text("column", t.columns[col].short_name())
        .text("cell", cell.clone());
    let (severity, message, label) = if holds {
        (Severity::Info, message, Message::new("label-ties"))
    } else {
        let label = Message::new("label-workbook-says").figure("computed", tv);
        (Severity::Error, message.amount("computed", tv, u), label)
    };
    let mut f = finding(doc, &INFO, severity, e.total.span.clone(), message, label);
    f.evidence = Some(Evidence::compared(stated, tv, tol / unit.factor(), u));
    f.inputs = vec![cell];
    f.help = (!holds).then(|| Message::new("hint-text-tie"));
    f.label = Some(t.row_name(total_row));
    f.header = Some(t.columns[col].short_name());
    Some(f)
}

/// The amount column (with a unit) whose figures agree with the most items.
fn agreeing_column(t: &Table, e: &Enumeration, m: &[(usize, usize)]) -> Option<usize> {
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
    t.numeric_columns()
        .filter(|&k| t.unit_of(k).is_some())
        .max_by_key(|&k| agree(k))
}
