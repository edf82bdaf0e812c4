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

use super::{show, Cmp, Outcome, Relation, Rule, Term};
use crate::table::{ColumnRole, Table};

/// The relations: `score ≤ maximum` for each row, pairing each score column
/// with the nearest maximum column to its left.
pub fn relations(table: &Table) -> Vec<Relation> {
    let mut out = Vec::new();
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
                rule: Rule::ScoreCap,
                total: Term::new(i, m),
                parts: vec![Term::new(i, s)],
                cmp: Cmp::AtMost,
            });
        }
    }
    out
}

/// The message and help for a score above its maximum.
pub fn describe(
    table: &Table,
    rel: &Relation,
    o: &Outcome,
    _inputs: &[String],
) -> (String, String) {
    let score = rel.parts[0];
    (
        format!(
            "{score_name} of {label} ({cell}) is {computed}, above its maximum {max_name} of {stated} ({max_cell})",
            score_name = table.columns[score.col()].short_name(),
            label = table.row_name(score.row()),
            cell = table.a1(score.row(), score.col()),
            computed = show(o.computed),
            max_name = table.columns[rel.total.col()].short_name(),
            stated = show(o.stated),
            max_cell = table.a1(rel.total.row(), rel.total.col()),
        ),
        "a score cannot exceed the points the indicator is worth: correct the score or its maximum".into(),
    )
}
