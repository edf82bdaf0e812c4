//! ## What it does
//! Checks that each total row (`合计`, `总计`, `共计`, `小计`, `Total`) equals
//! the sum of the rows it totals, in every amount column.
//!
//! A total at the top of a table (usual in budget tables) totals the rows
//! below it; one at the bottom totals the rows above. A `合计` over `小计`
//! groups adds the groups' 小计s and any ungrouped items, never the items
//! again; a `总计` below a `合计` adds the 合计 and the rows after it. In a
//! table with classification codes or outline numbering only the top level
//! is added; `其中` rows are never added. Detail lines printed under an
//! item with no 其中 or number to mark them (`上级补助收入` then
//! `税收返回及转移支付补助`) are left out of a total when they add up to
//! the item exactly and the total holds only without them.
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
    for (total, mut members) in groups {
        if members.is_empty() {
            continue;
        }
        if let Some(top) = without_unmarked_breakdowns(table, total, &members) {
            members = top;
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

/// Tables this long are read as printed: the unmarked-breakdown reading
/// is for the short summary tables where it occurs.
const BREAKDOWN_MAX_MEMBERS: usize = 200;
/// How many detail lines one unmarked breakdown may have.
const BREAKDOWN_MAX_LINES: usize = 12;

/// The members of a total with its unmarked breakdowns taken out, when that
/// reading is the one the figures support; `None` to keep the rows as
/// printed.
///
/// Summary tables list detail lines under an item with no 其中, number or
/// indent to say so (`上级补助收入 37,811` then `税收返回及转移支付补助
/// 37,811`, `上级追加补助`), and their 总计 adds the items only. A member
/// is read as the parent of the unnumbered, uncoded item rows right after
/// it when, in every amount column, those rows add to it exactly, and the
/// evidence is more than a coincidence: the sum holds in two columns with
/// figures, or it takes two rows with figures to make it. That reading is
/// taken only when the total then holds in more columns than as printed,
/// so a 合计 that footed as printed is never re-read, and a single equal
/// row after an item in a one-column table (a row left out of the total,
/// as likely as a breakdown) stays an error.
fn without_unmarked_breakdowns(
    table: &Table,
    total: usize,
    members: &[usize],
) -> Option<Vec<usize>> {
    use super::evaluate;
    use crate::table::Amount;
    use rust_decimal::Decimal;
    if members.len() < 3 || members.len() > BREAKDOWN_MAX_MEMBERS {
        return None;
    }
    let columns: Vec<usize> = table.numeric_columns().collect();
    let is_member = |i: usize| members.binary_search(&i).is_ok();
    // Detail lines are unnumbered, or numbered afresh under an unnumbered
    // item (`年初结转和结余` then `一、一般公共预算财政拨款`, `二、…`).
    let numbered_under = |p: usize| {
        let first = table.rows.get(p + 1);
        table.rows[p].outline.is_none()
            && first.is_some_and(|r| r.outline.is_some() && first_of_list(&r.label))
    };
    let detail_line = |p: usize, i: usize| {
        let (row, parent) = (&table.rows[i], &table.rows[p]);
        row.kind == RowKind::Item
            && row.parent.is_none()
            && (row.outline.is_none() || numbered_under(p))
            && row.code.is_none()
            && !row.subtracts
            && crate::table::labels::normalize(&row.label)
                != crate::table::labels::normalize(&parent.label)
    };
    let value = |i: usize, k: usize| match table.amount(i, k) {
        Amount::Value(v, _) => Some(Some(v)),
        Amount::Blank | Amount::Nil => Some(None),
        Amount::Unreadable => None,
    };
    let mut details: Vec<usize> = Vec::new();
    let mut p = 0;
    while p < members.len() {
        let parent = members[p];
        let row = &table.rows[parent];
        if row.kind != RowKind::Item || row.subtracts {
            p += 1;
            continue;
        }
        let mut sums = vec![Decimal::ZERO; columns.len()];
        let mut with_figures = 0;
        let mut found: Option<usize> = None;
        let mut j = parent + 1;
        while j <= parent + BREAKDOWN_MAX_LINES && is_member(j) && detail_line(parent, j) {
            let mut any = false;
            for (s, &k) in sums.iter_mut().zip(&columns) {
                match value(j, k) {
                    Some(Some(v)) => {
                        *s += v;
                        any |= !v.is_zero();
                    }
                    Some(None) => {}
                    None => return None,
                }
            }
            with_figures += usize::from(any);
            let mut nonzero_columns = 0;
            let adds_up = columns
                .iter()
                .zip(&sums)
                .all(|(&k, s)| match value(parent, k) {
                    Some(Some(v)) => {
                        nonzero_columns += usize::from(!v.is_zero());
                        v == *s
                    }
                    Some(None) => s.is_zero(),
                    None => false,
                });
            let evidence = nonzero_columns >= 2 || with_figures >= 2 || numbered_under(parent);
            if adds_up && nonzero_columns > 0 && evidence {
                found = Some(j);
                break;
            }
            j += 1;
        }
        let Some(mut end) = found else {
            p += 1;
            continue;
        };
        // Blank lines right after the breakdown belong to it (上级追加补助
        // with nothing this year).
        while end < parent + BREAKDOWN_MAX_LINES
            && is_member(end + 1)
            && detail_line(parent, end + 1)
            && columns.iter().all(|&k| value(end + 1, k) == Some(None))
        {
            end += 1;
        }
        details.extend(parent + 1..=end);
        p = members.partition_point(|&m| m <= end);
    }
    if details.is_empty() {
        return None;
    }
    let top: Vec<usize> = members
        .iter()
        .copied()
        .filter(|m| details.binary_search(m).is_err())
        .collect();
    let holding = |members: &[usize]| {
        let mut rels = Vec::new();
        column_sums(table, &INFO, total, members, &mut rels);
        rels.iter()
            .filter(|r| evaluate(table, r).is_some_and(|o| o.holds(r.cmp)))
            .count()
    };
    (holding(&top) > holding(members)).then_some(top)
}

/// True for a label numbered as the first of a list (`一、`, `（一）`,
/// `1.`, `(1)`).
fn first_of_list(label: &str) -> bool {
    let t: String = label
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let t = t.trim_start_matches(['(', '（']);
    t.starts_with('一') || (t.starts_with('1') && !t[1..].starts_with(|c: char| c.is_ascii_digit()))
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
