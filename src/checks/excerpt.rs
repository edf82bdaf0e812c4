//! Draws the rows a finding involves as a small text grid, so that the human
//! report can underline the wrong figure in context.

use std::ops::Range;

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
    let grid = Grid::new(table, rel);
    let stated = if about_part {
        (rel.parts[0].row(), rel.parts[0].col())
    } else {
        (rel.total.row(), rel.total.col())
    };
    let mut ex = Excerpt::default();
    grid.draw_heads(&mut ex.text);
    for (line, r) in grid.shown.iter().zip(grid.body.iter()) {
        match (line, r) {
            (Some(i), Some((num, cells))) => {
                ex.text.push_str(&pad(num, grid.num_w, true));
                for (j, cell) in cells.iter().enumerate() {
                    let span = grid.draw_cell(&mut ex.text, j, cell);
                    if (*i, grid.cols[j]) == stated && !cell.is_empty() {
                        ex.labels.insert(0, (span, stated_label(o, about_part)));
                    }
                }
                ex.text.push('\n');
            }
            _ => {
                ex.text.push_str(&pad("⋮", grid.num_w, true));
                ex.text.push('\n');
            }
        }
    }
    ex
}

/// What the stated cell's label says: the score over its maximum, or the
/// total stated against computed.
fn stated_label(o: &Outcome, about_part: bool) -> Message {
    if about_part {
        Message::new("label-score-over")
            .figure("score", o.computed)
            .figure("maximum", o.stated)
    } else {
        Message::new("label-stated-computed")
            .figure("stated", o.stated)
            .figure("computed", o.computed)
    }
}

/// The rows and columns drawn, their text and widths.
struct Grid<'a> {
    /// The table.
    table: &'a Table,
    /// Columns drawn: the label column, then the relation's columns.
    cols: Vec<usize>,
    /// Rows drawn, `None` where rows are elided.
    shown: Vec<Option<usize>>,
    /// Column headings: letter and short name.
    heads: Vec<String>,
    /// For each shown row, its sheet row number and its cells' text.
    body: Vec<Option<(String, Vec<String>)>>,
    /// Width of the row-number column.
    num_w: usize,
    /// Width of each column.
    widths: Vec<usize>,
}

impl<'a> Grid<'a> {
    /// The grid of a relation's rows and columns.
    fn new(table: &'a Table, rel: &Relation) -> Grid<'a> {
        let rows = sorted_unique(rel.parts.iter().map(|p| p.row()).chain([rel.total.row()]));
        let mut cols = sorted_unique(rel.parts.iter().map(|p| p.col()).chain([rel.total.col()]));
        if let Some(l) = table.label_column() {
            cols.insert(0, l);
        }
        let shown = elide(&rows, rel.total.row());
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
                    // A row hidden in the workbook is marked: the reader
                    // of the printed or shown table does not see it.
                    let number = (table.rows[i].row + 1).to_string();
                    let number = if table.hidden.binary_search(&i).is_ok() {
                        Message::new("excerpt-hidden-row")
                            .text("row", number)
                            .render()
                    } else {
                        number
                    };
                    (
                        number,
                        cols.iter().map(|&k| cell_text(table, i, k)).collect(),
                    )
                })
            })
            .collect();
        let num_w = body
            .iter()
            .flatten()
            .map(|(n, _)| n.width())
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
        Grid {
            table,
            cols,
            shown,
            heads,
            body,
            num_w,
            widths,
        }
    }

    /// The heading line.
    fn draw_heads(&self, text: &mut String) {
        text.push_str(&" ".repeat(self.num_w));
        for (j, h) in self.heads.iter().enumerate() {
            text.push_str(" │ ");
            text.push_str(&pad(h, self.widths[j], false));
        }
        text.push('\n');
    }

    /// Cell `j` of a row, numbers right-aligned; returns where its text is.
    fn draw_cell(&self, text: &mut String, j: usize, cell: &str) -> Range<usize> {
        text.push_str(" │ ");
        let numeric = self.table.columns[self.cols[j]].is_numeric();
        let start = text.len()
            + if numeric {
                self.widths[j].saturating_sub(cell.width())
            } else {
                0
            };
        text.push_str(&pad(cell, self.widths[j], numeric));
        start..start + cell.len()
    }
}

/// The values sorted, each once.
fn sorted_unique(values: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut v: Vec<usize> = values.collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Elides the middle of long lists (`None`), keeping the stated row.
fn elide(rows: &[usize], stated_row: usize) -> Vec<Option<usize>> {
    if rows.len() <= MAX_ROWS {
        return rows.iter().map(|&r| Some(r)).collect();
    }
    let head = &rows[..MAX_ROWS / 2 - 1];
    let tail = &rows[rows.len() - (MAX_ROWS / 2 - 1)..];
    let mut v: Vec<Option<usize>> = head.iter().map(|&r| Some(r)).collect();
    v.push(None);
    if !tail.contains(&stated_row) && !head.contains(&stated_row) {
        v.push(Some(stated_row));
        v.push(None);
    }
    v.extend(tail.iter().map(|&r| Some(r)));
    v
}

/// A cell as drawn: a figure with its shown decimals, a row's name in the
/// label column, else nothing.
fn cell_text(table: &Table, i: usize, k: usize) -> String {
    let column = &table.columns[k];
    if column.is_numeric() {
        match table.amount(i, k) {
            Amount::Value(v, d) => crate::amount::show_with_decimals(v, d),
            Amount::Blank => String::new(),
            Amount::Nil => "—".into(),
            Amount::Unreadable => "?".into(),
        }
    } else if Some(k) == table.label_column() {
        table.row_name(i)
    } else {
        String::new()
    }
}

/// `s` padded with spaces to width `w`, on the left if `right`.
fn pad(s: &str, w: usize, right: bool) -> String {
    let fill = " ".repeat(w.saturating_sub(s.width()));
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}
