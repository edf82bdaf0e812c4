//! ## What it does
//! `formula-range`: a total whose `SUM` range leaves out rows of its own
//! block (`=SUM(D4:D9)` while the items run D4:D10), or reaches outside it
//! (into another block, a 小计 beside its items, or 其中 rows).
//!
//! ## Why is this bad?
//! A `SUM` range that misses the last row is the error behind famous
//! published mistakes: the total looks computed, and is wrong the moment a
//! row is added below the range.
//!
//! ## Example
//! ```text
//! D4:D9  items
//! D10    =SUM(D4:D8)   ← leaves out D9
//! ```
//! Use instead: `=SUM(D4:D9)`.

use std::collections::HashSet;

use super::{finding, footings, parse_sum, suggested_sum, Said};
use crate::checks::registry::{Check, CheckInfo};
use crate::checks::{Cmp, Outcome, Relation};
use crate::finding::{Finding, Message, Severity};
use crate::table::{Amount, RowKind, Table};
use crate::workbook::compress_rows;

/// The check.
pub struct FormulaRange;

static INFO: CheckInfo = CheckInfo {
    id: "formula-range",
    name: "SUM range",
    summary: "a total's SUM range leaves out rows of its block or reaches outside it",
    severity: Severity::Error,
};

impl Check for FormulaRange {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn after_relations(
        &self,
        table: &Table,
        rels: &[Relation],
        outcomes: &[Option<Outcome>],
        out: &mut Vec<Finding>,
    ) {
        for (rel, o, formula) in footings(table, rels, outcomes) {
            if let Some(f) = formula {
                range(table, rel, o, f, out);
            }
        }
    }
}

/// The sheet rows of a total's block that its formula leaves out, and the
/// ones it adds from outside the block.
fn missing_and_extra(
    table: &Table,
    rel: &Relation,
    referenced: &HashSet<usize>,
) -> (Vec<usize>, Vec<usize>) {
    // A part is covered when it, or all of its descendants, are referenced.
    fn covered(table: &Table, i: usize, refs: &HashSet<usize>) -> bool {
        refs.contains(&table.rows[i].row)
            || (!table.children[i].is_empty()
                && table.children[i].iter().all(|&c| covered(table, c, refs)))
    }
    let mut allowed: HashSet<usize> = HashSet::new();
    let mut stack: Vec<usize> = rel.parts.iter().map(|p| p.row()).collect();
    while let Some(i) = stack.pop() {
        if allowed.insert(table.rows[i].row) {
            stack.extend(table.children[i].iter().copied());
        }
    }
    let mut missing: Vec<usize> = rel
        .parts
        .iter()
        .filter(|p| !covered(table, p.row(), referenced))
        .map(|p| table.rows[p.row()].row)
        .collect();
    let has_value = |sheet_row: usize| match table.row_index(sheet_row) {
        Some(i) => !matches!(table.amount(i, rel.total.col()), Amount::Blank),
        None => false,
    };
    let mut extra: Vec<usize> = referenced
        .iter()
        .copied()
        .filter(|r| !allowed.contains(r) && *r != table.rows[rel.total.row()].row && has_value(*r))
        .collect();
    extra.sort_unstable();
    missing.sort_unstable();
    (missing, extra)
}

/// Up to three row labels of sheet rows `rows`.
fn names(table: &Table, rows: &[usize]) -> Vec<String> {
    rows.iter()
        .filter_map(|r| table.row_index(*r).map(|i| table.row_name(i)))
        .take(3)
        .collect()
}

/// A finding when a total's SUM formula leaves out rows of its block or
/// adds rows from outside it.
fn range(table: &Table, rel: &Relation, o: Outcome, formula: &str, out: &mut Vec<Finding>) {
    let Some(refs) = parse_sum(formula) else {
        return;
    };
    let col = table.columns[rel.total.col()].col;
    if refs.iter().any(|&(s, (_, c))| s < 0 || c != col) {
        return;
    }
    let referenced: HashSet<usize> = refs.iter().map(|&(_, (r, _))| r).collect();
    let (missing, extra) = missing_and_extra(table, rel, &referenced);
    if missing.is_empty() && extra.is_empty() {
        return;
    }
    let severity = if o.holds(Cmp::Equal) {
        Severity::Warning
    } else {
        Severity::Error
    };
    let inputs = crate::checks::inputs(table, &rel.parts);
    let message = Message::new("formula-range")
        .text("label", table.row_name(rel.total.row()))
        .text("cell", table.a1(rel.total.row(), rel.total.col()))
        .text("formula", formula)
        .message("what", what_is_wrong(table, col, &missing, &extra))
        .cells("inputs", inputs.clone());
    let help = Message::new("hint-formula-range").text("sum", suggested_sum(&inputs));
    let said = Said {
        info: &INFO,
        severity,
        message,
        help,
        inputs,
    };
    out.push(finding(table, rel, &o, said));
}

/// The rows left out, the rows added, or both (`col`: the sheet column).
fn what_is_wrong(table: &Table, col: usize, missing: &[usize], extra: &[usize]) -> Message {
    let rows = |id: &'static str, rows: &[usize]| {
        Message::new(id)
            .cells("rows", compress_rows(rows, col))
            .cells("names", names(table, rows))
    };
    let left_out = (!missing.is_empty()).then(|| rows("formula-leaves-out", missing));
    let added = (!extra.is_empty()).then(|| {
        let inside_of_which = extra.iter().any(|r| {
            table.row_index(*r).is_some_and(|i| {
                matches!(
                    table.rows[i].kind,
                    RowKind::OfWhich { .. } | RowKind::Total(_)
                )
            })
        });
        let id = if inside_of_which {
            "formula-adds-counted"
        } else {
            "formula-adds-outside"
        };
        rows(id, extra)
    });
    match (left_out, added) {
        (Some(first), Some(second)) => Message::new("both")
            .message("first", first)
            .message("second", second),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => Message::new("formula-leaves-out"),
    }
}
