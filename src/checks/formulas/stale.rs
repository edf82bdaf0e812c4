//! ## What it does
//! `formula-stale`: a cached value that disagrees with its own formula's
//! inputs, as saved.
//!
//! ## Why is this bad?
//! A workbook saved without recalculation shows figures its formulas no
//! longer give: the printed total is not the total of the printed rows.
//!
//! ## Example
//! ```text
//! D8  =SUM(D4:D7)  shows 21,349.1; D4:D7 as saved sum to 21,240.1
//! ```
//! Use instead: recalculate (F9) and save.

use rust_decimal::Decimal;

use super::{finding, parse_sum, Said};
use crate::checks::registry::{Check, CheckInfo};
use crate::checks::{Cmp, Outcome, Relation, Term};
use crate::finding::{Finding, Message, Severity};
use crate::table::{Amount, Table};
use crate::workbook::a1;

/// The check.
pub struct FormulaStale;

static INFO: CheckInfo = CheckInfo {
    id: "formula-stale",
    name: "stale formula value",
    summary: "a formula's cached value disagrees with its inputs as saved (not recalculated)",
    severity: Severity::Error,
};

impl Check for FormulaStale {
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
        stale(table, out)
    }
}

/// A finding for each SUM formula whose cached value is off its inputs.
fn stale(table: &Table, out: &mut Vec<Finding>) {
    let mut cells: Vec<(&(usize, usize), &String)> = table.formulas.iter().collect();
    cells.sort();
    for (&(i, k), formula) in cells {
        let Some(refs) = parse_sum(formula) else {
            continue;
        };
        let Amount::Value(cached, d) = table.amount(i, k) else {
            continue;
        };
        // SUM of references skips numbers stored as text, as Excel does
        // (`+` converts them).
        let Some(inputs) = Inputs::read(table, &refs, super::is_sum_call(formula)) else {
            continue;
        };
        let tolerance = crate::amount::rounding_tolerance(d, inputs.decimals);
        if (cached - inputs.sum).abs() <= tolerance {
            continue;
        }
        let rel = Relation {
            rule: crate::checks::footing::info(),
            total: Term::new(i, k),
            parts: inputs.parts,
            cmp: Cmp::Equal,
        };
        let o = Outcome {
            stated: cached,
            computed: inputs.sum,
            tolerance,
        };
        let message = Message::new("formula-stale")
            .text("cell", a1(table.rows[i].row, table.columns[k].col))
            .figure("cached", cached)
            .text("formula", formula.as_str())
            .figure("computed", inputs.sum);
        let said = Said {
            info: &INFO,
            severity: Severity::Error,
            message,
            help: Message::new("hint-formula-stale"),
            inputs: crate::checks::inputs(table, &rel.parts),
        };
        out.push(finding(table, &rel, &o, said));
    }
}

/// A formula's inputs as saved: their signed sum, shown decimals and cells.
struct Inputs {
    sum: Decimal,
    decimals: Vec<u8>,
    parts: Vec<Term>,
}

impl Inputs {
    /// The inputs of `refs` (sign, sheet row and column); `None` when one is
    /// outside the table or unreadable (undecided). `skip_text`: leave out
    /// numbers stored as text, as Excel's SUM does.
    fn read(table: &Table, refs: &[(i8, (usize, usize))], skip_text: bool) -> Option<Inputs> {
        let mut inputs = Inputs {
            sum: Decimal::ZERO,
            decimals: Vec::new(),
            parts: Vec::new(),
        };
        for &(sign, (r, c)) in refs {
            let (ri, ci) = (table.row_index(r)?, table.column_index(c)?);
            if skip_text && table.is_text_number(ri, ci) {
                continue;
            }
            match table.amount(ri, ci) {
                Amount::Value(v, dv) => {
                    inputs.sum += if sign < 0 { -v } else { v };
                    inputs.decimals.push(dv);
                }
                Amount::Blank | Amount::Nil => {}
                Amount::Unreadable => return None,
            }
            inputs.parts.push(Term::new(ri, ci));
        }
        Some(inputs)
    }
}
