//! ## What it does
//! `formula-uncached`: a table whose formulas were saved without calculated
//! values (a workbook written by a script — openpyxl, pandas — and never
//! opened in Excel).
//!
//! ## Why is this bad?
//! Such a workbook shows no totals until Excel recalculates it, and a
//! checker that reads saved values sees blank totals: nothing to check,
//! and a `SUM` that leaves out a row passes unseen. crossfoot computes the
//! simple sums (`SUM(…)`, `B4+B5-B6`) from their inputs as Excel would and
//! checks them; this finding says so, and counts the formulas it could not
//! compute (left blank, not checked).
//!
//! ## Example
//! ```text
//! B8  =SUM(B4:B6)   (no saved value)   ← computed: 5,580; the items run B4:B7
//! ```
//! Use instead: open the workbook in Excel (or LibreOffice), recalculate and
//! save it before it is sent.

use crate::checks::registry::{Check, CheckInfo};
use crate::checks::{Outcome, Relation};
use crate::finding::{Finding, Message, Severity};
use crate::table::Table;

/// The check.
pub struct FormulaUncached;

static INFO: CheckInfo = CheckInfo {
    id: "formula-uncached",
    name: "formulas without saved values",
    summary: "formulas were saved without calculated values: totals computed from their inputs, others not checked",
    severity: Severity::Warning,
};

impl Check for FormulaUncached {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn after_relations(
        &self,
        table: &Table,
        _rels: &[Relation],
        _outcomes: &[Option<Outcome>],
        out: &mut Vec<Finding>,
    ) {
        let (cells, uncomputed) = &table.computed;
        let Some(&(i, k)) = cells.first() else {
            return;
        };
        let names: Vec<String> = cells.iter().map(|&(i, k)| table.a1(i, k)).collect();
        let message = Message::new("formula-uncached")
            .count("n", cells.len())
            .cells("cells", names)
            .count("left", *uncomputed);
        let help = Message::new("hint-formula-uncached");
        out.push(crate::checks::cell_finding(
            table,
            &INFO,
            (i, k),
            message,
            help,
        ));
    }
}
