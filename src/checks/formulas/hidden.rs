//! ## What it does
//! `formula-hidden`: a total that leaves rows out because they are hidden
//! (`SUBTOTAL(109, …)`, or `AGGREGATE` told to skip hidden rows), named.
//!
//! ## Why is this bad?
//! It is often on purpose (a cancelled project kept for the record), and
//! then the total is right as shown; but a hidden row is invisible to the
//! reader of the printed table and to anyone who unhides it later, when the
//! total no longer foots. The auditor should know which rows the total
//! does not count.
//!
//! ## Example
//! ```text
//! row 6 (hidden)  操场改造（已取消）   80.0
//! B8  =SUBTOTAL(109,B4:B7)  220.0   ← leaves out row 6
//! ```
//! Use instead: delete the row, or say in a note why it is not counted.

use crate::checks::registry::{Check, CheckInfo};
use crate::checks::{Outcome, Relation};
use crate::finding::{Finding, Message, Severity};
use crate::table::Table;

/// The check.
pub struct FormulaHidden;

static INFO: CheckInfo = CheckInfo {
    id: "formula-hidden",
    name: "total leaving out hidden rows",
    summary:
        "a total skips rows because they are hidden (SUBTOTAL 101-111, AGGREGATE): they are named",
    severity: Severity::Warning,
};

impl Check for FormulaHidden {
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
        if table.hidden.is_empty() {
            return;
        }
        let mut cells: Vec<(&(usize, usize), &String)> = table.formulas.iter().collect();
        cells.sort();
        for (&(i, k), formula) in cells {
            if !super::skips_hidden(formula) {
                continue;
            }
            let Some(range) = range_of(formula) else {
                continue;
            };
            let left_out: Vec<usize> = table
                .hidden
                .iter()
                .copied()
                .filter(|&h| {
                    let r = table.rows[h].row;
                    range
                        .iter()
                        .any(|&(_, (rr, cc))| rr == r && cc == table.columns[k].col)
                })
                .collect();
            if left_out.is_empty() {
                continue;
            }
            let rows: Vec<String> = left_out
                .iter()
                .map(|&h| format!("{} ({})", table.row_name(h), table.a1(h, k)))
                .collect();
            let message = Message::new("formula-hidden")
                .text("cell", table.a1(i, k))
                .text("formula", formula.as_str())
                .count("n", rows.len())
                .cells("rows", rows);
            let help = Message::new("hint-formula-hidden");
            let mut f = crate::checks::cell_finding(table, &INFO, (i, k), message, help);
            f.formula = Some(formula.clone());
            out.push(f);
        }
    }
}

/// The cells a `SUBTOTAL(n, …)` / `AGGREGATE(f, o, …)` covers.
fn range_of(formula: &str) -> Option<Vec<(i8, (usize, usize))>> {
    let f = super::normalized(formula);
    let inner = f.split_once('(')?.1.strip_suffix(')')?;
    let skip = if f.starts_with("AGGREGATE(") { 2 } else { 1 };
    let args: Vec<&str> = inner.split(',').skip(skip).collect();
    super::parse_sum(&format!("SUM({})", args.join(",")))
}
