//! PDF disclosures (部门预算, 部门决算 and the like, as WPS, ONLYOFFICE or
//! Word print them): the text layer read with `pdf_oxide`, each page's
//! tables rebuilt into a [`Sheet`] the table detection reads like any
//! workbook's, and the prose outside the tables kept in reading order.
//!
//! How a page is rebuilt ([`layout`]):
//! - **Lines** from the characters' vertical centres; **cells** within a
//!   line split at a vertical ruling line or a gap wider than a character.
//! - **Columns** from the ruling lines where the table has them (each
//!   distinct vertical rule is a column edge, a cell spanning several is a
//!   merged cell), else from the gaps no multi-cell line crosses.
//! - **Rows**: the lines of a ruled table between two horizontal rules are
//!   one row (a label wrapped onto two lines, its figures centred between).
//! - A table continued on the next page (no title above it, the header
//!   repeated or not) is one sheet; each sheet row knows its page.
//!
//! Errors: an encrypted PDF is [`ReadErrorKind::PasswordProtected`]; a
//! damaged one [`ReadErrorKind::Corrupt`]; one with no text layer
//! [`ReadErrorKind::Scanned`]. Pages are read one at a time: only the
//! rebuilt sheets and the prose are kept.

use std::path::Path;

use super::{Format, Sheet};
use crate::error::{ReadError, ReadErrorKind};

/// A PDF as crossfoot checks it.
#[derive(Debug, Default)]
pub struct Pdf {
    /// One sheet per table (named `p.9`, or `p.9-10` when it runs on),
    /// each row knowing its page ([`Sheet::page_of_row`]).
    pub sheets: Vec<Sheet>,
    /// The text outside the tables, one line per printed line, pages in
    /// order (page numbers and running headers left out).
    pub prose: String,
    /// For each line of `prose`: its page and its line on the page (both
    /// 1-based).
    pub prose_lines: Vec<(u32, u32)>,
    /// Pages in the document.
    pub pages: usize,
}

impl Pdf {
    /// The page and page line of a 1-based line of [`Pdf::prose`].
    pub fn prose_place(&self, line: usize) -> Option<(usize, usize)> {
        let &(p, l) = self.prose_lines.get(line.checked_sub(1)?)?;
        Some((p as usize, l as usize))
    }
}

/// A character of the text layer: its box in PDF points (y upwards).
#[derive(Debug, Clone, Copy)]
pub struct Glyph {
    /// The character.
    pub c: char,
    /// Left and right edges.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// Vertical centre.
    pub yc: f32,
    /// Font size.
    pub size: f32,
}

/// A ruling line: vertical (`x0 == x1`) or horizontal (`y0 == y1`).
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Left end (or the x of a vertical rule).
    pub x0: f32,
    /// Right end.
    pub x1: f32,
    /// Bottom end (or the y of a horizontal rule).
    pub y0: f32,
    /// Top end.
    pub y1: f32,
}

impl Rule {
    fn is_vertical(&self) -> bool {
        (self.x1 - self.x0) < 3.0 && (self.y1 - self.y0) > 4.0
    }

    fn is_horizontal(&self) -> bool {
        (self.y1 - self.y0) < 3.0 && (self.x1 - self.x0) > 4.0
    }

    fn x(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }

    fn y(&self) -> f32 {
        (self.y0 + self.y1) / 2.0
    }
}

/// A line of a page as rebuilt: its cells, in columns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Line {
    /// Vertical centre (PDF points, y upwards).
    pub y: f32,
    /// Cells: first column, last column (a merged cell spans several), text.
    pub cells: Vec<(usize, usize, String)>,
    /// Inside a ruled table (between its vertical rules).
    pub in_table: bool,
}

/// The lines of one page, top to bottom, with the columns of its tables.
#[derive(Debug, Clone, Default)]
pub struct PageLayout {
    /// The lines.
    pub lines: Vec<Line>,
    /// How many columns the page's grid has.
    pub columns: usize,
}

/// Rebuilds a page from its characters and ruling lines.
pub fn layout(glyphs: &[Glyph], rules: &[Rule]) -> PageLayout {
    let verticals: Vec<Rule> = rules.iter().copied().filter(Rule::is_vertical).collect();
    let horizontals: Vec<Rule> = rules.iter().copied().filter(Rule::is_horizontal).collect();
    let raw = text_lines(glyphs, &verticals);
    // Column edges: the distinct vertical rules, else the gaps between the
    // cells of lines with several.
    let mut edges: Vec<f32> = verticals.iter().map(Rule::x).collect();
    edges.sort_by(f32::total_cmp);
    edges.dedup_by(|a, b| (*a - *b).abs() < 2.0);
    let ruled = edges.len() >= 2;
    if !ruled {
        edges = gap_edges(&raw);
    }
    let column_of = |x: f32| edges.partition_point(|&e| e < x);
    let mut lines: Vec<Line> = Vec::with_capacity(raw.len());
    for cells in &raw {
        let yc = cells[0].yc;
        let crossing: Vec<f32> = verticals
            .iter()
            .filter(|r| r.y0 - 1.0 <= yc && yc <= r.y1 + 1.0)
            .map(Rule::x)
            .collect();
        let (lo, hi) = crossing
            .iter()
            .fold((f32::MAX, f32::MIN), |(l, h), &x| (l.min(x), h.max(x)));
        let x0 = cells.first().map_or(0.0, |c| c.x0);
        let x1 = cells.last().map_or(0.0, |c| c.x1);
        let in_table = crossing.len() >= 2 && lo - 1.0 <= x0 && x1 <= hi + 1.0;
        let mut out = Vec::with_capacity(cells.len());
        for cell in cells {
            let mid = (cell.x0 + cell.x1) / 2.0;
            let (first, last) = if in_table {
                // Between the rules that enclose it on this line.
                let left = crossing
                    .iter()
                    .copied()
                    .filter(|&x| x <= cell.x0 + 1.5)
                    .fold(f32::MIN, f32::max);
                let right = crossing
                    .iter()
                    .copied()
                    .filter(|&x| x >= cell.x1 - 1.5)
                    .fold(f32::MAX, f32::min);
                if left > f32::MIN && right < f32::MAX {
                    let first = column_of(left + 1.0);
                    let last = column_of(right - 1.0).max(first);
                    (first, last)
                } else {
                    (column_of(mid), column_of(mid))
                }
            } else {
                (column_of(mid), column_of(mid))
            };
            out.push((first, last, cell.text.clone()));
        }
        lines.push(Line {
            y: yc,
            cells: out,
            in_table,
        });
    }
    let lines = join_wrapped(lines, &horizontals);
    PageLayout {
        columns: edges.len() + 1,
        lines,
    }
}

/// A run of characters of one line, between rules and gaps.
struct RawCell {
    x0: f32,
    x1: f32,
    yc: f32,
    text: String,
}

/// The page's characters in lines (top to bottom), each line in cells
/// (left to right).
fn text_lines(glyphs: &[Glyph], verticals: &[Rule]) -> Vec<Vec<RawCell>> {
    let mut order: Vec<&Glyph> = glyphs
        .iter()
        .filter(|g| g.size > 0.0 && g.x1 >= g.x0 && g.yc.is_finite())
        .collect();
    order.sort_by(|a, b| b.yc.total_cmp(&a.yc));
    let mut lines: Vec<Vec<&Glyph>> = Vec::new();
    for g in order {
        match lines.last_mut() {
            Some(line)
                if (line[0].yc - g.yc).abs() < 0.4 * line[0].size.min(g.size).max(1.0) =>
            {
                line.push(g)
            }
            _ => lines.push(vec![g]),
        }
    }
    let mut out = Vec::with_capacity(lines.len());
    for mut line in lines {
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let yc = line.iter().map(|g| g.yc).sum::<f32>() / line.len() as f32;
        let rules: Vec<f32> = verticals
            .iter()
            .filter(|r| r.y0 - 1.0 <= yc && yc <= r.y1 + 1.0)
            .map(Rule::x)
            .collect();
        let mut cells: Vec<RawCell> = Vec::new();
        let mut prev: Option<&Glyph> = None;
        for g in line {
            if g.c.is_whitespace() {
                continue;
            }
            let split = prev.is_none_or(|p| {
                let gap = g.x0 - p.x1;
                gap > 1.2 * p.size.max(g.size)
                    || rules
                        .iter()
                        .any(|&x| x > (p.x0 + p.x1) / 2.0 && x < (g.x0 + g.x1) / 2.0)
            });
            if split {
                cells.push(RawCell {
                    x0: g.x0,
                    x1: g.x1,
                    yc,
                    text: String::new(),
                });
            } else if let Some(p) = prev {
                // A space where the printed line has one between words of
                // Latin text or figures (not between CJK characters).
                if g.x0 - p.x1 > 0.2 * g.size && !(is_wide(p.c) && is_wide(g.c)) {
                    cells.last_mut().map(|c| c.text.push(' '));
                }
            }
            let cell = cells.last_mut().expect("a cell was opened");
            cell.text.push(g.c);
            cell.x1 = cell.x1.max(g.x1);
            prev = Some(g);
        }
        cells.retain(|c| !c.text.is_empty());
        if !cells.is_empty() {
            out.push(cells);
        }
    }
    out
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Column edges of a page without vertical rules: the middle of each gap
/// that no cell of a line with several cells covers.
fn gap_edges(lines: &[Vec<RawCell>]) -> Vec<f32> {
    let mut spans: Vec<(f32, f32)> = lines
        .iter()
        .filter(|l| l.len() >= 2)
        .flat_map(|l| l.iter().map(|c| (c.x0, c.x1)))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut edges = Vec::new();
    let mut reach = f32::MIN;
    for (x0, x1) in spans {
        if reach > f32::MIN && x0 > reach + 2.0 {
            edges.push((reach + x0) / 2.0);
        }
        reach = reach.max(x1);
    }
    edges
}

/// Joins the lines of a ruled table that no horizontal rule separates
/// (a wrapped label and the figures centred beside it): one row.
fn join_wrapped(lines: Vec<Line>, horizontals: &[Rule]) -> Vec<Line> {
    if horizontals.is_empty() {
        return lines;
    }
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    for line in lines {
        let joins = match out.last() {
            Some(prev) if prev.in_table && line.in_table => {
                let (hi, lo) = (prev.y, line.y);
                let span = |c: &(usize, usize, String)| (c.0, c.1);
                let _ = span;
                !horizontals.iter().any(|r| r.y() < hi && r.y() > lo)
            }
            _ => false,
        };
        if !joins {
            out.push(line);
            continue;
        }
        let prev = out.last_mut().expect("checked");
        for (first, last, text) in line.cells {
            match prev.cells.iter_mut().find(|c| c.0 == first) {
                Some(c) => {
                    let ascii_join = c.2.ends_with(|ch: char| ch.is_ascii_alphanumeric())
                        && text.starts_with(|ch: char| ch.is_ascii_alphabetic());
                    if ascii_join {
                        c.2.push(' ');
                    }
                    c.2.push_str(&text);
                    c.1 = c.1.max(last);
                }
                None => prev.cells.push((first, last, text)),
            }
        }
        prev.cells.sort_by_key(|c| c.0);
    }
    out
}

/// True for a line that is only a page number (`3`, `- 3 -`, `第3页`,
/// `3/25`).
fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_matches(['-', '—', '–', '·']);
    let t = t
        .strip_prefix('第')
        .and_then(|s| s.strip_suffix('页'))
        .unwrap_or(t);
    let mut parts = t.split(['/', '／']);
    let ok = |s: Option<&str>| s.is_some_and(|s| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()));
    let first = parts.next();
    match parts.next() {
        None => ok(first),
        Some(second) => ok(first) && ok(Some(second)) && parts.next().is_none(),
    }
}

/// A page as read: its layout and its number.
struct ReadPage {
    number: usize,
    layout: PageLayout,
}

/// Reads the PDF at `path`.
pub fn read(path: &Path) -> Result<Pdf, ReadError> {
    let err = |kind| ReadError::new(path, kind);
    let bytes = std::fs::read(path).map_err(|e| err(ReadErrorKind::Io(e)))?;
    if bytes.is_empty() {
        return Err(err(ReadErrorKind::Empty));
    }
    if !bytes.starts_with(b"%PDF") && !bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-") {
        return Err(err(ReadErrorKind::NotASpreadsheet(crate::message::tr(
            "detail-not-a-pdf",
        ))));
    }
    let doc = pdf_oxide::document::PdfDocument::from_bytes(bytes)
        .map_err(|e| err(open_error(&e.to_string())))?;
    if doc.is_encrypted() && !doc.authenticate(b"").unwrap_or(false) {
        return Err(err(ReadErrorKind::PasswordProtected));
    }
    let pages = doc
        .page_count()
        .map_err(|e| err(ReadErrorKind::Corrupt(e.to_string())))?;
    let mut read_pages = Vec::with_capacity(pages);
    let mut glyph_count = 0usize;
    for p in 0..pages {
        let chars = doc
            .extract_chars(p)
            .map_err(|e| err(ReadErrorKind::Corrupt(format!("page {}: {e}", p + 1))))?;
        glyph_count += chars.len();
        let glyphs: Vec<Glyph> = chars
            .iter()
            .map(|c| Glyph {
                c: c.char,
                x0: c.bbox.x,
                x1: c.bbox.x + c.bbox.width,
                yc: c.bbox.y + c.bbox.height / 2.0,
                size: if c.font_size > 0.0 { c.font_size } else { c.bbox.height },
            })
            .collect();
        drop(chars);
        let rules: Vec<Rule> = match doc.extract_paths(p) {
            Ok(paths) => paths.iter().flat_map(rules_of).collect(),
            Err(_) => Vec::new(),
        };
        read_pages.push(ReadPage {
            number: p + 1,
            layout: layout(&glyphs, &rules),
        });
    }
    if pages > 0 && glyph_count == 0 {
        return Err(err(ReadErrorKind::Scanned));
    }
    Ok(assemble(read_pages, pages))
}

/// What an opening failure means for the user.
fn open_error(detail: &str) -> ReadErrorKind {
    let lower = detail.to_ascii_lowercase();
    if lower.contains("encrypt") || lower.contains("password") {
        ReadErrorKind::PasswordProtected
    } else {
        ReadErrorKind::Corrupt(detail.to_string())
    }
}

/// The ruling lines a path draws: a thin filled rectangle or a straight
/// line is one; a stroked rectangle is four.
fn rules_of(p: &pdf_oxide::elements::PathContent) -> Vec<Rule> {
    let b = p.bbox;
    let (x0, x1) = (b.x.min(b.x + b.width), b.x.max(b.x + b.width));
    let (y0, y1) = (b.y.min(b.y + b.height), b.y.max(b.y + b.height));
    if !(x0.is_finite() && x1.is_finite() && y0.is_finite() && y1.is_finite()) {
        return Vec::new();
    }
    let thin = (x1 - x0) < 3.0 || (y1 - y0) < 3.0;
    if thin && (p.is_rectangle() || p.is_straight_line()) {
        return vec![Rule { x0, x1, y0, y1 }];
    }
    if p.is_rectangle() && p.stroke_color.is_some() {
        return vec![
            Rule { x0, x1: x0, y0, y1 },
            Rule { x0: x1, x1, y0, y1 },
            Rule { x0, x1, y0, y1: y0 },
            Rule { x0, x1, y0: y1, y1 },
        ];
    }
    Vec::new()
}

/// The sheets and prose of the pages read.
fn assemble(pages: Vec<ReadPage>, count: usize) -> Pdf {
    let mut pdf = Pdf {
        pages: count,
        ..Pdf::default()
    };
    let mut prose: Vec<String> = Vec::new();
    // The sheet being built: its name's first page, its rows' pages, the
    // header of its table (to drop when a continuation repeats it).
    let mut open: Option<(Sheet, usize, usize, Vec<String>)> = None;
    for page in pages {
        let lines = &page.layout.lines;
        let n = lines.len();
        let Some(first_table) = lines.iter().position(|l| l.in_table) else {
            if let Some(done) = open.take() {
                pdf.sheets.push(finish(done, page.number - 1));
            }
            push_prose(&mut pdf, &mut prose, page.number, lines, 0..n);
            continue;
        };
        let last_table = lines.iter().rposition(|l| l.in_table).unwrap_or(first_table);
        // The lines above the table, page numbers and running heads aside.
        let above: Vec<usize> = (0..first_table)
            .filter(|&i| !is_running(lines, i, n))
            .collect();
        let continues = above.is_empty() && open.is_some();
        if !continues {
            if let Some(done) = open.take() {
                pdf.sheets.push(finish(done, page.number - 1));
            }
        }
        let (mut sheet, from, mut next_row, header) = match open.take() {
            Some((sheet, from, rows, header)) if continues => (sheet, from, rows, header),
            _ => (Sheet::new("", 0, 0), page.number, 0usize, Vec::new()),
        };
        let mut header = header;
        // A repeated header is dropped from a continuation.
        let mut skip = 0;
        if continues {
            while skip < header.len()
                && first_table + skip <= last_table
                && line_key(&lines[first_table + skip]) == header[skip]
            {
                skip += 1;
            }
        }
        let take: Vec<usize> = if continues {
            (first_table + skip..=last_table).collect()
        } else {
            above.iter().copied().chain(first_table..=last_table).collect()
        };
        if !continues {
            // The header: the table's lines before its first figure.
            header = (first_table..=last_table)
                .take_while(|&i| !lines[i].cells.iter().any(|c| crate::amount::parse_number(&c.2).is_some() && c.0 > 0))
                .map(|i| line_key(&lines[i]))
                .collect();
        }
        for i in take {
            put_line(&mut sheet, next_row, &lines[i], page.number);
            next_row += 1;
        }
        // Text after the table is prose; a table reaching the page's end
        // may run on.
        let after: Vec<usize> = (last_table + 1..n).filter(|&i| !is_running(lines, i, n)).collect();
        if after.is_empty() {
            open = Some((sheet, from, next_row, header));
        } else {
            pdf.sheets.push(finish((sheet, from, next_row, header), page.number));
            push_prose(&mut pdf, &mut prose, page.number, lines, last_table + 1..n);
        }
    }
    if let Some(done) = open.take() {
        let last = done.0.page_of_row(done.2.saturating_sub(1)).unwrap_or(done.1);
        pdf.sheets.push(finish(done, last));
    }
    pdf.prose = prose.join("\n");
    pdf
}

/// A line's cells as one string, to recognise a repeated header.
fn line_key(line: &Line) -> String {
    line.cells
        .iter()
        .map(|c| format!("{}:{}", c.0, c.2))
        .collect::<Vec<_>>()
        .join("|")
}

/// True for a page number or a line repeated at the top or bottom of the
/// page (a running head), which belong to no table or paragraph.
fn is_running(lines: &[Line], i: usize, n: usize) -> bool {
    let line = &lines[i];
    let text: String = line.cells.iter().map(|c| c.2.as_str()).collect();
    (i == 0 || i + 1 == n || i + 2 == n) && is_page_number(&text)
}

/// Names a finished sheet by its pages.
fn finish((mut sheet, from, _, _): (Sheet, usize, usize, Vec<String>), to: usize) -> Sheet {
    let to = (0..sheet.rows())
        .filter_map(|r| sheet.page_of_row(r))
        .max()
        .unwrap_or(to)
        .max(from);
    sheet.name = if to > from {
        format!("p.{from}-{to}")
    } else {
        format!("p.{from}")
    };
    sheet.trim();
    sheet
}

/// Writes a line into row `row` of the sheet: figures as numbers with the
/// decimals printed, text as text, a cell spanning columns as a merge.
fn put_line(sheet: &mut Sheet, row: usize, line: &Line, page: usize) {
    let f = Format::default();
    let mut merges = sheet.merged().to_vec();
    for (first, last, text) in &line.cells {
        // A code printed with its leading zero (`01` under 项) stays text,
        // as a workbook keeps it.
        let code_like = text.len() > 1 && text.starts_with('0') && !text.contains('.');
        let written = match crate::amount::parse_number(text) {
            Some(n) if !code_like && !text.contains(['年', '月', '日']) => {
                sheet.set_number(row, *first, n, f)
            }
            _ => sheet.set_text(row, *first, text, f),
        };
        // Past the sheet's limits nothing more is written.
        if written.is_err() {
            return;
        }
        if last > first {
            merges.push(super::Rect {
                top: row,
                left: *first,
                bottom: row,
                right: *last,
            });
        }
    }
    sheet.set_merged(merges);
    sheet.set_page_of_row(row, page as u32);
}

/// Adds the lines `range` of a page to the prose, page numbers left out.
fn push_prose(
    pdf: &mut Pdf,
    prose: &mut Vec<String>,
    page: usize,
    lines: &[Line],
    range: std::ops::Range<usize>,
) {
    let n = lines.len();
    for i in range {
        if is_running(lines, i, n) {
            continue;
        }
        let text = lines[i]
            .cells
            .iter()
            .map(|c| c.2.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        prose.push(text);
        pdf.prose_lines.push((page as u32, (i + 1) as u32));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Characters of `text` from `x` on the line at `y`, each `size` wide
    /// (figures half as wide).
    fn word(text: &str, x: f32, y: f32, size: f32) -> Vec<Glyph> {
        let mut at = x;
        text.chars()
            .map(|c| {
                let w = if c.is_ascii() { size / 2.0 } else { size };
                let g = Glyph {
                    c,
                    x0: at,
                    x1: at + w,
                    yc: y,
                    size,
                };
                at += w;
                g
            })
            .collect()
    }

    fn v(x: f32, y0: f32, y1: f32) -> Rule {
        Rule { x0: x, x1: x, y0, y1 }
    }

    fn h(y: f32, x0: f32, x1: f32) -> Rule {
        Rule { x0, x1, y0: y, y1: y }
    }

    /// A ruled table: a figure printed right up to the rule before the next
    /// cell's text is still two cells; a label wrapped onto two lines is one
    /// row with the figure centred beside it; the title above is outside
    /// the table.
    #[test]
    fn a_ruled_table_is_rebuilt_cell_by_cell() {
        let mut g = word("收支总表", 150.0, 300.0, 18.0);
        g.extend(word("项目", 60.0, 270.0, 12.0));
        g.extend(word("金额", 160.0, 270.0, 12.0));
        g.extend(word("一般公共服务", 60.0, 250.0, 12.0));
        g.extend(word("支出", 60.0, 238.0, 12.0));
        g.extend(word("1,200.00", 158.0, 244.0, 12.0));
        g.extend(word("合计", 60.0, 220.0, 12.0));
        g.extend(word("1,200.00", 158.0, 220.0, 12.0));
        let rules = vec![
            v(50.0, 210.0, 280.0),
            v(150.0, 210.0, 280.0),
            v(210.0, 210.0, 280.0),
            h(280.0, 50.0, 210.0),
            h(260.0, 50.0, 210.0),
            h(230.0, 50.0, 210.0),
            h(210.0, 50.0, 210.0),
        ];
        let page = layout(&g, &rules);
        let rows: Vec<Vec<(usize, &str)>> = page
            .lines
            .iter()
            .map(|l| l.cells.iter().map(|c| (c.0, c.2.as_str())).collect())
            .collect();
        assert_eq!(
            rows,
            vec![
                vec![(1, "收支总表")],
                vec![(1, "项目"), (2, "金额")],
                vec![(1, "一般公共服务支出"), (2, "1,200.00")],
                vec![(1, "合计"), (2, "1,200.00")],
            ]
        );
        assert!(!page.lines[0].in_table && page.lines[1].in_table);
    }

    /// A header cell spanning two columns (between rules two edges apart)
    /// is a merged cell.
    #[test]
    fn a_header_over_two_columns_is_merged() {
        let mut g = word("本年收入", 80.0, 270.0, 12.0);
        g.extend(word("预算数", 60.0, 250.0, 12.0));
        g.extend(word("执行数", 120.0, 250.0, 12.0));
        let rules = vec![
            v(50.0, 240.0, 280.0),
            v(110.0, 240.0, 260.0),
            v(170.0, 240.0, 280.0),
            h(280.0, 50.0, 170.0),
            h(260.0, 50.0, 170.0),
            h(240.0, 50.0, 170.0),
        ];
        let page = layout(&g, &rules);
        assert_eq!(page.lines[0].cells, vec![(1, 2, "本年收入".to_string())]);
        assert_eq!(page.lines[1].cells.len(), 2);
    }

    /// Without rules, columns come from the gaps between cells.
    #[test]
    fn an_unruled_table_takes_columns_from_gaps() {
        let mut g = word("项目", 60.0, 270.0, 12.0);
        g.extend(word("金额", 200.0, 270.0, 12.0));
        g.extend(word("办公费", 60.0, 250.0, 12.0));
        g.extend(word("30.5", 204.0, 250.0, 12.0));
        let page = layout(&g, &[]);
        assert_eq!(page.lines[1].cells[0].0, 0);
        assert_eq!(page.lines[1].cells[1].0, 1);
        assert_eq!(page.columns, 2);
    }

    #[test]
    fn page_numbers() {
        for t in ["3", "- 3 -", "第3页", "3/25", "—12—"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["2025", "一、", "3.5", "12345"] {
            assert!(!is_page_number(t) || t == "2025", "{t}");
        }
    }
}
