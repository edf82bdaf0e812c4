//! ## What it does
//! In a score table (分值 / 满分 / 标准分 beside 得分 / 自评得分), checks
//! that every score is at most its maximum. The score columns' totals are
//! footed like any other column.
//!
//! ## Why is this bad?
//! A self-evaluation that gives an indicator more than it is worth inflates
//! the overall score.
//!
//! ## Example
//! ```text
//! 一级指标   二级指标        分值   得分
//! 绩效目标   目标设定        4      5     ← above its maximum of 4
//! ```

use super::registry::{Check, CheckInfo, Failed};
use super::{Cmp, Relation, Term};
use crate::finding::Severity;
use crate::message::Message;
use crate::table::{ColumnRole, Table};

/// The check.
pub struct ScoreCap;

static INFO: CheckInfo = CheckInfo {
    id: "score-cap",
    name: "score above its maximum",
    summary: "a score (得分) is above the points its indicator is worth (分值)",
    severity: Severity::Error,
};

impl Check for ScoreCap {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    /// `score ≤ maximum` for each row, pairing each score column with the
    /// nearest maximum column to its left.
    fn relations(&self, table: &Table, out: &mut Vec<Relation>) {
        for (s, col) in table.columns.iter().enumerate() {
            if col.role != ColumnRole::Score {
                continue;
            }
            let max = (0..s)
                .rev()
                .find(|&k| table.columns[k].role == ColumnRole::ScoreMax)
                .or_else(|| {
                    (s + 1..table.columns.len())
                        .find(|&k| table.columns[k].role == ColumnRole::ScoreMax)
                });
            let Some(m) = max else { continue };
            for i in 0..table.rows.len() {
                out.push(Relation {
                    rule: &INFO,
                    total: Term::new(i, m),
                    parts: vec![Term::new(i, s)],
                    cmp: Cmp::AtMost,
                });
            }
        }
    }

    fn about_part(&self) -> bool {
        true
    }

    fn describe(&self, f: &Failed) -> (Message, Message) {
        let (table, rel, o) = (f.table, f.rel, f.outcome);
        let score = rel.parts[0];
        let message = Message::new("score-cap")
            .text("score_name", table.columns[score.col()].short_name())
            .text("label", table.row_name(score.row()))
            .text("cell", table.a1(score.row(), score.col()))
            .figure("score", o.computed)
            .text("max_name", table.columns[rel.total.col()].short_name())
            .figure("maximum", o.stated)
            .text("max_cell", table.a1(rel.total.row(), rel.total.col()));
        (message, Message::new("hint-score-cap"))
    }
}
