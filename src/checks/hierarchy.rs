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

use super::registry::{Check, CheckInfo, Failed};
use super::{column_sums, Relation};
use crate::finding::Severity;
use crate::message::Message;
use crate::table::Table;

/// The check.
pub struct Hierarchy;

static INFO: CheckInfo = CheckInfo {
    id: "hierarchy",
    name: "classification hierarchy",
    summary: "a 类/款 or outline item is not the sum of its sub-items",
    severity: Severity::Error,
};

impl Check for Hierarchy {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    /// One relation per parent row and amount column.
    fn relations(&self, table: &Table, out: &mut Vec<Relation>) {
        for (p, kids) in table.children.iter().enumerate() {
            if !kids.is_empty() {
                column_sums(table, &INFO, p, kids, out);
            }
        }
    }

    fn describe(&self, f: &Failed) -> (Message, Message) {
        (
            super::footing::sum_differs(Message::new("hierarchy"), f, false),
            Message::new("hint-check-inputs"),
        )
    }
}
