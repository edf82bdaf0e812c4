#![allow(clippy::needless_range_loop)] // parallel arrays indexed by row
//! Finding tables on a sheet.
//!
//! A sheet is read top to bottom: title and unit rows, then one to four
//! header rows (text only, merged cells filled in), then data rows until a
//! note (`注：`), two blank rows, or a new title. Tables printed side by side
//! share their rows and are split where the first header repeats or a column
//! is blank all the way down.

use std::collections::HashMap;

use super::labels::{
    self, as_code, code_part, excluded_column, is_code_header, is_note, is_of_which, is_score,
    is_score_max, leading_code, outline_level, total_level,
};
use super::{Column, ColumnRole, Row, RowKind, Table, TableParts};
use crate::amount::{is_nil_mark, Unit};
use crate::timing;
use crate::workbook::{Sheet, Value};

/// Tables with at least this many cells have their columns read in
/// parallel.
pub const PARALLEL_CELLS: usize = 200_000;

/// `f` over `items`, in order: in parallel when the work covers `cells` of
/// at least [`PARALLEL_CELLS`], else on this thread (small tables are not
/// worth the hand-over).
pub fn map_cells<I, R, F>(cells: usize, items: I, f: F) -> Vec<R>
where
    I: IntoIterator + rayon::iter::IntoParallelIterator<Item = <I as IntoIterator>::Item>,
    F: Fn(<I as IntoIterator>::Item) -> R + Sync + Send,
    R: Send,
{
    use rayon::prelude::*;
    if cells >= PARALLEL_CELLS {
        items.into_par_iter().map(f).collect()
    } else {
        items.into_iter().map(f).collect()
    }
}

/// Most header rows a table can have.
const MAX_HEADER_ROWS: usize = 4;

/// The non-blank columns of a row: a bit mask on sheets up to 64 columns
/// wide (no allocation per row of a big ledger), else a list.
#[derive(Clone)]
enum ColSet {
    Mask(u64),
    List(Box<[usize]>),
}

impl ColSet {
    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        let (mask, list) = match self {
            ColSet::Mask(m) => (*m, &[][..]),
            ColSet::List(l) => (0, &l[..]),
        };
        let bits = std::iter::successors((mask != 0).then_some(mask), |m| {
            let m = m & (m - 1);
            (m != 0).then_some(m)
        })
        .map(|m| m.trailing_zeros() as usize);
        bits.chain(list.iter().copied())
    }

    fn first(&self) -> Option<usize> {
        self.iter().next()
    }

    fn is_empty(&self) -> bool {
        match self {
            ColSet::Mask(m) => *m == 0,
            ColSet::List(l) => l.is_empty(),
        }
    }
}

#[derive(Clone)]
struct RowStat {
    /// Non-blank columns.
    cols: ColSet,
    /// Of them, cells holding a number (not a date).
    nums: ColSet,
}

impl RowStat {
    fn is_empty(&self) -> bool {
        self.cols.is_empty()
    }

    /// How many cells of the row hold a number.
    fn numbers(&self) -> usize {
        match &self.nums {
            ColSet::Mask(m) => m.count_ones() as usize,
            ColSet::List(l) => l.len(),
        }
    }
}

fn row_stat(sheet: &Sheet, r: usize) -> RowStat {
    if sheet.cols() <= 64 {
        let (mut cols, mut nums) = (0u64, 0u64);
        sheet.scan_row(r, |c, number| {
            cols |= 1 << c;
            nums |= (number as u64) << c;
        });
        RowStat {
            cols: ColSet::Mask(cols),
            nums: ColSet::Mask(nums),
        }
    } else {
        let (mut cols, mut nums) = (Vec::new(), Vec::new());
        sheet.scan_row(r, |c, number| {
            cols.push(c);
            if number {
                nums.push(c);
            }
        });
        RowStat {
            cols: ColSet::List(cols.into()),
            nums: ColSet::List(nums.into()),
        }
    }
}

/// Finds every table on `sheet`.
pub fn detect(sheet: &Sheet) -> Vec<Table> {
    let mut tables = Vec::new();
    for region in find_regions(sheet) {
        for band in region.bands {
            let title = region.title.clone();
            let header = region.header.clone();
            let parts = timing::time("table", || {
                build(sheet, band, header, &region.data, title, region.unit)
            });
            if let Some(parts) = parts {
                tables.push(timing::time("frame", || Table::build(sheet, parts)));
            }
        }
    }
    tables
}

/// Where a table stands on a sheet, before it is built.
struct Region {
    /// Sheet rows of the header.
    header: std::ops::Range<usize>,
    /// Sheet rows of the data.
    data: Vec<usize>,
    /// Columns of each table printed side by side.
    bands: Vec<std::ops::Range<usize>>,
    /// The title above, if any.
    title: Option<String>,
    /// The unit stated above, if any.
    unit: Option<Unit>,
}

/// Where the tables are, top to bottom: a header, then data rows; a title
/// and a unit line above a header belong to its table. The row summaries
/// are dropped before the tables are built (on a big sheet they are tens
/// of megabytes).
fn find_regions(sheet: &Sheet) -> Vec<Region> {
    let (stats, ends) = summarise_rows(sheet);
    let mut regions = Vec::new();
    let mut title: Option<String> = None;
    let mut unit: Option<Unit> = None;
    let mut r = 0;
    while r < sheet.rows() {
        let st = &stats[r];
        if st.is_empty() {
            r += 1;
            continue;
        }
        if let Some(u) = row_unit(sheet, r, st) {
            unit = Some(u);
        }
        if is_header_start(sheet, &stats, r) {
            let header = r..header_end(sheet, &stats, r);
            let (data, end) =
                timing::time("data rows", || scan_data(sheet, &stats, &ends, header.end));
            if !data.is_empty() {
                let bands = bands(sheet, &stats, header.clone(), &data);
                let (title, unit) = (title.clone(), unit);
                regions.push(Region {
                    header: header.clone(),
                    data,
                    bands,
                    title,
                    unit,
                });
            }
            (title, unit) = (None, None);
            r = end.max(header.end);
            continue;
        }
        if st.numbers() == 0 && distinct_texts(sheet, r, st) == 1 {
            let text = st.cols.iter().find_map(|c| sheet.text(r, c)).unwrap_or("");
            if Unit::from_unit_line(text).is_none() {
                title = Some(text.trim().to_string());
            }
        }
        r += 1;
    }
    regions
}

/// Each row summarised, and whether it ends a table (a note, a unit line):
/// on a big sheet, in parallel.
fn summarise_rows(sheet: &Sheet) -> (Vec<RowStat>, Vec<bool>) {
    let _phase = timing::phase("row stats");
    let cells = sheet.rows() * sheet.cols();
    let stats: Vec<RowStat> = map_cells(cells, 0..sheet.rows(), |r| row_stat(sheet, r));
    let ends: Vec<bool> = map_cells(cells, 0..sheet.rows(), |r| {
        let st = &stats[r];
        let first = st.cols.iter().find_map(|c| sheet.text(r, c)).unwrap_or("");
        is_note(first) || row_unit(sheet, r, st).is_some()
    });
    (stats, ends)
}

/// The row after a header that starts at row `h0`: up to
/// [`MAX_HEADER_ROWS`] rows that continue it.
fn header_end(sheet: &Sheet, stats: &[RowStat], h0: usize) -> usize {
    let mut h1 = h0 + 1;
    while h1 < sheet.rows() && h1 - h0 < MAX_HEADER_ROWS && is_header_continuation(sheet, stats, h1)
    {
        h1 += 1;
    }
    h1
}

fn row_unit(sheet: &Sheet, r: usize, st: &RowStat) -> Option<Unit> {
    st.cols
        .iter()
        .find_map(|c| sheet.text(r, c).and_then(Unit::from_unit_line))
}

/// Non-blank cells of a row, counting a merged region once.
fn distinct_texts(sheet: &Sheet, r: usize, st: &RowStat) -> usize {
    let mut n = 0;
    let mut last_merge = None;
    for c in st.cols.iter() {
        let m = sheet.merge_at(r, c);
        if m.is_some() && m == last_merge {
            continue;
        }
        last_merge = m;
        n += 1;
    }
    n
}

fn is_header_start(sheet: &Sheet, stats: &[RowStat], r: usize) -> bool {
    let st = &stats[r];
    if st.numbers() > 0 || distinct_texts(sheet, r, st) < 2 || row_unit(sheet, r, st).is_some() {
        return false;
    }
    // A label and nil marks is a row of zeros, not a header.
    let nils = st
        .cols
        .iter()
        .filter(|&c| sheet.text(r, c).is_some_and(is_nil_mark))
        .count();
    if nils > 0 && st.cols.iter().count() - nils < 2 {
        return false;
    }
    if st
        .cols
        .iter()
        .any(|c| sheet.text(r, c).is_some_and(is_note))
    {
        return false;
    }
    // Data must follow within a few rows.
    (r + 1..(r + 1 + MAX_HEADER_ROWS + 1).min(stats.len())).any(|i| stats[i].numbers() > 0)
}

fn is_header_continuation(sheet: &Sheet, stats: &[RowStat], r: usize) -> bool {
    let st = &stats[r];
    if st.numbers() > 0 {
        return is_numbering_row(sheet, r, st);
    }
    if st.is_empty() {
        // A blank row under a header: only when merged header cells cover it.
        return (0..sheet.cols()).any(|c| sheet.merge_at(r, c).is_some_and(|m| m.top < r));
    }
    // A sub-header starts right of the table's first column; a row that
    // starts in the label columns with a total, numbering or code is data.
    let header_left = (0..r)
        .rev()
        .take(MAX_HEADER_ROWS)
        .filter_map(|h| stats[h].cols.first())
        .min()
        .unwrap_or(0);
    let starts_left = st.cols.first().is_some_and(|c| c <= header_left);
    let first = st.cols.iter().find_map(|c| sheet.text(r, c)).unwrap_or("");
    // A first cell merged down over the next row is a header cell (a
    // `合计` heading its column, as a 三公 table prints it): data rows are
    // one row high.
    let merged_down = st
        .cols
        .first()
        .and_then(|c| sheet.merge_at(r, c))
        .is_some_and(|m| m.top == r && m.bottom > r);
    if starts_left
        && !merged_down
        && (total_level(first).is_some()
            || outline_level(first).is_some()
            || is_of_which(first)
            || leading_code(first).is_some())
        || is_note(first)
    {
        return false;
    }
    // Must be followed by more header or by data, not by blank rows.
    stats.get(r + 1).is_some_and(|s| !s.is_empty())
}

/// A row numbering the columns (`栏次 1 2 3`), which belongs to the header
/// (see [`labels::is_column_numbering`]).
fn is_numbering_row(sheet: &Sheet, r: usize, st: &RowStat) -> bool {
    let mut texts = Vec::new();
    let mut numbers = Vec::new();
    for c in st.cols.iter() {
        let cell = sheet.cell(r, c);
        match cell.number {
            Some(n) if !n.percent => numbers.push(n.value),
            Some(_) => return false,
            None => texts.push(cell.text().unwrap_or("")),
        }
    }
    labels::is_column_numbering(&texts, &numbers)
}

/// Data rows from `start`: returns the rows with content and the row after
/// the table.
fn scan_data(sheet: &Sheet, stats: &[RowStat], ends: &[bool], start: usize) -> (Vec<usize>, usize) {
    let mut rows = Vec::new();
    let mut blank_run = 0;
    let mut numeric_cols: Vec<bool> = vec![false; sheet.cols()];
    let mut i = start;
    while i < stats.len() {
        let st = &stats[i];
        if st.is_empty() {
            blank_run += 1;
            if blank_run >= 2 {
                break;
            }
            i += 1;
            continue;
        }
        if ends[i] {
            break;
        }
        if st.numbers() == 0 {
            // `二、相关统计数`: counts (团组数, 人数, 辆) under money rows
            // are not part of the money table above.
            let first = st.cols.iter().find_map(|c| sheet.text(i, c)).unwrap_or("");
            if labels::starts_count_block(first) {
                break;
            }
            if blank_run > 0 {
                break;
            }
            // A new header: text in columns that held numbers (a nil mark
            // is a zero, never a header: a row of them is a row of zeros).
            let texts_in_numeric = st
                .cols
                .iter()
                .filter(|&c| numeric_cols[c] && !sheet.text(i, c).is_some_and(is_nil_mark))
                .count();
            if texts_in_numeric >= 2 {
                break;
            }
        }
        blank_run = 0;
        for c in st.nums.iter() {
            numeric_cols[c] = true;
        }
        rows.push(i);
        i += 1;
    }
    // Trailing rows without figures (signatures, stray notes) are not data.
    while rows
        .last()
        .is_some_and(|&r| stats[r].numbers() == 0 && !is_total_row(sheet, r, &stats[r]))
    {
        rows.pop();
    }
    let end = rows.last().map_or(start, |&r| r + 1);
    (rows, end)
}

fn is_total_row(sheet: &Sheet, r: usize, st: &RowStat) -> bool {
    st.cols
        .iter()
        .any(|c| sheet.text(r, c).is_some_and(|t| total_level(t).is_some()))
}

/// Splits the table's columns into side-by-side bands: runs of used
/// columns, each cut where its first header repeats.
fn bands(
    sheet: &Sheet,
    stats: &[RowStat],
    header: std::ops::Range<usize>,
    data: &[usize],
) -> Vec<std::ops::Range<usize>> {
    let used = used_columns(sheet, stats, header.clone(), data);
    let mut out = Vec::new();
    for run in runs(&used) {
        let mut start = run.start;
        for c in repeats_of_first_header(sheet, header.clone(), run.clone(), data) {
            out.push(start..c);
            start = c;
        }
        out.push(start..run.end);
    }
    out
}

/// Which columns the table uses: any cell in its rows, or header text
/// (merged header cells count across their width).
fn used_columns(
    sheet: &Sheet,
    stats: &[RowStat],
    header: std::ops::Range<usize>,
    data: &[usize],
) -> Vec<bool> {
    let mut used = vec![false; sheet.cols()];
    for r in header.clone().chain(data.iter().copied()) {
        for c in stats[r].cols.iter() {
            used[c] = true;
        }
    }
    for r in header {
        for c in 0..sheet.cols() {
            if sheet.display_text(r, c).is_some() {
                used[c] = true;
            }
        }
    }
    used
}

/// The runs of `true` in `used`.
fn runs(used: &[bool]) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut c = 0;
    while c < used.len() {
        if !used[c] {
            c += 1;
            continue;
        }
        let s = c;
        while c < used.len() && used[c] {
            c += 1;
        }
        runs.push(s..c);
    }
    runs
}

/// Where, within a run of columns, the first header cell's text repeats
/// in a header row (`项目 | 金额 | 项目 | 金额`): the columns a new table
/// starts at, from the first header row that has any.
fn repeats_of_first_header(
    sheet: &Sheet,
    header: std::ops::Range<usize>,
    run: std::ops::Range<usize>,
    data: &[usize],
) -> Vec<usize> {
    let mut cuts: Vec<usize> = Vec::new();
    // A side starts with its labels: the first column holds text, or is
    // headed as labels are (`项目`, `科目编码`). Amount headers repeated
    // under column groups (`预算数 | 决算数` under each of the 三公) are
    // one table's.
    let labels_first = data
        .iter()
        .any(|&r| sheet.text(r, run.start).is_some() && sheet.cell(r, run.start).number.is_none());
    const LABEL_WORDS: [&str; 9] = [
        "项目", "科目", "名称", "编码", "单位", "部门", "序号", "指标", "内容",
    ];
    for h in header {
        let first = sheet.display_text(h, run.start).map(labels::normalize);
        let Some(first) = first.filter(|f| !f.is_empty() && total_level(f).is_none()) else {
            continue;
        };
        if !labels_first
            && !labels::is_side_label_header(&first)
            && !LABEL_WORDS.iter().any(|w| first.contains(w))
        {
            continue;
        }
        let mut last = run.start;
        for c in run.start + 2..run.end {
            let here = sheet.display_text(h, c).map(labels::normalize);
            // The same header again, or the other side's label header of a
            // two-sided table (`收入项目 | 金额 | 支出项目 | 金额`).
            let same = here.as_deref() == Some(first.as_str())
                || here.as_deref().is_some_and(|t| {
                    labels::is_side_label_header(&first) && labels::is_side_label_header(t)
                });
            let separate = sheet.merge_at(h, c).is_none_or(|m| m.left == c);
            if same && separate && c - last >= 2 {
                cuts.push(c);
                last = c;
            }
        }
        if !cuts.is_empty() {
            break;
        }
    }
    cuts
}

fn header_path(sheet: &Sheet, header: &std::ops::Range<usize>, c: usize) -> Vec<String> {
    let mut path: Vec<String> = Vec::new();
    for r in header.clone() {
        // A row numbering the columns (`栏次 1 2 3`, `甲 乙`) names none.
        if sheet.cell(r, c).number.is_some() || is_numbering_row(sheet, r, &row_stat(sheet, r)) {
            continue;
        }
        if let Some(t) = sheet.display_text(r, c) {
            let t = labels::normalize(t);
            if !t.is_empty() && path.last() != Some(&t) {
                path.push(t);
            }
        }
    }
    path
}

/// The table in columns `band` of a region: its columns classified, its
/// rows read (labels, codes, totals, 其中, hierarchy). `None` when the band
/// has no data or no figures.
fn build(
    sheet: &Sheet,
    band: std::ops::Range<usize>,
    header: std::ops::Range<usize>,
    data: &[usize],
    title: Option<String>,
    unit: Option<Unit>,
) -> Option<TableParts> {
    let data: Vec<usize> = data
        .iter()
        .copied()
        .filter(|&r| band.clone().any(|c| !sheet.is_blank(r, c)))
        .collect();
    if data.is_empty() {
        return None;
    }
    let columns = timing::time(" columns", || {
        classify_columns(sheet, &band, &header, &data)
    });
    if !columns.iter().any(Column::is_numeric) {
        return None;
    }
    let labels = RowLabels {
        sheet,
        band: band.clone(),
        label_col: columns
            .iter()
            .find(|c| c.role == ColumnRole::Label)
            .map(|c| c.col),
    };
    let mut rows = timing::time(" rows", || read_rows(&labels, &columns, &data, band.len()));
    timing::time(" hierarchy", || {
        // Whether a row's label is indented as written (a 其中 breakdown
        // continues); asked only inside a breakdown.
        // Indented by spaces, or by the cell's alignment indent.
        let indented = |i: usize| {
            labels.label(data[i]).starts_with([' ', '\u{3000}', '\t'])
                || labels
                    .label_col
                    .is_some_and(|c| labels.sheet.indent(data[i], c) > 0)
        };
        mark_of_which(&mut rows, indented);
        assign_hierarchy(&mut rows);
    });
    Some(TableParts {
        sheet: sheet.name.clone(),
        title,
        unit,
        header_rows: header,
        columns,
        rows,
    })
}

/// The columns of a band, each classified on its own (on a big table, in
/// parallel); the first text column becomes the label column.
fn classify_columns(
    sheet: &Sheet,
    band: &std::ops::Range<usize>,
    header: &std::ops::Range<usize>,
    data: &[usize],
) -> Vec<Column> {
    let classify = |c: usize| classify_column(sheet, header, data, c);
    let mut columns: Vec<Column> = map_cells(data.len() * band.len(), band.clone(), classify);
    if let Some(k) = columns.iter().position(|c| c.role == ColumnRole::Text) {
        columns[k].role = ColumnRole::Label;
    }
    columns
}

/// Column `c`: its header path, what it holds, its unit and decimals.
fn classify_column(
    sheet: &Sheet,
    header: &std::ops::Range<usize>,
    data: &[usize],
    c: usize,
) -> Column {
    let path = header_path(sheet, header, c);
    let tally = Tally::of(sheet, data, c);
    let role = column_role(&path, &tally);
    // The unit named in the header as written (`评价金额（万元）`);
    // normalising the path drops it.
    let unit = header
        .clone()
        .filter_map(|r| sheet.display_text(r, c))
        .find_map(|t| Unit::from_suffix(t.trim()));
    let last = path.last().map(String::as_str).unwrap_or("");
    let exact =
        matches!(role, ColumnRole::Score | ColumnRole::ScoreMax) || labels::is_count_header(last);
    let subtracts = labels::subtracts(last);
    Column {
        col: c,
        path,
        role,
        unit,
        decimals: tally.decimals,
        general_decimals: tally.general_decimals(),
        exact,
        subtracts,
    }
}

/// What the data cells of a column hold.
#[derive(Default)]
struct Tally {
    /// Cells with a number (not a date).
    numbers: usize,
    /// Cells with text that is not a number or a nil mark.
    texts: usize,
    /// Of the numbers, percentages (written with `%` or so formatted).
    percents: usize,
    /// Most decimals any other number is written with.
    decimals: u8,
    /// How many General figures are written with 1, 2, … 8 decimals.
    general: [u32; 8],
}

impl Tally {
    /// The decimals most General figures are written with (the more
    /// decimals on a tie), 0 when none has any.
    fn general_decimals(&self) -> u8 {
        let mut best = (0u32, 0u8);
        for (i, &n) in self.general.iter().enumerate() {
            if n > 0 && n >= best.0 {
                best = (n, i as u8 + 1);
            }
        }
        best.1
    }

    fn of(sheet: &Sheet, data: &[usize], c: usize) -> Tally {
        let mut t = Tally::default();
        for &r in data {
            let cell = sheet.cell(r, c);
            if cell.is_blank() {
                continue;
            }
            match cell.number {
                Some(n) if !matches!(cell.value, Value::Date(_)) => {
                    t.numbers += 1;
                    if n.percent || cell.percent_format {
                        t.percents += 1;
                    } else {
                        t.decimals = t.decimals.max(n.written_decimals);
                        let d = n.written_decimals as usize;
                        if cell.format_decimals.is_none() && (1..=8).contains(&d) {
                            t.general[d - 1] += 1;
                        }
                    }
                }
                _ => {
                    if !cell.text().is_some_and(is_nil_mark) {
                        t.texts += 1;
                    }
                }
            }
        }
        t
    }
}

/// What a column holds, from its header and its cells: a code, a column
/// never footed, figures (amounts, scores, rates), or text.
fn column_role(path: &[String], tally: &Tally) -> ColumnRole {
    let name = path.join("/");
    let last = path.last().map(String::as_str).unwrap_or("");
    if let Some(p) = code_part(last) {
        ColumnRole::Code(p)
    } else if is_code_header(&name) {
        ColumnRole::Code(0)
    } else if let Some(why) = excluded_column(last).or_else(|| excluded_column(&name)) {
        ColumnRole::Excluded(why)
    } else if tally.numbers > 0 && tally.numbers >= tally.texts {
        if tally.percents * 2 > tally.numbers {
            ColumnRole::Excluded("rate or percentage")
        } else if is_score_max(&name) {
            ColumnRole::ScoreMax
        } else if is_score(&name) {
            ColumnRole::Score
        } else {
            ColumnRole::Amount
        }
    } else if tally.texts > 0 {
        ColumnRole::Text
    } else if !name.is_empty() {
        ColumnRole::Amount
    } else {
        ColumnRole::Text
    }
}

/// Where a table's row labels are read.
struct RowLabels<'a> {
    sheet: &'a Sheet,
    band: std::ops::Range<usize>,
    label_col: Option<usize>,
}

impl<'a> RowLabels<'a> {
    /// Row `r`'s label: its label column's text, else a total or 其中
    /// written in another column (`合计` merged over 类/款/项).
    fn label(&self, r: usize) -> &'a str {
        let sheet = self.sheet;
        let label = self
            .label_col
            .and_then(|c| sheet.display_text(r, c))
            .unwrap_or("");
        if !label.trim().is_empty() {
            // A category merged down the label column (资金来源 over its
            // projects): the row's own label is the next text along, where
            // its 小计 is written.
            let merged_down = self
                .label_col
                .and_then(|c| sheet.merge_at(r, c))
                .is_some_and(|m| m.bottom > m.top);
            if merged_down {
                let own = self
                    .band
                    .clone()
                    .filter(|&c| self.label_col.is_some_and(|l| c > l))
                    .filter_map(|c| sheet.text(r, c))
                    .find(|t| !t.trim().is_empty() && !is_nil_mark(t));
                if let Some(own) = own {
                    return own;
                }
            }
            return label;
        }
        self.band
            .clone()
            .filter_map(|c| sheet.display_text(r, c))
            .find(|t| total_level(t).is_some() || is_of_which(t))
            .unwrap_or("")
    }
}

/// The data rows: labels, codes, totals. Where the codes are whole (or
/// the label's leading code), each row stands alone (on a big table, in
/// parallel); where 类, 款 and 项 have columns of their own, a row's code
/// is put together from the rows above it.
fn read_rows(labels: &RowLabels, columns: &[Column], data: &[usize], width: usize) -> Vec<Row> {
    let code_cols: Vec<(usize, u8)> = columns
        .iter()
        .filter_map(|c| match c.role {
            ColumnRole::Code(p) => Some((c.col, p)),
            _ => None,
        })
        .collect();
    let whole_code_col = code_cols.iter().find(|(_, p)| *p == 0).map(|&(c, _)| c);
    if !code_cols.is_empty() && whole_code_col.is_none() {
        return rows_with_split_codes(labels, &code_cols, data);
    }
    // Outline numbering kept in a 序号 column (`一`, `（一）`) rather than
    // in the label.
    let seq_col = columns
        .iter()
        .find(|c| matches!(c.role, ColumnRole::Excluded("sequence number")))
        .map(|c| c.col);
    let one = |&r: &usize| {
        let label = labels.label(r);
        let code = match whole_code_col {
            None => leading_code(label),
            Some(c) => code_text(labels.sheet, r, c).and_then(|t| as_code(&t, &[3, 5, 7, 9])),
        };
        let mut row = new_row(r, label, code);
        if row.outline.is_none() {
            row.outline = seq_col
                .and_then(|c| labels.sheet.text(r, c))
                .and_then(labels::sequence_level);
        }
        row
    };
    map_cells(data.len() * width, data, one)
}

/// Rows whose 类, 款 and 项 are in columns of their own: a 类 or 款
/// carries down to the rows below it.
fn rows_with_split_codes(
    labels: &RowLabels,
    code_cols: &[(usize, u8)],
    data: &[usize],
) -> Vec<Row> {
    let (mut lei, mut kuan) = (String::new(), String::new());
    let mut out = Vec::with_capacity(data.len());
    for &r in data {
        let part = |p: u8| {
            code_cols
                .iter()
                .find(|(_, q)| *q == p)
                .and_then(|&(c, _)| code_text(labels.sheet, r, c))
        };
        // 款 and 项 are two digits; one printed as a number has lost its
        // leading zero (`2` for `02`).
        let two_digits = |s: String| {
            if s.len() == 1 && s.bytes().all(|b| b.is_ascii_digit()) {
                format!("0{s}")
            } else {
                s
            }
        };
        let (l, k, x) = (part(1), part(2).map(two_digits), part(3).map(two_digits));
        if let Some(l) = &l {
            lei = l.clone();
            kuan.clear();
        }
        if let Some(k) = &k {
            kuan = k.clone();
        }
        let code = match (l.is_some() || !lei.is_empty(), k.is_some(), x) {
            (true, _, Some(x)) if !kuan.is_empty() => Some(format!("{lei}{kuan}{x}")),
            (true, true, None) => Some(format!("{lei}{kuan}")),
            (true, false, None) if l.is_some() => Some(lei.clone()),
            _ => None,
        }
        .filter(|c| c.chars().all(|ch| ch.is_ascii_digit()));
        out.push(new_row(r, labels.label(r), code));
    }
    out
}

/// A data row as its label says: a total or an item, with its outline
/// level; no parent yet.
fn new_row(r: usize, label: &str, code: Option<String>) -> Row {
    let kind = match total_level(label) {
        Some(level) => RowKind::Total(level),
        None => RowKind::Item,
    };
    Row {
        row: r,
        label: label.trim().into(),
        kind,
        code: code.map(String::into_boxed_str),
        outline: outline_level(label),
        parent: None,
        subtracts: labels::subtracts(label),
    }
}

fn code_text(sheet: &Sheet, r: usize, c: usize) -> Option<String> {
    let cell = sheet.cell(r, c);
    match &cell.value {
        Value::Text(t) => Some(t.trim().to_string()).filter(|t| !t.is_empty()),
        Value::Number => cell
            .number
            .filter(|n| n.value.fract().is_zero())
            .map(|n| n.value.trunc().to_string()),
        _ => None,
    }
}

/// Marks 其中 rows and the rows that continue their breakdown.
fn mark_of_which(rows: &mut [Row], indented: impl Fn(usize) -> bool) {
    let mut active: Option<(u32, bool)> = None; // (parent, bare 其中 marker seen)
    for i in 0..rows.len() {
        if is_of_which(&rows[i].label) {
            let parent = match i.checked_sub(1).map(|p| rows[p].kind) {
                Some(RowKind::OfWhich { parent }) => parent,
                Some(_) => (i - 1) as u32,
                None => continue,
            };
            rows[i].kind = RowKind::OfWhich { parent };
            let bare = labels::strip_of_which(&rows[i].label).is_empty();
            active = Some((parent, bare));
            continue;
        }
        let Some((parent, bare)) = active else {
            continue;
        };
        let indented = indented(i);
        let parent_numbered = rows[parent as usize].outline.is_some();
        let continues = rows[i].kind == RowKind::Item
            && (bare
                || indented
                || (parent_numbered && rows[i].outline.is_none() && rows[i].code.is_none()));
        if continues {
            rows[i].kind = RowKind::OfWhich { parent };
            active = Some((parent, false));
        } else {
            active = None;
        }
    }
}

/// Links each item row to its parent: by classification code where the table
/// has codes, else by outline numbering.
fn assign_hierarchy(rows: &mut [Row]) {
    let coded = rows
        .iter()
        .filter(|r| r.kind == RowKind::Item && r.code.is_some())
        .count();
    if coded >= 2 {
        let mut by_code: HashMap<String, usize> = HashMap::new();
        for i in 0..rows.len() {
            if rows[i].kind != RowKind::Item {
                continue;
            }
            let Some(code) = rows[i].code.clone() else {
                continue;
            };
            let mut len = code.len();
            while len > 3 {
                len -= 2;
                if let Some(&p) = by_code.get(&code[..len]) {
                    rows[i].parent = Some(p as u32);
                    break;
                }
            }
            by_code.insert(code.into(), i);
        }
        return;
    }
    let numbered = rows
        .iter()
        .filter(|r| r.kind == RowKind::Item && r.outline.is_some())
        .count();
    if numbered < 2 {
        return;
    }
    let mut stack: Vec<(u8, usize)> = Vec::new();
    for i in 0..rows.len() {
        match rows[i].kind {
            RowKind::Total(_) => stack.clear(),
            RowKind::OfWhich { .. } => {}
            RowKind::Item => match rows[i].outline {
                Some(level) => {
                    while stack.last().is_some_and(|&(l, _)| l >= level) {
                        stack.pop();
                    }
                    rows[i].parent = stack.last().map(|&(_, p)| p as u32);
                    stack.push((level, i));
                }
                None => rows[i].parent = stack.last().map(|&(_, p)| p as u32),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::amount::Number;
    use crate::workbook::Format;

    /// A small table (项目 | 金额, three items and a 合计) with its top-left
    /// corner at column `left` of a sheet `width` columns wide.
    fn sheet_with_table(left: usize, width: usize) -> Sheet {
        let mut sheet = Sheet::new("表", 0, 0);
        let f = Format::default();
        let num = |v: i64| Number {
            value: v.into(),
            written_decimals: 0,
            unit: None,
            percent: false,
        };
        sheet.set_text(0, left, "项目", f).unwrap();
        sheet.set_text(0, left + 1, "金额", f).unwrap();
        for (i, (label, v)) in [("甲", 10), ("乙", 20), ("丙", 30), ("合计", 61)]
            .into_iter()
            .enumerate()
        {
            sheet.set_text(i + 1, left, label, f).unwrap();
            sheet.set_number(i + 1, left + 1, num(v), f).unwrap();
        }
        // Something in the last column, so the sheet is that wide.
        sheet.set_text(8, width - 1, "备", f).unwrap();
        sheet.trim();
        sheet
    }

    /// Figures that fit 64 bits at their column's scale are held as Int64
    /// mantissas; a column with one that does not is held as Decimal(38),
    /// and every figure reads back exactly either way.
    #[test]
    fn wide_figures_get_a_decimal_column() {
        use rust_decimal::Decimal;
        use std::str::FromStr;
        let f = Format::default();
        let mut sheet = Sheet::new("表", 0, 0);
        for (c, h) in ["项目", "金额", "数量"].iter().enumerate() {
            sheet.set_text(0, c, h, f).unwrap();
        }
        let figures = [
            ("甲", "12345678901234567890.5", "1.25"),
            ("乙", "1", "2.5"),
            ("合计", "12345678901234567891.5", "3.75"),
        ];
        for (i, (label, a, b)) in figures.iter().enumerate() {
            sheet.set_text(i + 1, 0, label, f).unwrap();
            for (c, v) in [(1, a), (2, b)] {
                let value = Decimal::from_str(v).unwrap();
                let n = Number {
                    value,
                    written_decimals: value.scale() as u8,
                    unit: None,
                    percent: false,
                };
                sheet.set_number(i + 1, c, n, f).unwrap();
            }
        }
        let tables = detect(&sheet);
        let t = &tables[0];
        let dtypes: Vec<String> = t
            .frame
            .columns()
            .iter()
            .map(|c| c.dtype().to_string())
            .collect();
        assert!(dtypes[1].starts_with("decimal"), "{dtypes:?}");
        assert_eq!(dtypes[2], "i64", "{dtypes:?}");
        for (i, (_, a, b)) in figures.iter().enumerate() {
            for (k, v) in [(1, a), (2, b)] {
                match t.amount(i, k) {
                    super::super::Amount::Value(got, _) => {
                        assert_eq!(got, Decimal::from_str(v).unwrap(), "row {i} column {k}")
                    }
                    other => panic!("{other:?}"),
                }
            }
        }
        assert!(crate::checks::check_table(t).findings.is_empty());
    }

    /// Rows are summarised as bit masks up to 64 columns and as lists past
    /// that; tables are found, and their columns placed, the same either way.
    #[test]
    fn wide_sheets_are_read_like_narrow_ones() {
        for (left, width) in [(0, 8), (61, 64), (66, 70), (0, 200)] {
            let sheet = sheet_with_table(left, width);
            assert_eq!(sheet.cols(), width);
            let stat = row_stat(&sheet, 4);
            assert_eq!(stat.cols.iter().collect::<Vec<_>>(), vec![left, left + 1]);
            assert_eq!(stat.nums.iter().collect::<Vec<_>>(), vec![left + 1]);
            assert_eq!(stat.numbers(), 1);
            assert_eq!(matches!(stat.cols, ColSet::Mask(_)), width <= 64);
            let tables = detect(&sheet);
            assert_eq!(tables.len(), 1, "at column {left} of {width}");
            let t = &tables[0];
            assert_eq!(
                t.columns.iter().map(|c| c.col).collect::<Vec<_>>(),
                vec![left, left + 1]
            );
            assert_eq!(t.rows.len(), 4);
            assert_eq!(t.rows[3].kind, RowKind::Total(2));
            assert_eq!(t.row_index(4), Some(3));
            assert_eq!(t.row_index(9), None);
        }
    }
}
