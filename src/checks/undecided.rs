//! ## What it does
//! `undecided`: a cell in an amount column that is not a figure (text such
//! as `待定`, an error value such as `#NAME?` or `#REF!`) keeps every
//! relation it is in from being decided. Each such cell is named once, with
//! how many relations it left undecided.
//!
//! ## Why is this bad?
//! A total that cannot be checked is not a total that holds. Passing it in
//! silence would tell the clerk "send it" about a figure nobody verified;
//! an error value in a total is usually a broken formula (a deleted sheet,
//! a misspelt function) that prints as garbage.
//!
//! ## Example
//! ```text
//! 合计   #NAME?   ← 合计 of 评价金额 cannot be compared with its 4 rows
//! ```
//! Use instead: the figure, or a nil mark (—) where there is none.

use std::collections::BTreeMap;

use crate::checks::registry::{Check, CheckInfo};
use crate::checks::{Outcome, Relation, Term};
use crate::finding::{Finding, Message, Severity};
use crate::table::{Amount, Table};

/// The check.
pub struct Undecided;

static INFO: CheckInfo = CheckInfo {
    id: "undecided",
    name: "relation that cannot be decided",
    summary: "a cell in an amount column is not a figure, so the totals it is in cannot be checked",
    severity: Severity::Warning,
};

impl Check for Undecided {
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
        // Each unreadable cell and the relations it left undecided.
        let mut blocking: BTreeMap<Term, usize> = BTreeMap::new();
        for (rel, outcome) in rels.iter().zip(outcomes) {
            if outcome.is_some() {
                continue;
            }
            for &t in rel.parts.iter().chain([&rel.total]) {
                if table.amount(t.row(), t.col()) == Amount::Unreadable {
                    *blocking.entry(t).or_default() += 1;
                }
            }
        }
        for (t, n) in blocking {
            let (i, k) = (t.row(), t.col());
            let holds = table.unreadable_text.get(&(i, k)).map_or("", |t| &**t);
            let message = Message::new("undecided")
                .text("cell", table.a1(i, k))
                .text("text", holds)
                .text("label", table.row_name(i))
                .text("column", table.columns[k].short_name())
                .count("n", n);
            let help = Message::new("hint-undecided");
            out.push(super::cell_finding(table, &INFO, (i, k), message, help));
        }
    }
}
