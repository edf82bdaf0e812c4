//! Draws the rows a finding involves as a small text grid, so that the human
//! report can underline the wrong figure in context.

use unicode_width::UnicodeWidthStr;

use super::{Outcome, Relation};
use crate::finding::Excerpt;
use crate::message::Message;
use crate::table::{Amount, Table};
use crate::workbook::column_name;

/// Most rows drawn; longer lists are elided in the middle.
const MAX_ROWS: usize = 12;

/// Builds the excerpt for a relation.
/// `about_part`: the finding is about the part (a score), not the total.
pub fn build(table: &Table, rel: &Relation, o: &Outcome, about_part: bool) -> Excerpt {
    let mut rows: Vec<usize> = rel
        .parts
        .iter()
        .map(|p| p.row())
        .chain([rel.total.row()])
        .collect();
    rows.sort_unstable();
    rows.dedup();
    let mut cols: Vec<usize> = rel
        .parts
        .iter()
        .map(|p| p.col())
        .chain([rel.total.col()])
        .collect();
    cols.sort_unstable();
    cols.dedup();
    if let Some(l) = table.label_column() {
        cols.insert(0, l);
    }
    // Elide the middle of long lists, keeping the stated row.
    let shown: Vec<Option<usize>> = if rows.len() > MAX_ROWS {
        let mut v: Vec<Option<usize>> = rows[..MAX_ROWS / 2 - 1].iter().map(|&r| Some(r)).collect();
        v.push(None);
        let tail = &rows[rows.len() - (MAX_ROWS / 2 - 1)..];
        if !tail.contains(&rel.total.row()) && !rows[..MAX_ROWS / 2 - 1].contains(&rel.total.row())
        {
            v.push(Some(rel.total.row()));
            v.push(None);
        }
        v.extend(tail.iter().map(|&r| Some(r)));
        v
    } else {
        rows.iter().map(|&r| Some(r)).collect()
    };

    let cell_text = |i: usize, k: usize| -> String {
        let column = &table.columns[k];
        if column.is_numeric() {
            match table.amount(i, k) {
                Amount::Value(v, d) => {
                    let mut v = v;
                    v.rescale(d as u32);
                    crate::amount::group_thousands(v)
                }
                Amount::Blank => String::new(),
                Amount::Unreadable => "?".into(),
            }
        } else if Some(k) == table.label_column() {
            table.row_name(i)
        } else {
            String::new()
        }
    };
    let heads: Vec<String> = cols
        .iter()
        .map(|&k| {
            format!(
                "{} {}",
                column_name(table.columns[k].col),
                table.columns[k].short_name()
            )
        })
        .collect();
    let body: Vec<Option<(String, Vec<String>)>> = shown
        .iter()
        .map(|r| {
            r.map(|i| {
                (
                    (table.rows[i].row + 1).to_string(),
                    cols.iter().map(|&k| cell_text(i, k)).collect(),
                )
            })
        })
        .collect();
    let num_w = body
        .iter()
        .flatten()
        .map(|(n, _)| n.len())
        .max()
        .unwrap_or(1)
        .max(3);
    let widths: Vec<usize> = (0..cols.len())
        .map(|j| {
            body.iter()
                .flatten()
                .map(|(_, cells)| cells[j].width())
                .chain([heads[j].width()])
                .max()
                .unwrap_or(0)
                .min(40)
        })
        .collect();

    let mut text = String::new();
    let mut labels = Vec::new();
    let pad = |s: &str, w: usize, right: bool| -> String {
        let fill = " ".repeat(w.saturating_sub(s.width()));
        if right {
            format!("{fill}{s}")
        } else {
            format!("{s}{fill}")
        }
    };
    text.push_str(&" ".repeat(num_w));
    for (j, h) in heads.iter().enumerate() {
        text.push_str(" │ ");
        text.push_str(&pad(h, widths[j], false));
    }
    text.push('\n');
    let stated_row = rel.total.row();
    let stated_col = if about_part {
        rel.parts[0].col()
    } else {
        rel.total.col()
    };
    let stated_i = if about_part {
        rel.parts[0].row()
    } else {
        stated_row
    };
    for (line, r) in shown.iter().zip(body.iter()) {
        match (line, r) {
            (Some(i), Some((num, cells))) => {
                text.push_str(&pad(num, num_w, true));
                for (j, cell) in cells.iter().enumerate() {
                    text.push_str(" │ ");
                    let numeric = table.columns[cols[j]].is_numeric();
                    let start = text.len()
                        + if numeric {
                            widths[j].saturating_sub(cell.width())
                        } else {
                            0
                        };
                    text.push_str(&pad(cell, widths[j], numeric));
                    let end = start + cell.len();
                    if *i == stated_i && cols[j] == stated_col && !cell.is_empty() {
                        let what = if about_part {
                            Message::new("label-score-over")
                                .figure("score", o.computed)
                                .figure("maximum", o.stated)
                        } else {
                            Message::new("label-stated-computed")
                                .figure("stated", o.stated)
                                .figure("computed", o.computed)
                        };
                        labels.insert(0, (start..end, what));
                    }
                }
                text.push('\n');
            }
            _ => {
                text.push_str(&pad("⋮", num_w, true));
                text.push('\n');
            }
        }
    }
    Excerpt { text, labels }
}
