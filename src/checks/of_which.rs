//! ## What it does
//! Checks `其中` ("of which") rows against the row they break down: their
//! sum never exceeds it, and equals it when the breakdown is complete (the
//! parent's label is made of the children's names, as `公务用车购置及运行费`
//! is of `购置费` and `运行费`). 其中 rows are never added into totals.
//!
//! ## Why is this bad?
//! A part larger than its whole is impossible; a parent printed as 0 above a
//! 其中 line of 12.40 means the parent was not updated.
//!
//! ## Example
//! ```text
//! 公务用车购置及运行费     0.00
//!   其中：公务用车购置费   12.40   ← more than the 0.00 it is part of
//! ```

use super::registry::{Check, CheckInfo, Failed};
use super::{Cmp, Relation, Term};
use crate::finding::Severity;
use crate::message::Message;
use crate::table::labels::strip_of_which;
use crate::table::{RowKind, Table};

/// The check.
pub struct OfWhich;

static INFO: CheckInfo = CheckInfo {
    id: "of-which",
    name: "其中 breakdown",
    summary: "其中 rows add up to more than the row they break down, or a complete breakdown differs from it",
    severity: Severity::Error,
};

impl Check for OfWhich {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn relations(&self, table: &Table, out: &mut Vec<Relation>) {
        relations(table, out)
    }

    fn describe(&self, f: &Failed) -> (Message, Message) {
        describe(f)
    }
}

/// The relations: one per broken-down row and amount column.
fn relations(table: &Table, out: &mut Vec<Relation>) {
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (i, r) in table.rows.iter().enumerate() {
        if let RowKind::OfWhich { parent } = r.kind {
            if !strip_of_which(&r.label).is_empty() {
                groups.entry(parent as usize).or_default().push(i);
            }
        }
    }
    for (parent, kids) in groups {
        let cmp = if is_complete(table, parent, &kids) {
            Cmp::Equal
        } else {
            Cmp::AtMost
        };
        for k in table.numeric_columns() {
            out.push(Relation {
                rule: &INFO,
                total: Term::new(parent, k),
                parts: kids.iter().map(|&c| Term::new(c, k)).collect(),
                cmp,
            });
        }
    }
}

/// True when the parent's label names every child, so the children are the
/// whole of it: `公务用车购置及运行费` ← `公务用车购置费`, `公务用车运行费`.
fn is_complete(table: &Table, parent: usize, kids: &[usize]) -> bool {
    if kids.len() < 2 {
        return false;
    }
    let parent_label = crate::table::labels::normalize(&table.rows[parent].label);
    let names: Vec<Vec<char>> = kids
        .iter()
        .map(|&k| strip_of_which(&table.rows[k].label).chars().collect())
        .collect();
    let prefix = common_len(names.iter().map(|n| n.iter().copied()));
    let suffix = common_len(names.iter().map(|n| n.iter().rev().copied()));
    names.iter().all(|n| {
        if prefix + suffix >= n.len() {
            return false;
        }
        let core: String = n[prefix..n.len() - suffix].iter().collect();
        parent_label.contains(&core)
    })
}

fn common_len<I: Iterator<Item = char>>(mut seqs: impl Iterator<Item = I>) -> usize {
    let Some(first) = seqs.next() else { return 0 };
    let first: Vec<char> = first.collect();
    let mut len = first.len();
    for s in seqs {
        len = len.min(s.zip(first.iter()).take_while(|(a, b)| a == *b).count());
    }
    len
}

/// The message and help for a failed 其中 relation.
fn describe(f: &Failed) -> (Message, Message) {
    let (table, rel, o) = (f.table, f.rel, f.outcome);
    let unit = table.unit_of(rel.total.col()).map(Into::into);
    let label = table.row_name(rel.total.row());
    let cell = table.a1(rel.total.row(), rel.total.col());
    let id = match rel.cmp {
        Cmp::AtMost => "of-which-over",
        Cmp::Equal => "of-which-incomplete",
    };
    let message = Message::new(id)
        .text("label", label.clone())
        .text("cell", cell)
        .cells("inputs", f.inputs.to_vec())
        .amount("stated", o.stated, unit)
        .amount("computed", o.computed, unit)
        .amount("difference", o.difference(), unit);
    let help = match rel.cmp {
        Cmp::AtMost => Message::new("hint-of-which-over").text("label", label),
        Cmp::Equal => Message::new("hint-check-inputs"),
    };
    (message, help)
}
