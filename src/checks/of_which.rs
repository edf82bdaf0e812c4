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

use super::{show, unit_suffix, Cmp, Outcome, Relation, Rule, Term};
use crate::table::labels::strip_of_which;
use crate::table::{RowKind, Table};

/// The relations: one per broken-down row and amount column.
pub fn relations(table: &Table) -> Vec<Relation> {
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (i, r) in table.rows.iter().enumerate() {
        if let RowKind::OfWhich { parent } = r.kind {
            if !strip_of_which(&r.label).is_empty() {
                groups.entry(parent as usize).or_default().push(i);
            }
        }
    }
    let mut out = Vec::new();
    for (parent, kids) in groups {
        let cmp = if is_complete(table, parent, &kids) {
            Cmp::Equal
        } else {
            Cmp::AtMost
        };
        for k in table.numeric_columns() {
            out.push(Relation {
                rule: Rule::OfWhich,
                total: Term::new(parent, k),
                parts: kids.iter().map(|&c| Term::new(c, k)).collect(),
                cmp,
            });
        }
    }
    out
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
pub fn describe(table: &Table, rel: &Relation, o: &Outcome, inputs: &[String]) -> (String, String) {
    let unit = unit_suffix(table, rel.total.col());
    let label = table.row_name(rel.total.row());
    let cell = table.a1(rel.total.row(), rel.total.col());
    match rel.cmp {
        Cmp::AtMost => (
            format!(
                "the 其中 rows under {label} ({inputs}) sum to {computed}{unit}, more than the {stated}{unit} ({cell}) they are part of",
                inputs = inputs.join(", "),
                computed = show(o.computed),
                stated = show(o.stated),
            ),
            format!("a part cannot exceed its whole: update {label} or the 其中 rows"),
        ),
        Cmp::Equal => (
            format!(
                "{label} ({cell}) is {stated}{unit}, but its complete 其中 breakdown ({inputs}) sums to {computed}{unit}: off by {diff}{unit}",
                inputs = inputs.join(", "),
                stated = show(o.stated),
                computed = show(o.computed),
                diff = show(o.difference()),
            ),
            super::footing::HINT.to_string(),
        ),
    }
}
