//! Reading workbooks into sheets of cells: xlsx, xlsm, xlsb, xls and ods
//! through calamine, csv through [`csv`](self::csv) with encoding detection.
//!
//! A [`Sheet`] is a dense grid of [`Cell`]s with merged regions and, where the
//! workbook has them, number formats (the decimals a figure is shown with).

pub mod csv;
mod excel;

use std::fmt;
use std::path::Path;

use crate::amount::Number;
use crate::error::{ReadError, ReadErrorKind};

/// A cell's content.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    /// Nothing in the cell.
    #[default]
    Empty,
    /// A number cell; the number is in `Cell::number`.
    Number,
    /// Text; if it reads as a number, `Cell::number` has it.
    Text(Box<str>),
    /// TRUE / FALSE.
    Bool(bool),
    /// `#DIV/0!` and friends.
    Error(Box<str>),
    /// A date (and time), as ISO text: `2024-03-15`, `2024-03-15 12:30:00`.
    Date(Box<str>),
}

/// One cell of a sheet.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    /// What the cell holds.
    pub value: Value,
    /// The number in the cell, whether typed as a number or as text.
    pub number: Option<Number>,
    /// Decimals shown by the cell's number format, if it has one.
    pub format_decimals: Option<u8>,
    /// The cell's number format shows a percentage.
    pub percent_format: bool,
}

impl Cell {
    /// A cell holding `value`, with its number parsed from text.
    pub fn new(value: Value) -> Self {
        let number = match &value {
            Value::Text(t) => crate::amount::parse_number(t),
            _ => None,
        };
        Cell {
            value,
            number,
            ..Cell::default()
        }
    }

    /// A number cell.
    pub fn number(n: Number) -> Self {
        Cell {
            value: Value::Number,
            number: Some(n),
            ..Cell::default()
        }
    }

    /// The cell's text, if it holds text (a date, as ISO text).
    pub fn text(&self) -> Option<&str> {
        match &self.value {
            Value::Text(t) | Value::Date(t) => Some(t),
            _ => None,
        }
    }

    /// True when the cell holds nothing, or only spaces.
    pub fn is_blank(&self) -> bool {
        match &self.value {
            Value::Empty => true,
            Value::Text(t) => t.trim().is_empty() || t.chars().all(|c| c.is_whitespace()),
            _ => false,
        }
    }

    /// The decimals this figure is shown with: its number format's, else as
    /// written.
    pub fn shown_decimals(&self) -> Option<u8> {
        let n = self.number?;
        Some(self.format_decimals.unwrap_or(n.written_decimals))
    }
}

/// A rectangle of cells, zero-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    /// First row.
    pub top: usize,
    /// First column.
    pub left: usize,
    /// Last row.
    pub bottom: usize,
    /// Last column.
    pub right: usize,
}

/// A worksheet (or a CSV file) as a grid of cells. Coordinates are zero-based
/// and absolute: (0, 0) is A1.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// The sheet's name (for CSV, the file's stem).
    pub name: String,
    rows: usize,
    cols: usize,
    cells: Vec<Cell>,
    merged: Vec<Rect>,
    /// Formulas (without the leading `=`), by (row, col): few cells have
    /// one, so they live beside the grid rather than in every cell.
    formulas: std::collections::HashMap<(usize, usize), String>,
    /// For each row, the merged regions that cover it (indices into
    /// `merged`), so a lookup never scans every merge of a big sheet.
    merged_by_row: std::collections::HashMap<usize, Vec<usize>>,
    /// Regions taller than `TALL_MERGE` rows, scanned directly.
    tall_merges: Vec<usize>,
}

/// Merges covering more rows than this are not indexed row by row.
const TALL_MERGE: usize = 256;

/// The ISO text of a date (and time, when it has one).
pub fn iso_date((y, m, d, hh, mm, ss, _): (u16, u8, u8, u8, u8, u8, u16)) -> String {
    if (hh, mm, ss) == (0, 0, 0) {
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}:{ss:02}")
    }
}

static EMPTY: Cell = Cell {
    value: Value::Empty,
    number: None,
    format_decimals: None,
    percent_format: false,
};

impl Sheet {
    /// An empty sheet of the given size.
    pub fn new(name: impl Into<String>, rows: usize, cols: usize) -> Self {
        Sheet {
            name: name.into(),
            rows,
            cols,
            cells: vec![Cell::default(); rows * cols],
            merged: Vec::new(),
            formulas: Default::default(),
            merged_by_row: Default::default(),
            tall_merges: Vec::new(),
        }
    }

    /// Drops trailing empty rows (a declared size larger than the data).
    pub fn trim(&mut self) {
        while self.rows > 0
            && (0..self.cols)
                .all(|c| self.cells[(self.rows - 1) * self.cols + c].value == Value::Empty)
        {
            self.rows -= 1;
        }
        self.cells.truncate(self.rows * self.cols);
    }

    /// The non-empty cells with their positions.
    pub fn into_cells(self) -> Vec<((u32, u32), Cell)> {
        let cols = self.cols.max(1);
        self.cells
            .into_iter()
            .enumerate()
            .filter(|(_, c)| c.value != Value::Empty)
            .map(|(i, c)| (((i / cols) as u32, (i % cols) as u32), c))
            .collect()
    }

    /// The formula of a cell (without the leading `=`), if it has one.
    pub fn formula(&self, row: usize, col: usize) -> Option<&str> {
        self.formulas.get(&(row, col)).map(String::as_str)
    }

    /// Sets the formula of a cell inside the grid.
    pub fn set_formula(&mut self, row: usize, col: usize, formula: String) {
        if row < self.rows && col < self.cols {
            self.formulas.insert((row, col), formula);
        }
    }

    /// Sets the sheet's merged regions.
    pub fn set_merged(&mut self, merged: Vec<Rect>) {
        self.merged_by_row.clear();
        self.tall_merges.clear();
        for (i, m) in merged.iter().enumerate() {
            if m.bottom.saturating_sub(m.top) >= TALL_MERGE {
                self.tall_merges.push(i);
            } else {
                for r in m.top..=m.bottom {
                    self.merged_by_row.entry(r).or_default().push(i);
                }
            }
        }
        self.merged = merged;
    }

    /// The merged regions.
    pub fn merged(&self) -> &[Rect] {
        &self.merged
    }

    /// Number of rows (one past the last used row).
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns (one past the last used column).
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// The cell at (row, col); an empty cell outside the grid.
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        if row < self.rows && col < self.cols {
            &self.cells[row * self.cols + col]
        } else {
            &EMPTY
        }
    }

    /// Mutable access to a cell inside the grid.
    pub fn cell_mut(&mut self, row: usize, col: usize) -> Option<&mut Cell> {
        if row < self.rows && col < self.cols {
            Some(&mut self.cells[row * self.cols + col])
        } else {
            None
        }
    }

    /// The text a person sees at (row, col), following merged regions: a
    /// cell covered by a merge shows its top-left cell's text.
    pub fn display_text(&self, row: usize, col: usize) -> Option<&str> {
        if let Some(t) = self.cell(row, col).text() {
            return Some(t);
        }
        if self.cell(row, col).is_blank() {
            if let Some(m) = self.merge_at(row, col) {
                return self.cell(m.top, m.left).text();
            }
        }
        None
    }

    /// The merged region that covers (row, col), if any.
    pub fn merge_at(&self, row: usize, col: usize) -> Option<Rect> {
        let covers = |m: &Rect| m.top <= row && row <= m.bottom && m.left <= col && col <= m.right;
        self.merged_by_row
            .get(&row)
            .into_iter()
            .flatten()
            .chain(self.tall_merges.iter())
            .map(|&i| self.merged[i])
            .find(covers)
    }
}

/// A workbook: its sheets, in order.
#[derive(Debug, Clone, Default)]
pub struct Workbook {
    /// The sheets.
    pub sheets: Vec<Sheet>,
}

/// The kinds of file crossfoot reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Office Open XML workbook (xlsx, xlsm).
    Xlsx,
    /// Excel binary workbook.
    Xlsb,
    /// Excel 97–2003 workbook.
    Xls,
    /// OpenDocument spreadsheet.
    Ods,
    /// Comma-separated values.
    Csv,
    /// A text report (txt, md).
    Text,
    /// A Word document.
    Docx,
}

impl FileKind {
    /// The kind a path's extension names, if crossfoot reads it.
    pub fn from_path(path: &Path) -> Option<FileKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "xlsx" | "xlsm" | "xltx" | "xltm" => FileKind::Xlsx,
            "xlsb" => FileKind::Xlsb,
            "xls" | "xla" => FileKind::Xls,
            "ods" => FileKind::Ods,
            "csv" => FileKind::Csv,
            "txt" | "md" | "markdown" => FileKind::Text,
            "docx" => FileKind::Docx,
            _ => return None,
        })
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FileKind::Xlsx => "xlsx",
            FileKind::Xlsb => "xlsb",
            FileKind::Xls => "xls",
            FileKind::Ods => "ods",
            FileKind::Csv => "csv",
            FileKind::Text => "text",
            FileKind::Docx => "docx",
        })
    }
}

/// Reads the workbook at `path`. The file is only ever read.
pub fn read(path: &Path) -> Result<Workbook, ReadError> {
    let err = |kind| ReadError::new(path, kind);
    let kind = FileKind::from_path(path).ok_or_else(|| {
        err(ReadErrorKind::NotASpreadsheet(
            "unknown file extension".into(),
        ))
    })?;
    let bytes = std::fs::read(path).map_err(|e| err(ReadErrorKind::Io(e)))?;
    if bytes.is_empty() {
        return Err(err(ReadErrorKind::Empty));
    }
    match kind {
        FileKind::Csv => csv::read_csv(path, &bytes).map_err(err),
        FileKind::Text | FileKind::Docx => Err(err(ReadErrorKind::NotASpreadsheet(
            "a text report, read by crossfoot::text".into(),
        ))),
        _ => excel::read_excel(path, kind, bytes).map_err(err),
    }
}

/// The A1 name of a zero-based column: 0 → `A`, 27 → `AB`.
pub fn column_name(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The A1 name of a zero-based cell: (7, 3) → `D8`.
pub fn a1(row: usize, col: usize) -> String {
    format!("{}{}", column_name(col), row + 1)
}

/// An A1 range of cells in one column from `top` to `bottom`; a single cell
/// when they are equal.
pub fn a1_range(top: (usize, usize), bottom: (usize, usize)) -> String {
    if top == bottom {
        a1(top.0, top.1)
    } else {
        format!("{}:{}", a1(top.0, top.1), a1(bottom.0, bottom.1))
    }
}

/// Parses an A1 reference (`D8`, `$D$8`) into zero-based (row, col).
pub fn parse_a1(s: &str) -> Option<(usize, usize)> {
    let s = s.replace('$', "");
    let split = s.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = s.split_at(split);
    if letters.is_empty() || !letters.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut col = 0usize;
    for c in letters.chars() {
        col = col * 26 + (c.to_ascii_uppercase() as usize - 'A' as usize + 1);
    }
    let row: usize = digits.parse().ok()?;
    if row == 0 {
        return None;
    }
    Some((row - 1, col - 1))
}

/// Compresses a sorted list of rows in one column into A1 ranges:
/// rows 3,4,5,7 of column D → `D4:D6`, `D8`.
pub fn compress_rows(rows: &[usize], col: usize) -> Vec<String> {
    compress(rows)
        .map(|(a, b)| a1_range((a, col), (b, col)))
        .collect()
}

/// Compresses a sorted list of columns in one row into A1 ranges.
pub fn compress_cols(cols: &[usize], row: usize) -> Vec<String> {
    compress(cols)
        .map(|(a, b)| a1_range((row, a), (row, b)))
        .collect()
}

fn compress(sorted: &[usize]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        if i >= sorted.len() {
            return None;
        }
        let start = sorted[i];
        let mut end = start;
        while i + 1 < sorted.len() && sorted[i + 1] == end + 1 {
            i += 1;
            end = sorted[i];
        }
        i += 1;
        Some((start, end))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_names() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(7, 3), "D8");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
        assert_eq!(parse_a1("$AB$12"), Some((11, 27)));
        assert_eq!(parse_a1("D0"), None);
        assert_eq!(compress_rows(&[3, 4, 5, 7], 3), vec!["D4:D6", "D8"]);
    }
}
