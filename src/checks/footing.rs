//! ## What it does
//! Checks that each total row (`合计`, `总计`, `共计`, `小计`, `Total`) equals
//! the sum of the rows it totals, in every amount column.
//!
//! A total at the top of a table (usual in budget tables) totals the rows
//! below it; one at the bottom totals the rows above. A `合计` over `小计`
//! groups adds the groups' 小计s and any ungrouped items, never the items
//! again; a `总计` below a `合计` adds the 合计 and the rows after it. In a
//! table with classification codes or outline numbering only the top level
//! is added; `其中` rows are never added.
//!
//! ## Why is this bad?
//! A total that is not the sum of its rows is the most common arithmetic
//! error in published tables: a row left out of a `SUM`, a figure changed
//! after the total was typed, two digits swapped.
//!
//! ## Example
//! ```text
//! 一般公共预算      1,721.1
//! 政府性基金预算    2,600
//! 社会保险基金预算 16,333
//! 专项债券            586
//! 合计             21,349.1   ← the rows sum to 21,240.1
//! ```
//! Use instead: a 合计 of 21,240.1, or correct the item that is wrong.

use super::registry::{Check, CheckInfo, Failed};
use super::{column_sums, Relation};
use crate::finding::Severity;
use crate::message::Message;
use crate::table::{RowKind, Table};

/// The check.
pub struct Footing;

static INFO: CheckInfo = CheckInfo {
    id: "footing",
    name: "total row",
    summary: "a total row (合计, 小计, 总计) is not the sum of the rows it totals",
    severity: Severity::Error,
};

impl Check for Footing {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn relations(&self, table: &Table, out: &mut Vec<Relation>) {
        relations(table, out)
    }

    fn describe(&self, f: &Failed) -> (Message, Message) {
        (
            sum_differs(Message::new("footing"), f, true),
            Message::new("hint-check-inputs"),
        )
    }
}

/// Message `m` completed for a total row that is not the sum of its parts:
/// the total's label (and its column's name, if `column`), its cell, the
/// stated figure, the parts and their sum, and the difference.
pub(crate) fn sum_differs(m: Message, f: &Failed, column: bool) -> Message {
    let (table, rel, o) = (f.table, f.rel, f.outcome);
    let unit = table.unit_of(rel.total.col()).map(Into::into);
    let mut message = m.text("label", table.row_name(rel.total.row()));
    if column {
        message = message.text("column", table.columns[rel.total.col()].short_name());
    }
    message
        .text("cell", table.a1(rel.total.row(), rel.total.col()))
        .amount("stated", o.stated, unit)
        .count("n", rel.parts.len())
        .cells("inputs", f.inputs.to_vec())
        .amount("computed", o.computed, unit)
        .amount("difference", o.difference(), unit)
}

/// The footing check's info (a relation of a total row names it).
pub fn info() -> &'static CheckInfo {
    &INFO
}

/// The relations: one per total row and amount column.
fn relations(table: &Table, out: &mut Vec<Relation>) {
    let n = table.rows.len();
    let top = matches!(table.rows.first().map(|r| r.kind), Some(RowKind::Total(_)));
    let order: Box<dyn Iterator<Item = usize>> = if top {
        Box::new((0..n).rev())
    } else {
        Box::new(0..n)
    };
    // pending[0]: top-level items not yet totalled; pending[l]: totals of level l.
    let mut pending: [Vec<usize>; 4] = Default::default();
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for i in order {
        let row = &table.rows[i];
        match row.kind {
            RowKind::Item if row.parent.is_none() => pending[0].push(i),
            RowKind::Total(level) => {
                let level = level.min(3) as usize;
                let mut members: Vec<usize> = Vec::new();
                for p in pending.iter_mut().take(level) {
                    members.append(p);
                }
                members.sort_unstable();
                groups.push((i, members));
                pending[level].push(i);
            }
            _ => {}
        }
    }
    for (total, members) in groups {
        if members.is_empty() {
            continue;
        }
        let from = out.len();
        column_sums(table, &INFO, total, &members, out);
        if !table.hidden.is_empty() {
            for rel in &mut out[from..] {
                leave_out_hidden(table, rel);
            }
        }
    }
}

/// A total whose formula skips hidden rows (`SUBTOTAL(101…111, …)`,
/// `AGGREGATE(…, 1/3/5/7, …)`) does not total the rows hidden in the
/// workbook: they leave its relation, as Excel leaves them out.
fn leave_out_hidden(table: &Table, rel: &mut Relation) {
    let Some(formula) = table.formulas.get(&(rel.total.row(), rel.total.col())) else {
        return;
    };
    if !super::formulas::skips_hidden(formula) {
        return;
    }
    rel.parts
        .retain(|p| table.hidden.binary_search(&p.row()).is_err());
}
