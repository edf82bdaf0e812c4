//! Reading workbooks into sheets of cells: xlsx, xlsm, xlsb, xls and ods
//! through calamine, csv through [`csv`] with encoding detection.
//!
//! A [`Sheet`] is a grid of cells, stored compactly, with merged regions,
//! formulas and, where the workbook has them, number formats (the decimals a
//! figure is shown with).

pub mod bomb;
pub mod csv;
mod excel;
mod ods;
pub mod pdf;
mod pdf_clip;
mod unpack;

use std::fmt;
use std::path::Path;

use rust_decimal::Decimal;

use crate::amount::Number;
use crate::error::{ReadError, ReadErrorKind};

/// A cell's content, borrowed from its sheet.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Value<'a> {
    /// Nothing in the cell.
    #[default]
    Empty,
    /// A number cell; the number is in `Cell::number`.
    Number,
    /// Text; if it reads as a number, `Cell::number` has it.
    Text(&'a str),
    /// TRUE / FALSE.
    Bool(bool),
    /// `#DIV/0!` and friends.
    Error(&'a str),
    /// A date (and time), as ISO text: `2024-03-15`, `2024-03-15 12:30:00`.
    Date(&'a str),
}

/// One cell of a sheet, as read from it (a view: the sheet stores cells
/// compactly and hands out these by value).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Cell<'a> {
    /// What the cell holds.
    pub value: Value<'a>,
    /// The number in the cell, whether typed as a number or as text.
    pub number: Option<Number>,
    /// Decimals shown by the cell's number format, if it has one.
    pub format_decimals: Option<u8>,
    /// The cell's number format shows a percentage.
    pub percent_format: bool,
}

impl<'a> Cell<'a> {
    /// The cell's text, if it holds text (a date, as ISO text).
    pub fn text(&self) -> Option<&'a str> {
        match self.value {
            Value::Text(t) | Value::Date(t) => Some(t),
            _ => None,
        }
    }

    /// True when the cell holds nothing, or only spaces.
    pub fn is_blank(&self) -> bool {
        match self.value {
            Value::Empty => true,
            Value::Text(t) => t.chars().all(char::is_whitespace),
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

/// How a number format shows a cell: the decimals (if the format fixes
/// them) and whether it is a percentage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Format {
    /// Decimals the format shows.
    pub decimals: Option<u8>,
    /// The format shows a percentage.
    pub percent: bool,
    /// The power of ten the format divides a number by before showing it
    /// (`0!.0,` shows 元 as 万元: 4). Applied when the cell is read, so a
    /// figure is kept as shown; not kept with the cell.
    pub scale: u8,
    /// The cell's alignment indent (levels), kept for text cells: a label
    /// indented by its format is indented like one written with spaces.
    pub indent: u8,
}

/// A formula as Excel shows it, from how a file stores it: functions newer
/// than a format carry a prefix in the file (`_xlfn.AGGREGATE`, `_xlws.`,
/// OpenFormula's `COM.MICROSOFT.AGGREGATE`), and calamine gives an xls's
/// add-in call as `User(_xlfn.AGGREGATE,9,5,B5:B8)`. Sources: ECMA-376
/// part 1 §18.17.7 (future functions), OpenFormula §6.
pub fn excel_notation(formula: String) -> String {
    const PREFIXES: [&str; 3] = ["_xlfn.", "_xlws.", "COM.MICROSOFT."];
    if !formula.contains("User(") && !PREFIXES.iter().any(|p| formula.contains(p)) {
        return formula;
    }
    let mut f = formula;
    // `User(_xlfn.NAME,args)` → `NAME(args)`; `User(_xlfn.NAME)` → `NAME()`.
    while let Some(at) = f.find("User(") {
        let name_start = at + "User(".len();
        let rest = &f[name_start..];
        let name_len = rest
            .find(|c: char| c == ',' || c == ')')
            .unwrap_or(rest.len());
        let name = rest[..name_len].to_string();
        let after = &rest[name_len..];
        let args = after.strip_prefix(',').unwrap_or(after);
        f = format!("{}{name}({args}", &f[..at]);
    }
    for p in PREFIXES {
        f = f.replace(p, "");
    }
    f
}

/// A formula without references to its own sheet by name: `支出表!B4:B6`
/// on sheet 支出表 is `B4:B6` (LibreOffice writes them so), as the range
/// checks read a reference to another sheet as not this table's.
fn own_sheet_dropped(formula: String, sheet: &str) -> String {
    let quoted = sheet.replace('\'', "''");
    if sheet.is_empty() || !(formula.contains(sheet) || formula.contains(&quoted)) {
        return formula;
    }
    let formula = formula.replace(&format!("'{quoted}'!"), "");
    // Unquoted: only where the name starts a reference (`表!` is not the
    // end of `支出表!`).
    let bare = format!("{sheet}!");
    let mut out = String::with_capacity(formula.len());
    let mut rest = formula.as_str();
    while let Some(at) = rest.find(&bare) {
        let starts = rest[..at]
            .chars()
            .next_back()
            .is_none_or(|c| "(,;+-*/^&=<>: ".contains(c));
        out.push_str(&rest[..at]);
        if !starts {
            out.push_str(&bare);
        }
        rest = &rest[at + bare.len()..];
    }
    out.push_str(rest);
    out
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

/// What a stored cell holds (see [`Slot`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[repr(u8)]
enum Tag {
    #[default]
    Empty,
    /// `a` is the mantissa (an i64), `scale` its scale.
    Number,
    /// `a` indexes `Sheet::numbers`.
    BigNumber,
    /// `a` is a text span.
    Text,
    /// Text that reads as a number: `a` indexes `Sheet::text_numbers`.
    TextNumber,
    /// `a` is 0 or 1.
    Bool,
    /// `a` is a text span.
    Error,
    /// `a` is a text span.
    Date,
}

/// One stored cell: 12 bytes, no allocation. Text lives in the sheet's
/// arena (`a` packs its offset and length), numbers as an i64 mantissa and
/// a scale; the rare number that does not fit, and text that reads as a
/// number, go to side tables.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    /// A 64-bit payload as two halves, so a slot needs 4-byte alignment only.
    a: [u32; 2],
    tag: Tag,
    scale: u8,
    written: u8,
    /// The number format: bits 0–6 decimals + 1 (0 for none), bit 7 percent.
    format: u8,
}

/// The widest text span a slot can name (24 bits of length).
const MAX_TEXT: usize = (1 << 24) - 1;

/// Texts are cut at this many bytes: Excel allows 32,767 characters in a
/// cell, at most 4 bytes each, so no text Excel can hold is cut. A file
/// whose 2,000 cells share one 10 MB string would otherwise be copied into
/// 20 GB.
const MAX_CELL_TEXT: usize = 32_767 * 4;

impl Slot {
    fn new(tag: Tag, a: u64, format: u8) -> Slot {
        Slot {
            a: [a as u32, (a >> 32) as u32],
            tag,
            format,
            ..Slot::default()
        }
    }

    fn a(&self) -> u64 {
        (self.a[1] as u64) << 32 | self.a[0] as u64
    }

    fn format(&self) -> Format {
        Format {
            decimals: (self.format & 0x7F).checked_sub(1),
            percent: self.format & 0x80 != 0,
            scale: 0,
            indent: 0,
        }
    }

    fn pack_format(f: Format) -> u8 {
        let d = f.decimals.map_or(0, |d| d.min(100) + 1);
        d | if f.percent { 0x80 } else { 0 }
    }
}

/// A worksheet (or a CSV file) as a grid of cells. Coordinates are zero-based
/// and absolute: (0, 0) is A1.
///
/// Cells are stored compactly (12 bytes each, text in one arena), so a
/// 500,000-row ledger costs tens of megabytes, not hundreds; [`Sheet::cell`]
/// hands out a [`Cell`] view.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// The sheet's name (for CSV, the file's stem).
    pub name: String,
    rows: usize,
    cols: usize,
    /// Slots per stored row (≥ `cols`): grows by doubling when a cell lies
    /// right of every column seen so far.
    stride: usize,
    slots: Vec<Slot>,
    text: String,
    numbers: Vec<Number>,
    /// Text cells that read as numbers: the number and the text's span.
    text_numbers: Vec<(Number, u64)>,
    merged: Vec<Rect>,
    /// Rows hidden in the workbook (zero-based, ascending).
    hidden_rows: Vec<usize>,
    /// Text cells indented by their format (alignment indent), by position:
    /// few cells have one.
    indents: std::collections::HashMap<(usize, usize), u8>,
    /// Cells whose formula was saved without a calculated value, computed
    /// here from their inputs ([`Sheet::compute_uncached`]).
    computed: Vec<(usize, usize)>,
    /// Formulas saved without a calculated value that could not be
    /// computed here (not a simple sum): their cells stay blank.
    uncomputed: usize,
    /// Formulas (without the leading `=`), by (row, col): few cells have
    /// one, so they live beside the grid rather than in every cell.
    formulas: std::collections::HashMap<(usize, usize), String>,
    /// For each row, the merged regions that cover it (indices into
    /// `merged`), so a lookup never scans every merge of a big sheet.
    merged_by_row: std::collections::HashMap<usize, Vec<usize>>,
    /// Regions taller than `TALL_MERGE` rows, scanned directly.
    tall_merges: Vec<usize>,
    /// For a table rebuilt from a PDF, the page (1-based) of each row; empty
    /// for a workbook's sheet.
    pages: Vec<u32>,
}

/// Merges covering more rows than this are not indexed row by row.
const TALL_MERGE: usize = 256;

/// Most cells allocated up front for the size a sheet declares (96 MiB).
const PREALLOCATE: usize = 8_000_000;

/// Most cells one sheet may span (rows × columns of its used area); a
/// malicious file can claim billions.
pub const MAX_CELLS: usize = 60_000_000;

/// The ISO text of a date (and time, when it has one).
pub fn iso_date((y, m, d, hh, mm, ss, _): (u16, u8, u8, u8, u8, u8, u16)) -> String {
    if (hh, mm, ss) == (0, 0, 0) {
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}:{ss:02}")
    }
}

/// A cell lies beyond [`MAX_CELLS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge {
    /// Rows the sheet would span.
    pub rows: usize,
    /// Columns the sheet would span.
    pub cols: usize,
}

impl Sheet {
    /// An empty sheet with room for `rows` × `cols` cells (it grows past
    /// them when a cell lies outside).
    pub fn new(name: impl Into<String>, rows: usize, cols: usize) -> Self {
        // A size a file only claims is not allocated past a point: beyond
        // it the grid grows row by row as cells arrive.
        let (rows, cols) = if rows.saturating_mul(cols) > MAX_CELLS {
            (0, 0)
        } else if rows * cols > PREALLOCATE {
            (0, cols)
        } else {
            (rows, cols)
        };
        Sheet {
            name: name.into(),
            rows,
            cols,
            stride: cols,
            slots: vec![Slot::default(); rows * cols],
            ..Sheet::default()
        }
    }

    /// Makes room for (row, col).
    fn ensure(&mut self, row: usize, col: usize) -> Result<(), TooLarge> {
        if col >= self.stride {
            // Doubling, so a row of n cells met one by one (a wide CSV
            // line) is laid out again log n times, not n; up to Excel's
            // 16,384 columns no wider than that.
            let doubled = (self.stride * 2).max(col + 1);
            let stride = if col < 16_384 {
                doubled.min(16_384)
            } else {
                doubled
            };
            if self.rows.max(row + 1).saturating_mul(stride) > MAX_CELLS {
                return Err(TooLarge {
                    rows: self.rows.max(row + 1),
                    cols: col + 1,
                });
            }
            let mut slots = vec![Slot::default(); self.rows * stride];
            for r in 0..self.rows {
                slots[r * stride..r * stride + self.stride]
                    .copy_from_slice(&self.slots[r * self.stride..(r + 1) * self.stride]);
            }
            self.slots = slots;
            self.stride = stride;
        }
        if row >= self.rows {
            if (row + 1).saturating_mul(self.stride) > MAX_CELLS {
                return Err(TooLarge {
                    rows: row + 1,
                    cols: self.cols.max(col + 1),
                });
            }
            self.slots.resize((row + 1) * self.stride, Slot::default());
            self.rows = row + 1;
        }
        self.cols = self.cols.max(col + 1);
        Ok(())
    }

    fn put(&mut self, row: usize, col: usize, slot: Slot) -> Result<(), TooLarge> {
        self.ensure(row, col)?;
        self.slots[row * self.stride + col] = slot;
        Ok(())
    }

    fn store_text(&mut self, text: &str) -> u64 {
        let mut end = text.len().min(MAX_CELL_TEXT).min(MAX_TEXT);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let offset = self.text.len() as u64;
        self.text.push_str(&text[..end]);
        (offset << 24) | end as u64
    }

    fn span(&self, a: u64) -> &str {
        let (offset, len) = ((a >> 24) as usize, (a & MAX_TEXT as u64) as usize);
        self.text.get(offset..offset + len).unwrap_or("")
    }

    /// Sets a number cell.
    pub fn set_number(
        &mut self,
        row: usize,
        col: usize,
        n: Number,
        format: Format,
    ) -> Result<(), TooLarge> {
        let format = Slot::pack_format(format);
        let slot = match i64::try_from(n.value.mantissa()) {
            Ok(m) if n.unit.is_none() && !n.percent => Slot {
                scale: n.value.scale() as u8,
                written: n.written_decimals,
                ..Slot::new(Tag::Number, m as u64, format)
            },
            _ => {
                self.numbers.push(n);
                Slot::new(Tag::BigNumber, (self.numbers.len() - 1) as u64, format)
            }
        };
        self.put(row, col, slot)
    }

    /// Sets a text cell; text that reads as a number keeps that number too,
    /// and an indent in its format is kept as the label's indent.
    pub fn set_text(
        &mut self,
        row: usize,
        col: usize,
        text: &str,
        format: Format,
    ) -> Result<(), TooLarge> {
        if format.indent > 0 {
            self.set_indent(row, col, format.indent);
        }
        let span = self.store_text(text);
        let format = Slot::pack_format(format);
        let slot = match crate::amount::parse_number(text) {
            Some(n) => {
                self.text_numbers.push((n, span));
                Slot::new(
                    Tag::TextNumber,
                    (self.text_numbers.len() - 1) as u64,
                    format,
                )
            }
            None => Slot::new(Tag::Text, span, format),
        };
        self.put(row, col, slot)
    }

    /// Sets a TRUE/FALSE, error or date cell (the value decides which; a
    /// number or text goes through [`Sheet::set_number`] or
    /// [`Sheet::set_text`]).
    pub fn set_value(
        &mut self,
        row: usize,
        col: usize,
        value: Value<'_>,
        format: Format,
    ) -> Result<(), TooLarge> {
        if let Value::Text(t) = value {
            return self.set_text(row, col, t, format);
        }
        let format = Slot::pack_format(format);
        let slot = match value {
            Value::Empty | Value::Number | Value::Text(_) => return Ok(()),
            Value::Bool(b) => Slot::new(Tag::Bool, b as u64, format),
            Value::Error(t) => Slot::new(Tag::Error, self.store_text(t), format),
            Value::Date(t) => Slot::new(Tag::Date, self.store_text(t), format),
        };
        self.put(row, col, slot)
    }

    /// Drops trailing empty rows (a declared size larger than the data) and
    /// the memory spare rows and slots took.
    pub fn trim(&mut self) {
        while self.rows > 0
            && self.slots[(self.rows - 1) * self.stride..self.rows * self.stride]
                .iter()
                .all(|s| s.tag == Tag::Empty)
        {
            self.rows -= 1;
        }
        if self.cols < self.stride {
            let cols = self.cols;
            for r in 0..self.rows {
                self.slots
                    .copy_within(r * self.stride..r * self.stride + cols, r * cols);
            }
            self.stride = cols;
        }
        self.slots.truncate(self.rows * self.stride);
        self.slots.shrink_to_fit();
        self.text.shrink_to_fit();
        self.numbers.shrink_to_fit();
        self.text_numbers.shrink_to_fit();
    }

    /// The formula of a cell (without the leading `=`), if it has one.
    pub fn formula(&self, row: usize, col: usize) -> Option<&str> {
        self.formulas.get(&(row, col)).map(String::as_str)
    }

    /// True when any cell has a formula.
    pub fn has_formulas(&self) -> bool {
        !self.formulas.is_empty()
    }

    /// True when row `row` is hidden in the workbook.
    pub fn is_hidden_row(&self, row: usize) -> bool {
        self.hidden_rows.binary_search(&row).is_ok()
    }

    /// Notes the rows hidden in the workbook (zero-based, ascending).
    pub fn set_hidden_rows(&mut self, rows: Vec<usize>) {
        self.hidden_rows = rows;
    }

    /// The alignment indent of a text cell (0 when none).
    pub fn indent(&self, row: usize, col: usize) -> u8 {
        self.indents.get(&(row, col)).copied().unwrap_or(0)
    }

    /// Notes a text cell's alignment indent.
    pub fn set_indent(&mut self, row: usize, col: usize, levels: u8) {
        if levels > 0 {
            self.indents.insert((row, col), levels);
        }
    }

    /// True when the cell's value was computed here because its formula was
    /// saved without one.
    pub fn is_computed(&self, row: usize, col: usize) -> bool {
        self.computed.binary_search(&(row, col)).is_ok()
    }

    /// Formulas saved without a calculated value: (computed here, left
    /// blank because not a simple sum).
    pub fn uncached(&self) -> (usize, usize) {
        (self.computed.len(), self.uncomputed)
    }

    /// Gives a value to each formula saved without one (a workbook written
    /// by a script: openpyxl, pandas) when it is a simple sum
    /// (`SUM(B4:B6)`, `B4+B5-B6`): computed from its inputs as Excel would,
    /// SUM skipping numbers stored as text, in passes so that a total of
    /// totals follows. Its decimals are its inputs' widest. Others stay
    /// blank and are counted.
    pub fn compute_uncached(&mut self) {
        let mut pending: std::collections::HashSet<(usize, usize)> = self
            .formulas
            .keys()
            .copied()
            .filter(|&(r, c)| self.cell(r, c).is_blank())
            .collect();
        if pending.is_empty() {
            return;
        }
        loop {
            let mut order: Vec<(usize, usize)> = pending.iter().copied().collect();
            order.sort_unstable();
            let mut done = Vec::new();
            for (r, c) in order {
                let Some((value, decimals)) = self.sum_of_inputs(r, c, &pending) else {
                    continue;
                };
                let n = Number {
                    value,
                    written_decimals: decimals,
                    unit: None,
                    percent: false,
                };
                let format = Format {
                    decimals: Some(decimals),
                    ..Format::default()
                };
                if self.set_number(r, c, n, format).is_ok() {
                    done.push((r, c));
                }
            }
            if done.is_empty() {
                break;
            }
            for d in done {
                pending.remove(&d);
                self.computed.push(d);
            }
        }
        self.computed.sort_unstable();
        self.uncomputed = pending.len();
    }

    /// The value of the simple sum at (r, c) from its inputs; `None` when
    /// it is not one, or an input is itself still `pending`.
    fn sum_of_inputs(
        &self,
        r: usize,
        c: usize,
        pending: &std::collections::HashSet<(usize, usize)>,
    ) -> Option<(Decimal, u8)> {
        let formula = self.formula(r, c)?;
        let refs = crate::checks::formulas::parse_sum(formula)?;
        let sum_call = crate::checks::formulas::is_sum_call(formula);
        let (mut total, mut decimals) = (Decimal::ZERO, 0u8);
        for (sign, (ir, ic)) in refs {
            if (ir, ic) == (r, c) || pending.contains(&(ir, ic)) {
                return None;
            }
            let cell = self.cell(ir, ic);
            if cell.is_blank() {
                continue;
            }
            if sum_call && cell.text().is_some() {
                continue; // SUM skips text in a range
            }
            let n = cell.number?;
            decimals = decimals.max(cell.shown_decimals().unwrap_or(0));
            total = if sign < 0 {
                total.checked_sub(n.value)?
            } else {
                total.checked_add(n.value)?
            };
        }
        Some((total, decimals))
    }

    /// Sets the formula of a cell inside the grid, as Excel shows it (see
    /// [`excel_notation`]).
    pub fn set_formula(&mut self, row: usize, col: usize, formula: String) {
        if row < self.rows && col < self.cols {
            let formula = own_sheet_dropped(excel_notation(formula), &self.name);
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

    /// Records that row `row` was printed on page `page` (1-based) of a PDF.
    pub fn set_page_of_row(&mut self, row: usize, page: u32) {
        if self.pages.len() <= row {
            self.pages.resize(row + 1, 0);
        }
        self.pages[row] = page;
    }

    /// The PDF page (1-based) row `row` was printed on; `None` for a
    /// workbook's sheet.
    pub fn page_of_row(&self, row: usize) -> Option<usize> {
        self.pages.get(row).filter(|&&p| p > 0).map(|&p| p as usize)
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
    pub fn cell(&self, row: usize, col: usize) -> Cell<'_> {
        let Some(s) = self.slot(row, col) else {
            return Cell::default();
        };
        let format = s.format();
        let a = s.a();
        let (value, number) = match s.tag {
            Tag::Empty => (Value::Empty, None),
            Tag::Number => (
                Value::Number,
                Some(Number {
                    value: rust_decimal::Decimal::new(a as i64, s.scale as u32),
                    written_decimals: s.written,
                    unit: None,
                    percent: false,
                }),
            ),
            Tag::BigNumber => (Value::Number, self.numbers.get(a as usize).copied()),
            Tag::Text => (Value::Text(self.span(a)), None),
            Tag::TextNumber => match self.text_numbers.get(a as usize) {
                Some(&(n, span)) => (Value::Text(self.span(span)), Some(n)),
                None => (Value::Empty, None),
            },
            Tag::Bool => (Value::Bool(a != 0), None),
            Tag::Error => (Value::Error(self.span(a)), None),
            Tag::Date => (Value::Date(self.span(a)), None),
        };
        Cell {
            value,
            number,
            format_decimals: format.decimals,
            percent_format: format.percent,
        }
    }

    /// Calls `f(col, holds_a_number)` for each non-blank cell of a row, left
    /// to right (a date is not a number here); cheaper than asking
    /// [`Sheet::cell`] for each.
    pub fn scan_row(&self, row: usize, mut f: impl FnMut(usize, bool)) {
        if row >= self.rows {
            return;
        }
        let slots = &self.slots[row * self.stride..row * self.stride + self.cols];
        for (c, s) in slots.iter().enumerate() {
            if !self.blank(s) {
                f(
                    c,
                    matches!(s.tag, Tag::Number | Tag::BigNumber | Tag::TextNumber),
                );
            }
        }
    }

    /// The slot at (row, col), if inside the grid.
    fn slot(&self, row: usize, col: usize) -> Option<&Slot> {
        (row < self.rows && col < self.cols).then(|| &self.slots[row * self.stride + col])
    }

    /// True when a slot holds nothing, or only spaces.
    fn blank(&self, s: &Slot) -> bool {
        match s.tag {
            Tag::Empty => true,
            Tag::Text => self.span(s.a()).chars().all(char::is_whitespace),
            _ => false,
        }
    }

    /// The text of the cell at (row, col), if it holds text (a date, as ISO
    /// text); cheaper than [`Sheet::cell`] when only that is asked.
    pub fn text(&self, row: usize, col: usize) -> Option<&str> {
        let s = self.slot(row, col)?;
        match s.tag {
            Tag::Text | Tag::Date => Some(self.span(s.a())),
            Tag::TextNumber => self
                .text_numbers
                .get(s.a() as usize)
                .map(|t| self.span(t.1)),
            _ => None,
        }
    }

    /// True when the cell at (row, col) holds nothing, or only spaces
    /// (cheaper than [`Sheet::cell`] when only that is asked).
    pub fn is_blank(&self, row: usize, col: usize) -> bool {
        self.slot(row, col).is_none_or(|s| self.blank(s))
    }

    /// The text a person sees at (row, col), following merged regions: a
    /// cell covered by a merge shows its top-left cell's text.
    pub fn display_text(&self, row: usize, col: usize) -> Option<&str> {
        let cell = self.cell(row, col);
        if let Some(t) = cell.text() {
            return Some(t);
        }
        if cell.is_blank() {
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
    /// A PDF (a published disclosure): tables and prose.
    Pdf,
}

impl FileKind {
    /// The kind a path's extension names, if crossfoot reads it.
    pub fn from_path(path: &Path) -> Option<FileKind> {
        // Lower-cased on the stack: a folder walk asks this of every file.
        let ext = path.extension()?.as_encoded_bytes();
        let mut lower = [0u8; 8];
        lower.get_mut(..ext.len())?.copy_from_slice(ext);
        lower.make_ascii_lowercase();
        Some(match &lower[..ext.len()] {
            b"xlsx" | b"xlsm" | b"xltx" | b"xltm" => FileKind::Xlsx,
            b"xlsb" => FileKind::Xlsb,
            // WPS 表格 saves `.et` (and `.ett` templates) in the xls format
            // (an .et holding xlsx is read as xlsx: the bytes decide).
            b"xls" | b"xla" | b"et" | b"ett" => FileKind::Xls,
            b"ods" => FileKind::Ods,
            b"csv" => FileKind::Csv,
            b"txt" | b"md" | b"markdown" => FileKind::Text,
            b"docx" => FileKind::Docx,
            b"pdf" => FileKind::Pdf,
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
            FileKind::Pdf => "pdf",
        })
    }
}

/// Reads the workbook at `path`. The file is only ever read.
pub fn read(path: &Path) -> Result<Workbook, ReadError> {
    let err = |kind| ReadError::new(path, kind);
    let kind = FileKind::from_path(path).ok_or_else(|| {
        err(ReadErrorKind::NotASpreadsheet(crate::message::tr(
            "detail-unknown-extension",
        )))
    })?;
    match kind {
        FileKind::Csv => {
            let bytes = std::fs::read(path).map_err(|e| err(ReadErrorKind::Io(e)))?;
            if bytes.is_empty() {
                return Err(err(ReadErrorKind::Empty));
            }
            csv::read_csv(path, &bytes).map_err(err)
        }
        FileKind::Text | FileKind::Docx | FileKind::Pdf => Err(err(
            ReadErrorKind::NotASpreadsheet(crate::message::tr("detail-a-text-report")),
        )),
        _ => excel::read_excel(path, kind).map_err(err),
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
    use super::{excel_notation, own_sheet_dropped};

    #[test]
    fn references_to_the_own_sheet_are_dropped() {
        let f = |formula: &str, sheet: &str| own_sheet_dropped(formula.to_string(), sheet);
        assert_eq!(f("SUM(支出表!B4:B6)", "支出表"), "SUM(B4:B6)");
        assert_eq!(f("SUM('收 支'!B4:B6)", "收 支"), "SUM(B4:B6)");
        assert_eq!(f("SUM(收入表!B4:B6)", "支出表"), "SUM(收入表!B4:B6)");
        assert_eq!(f("SUM('O''Neil'!A1)", "O'Neil"), "SUM(A1)");
        // Another sheet whose name ends like this one's.
        assert_eq!(f("支出表!B4+表!B4", "表"), "支出表!B4+B4");
    }

    #[test]
    fn future_functions_are_written_as_excel_shows_them() {
        let cases = [
            ("_xlfn.AGGREGATE(9,5,B5:B8)", "AGGREGATE(9,5,B5:B8)"),
            ("User(_xlfn.AGGREGATE,9,5,B5:B8)", "AGGREGATE(9,5,B5:B8)"),
            ("COM.MICROSOFT.AGGREGATE(9,5,B5:B8)", "AGGREGATE(9,5,B5:B8)"),
            ("SUM(B4:B7)+User(_xlfn.F)", "SUM(B4:B7)+F()"),
            ("SUM(B4:B7)", "SUM(B4:B7)"),
        ];
        for (stored, shown) in cases {
            assert_eq!(excel_notation(stored.to_string()), shown, "{stored}");
        }
    }
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

    fn n(s: &str, w: u8) -> Number {
        Number {
            value: rust_decimal::Decimal::from_str_exact(s).unwrap(),
            written_decimals: w,
            unit: None,
            percent: false,
        }
    }

    const MONEY: Format = Format {
        decimals: Some(2),
        percent: false,
        scale: 0,
        indent: 0,
    };

    /// A sheet sized `rows` × `cols` up front with one cell of each kind.
    fn sheet_of_every_kind(rows: usize, cols: usize) -> Sheet {
        let plain = Format::default();
        let mut sheet = Sheet::new("s", rows, cols);
        sheet.set_number(0, 0, n("1721.1", 1), MONEY).unwrap();
        sheet.set_text(0, 1, "合计", plain).unwrap();
        // Too big for the compact form: kept beside the grid.
        let big = n("79228162514264337593543950335", 0);
        sheet.set_number(1, 0, big, MONEY).unwrap();
        sheet.set_text(1, 1, "586万元", plain).unwrap();
        sheet.set_value(2, 0, Value::Bool(true), plain).unwrap();
        sheet
            .set_value(2, 1, Value::Date("2024-03-15"), plain)
            .unwrap();
        sheet
            .set_value(9, 7, Value::Error("#DIV/0!"), plain)
            .unwrap();
        sheet.set_text(3, 2, "  ", plain).unwrap();
        sheet.trim();
        sheet
    }

    /// Every kind of cell comes back as it was stored, whether the grid was
    /// sized up front or grew (rows one by one, columns by relayout).
    #[test]
    fn cells_come_back_as_stored() {
        assert_eq!(std::mem::size_of::<Slot>(), 12);
        for (rows, cols) in [(10, 10), (0, 0), (1, 1)] {
            let sheet = sheet_of_every_kind(rows, cols);
            assert_eq!((sheet.rows(), sheet.cols()), (10, cols.max(8)));
            let c = sheet.cell(0, 0);
            assert_eq!(c.number, Some(n("1721.1", 1)));
            assert_eq!(
                (c.value, c.format_decimals, c.shown_decimals()),
                (Value::Number, Some(2), Some(2))
            );
            assert_eq!(sheet.cell(0, 1).value, Value::Text("合计"));
            assert_eq!(sheet.text(0, 1), Some("合计"));
            assert_eq!(
                sheet.cell(1, 0).number.unwrap().value.to_string(),
                "79228162514264337593543950335"
            );
            let wan = sheet.cell(1, 1).number.unwrap();
            assert_eq!(
                (wan.value, wan.unit),
                (586.into(), Some(crate::amount::Unit::Wan))
            );
            assert_eq!(sheet.cell(2, 0).value, Value::Bool(true));
            assert_eq!(sheet.cell(2, 1).text(), Some("2024-03-15"));
            assert_eq!(sheet.cell(9, 7).value, Value::Error("#DIV/0!"));
            assert!(sheet.is_blank(3, 2) && sheet.cell(3, 2).is_blank());
            assert!(sheet.is_blank(5, 5) && sheet.cell(50, 50) == Cell::default());
            let mut seen = Vec::new();
            sheet.scan_row(1, |c, number| seen.push((c, number)));
            assert_eq!(seen, vec![(0, true), (1, true)]);
            let mut seen = Vec::new();
            sheet.scan_row(3, |c, number| seen.push((c, number)));
            assert!(seen.is_empty());
        }
    }

    #[test]
    fn a_sheet_past_the_cell_limit_is_refused_not_allocated() {
        let mut sheet = Sheet::new("s", usize::MAX, 2);
        assert_eq!(sheet.rows(), 0);
        let err = sheet
            .set_text(1_048_575, 16_383, "far", Format::default())
            .unwrap_err();
        assert_eq!((err.rows, err.cols), (1_048_576, 16_384));
        sheet.set_text(2, 3, "near", Format::default()).unwrap();
        assert_eq!(sheet.text(2, 3), Some("near"));
        // A claimed size under the limit but past what is allocated up
        // front: nothing is allocated until cells arrive.
        let mut sheet = Sheet::new("s", 1_000_000, 50);
        assert_eq!(
            (sheet.rows(), sheet.cols(), sheet.slots.capacity()),
            (0, 50, 0)
        );
        sheet.set_text(9, 49, "last", Format::default()).unwrap();
        assert_eq!((sheet.rows(), sheet.text(9, 49)), (10, Some("last")));
        assert!(sheet.slots.len() == 500);
    }
}
