//! Tables found on a sheet: where their header, rows and columns are, what
//! each row and column is (item, total, 其中, code, amount, rate…), and the
//! amounts as a polars [`DataFrame`] with a map back to the sheet's cells.

mod detect;
pub mod labels;

use polars::prelude::*;
use rust_decimal::Decimal;

use crate::amount::{is_nil_mark, Unit};
use crate::workbook::{a1, Sheet, Value as WValue};

pub use detect::{detect, map_cells, PARALLEL_CELLS};

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnRole {
    /// Row labels (项目, 科目名称, 单位名称).
    Label,
    /// A classification code: `0` a whole code, `1`/`2`/`3` the 类/款/项 part.
    Code(u8),
    /// Figures that foot.
    Amount,
    /// The maximum score of each row (分值, 满分).
    ScoreMax,
    /// The score given (得分, 自评得分).
    Score,
    /// Never footed, with the reason (序号, rates, years, unit prices).
    Excluded(&'static str),
    /// Other text.
    Text,
}

/// A column of a table.
#[derive(Debug, Clone)]
pub struct Column {
    /// Zero-based sheet column.
    pub col: usize,
    /// Header text from each header row, merged cells filled in, repeats
    /// removed (`["支出", "基本支出"]`).
    pub path: Vec<String>,
    /// What the column holds.
    pub role: ColumnRole,
    /// Unit named in the header (`金额（万元）`).
    pub unit: Option<Unit>,
    /// Most decimals any figure in the column is written with.
    pub decimals: u8,
    /// The decimals most General (unformatted) figures of the column are
    /// written with, beyond none: what a General figure written without
    /// decimals (`2600`, where General hides the zeros of `2600.0`) is
    /// taken to be shown with.
    pub general_decimals: u8,
    /// Figures are exact, not rounded: counts (项目数, 人数) and scores.
    pub exact: bool,
    /// The header says the column is taken away (`减：上解支出`): a total
    /// column of the row subtracts it.
    pub subtracts: bool,
}

impl Column {
    /// The header as one string, levels joined with `/`.
    pub fn name(&self) -> String {
        self.path.join("/")
    }

    /// The lowest header (`基本支出`), or the column letter when blank.
    pub fn short_name(&self) -> String {
        self.path
            .last()
            .cloned()
            .unwrap_or_else(|| crate::workbook::column_name(self.col))
    }

    /// True when the column's figures foot (amounts and scores).
    pub fn is_numeric(&self) -> bool {
        matches!(
            self.role,
            ColumnRole::Amount | ColumnRole::ScoreMax | ColumnRole::Score
        )
    }
}

/// What a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// An item (including parents in a hierarchy).
    Item,
    /// A total row; level 1 小计, 2 合计, 3 总计.
    Total(u8),
    /// A row of a 其中 breakdown of the row `parent` (an index into rows;
    /// 32 bits, as rows are many).
    OfWhich {
        /// The row being broken down.
        parent: u32,
    },
}

/// A data row of a table.
#[derive(Debug, Clone)]
pub struct Row {
    /// Zero-based sheet row.
    pub row: usize,
    /// The row's label.
    pub label: Box<str>,
    /// What the row is.
    pub kind: RowKind,
    /// Classification code, if the table has codes.
    pub code: Option<Box<str>>,
    /// Outline level of the label's numbering.
    pub outline: Option<u8>,
    /// The row this one is a child of in the hierarchy (index into rows;
    /// 32 bits, as rows are many).
    pub parent: Option<u32>,
    /// The label says the row is subtracted (`减：上解上级支出`, `扣除…`):
    /// a total of the column's rows takes it away.
    pub subtracts: bool,
}

/// A figure in an amount column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amount {
    /// A blank cell: zero when added, never a stated total.
    Blank,
    /// A nil mark (—, –, /, 无): zero, exactly, as a part or as a stated
    /// total (a 合计 of — whose rows hold figures is wrong).
    Nil,
    /// A number and the decimals it is shown with.
    Value(Decimal, u8),
    /// Text that is not a number: a relation using it is undecided.
    Unreadable,
}

/// A table detected on a sheet.
#[derive(Debug, Clone)]
pub struct Table {
    /// The sheet's name.
    pub sheet: String,
    /// The title above the table, if any.
    pub title: Option<String>,
    /// The unit stated for the table (`单位：万元`).
    pub unit: Option<Unit>,
    /// Sheet rows of the header.
    pub header_rows: std::ops::Range<usize>,
    /// Columns, left to right.
    pub columns: Vec<Column>,
    /// Data rows, top to bottom.
    pub rows: Vec<Row>,
    /// The amounts: one column per numeric column (named by its A1 column
    /// letter), one row per data row, holding each figure's mantissa at the
    /// column's scale (Int64, or Decimal(38) when a figure needs more than
    /// 18 digits); first, `row` (the sheet row). Labels are in `rows`; text
    /// columns stay on the sheet ([`Table::text`]).
    pub frame: DataFrame,
    /// For each column (by index into `columns`), its frame column and the
    /// scale of its mantissas.
    numeric_at: Vec<Option<(usize, u32)>>,
    /// For each numeric column (by index into `columns`), the decimals each
    /// figure is shown with, and which cells held unreadable text.
    shown: Vec<Vec<u8>>,
    unreadable: Vec<Vec<bool>>,
    /// For each numeric column, the data rows (ascending) whose figure is a
    /// number stored as text (which Excel's SUM of a range skips).
    text_numbers: Vec<Vec<u32>>,
    /// Children of each row in the hierarchy.
    pub children: Children,
    /// Formulas of numeric cells, by (data row, column) index.
    pub formulas: std::collections::HashMap<(usize, usize), String>,
    /// Cells (data row, column index) whose formula was saved without a
    /// calculated value and was computed when read; and how many such
    /// formulas of the sheet could not be.
    pub computed: (Vec<(usize, usize)>, usize),
    /// Data rows hidden in the workbook (ascending).
    pub hidden: Vec<usize>,
    /// What a cell of an amount column that is not a figure holds (`待定`,
    /// `#REF!`), by (data row, column index), cut at 40 characters.
    pub unreadable_text: std::collections::HashMap<(usize, usize), Box<str>>,
}

impl Table {
    fn build(sheet: &Sheet, mut table: TableParts) -> Table {
        let n = table.rows.len();
        // Each column is built on its own: on a big table, in parallel.
        let built = map_cells(n * table.columns.len(), &table.columns, |column| {
            FrameColumn::read(sheet, &table.rows, column)
        });
        let frame = Frame::assemble(&table.rows, built);
        let formulas = numeric_formulas(sheet, &table);
        let computed = computed_cells(sheet, &table);
        let hidden = (0..n)
            .filter(|&i| sheet.is_hidden_row(table.rows[i].row))
            .collect();
        let children = Children::new(n, table.rows.iter().map(|r| r.parent.map(|p| p as usize)));
        let mut unreadable_text = std::collections::HashMap::new();
        for (k, cells) in frame.unreadable.iter().enumerate() {
            for (i, _) in cells.iter().enumerate().filter(|(_, &u)| u) {
                let (row, col) = (table.rows[i].row, table.columns[k].col);
                let text = match sheet.cell(row, col).value {
                    WValue::Text(t) | WValue::Error(t) | WValue::Date(t) => t.trim().to_string(),
                    WValue::Bool(b) => if b { "TRUE" } else { "FALSE" }.to_string(),
                    WValue::Empty | WValue::Number => continue,
                };
                let cut: String = text.chars().take(40).collect();
                unreadable_text.insert((i, k), cut.into_boxed_str());
            }
        }
        Table {
            sheet: std::mem::take(&mut table.sheet),
            title: table.title,
            unit: table.unit,
            header_rows: table.header_rows,
            columns: table.columns,
            rows: table.rows,
            frame: frame.frame,
            numeric_at: frame.numeric_at,
            shown: frame.shown,
            unreadable: frame.unreadable,
            text_numbers: frame.text_numbers,
            children,
            formulas,
            computed,
            hidden,
            unreadable_text,
        }
    }

    /// True when the figure at data row `i`, column `k` is a number stored
    /// as text (`'2600.0`): Excel's SUM and SUBTOTAL skip it in a range.
    pub fn is_text_number(&self, i: usize, k: usize) -> bool {
        self.text_numbers
            .get(k)
            .is_some_and(|rows| rows.binary_search(&(i as u32)).is_ok())
    }

    /// The data row index of a sheet row, if the table has that row (data
    /// rows run top to bottom, so this is a binary search).
    pub fn row_index(&self, sheet_row: usize) -> Option<usize> {
        self.rows.binary_search_by_key(&sheet_row, |r| r.row).ok()
    }

    /// The figure in data row `i` of numeric column `k`.
    pub fn amount(&self, i: usize, k: usize) -> Amount {
        let column = &self.columns[k];
        if !column.is_numeric() {
            return Amount::Unreadable;
        }
        // The frame's column is found by position: no lookup by name (and
        // no allocation) per cell.
        let Some((series, scale)) = self
            .numeric_at
            .get(k)
            .copied()
            .flatten()
            .and_then(|(at, scale)| Some((self.frame.columns().get(at)?, scale)))
        else {
            return Amount::Unreadable;
        };
        // Int64 mantissas, or a Decimal column for figures too wide for them.
        let mantissa = match series.dtype() {
            DataType::Int64 => match series.i64() {
                Ok(narrow) => narrow.get(i).map(i128::from),
                Err(_) => return Amount::Unreadable,
            },
            _ => match series.decimal() {
                Ok(wide) => wide.physical().get(i),
                Err(_) => return Amount::Unreadable,
            },
        };
        match mantissa {
            Some(m) => Decimal::try_from_i128_with_scale(m, scale)
                .map(|v| Amount::Value(v, self.shown[k][i]))
                .unwrap_or(Amount::Unreadable),
            None if self.unreadable[k][i] => Amount::Unreadable,
            None if self.shown[k][i] == NIL => Amount::Nil,
            None => Amount::Blank,
        }
    }

    /// The text of data row `i` in a non-numeric column `k` (labels,
    /// codes, categories), as shown, read from the table's `sheet`: text
    /// columns are not copied into the frame.
    pub fn text(&self, sheet: &Sheet, i: usize, k: usize) -> Option<String> {
        let (row, col) = (self.rows.get(i)?.row, self.columns.get(k)?.col);
        let cell = sheet.cell(row, col);
        match (cell.text(), cell.number) {
            (Some(t), _) => Some(t.trim().to_string()),
            (_, Some(n)) => Some(n.value.normalize().to_string()),
            _ => sheet.display_text(row, col).map(|t| t.trim().to_string()),
        }
    }

    /// Whether any amount cell holds a figure (a nil mark or a blank is
    /// none).
    pub fn has_figures(&self) -> bool {
        self.numeric_columns()
            .any(|k| (0..self.rows.len()).any(|i| matches!(self.amount(i, k), Amount::Value(..))))
    }

    /// Numeric columns: indices into `columns`.
    pub fn numeric_columns(&self) -> impl Iterator<Item = usize> + '_ {
        self.columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.is_numeric())
            .map(|(k, _)| k)
    }

    /// The A1 name of the cell at data row `i`, column `k`.
    pub fn a1(&self, i: usize, k: usize) -> String {
        a1(self.rows[i].row, self.columns[k].col)
    }

    /// The label column, if the table has one.
    pub fn label_column(&self) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.role == ColumnRole::Label)
    }

    /// The unit of column `k`: its header's, else the table's.
    pub fn unit_of(&self, k: usize) -> Option<Unit> {
        if self.columns[k].exact {
            return None;
        }
        self.columns[k].unit.or(self.unit)
    }

    /// A short name for row `i`: its label, else its code, else its number.
    pub fn row_name(&self, i: usize) -> String {
        let r = &self.rows[i];
        let label = r.label.trim();
        match (&r.code, label.is_empty()) {
            (Some(code), false) if !label.starts_with(&**code) => format!("{code} {label}"),
            (_, false) => label.to_string(),
            (Some(code), true) => code.to_string(),
            (None, true) => format!("row {}", r.row + 1),
        }
    }

    /// The column index of sheet column `col`, if the table has it.
    pub fn column_index(&self, col: usize) -> Option<usize> {
        self.columns.iter().position(|c| c.col == col)
    }

    /// The sheet rows the table spans (header through last data row).
    pub fn sheet_rows(&self) -> std::ops::Range<usize> {
        let end = self.rows.last().map_or(self.header_rows.end, |r| r.row + 1);
        self.header_rows.start..end
    }
}

/// The children of each row, in one flat list (most rows of a big ledger
/// have none): `children[i]` is a slice.
#[derive(Debug, Clone, Default)]
pub struct Children {
    /// Where each row's children start in `flat`; one more entry than rows.
    start: Vec<u32>,
    flat: Vec<usize>,
}

impl Children {
    /// From each row's parent, if it has one.
    fn new(n: usize, parents: impl Iterator<Item = Option<usize>> + Clone) -> Children {
        let mut count = vec![0u32; n + 1];
        for p in parents.clone().flatten() {
            count[p + 1] += 1;
        }
        for i in 0..n {
            count[i + 1] += count[i];
        }
        let mut next = count.clone();
        let mut flat = vec![0; count[n] as usize];
        for (i, p) in parents.enumerate() {
            if let Some(p) = p {
                flat[next[p] as usize] = i;
                next[p] += 1;
            }
        }
        Children { start: count, flat }
    }

    /// Each row's children, in row order.
    pub fn iter(&self) -> impl Iterator<Item = &[usize]> + '_ {
        (0..self.start.len().saturating_sub(1)).map(|i| &self[i])
    }
}

impl std::ops::Index<usize> for Children {
    type Output = [usize];

    fn index(&self, i: usize) -> &[usize] {
        match (self.start.get(i), self.start.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.flat[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// One numeric column of the frame, as read from the sheet.
struct FrameColumn {
    /// The figures' mantissas, named by the column's letter.
    column: polars::prelude::Column,
    figures: Figures,
}

impl FrameColumn {
    /// Reads a numeric column's figures; `None` for other columns (codes,
    /// names, categories stay on the sheet: see [`Table::text`]).
    ///
    /// Money fits 64 bits at its scale (up to 9.2 × 10^18 units of the last
    /// decimal): an Int64 column, half the size of a Decimal(38). A column
    /// that does not fit is read again into a Decimal column.
    fn read(sheet: &Sheet, rows: &[Row], column: &Column) -> Option<FrameColumn> {
        if !column.is_numeric() {
            return None;
        }
        let name = crate::workbook::column_name(column.col);
        let mut figures = Figures {
            scale: column.decimals.min(18) as u32,
            shown: Vec::with_capacity(rows.len()),
            unreadable: Vec::with_capacity(rows.len()),
            texts: Vec::new(),
        };
        let mut wide = false;
        let narrow = Int64Chunked::from_iter_options(
            name.as_str().into(),
            rows.iter().map(
                |r| match figures.read(sheet, r, column).map(i64::try_from) {
                    Some(Ok(m)) => Some(m),
                    Some(Err(_)) => {
                        wide = true;
                        None
                    }
                    None => None,
                },
            ),
        );
        if !wide {
            let column = narrow.into_series().into_column();
            return Some(FrameColumn { column, figures });
        }
        figures.shown.clear();
        figures.unreadable.clear();
        figures.texts.clear();
        let values = rows.iter().map(|r| figures.read(sheet, r, column));
        let column = Int128Chunked::from_iter_options(name.into(), values)
            .into_decimal_unchecked(38, figures.scale as usize)
            .into_series()
            .into_column();
        Some(FrameColumn { column, figures })
    }
}

/// What the frame does not hold of a numeric column's figures: their
/// scale in it, the decimals each is shown with, and which cells held
/// unreadable text.
struct Figures {
    scale: u32,
    shown: Vec<u8>,
    unreadable: Vec<bool>,
    /// Data rows whose figure is a number stored as text.
    texts: Vec<u32>,
}

impl Figures {
    /// A figure as its mantissa at the column's scale; its shown decimals
    /// and whether it is unreadable are noted on the way.
    fn read(&mut self, sheet: &Sheet, r: &Row, column: &Column) -> Option<i128> {
        let cell = sheet.cell(r.row, column.col);
        let (shown, unreadable, m) = match cell.number {
            Some(num) if !num.percent => {
                if cell.text().is_some() {
                    self.texts.push(self.shown.len() as u32);
                }
                let mut v = num.value;
                v.rescale(self.scale);
                if v.scale() == self.scale {
                    // Each figure's own precision: its format's decimals, else
                    // as written (never the column's widest: one pasted
                    // 586.0049 does not make its neighbours exact).
                    let shown = cell.format_decimals.unwrap_or(match num.written_decimals {
                        0 => column.general_decimals,
                        d => d,
                    });
                    (shown, false, Some(v.mantissa()))
                } else {
                    (0, true, None)
                }
            }
            _ if !cell.is_blank() && cell.text().is_some_and(is_nil_mark) => (NIL, false, None),
            _ => (0, !cell.is_blank(), None),
        };
        self.shown.push(shown);
        self.unreadable.push(unreadable);
        m
    }
}

/// The shown decimals noted for a nil mark, which has no figure (what
/// tells [`Amount::Nil`] from [`Amount::Blank`]).
const NIL: u8 = u8::MAX;

/// The frame and, per table column, where its figures are in it.
struct Frame {
    frame: DataFrame,
    numeric_at: Vec<Option<(usize, u32)>>,
    shown: Vec<Vec<u8>>,
    unreadable: Vec<Vec<bool>>,
    text_numbers: Vec<Vec<u32>>,
}

impl Frame {
    /// The frame from the columns read: the sheet row of each data row
    /// first (labels are in `rows`), then one column per numeric column.
    fn assemble(rows: &[Row], built: Vec<Option<FrameColumn>>) -> Frame {
        let sheet_rows =
            UInt32Chunked::from_iter_values("row".into(), rows.iter().map(|r| r.row as u32));
        let mut frame_cols = vec![sheet_rows.into_series().into_column()];
        let mut out = Frame {
            frame: DataFrame::default(),
            numeric_at: Vec::with_capacity(built.len()),
            shown: Vec::with_capacity(built.len()),
            unreadable: Vec::with_capacity(built.len()),
            text_numbers: Vec::with_capacity(built.len()),
        };
        for column in built {
            match column {
                Some(c) => {
                    out.numeric_at
                        .push(Some((frame_cols.len(), c.figures.scale)));
                    frame_cols.push(c.column);
                    out.shown.push(c.figures.shown);
                    out.unreadable.push(c.figures.unreadable);
                    out.text_numbers.push(c.figures.texts);
                }
                None => {
                    out.numeric_at.push(None);
                    out.shown.push(Vec::new());
                    out.unreadable.push(Vec::new());
                    out.text_numbers.push(Vec::new());
                }
            }
        }
        out.frame = DataFrame::new(rows.len(), frame_cols).unwrap_or_default();
        out
    }
}

/// The formulas of a table's numeric cells, by (data row, column) index.
fn numeric_formulas(
    sheet: &Sheet,
    table: &TableParts,
) -> std::collections::HashMap<(usize, usize), String> {
    let mut formulas = std::collections::HashMap::new();
    if !sheet.has_formulas() {
        return formulas;
    }
    for (k, column) in table.columns.iter().enumerate() {
        if !column.is_numeric() {
            continue;
        }
        for (i, r) in table.rows.iter().enumerate() {
            if let Some(f) = sheet.formula(r.row, column.col) {
                formulas.insert((i, k), f.to_string());
            }
        }
    }
    formulas
}

/// The table's cells whose formula had no saved value and was computed,
/// and the sheet's formulas that could not be.
fn computed_cells(sheet: &Sheet, table: &TableParts) -> (Vec<(usize, usize)>, usize) {
    let (computed, uncomputed) = sheet.uncached();
    if computed + uncomputed == 0 {
        return (Vec::new(), 0);
    }
    let mut out = Vec::new();
    for (k, column) in table.columns.iter().enumerate() {
        for (i, r) in table.rows.iter().enumerate() {
            if sheet.is_computed(r.row, column.col) {
                out.push((i, k));
            }
        }
    }
    (out, uncomputed)
}

/// What detection assembles before the frame is built.
#[derive(Debug, Default)]
struct TableParts {
    sheet: String,
    title: Option<String>,
    unit: Option<Unit>,
    header_rows: std::ops::Range<usize>,
    columns: Vec<Column>,
    rows: Vec<Row>,
}
