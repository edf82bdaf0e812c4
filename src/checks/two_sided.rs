//! ## What it does
//! `two-sided`: in a two-sided 收支总表 (income on the left, spending on the
//! right, read as two tables), the income side's 总计 must equal the
//! spending side's: 收入总计 = 支出总计.
//!
//! ## Why is this bad?
//! It is the first identity of every 部门预算 and 部门决算 (DOMAIN.md, the
//! 收支总表): each side foots on its own, and a slip that both sides' totals
//! absorb (a row added to one side only) shows only here.
//!
//! ## Example
//! ```text
//! 收入项目  金额     支出项目  金额
//! …
//! 收入总计  950.00   支出总计  960.00   ← the sides differ by 10.00
//! ```

use rust_decimal::Decimal;

use crate::checks::registry::{Check, CheckInfo};
use crate::finding::{Evidence, Finding, Message, Severity};
use crate::table::labels::{is_side_label_header, normalize};
use crate::table::{Amount, Table};

/// The check (run per sheet, by [`balance`]).
pub struct TwoSided;

static INFO: CheckInfo = CheckInfo {
    id: "two-sided",
    name: "two sides of a 收支总表",
    summary: "the income side's 总计 of a two-sided 收支总表 differs from the spending side's",
    severity: Severity::Error,
};

impl Check for TwoSided {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }
}

/// One side of a two-sided table: its 总计 cell (data row, column) and
/// figure with its shown decimals.
struct Side<'a> {
    /// Index into the tables handed to [`balance`].
    index: usize,
    table: &'a Table,
    income: bool,
    at: (usize, usize),
    value: Decimal,
    decimals: u8,
}

/// The side a table is, if it is one: its label column's header names
/// income or spending, and its last 总计 row has a figure in its first
/// amount column.
fn side(index: usize, table: &Table) -> Option<Side<'_>> {
    let label = table.label_column()?;
    let header = table.columns[label].path.last()?;
    if !is_side_label_header(header) {
        return None;
    }
    let income = normalize(header).starts_with("收入");
    let k = table.numeric_columns().next()?;
    let i = (0..table.rows.len())
        .rev()
        .find(|&i| normalize(&table.rows[i].label).ends_with("总计"))?;
    match table.amount(i, k) {
        Amount::Value(value, decimals) => Some(Side {
            index,
            table,
            income,
            at: (i, k),
            value,
            decimals,
        }),
        _ => None,
    }
}

/// How many pairs of sides were compared, and a finding for each income
/// side whose 总计 differs from the spending side's that follows it on the
/// same sheet (`tables` in sheet order), as shown: both totals rounded to
/// the fewer decimals either is shown with. Each finding comes with the
/// index of the table it is in (the spending side).
pub fn balance(tables: &[Table]) -> (usize, Vec<(usize, Finding)>) {
    let sides: Vec<Side> = tables
        .iter()
        .enumerate()
        .filter_map(|(n, t)| side(n, t))
        .collect();
    let mut out = Vec::new();
    let mut compared = 0;
    for pair in sides.windows(2) {
        let (left, right) = (&pair[0], &pair[1]);
        if !left.income || right.income || left.table.rows[0].row != right.table.rows[0].row {
            continue;
        }
        compared += 1;
        let d = u32::from(left.decimals.min(right.decimals));
        let (a, b) = (left.value.round_dp(d), right.value.round_dp(d));
        if a == b {
            continue;
        }
        let (t, (i, k)) = (right.table, right.at);
        let unit = t.unit_of(k).map(Into::into);
        let income_cell = left.table.a1(left.at.0, left.at.1);
        let message = Message::new("two-sided")
            .text("label", t.row_name(i))
            .text("cell", t.a1(i, k))
            .amount("stated", right.value, unit)
            .text("income_label", left.table.row_name(left.at.0))
            .text("income_cell", income_cell.clone())
            .amount("computed", left.value, unit)
            .amount("difference", right.value - left.value, unit);
        let mut f = super::cell_finding(t, &INFO, (i, k), message, Message::new("hint-two-sided"));
        f.evidence = Some(Evidence::compared(b, a, Decimal::ZERO, unit));
        f.inputs = vec![income_cell];
        out.push((right.index, f));
    }
    (compared, out)
}
