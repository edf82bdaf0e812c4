//! A table as the HTML report draws it: its header rows with merged cells,
//! and the data rows around its findings (all of them for a small table).

use crate::finding::{Finding, Location};
use crate::table::{Amount, Table};
use crate::workbook::{a1, column_name, Sheet};

/// Rows kept above and below each flagged row of a large table.
const CONTEXT: usize = 3;
/// Tables with at most this many rows are drawn whole.
const SMALL: usize = 60;

/// A header cell, with its span.
#[derive(Debug, Clone)]
pub struct HeaderCell {
    /// Its text.
    pub text: String,
    /// Columns it spans.
    pub colspan: usize,
    /// Rows it spans.
    pub rowspan: usize,
}

/// One drawn row: its sheet row number and its cells' text, or a gap.
#[derive(Debug, Clone)]
pub enum ViewRow {
    /// A row of the table.
    Row {
        /// Zero-based sheet row.
        row: usize,
        /// The cells' text, left to right.
        cells: Vec<String>,
    },
    /// Rows left out.
    Gap(usize),
}

/// A table to draw.
#[derive(Debug, Clone)]
pub struct TableView {
    /// The sheet.
    pub sheet: String,
    /// The title, if any.
    pub title: Option<String>,
    /// Zero-based sheet columns drawn.
    pub cols: Vec<usize>,
    /// Header rows; each a list of cells (covered cells left out).
    pub header: Vec<Vec<HeaderCell>>,
    /// The body.
    pub rows: Vec<ViewRow>,
}

impl TableView {
    /// The column letters, for the first header line.
    pub fn letters(&self) -> Vec<String> {
        self.cols.iter().map(|&c| column_name(c)).collect()
    }

    /// The A1 name of a drawn cell.
    pub fn a1(&self, row: usize, k: usize) -> String {
        a1(row, self.cols[k])
    }
}

/// True when a finding is about a cell of this table.
pub fn concerns(table: &Table, f: &Finding) -> bool {
    let Location::Cell { sheet, a1: cell } = &f.location else {
        return false;
    };
    if *sheet != table.sheet {
        return false;
    }
    let Some((r, c)) = crate::workbook::parse_a1(cell) else {
        return false;
    };
    table.sheet_rows().contains(&r) && table.columns.iter().any(|col| col.col == c)
}

/// Builds the view of `table` around `findings` (those that concern it).
pub fn build(sheet: &Sheet, table: &Table, findings: &[&Finding]) -> TableView {
    let cols: Vec<usize> = table.columns.iter().map(|c| c.col).collect();
    let span = (
        cols.first().copied().unwrap_or(0),
        cols.last().copied().unwrap_or(0),
    );
    let header = table
        .header_rows
        .clone()
        .map(|r| header_line(sheet, table, r, span))
        .collect();
    let rows = body(sheet, table, &rows_kept(table, findings));
    TableView {
        sheet: table.sheet.clone(),
        title: table.title.clone(),
        cols,
        header,
        rows,
    }
}

/// One header row from column `left` to `right`, merged cells clipped to
/// the table.
fn header_line(
    sheet: &Sheet,
    table: &Table,
    r: usize,
    (left, right): (usize, usize),
) -> Vec<HeaderCell> {
    let mut line = Vec::new();
    let mut c = left;
    while c <= right {
        match sheet.merge_at(r, c) {
            Some(m)
                if (m.top < r && m.top >= table.header_rows.start)
                    || (m.left < c && m.left >= left) =>
            {
                c += 1; // covered by a cell already drawn
            }
            Some(m) => {
                let colspan = m.right.min(right) - c + 1;
                let rowspan = m.bottom.min(table.header_rows.end - 1) - r + 1;
                line.push(HeaderCell {
                    text: sheet.cell(m.top, m.left).text().unwrap_or("").to_string(),
                    colspan,
                    rowspan,
                });
                c += colspan;
            }
            None => {
                line.push(HeaderCell {
                    text: sheet.display_text(r, c).unwrap_or("").to_string(),
                    colspan: 1,
                    rowspan: 1,
                });
                c += 1;
            }
        }
    }
    line
}

/// Which of the table's rows to draw: all of a small table; of a large
/// one, the rows around each flagged cell and the higher totals.
fn rows_kept(table: &Table, findings: &[&Finding]) -> Vec<bool> {
    let n = table.rows.len();
    let mut keep = vec![n <= SMALL; n];
    if n <= SMALL {
        return keep;
    }
    let flagged: Vec<usize> = findings
        .iter()
        .flat_map(|f| {
            f.cell()
                .into_iter()
                .chain(f.suspects.iter().map(|s| s.cell.as_str()))
        })
        .filter_map(crate::workbook::parse_a1)
        .filter_map(|(r, _)| table.row_index(r))
        .collect();
    for i in flagged {
        for k in keep
            .iter_mut()
            .take((i + CONTEXT + 1).min(n))
            .skip(i.saturating_sub(CONTEXT))
        {
            *k = true;
        }
    }
    for (i, r) in table.rows.iter().enumerate() {
        if matches!(r.kind, crate::table::RowKind::Total(l) if l >= 2) {
            keep[i] = true;
        }
    }
    keep
}

/// The rows kept, with a gap for each run of rows left out.
fn body(sheet: &Sheet, table: &Table, keep: &[bool]) -> Vec<ViewRow> {
    let mut rows = Vec::new();
    let mut gap = 0;
    for (i, r) in table.rows.iter().enumerate() {
        if !keep[i] {
            gap += 1;
            continue;
        }
        if gap > 0 {
            rows.push(ViewRow::Gap(gap));
            gap = 0;
        }
        let cells = (0..table.columns.len())
            .map(|k| cell_text(sheet, table, i, k))
            .collect();
        rows.push(ViewRow::Row { row: r.row, cells });
    }
    if gap > 0 {
        rows.push(ViewRow::Gap(gap));
    }
    rows
}

/// The text of the table's cell at row `i`, column `k`: an amount as shown,
/// else the sheet's text.
fn cell_text(sheet: &Sheet, table: &Table, i: usize, k: usize) -> String {
    let (row, col) = (table.rows[i].row, table.columns[k].col);
    if !table.columns[k].is_numeric() {
        return sheet.display_text(row, col).unwrap_or("").to_string();
    }
    match table.amount(i, k) {
        Amount::Value(v, d) => format_shown(v, d),
        Amount::Blank | Amount::Nil => sheet.cell(row, col).text().unwrap_or("").to_string(),
        Amount::Unreadable => sheet.cell(row, col).text().unwrap_or("?").to_string(),
    }
}

/// A figure as shown: thousands grouped, with its shown decimals.
fn format_shown(v: rust_decimal::Decimal, d: u8) -> String {
    crate::amount::show_with_decimals(v, d)
}
