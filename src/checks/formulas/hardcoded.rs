//! ## What it does
//! `formula-hardcoded`: a total typed in as a number where the totals
//! beside it on its row are formulas.
//!
//! ## Why is this bad?
//! A hard-coded total stops following its rows the moment one of them is
//! edited; the table is right today and wrong after the next correction.
//!
//! ## Example
//! ```text
//! 合计   21,240.1   =SUM(E4:E7)   ← D8 is a number, E8 a formula
//! ```
//! Use instead: `=SUM(D4:D7)` in D8.

use super::{finding, footings, suggested_sum, Said};
use crate::checks::registry::{Check, CheckInfo};
use crate::checks::{Outcome, Relation};
use crate::finding::{Finding, Message, Severity};
use crate::table::Table;

/// The check.
pub struct FormulaHardcoded;

static INFO: CheckInfo = CheckInfo {
    id: "formula-hardcoded",
    name: "typed-in total",
    summary: "a total is typed in as a number while the totals beside it are formulas",
    severity: Severity::Warning,
};

impl Check for FormulaHardcoded {
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
            if formula.is_none() {
                hardcoded(table, rel, o, out);
            }
        }
    }
}

fn hardcoded(table: &Table, rel: &Relation, o: Outcome, out: &mut Vec<Finding>) {
    // Neighbours: the other numeric cells of the same total row.
    let cells: Vec<String> = table
        .numeric_columns()
        .filter(|&k| k != rel.total.col() && table.formulas.contains_key(&(rel.total.row(), k)))
        .map(|k| table.a1(rel.total.row(), k))
        .collect();
    if cells.is_empty() {
        return;
    }
    let inputs = crate::checks::inputs(table, &rel.parts);
    let message = Message::new("formula-hardcoded")
        .text("label", table.row_name(rel.total.row()))
        .text("column", table.columns[rel.total.col()].short_name())
        .text("cell", table.a1(rel.total.row(), rel.total.col()))
        .figure("stated", o.stated)
        .cells("cells", cells);
    let help = Message::new("hint-formula-hardcoded").text("sum", suggested_sum(&inputs));
    let said = Said {
        info: &INFO,
        severity: Severity::Warning,
        message,
        help,
        inputs,
    };
    out.push(finding(table, rel, &o, said));
}
