//! ## What it does
//! Checks that a parent row equals the sum of its children, in every amount
//! column: by government classification code (`210` = Σ `210xx`, `21011` =
//! Σ `21011xx`, in one code column or split over 类/款/项 columns) or by
//! outline numbering (`一、` over `（一）` over `1.` over `(1)`).
//!
//! ## Why is this bad?
//! A 类 that is not the sum of its 款 means one of them, or the 类 itself,
//! was mistyped or left out; readers of a budget table rely on the levels
//! agreeing.
//!
//! ## Example
//! ```text
//! 210      卫生健康支出       500
//! 21011    行政事业单位医疗   450   ← 2101101 + 2101102 = 500
//! 2101101  行政单位医疗       300
//! 2101102  事业单位医疗       200
//! ```

use super::{column_sums, show, unit_suffix, Outcome, Relation, Rule};
use crate::table::Table;

/// The relations: one per parent row and amount column.
pub fn relations(table: &Table) -> Vec<Relation> {
    let mut out = Vec::new();
    for (p, kids) in table.children.iter().enumerate() {
        if kids.is_empty() {
            continue;
        }
        column_sums(table, Rule::Hierarchy, p, kids, &mut out);
    }
    out
}

/// The message and help for a failed hierarchy relation.
pub fn describe(table: &Table, rel: &Relation, o: &Outcome, inputs: &[String]) -> (String, String) {
    let unit = unit_suffix(table, rel.total.col());
    let n = rel.parts.len();
    let message = format!(
        "{label} ({cell}) is {stated}{unit}, but its {n} sub-item{s} ({inputs}) {verb} to {computed}{unit}: off by {diff}{unit}",
        verb = if n == 1 { "comes" } else { "sum" },
        label = table.row_name(rel.total.row()),
        cell = table.a1(rel.total.row(), rel.total.col()),
        stated = show(o.stated),
        s = if n == 1 { "" } else { "s" },
        inputs = inputs.join(", "),
        computed = show(o.computed),
        diff = show(o.difference()),
    );
    (message, super::footing::HINT.to_string())
}
