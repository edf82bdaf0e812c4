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
    /// Pages whose text could not be read, and why (1-based).
    pub unread: Vec<(usize, Unread)>,
}

/// Why a page's text could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unread {
    /// No text layer: the page is an image (scanned).
    NoText,
    /// Its text runs sideways (turned 90° or 270° on the page).
    Sideways,
    /// The page is damaged: the library could not read it.
    Damaged,
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
    /// The rectangle its text run is clipped to, where the page clips
    /// text (a spreadsheet's cell): `[x0, y0, x1, y1]`.
    pub clip: Option<[f32; 4]>,
    /// A text run of the content stream starts at it (known only on pages
    /// that clip text).
    pub starts_run: bool,
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

/// A cell of a rebuilt line.
#[derive(Debug, Clone, PartialEq)]
pub struct PageCell {
    /// First column.
    pub first: usize,
    /// Last column (after `first` for a cell merged across columns).
    pub last: usize,
    /// How many rows below its own the cell covers (a header merged down).
    pub down: usize,
    /// The text.
    pub text: String,
    /// Left and right of its box (a ruled cell) or of its text.
    pub x0: f32,
    /// Right.
    pub x1: f32,
    /// In a ruled box.
    pub boxed: bool,
    /// How far the text starts right of its box's left edge, in character
    /// widths (0 outside a box).
    pub lead: f32,
    /// Indent levels of the text against the other labels of its column
    /// on the page (`其他项目` printed further right under `其中：…`).
    pub indent: u8,
}

impl PageCell {
    /// Its first and last column in a grid with column edges `edges`.
    fn columns_in(&self, edges: &[f32]) -> (usize, usize) {
        let column_of = |x: f32| edges.partition_point(|&e| e < x);
        if self.boxed {
            let first = column_of(self.x0 + 1.0);
            (first, column_of(self.x1 - 1.0).max(first))
        } else {
            let mid = column_of((self.x0 + self.x1) / 2.0);
            (mid, mid)
        }
    }
}

/// A line of a page as rebuilt (for a ruled table, one row of its grid).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Line {
    /// Vertical position (PDF points, y upwards).
    pub y: f32,
    /// Its cells, left to right.
    pub cells: Vec<PageCell>,
    /// Inside a ruled table.
    pub in_table: bool,
}

/// The lines of one page, top to bottom, with the columns of its tables.
#[derive(Debug, Clone, Default)]
pub struct PageLayout {
    /// The lines.
    pub lines: Vec<Line>,
    /// How many columns the page's grid has.
    pub columns: usize,
    /// The column edges (x, ascending).
    pub edges: Vec<f32>,
}

/// The box a ruled cell's text lies in: the nearest rules around it.
#[derive(Debug, Clone, Copy)]
struct Boxed {
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
}

/// The rules enclosing a run of text, if it is inside a ruled table.
fn enclosing(cell: &RawCell, verticals: &[Rule], horizontals: &[Rule]) -> Option<Boxed> {
    let yc = cell.yc;
    let cx = (cell.x0 + cell.x1) / 2.0;
    let crossing = verticals
        .iter()
        .filter(|r| r.y0 - 1.0 <= yc && yc <= r.y1 + 1.0);
    let left = crossing
        .clone()
        .map(Rule::x)
        .filter(|&x| x <= cell.x0 + 1.5)
        .fold(f32::MIN, f32::max);
    let after = |from: f32| {
        crossing
            .clone()
            .map(Rule::x)
            .filter(|&x| x >= from)
            .fold(f32::MAX, f32::min)
    };
    // Text running over its box's right edge (a figure set too wide by a
    // font whose widths were not read) ends at the first rule after it
    // starts, when none is right of its end.
    let mut right = after(cell.x1 - 1.5);
    if right == f32::MAX {
        right = after(cell.x0 + 1.5);
    }
    let over = horizontals
        .iter()
        .filter(|r| r.x0 - 1.0 <= cx && cx <= r.x1 + 1.0);
    let top = over
        .clone()
        .map(Rule::y)
        .filter(|&y| y >= yc)
        .fold(f32::MAX, f32::min);
    let bottom = over
        .map(Rule::y)
        .filter(|&y| y <= yc)
        .fold(f32::MIN, f32::max);
    (left > f32::MIN && right < f32::MAX && top < f32::MAX && bottom > f32::MIN).then_some(Boxed {
        left,
        right,
        top,
        bottom,
    })
}

/// Sorted (descending) and with values closer than `tol` merged.
fn distinct_desc(mut v: Vec<f32>, tol: f32) -> Vec<f32> {
    v.sort_by(|a, b| b.total_cmp(a));
    v.dedup_by(|a, b| (*a - *b).abs() < tol);
    v
}

/// Rebuilds a page from its characters and ruling lines.
///
/// In a ruled table each run of text is placed in the box its nearest
/// rules draw: the box's top-left grid cell holds it, and a box over
/// several columns or rows is a merged cell; runs in one box (a wrapped
/// label) are one text. Text outside ruled boxes is laid out line by line.
pub fn layout(glyphs: &[Glyph], rules: &[Rule]) -> PageLayout {
    let verticals: Vec<Rule> = rules.iter().copied().filter(Rule::is_vertical).collect();
    let horizontals: Vec<Rule> = rules.iter().copied().filter(Rule::is_horizontal).collect();
    let raw = text_lines(glyphs, &verticals);
    // Column edges: the distinct vertical rules, else the gaps between the
    // cells of lines with several.
    let mut edges: Vec<f32> = verticals.iter().map(Rule::x).collect();
    edges.sort_by(f32::total_cmp);
    edges.dedup_by(|a, b| (*a - *b).abs() < 2.0);
    let mut raw = raw;
    if edges.len() < 2 {
        edges = gap_edges(&raw);
        split_at_edges(&mut raw, &edges);
    }
    let column_of = |x: f32| edges.partition_point(|&e| e < x);
    // Runs of text by the box they are in.
    let mut boxes: Vec<(Boxed, Vec<&RawCell>)> = Vec::new();
    let mut free: Vec<&RawCell> = Vec::new();
    for cell in raw.iter().flatten() {
        match enclosing(cell, &verticals, &horizontals) {
            Some(b) => {
                let same = |o: &Boxed| {
                    (o.left - b.left).abs() < 1.5
                        && (o.right - b.right).abs() < 1.5
                        && (o.top - b.top).abs() < 1.5
                        && (o.bottom - b.bottom).abs() < 1.5
                };
                match boxes.iter_mut().find(|(o, _)| same(o)) {
                    Some((_, runs)) => runs.push(cell),
                    None => boxes.push((b, vec![cell])),
                }
            }
            None => free.push(cell),
        }
    }
    // A box holding many lines is a frame around text, not a cell.
    boxes.retain(|(_, runs)| {
        let lines = distinct_desc(runs.iter().map(|r| r.yc).collect(), 2.0).len();
        let keep = lines <= 4;
        if !keep {
            free.extend(runs.iter().copied());
        }
        keep
    });
    // Grid rows: the bands between distinct horizontal rules; a box covers
    // the bands from its top rule to its bottom one.
    let ys = distinct_desc(horizontals.iter().map(Rule::y).collect(), 1.5);
    let at = |y: f32| ys.iter().position(|&t| (t - y).abs() < 1.5);
    let mut placed: Vec<(usize, usize, Boxed, Vec<&RawCell>)> = boxes
        .into_iter()
        .filter_map(|(b, runs)| {
            let top = at(b.top)?;
            let bottom = at(b.bottom)?.saturating_sub(1).max(top);
            Some((top, bottom, b, runs))
        })
        .collect();
    // Figures in a box over a header band and the band below belong to the
    // band below (a 合计 row merged up beside the 类 款 项 header cells).
    let figure = |runs: &[&RawCell]| runs.iter().any(|r| is_figure(&r.text));
    let mut bands: Vec<usize> = placed.iter().map(|p| p.0).collect();
    bands.sort_unstable();
    bands.dedup();
    for band in bands {
        let single: Vec<&(usize, usize, Boxed, Vec<&RawCell>)> = placed
            .iter()
            .filter(|p| p.0 == band && p.1 == band)
            .collect();
        let header_like = !single.is_empty() && single.iter().all(|p| !figure(&p.3));
        let figures_below = placed
            .iter()
            .any(|p| p.0 == band && p.1 > band && figure(&p.3));
        if header_like && figures_below {
            for p in placed.iter_mut().filter(|p| p.0 == band && p.1 > band) {
                p.0 = p.1;
            }
        }
    }
    // A band printed as two lines, header words on the upper and a labelled
    // row of figures on the lower (类 款 项 above 合计 in one ruled band),
    // is two rows: each box on the line its text is on.
    let line_of = |runs: &[&RawCell]| {
        let ys = distinct_desc(runs.iter().map(|r| r.yc).collect(), 2.0);
        (ys.len() == 1).then(|| ys[0])
    };
    let mut sub = vec![0u8; placed.len()];
    let mut bands: Vec<usize> = placed.iter().map(|p| p.0).collect();
    bands.sort_unstable();
    bands.dedup();
    for band in bands {
        let members: Vec<usize> = (0..placed.len())
            .filter(|&i| placed[i].0 == band && placed[i].1 == band)
            .collect();
        let lines: Option<Vec<f32>> = members.iter().map(|&i| line_of(&placed[i].3)).collect();
        let Some(lines) = lines else { continue };
        let distinct = distinct_desc(lines.clone(), 2.0);
        if distinct.len() != 2 {
            continue;
        }
        let upper = |y: f32| (y - distinct[0]).abs() < 2.0;
        let (mut upper_figures, mut lower_figures, mut lower_labels) = (false, false, false);
        for (&i, &y) in members.iter().zip(&lines) {
            let f = figure(&placed[i].3);
            if upper(y) {
                upper_figures |= f;
            } else if f {
                lower_figures = true;
            } else {
                lower_labels = true;
            }
        }
        if !upper_figures && lower_figures && lower_labels {
            for (&i, &y) in members.iter().zip(&lines) {
                sub[i] = u8::from(!upper(y));
            }
        }
    }
    let mut starts: Vec<(usize, u8)> = placed.iter().zip(&sub).map(|(p, &s)| (p.0, s)).collect();
    starts.sort_unstable();
    starts.dedup();
    let mut lines: Vec<Line> = starts
        .iter()
        .map(|&(k, s)| Line {
            y: ys[k] - f32::from(s),
            cells: Vec::new(),
            in_table: true,
        })
        .collect();
    for ((top, bottom, b, mut runs), s) in placed.into_iter().zip(sub) {
        let Ok(row) = starts.binary_search(&(top, s)) else {
            continue;
        };
        // The rows it covers: those starting in its bands.
        let down = starts[row + 1..]
            .iter()
            .filter(|&&(k, _)| k > top)
            .take_while(|&&(k, _)| k <= bottom)
            .count();
        runs.sort_by(|a, c| c.yc.total_cmp(&a.yc).then(a.x0.total_cmp(&c.x0)));
        let lead = runs
            .first()
            .map_or(0.0, |r| (r.x0 - b.left) / r.size.max(1.0));
        let mut text = String::new();
        for r in runs {
            let ascii = text.ends_with(|c: char| c.is_ascii_alphanumeric())
                && r.text.starts_with(|c: char| c.is_ascii_alphanumeric());
            if ascii {
                text.push(' ');
            }
            text.push_str(&r.text);
        }
        let first = column_of(b.left + 1.0);
        let last = column_of(b.right - 1.0).max(first);
        lines[row].cells.push(PageCell {
            first,
            last,
            down,
            text,
            x0: b.left,
            x1: b.right,
            boxed: true,
            lead,
            indent: 0,
        });
    }
    indent_labels(&mut lines);
    // Text outside the boxes, line by line. On a page with no ruled box
    // (a sheet printed without gridlines), a line of several cells is a
    // table's.
    let unruled = lines.is_empty();
    // Without rules, a header is placed over the column whose cells (on
    // the lines with figures) it overlaps most, or stands nearest to (a
    // header over right-aligned figures can have its centre in the gap
    // before them).
    let mut spans: Vec<(f32, f32)> = vec![(f32::MAX, f32::MIN); edges.len() + 1];
    if unruled {
        for line in raw.iter().filter(|l| l.len() >= 2) {
            if !line.iter().any(|c| is_figure(&c.text)) {
                continue;
            }
            for c in line {
                let k = column_of((c.x0 + c.x1) / 2.0);
                spans[k] = (spans[k].0.min(c.x0), spans[k].1.max(c.x1));
            }
        }
    }
    let figure_lines: std::collections::HashSet<u32> = raw
        .iter()
        .filter(|l| l.iter().any(|c| is_figure(&c.text)))
        .map(|l| l[0].yc.to_bits())
        .collect();
    let place = |r: &RawCell| {
        let mid = column_of((r.x0 + r.x1) / 2.0);
        if !unruled || figure_lines.contains(&r.yc.to_bits()) {
            return mid;
        }
        // Overlap with the column's cells (negative: the gap between them).
        let overlap = |k: usize| {
            if spans[k].0 > spans[k].1 {
                return f32::MIN;
            }
            r.x1.min(spans[k].1) - r.x0.max(spans[k].0)
        };
        let best = (0..spans.len()).max_by(|&a, &b| overlap(a).total_cmp(&overlap(b)));
        match best {
            Some(k) if overlap(k) > overlap(mid) => k,
            _ => mid,
        }
    };
    let mut free_lines: Vec<Line> = Vec::new();
    for r in free {
        let cell = PageCell {
            first: place(r),
            last: place(r),
            down: 0,
            text: r.text.clone(),
            x0: r.x0,
            x1: r.x1,
            boxed: false,
            // Where it starts on the page, in characters (see
            // `indent_unruled`).
            lead: r.x0 / r.size.max(1.0),
            indent: 0,
        };
        match free_lines.iter_mut().find(|l| (l.y - r.yc).abs() < 1.0) {
            Some(l) => l.cells.push(cell),
            None => free_lines.push(Line {
                y: r.yc,
                cells: vec![cell],
                in_table: false,
            }),
        }
    }
    // Two header texts over one column, beside a column of figures with
    // none: the one on that side heads it. A header wider than its narrow
    // column (项目数 over counts) overlaps the labels before it more than
    // the figures below it.
    if unruled {
        for line in free_lines.iter_mut() {
            if figure_lines.contains(&line.y.to_bits()) {
                continue;
            }
            let has_data = |k: usize| k < spans.len() && spans[k].0 <= spans[k].1;
            for k in (0..spans.len()).rev() {
                let mut here: Vec<usize> = (0..line.cells.len())
                    .filter(|&i| line.cells[i].first == k)
                    .collect();
                if here.len() < 2 {
                    continue;
                }
                here.sort_by(|&a, &b| line.cells[a].x0.total_cmp(&line.cells[b].x0));
                let taken = |k: usize| line.cells.iter().any(|c| c.first == k);
                let moved = if has_data(k + 1) && !taken(k + 1) {
                    Some((here[here.len() - 1], k + 1))
                } else if k > 0 && has_data(k - 1) && !taken(k - 1) {
                    Some((here[0], k - 1))
                } else {
                    None
                };
                if let Some((i, to)) = moved {
                    line.cells[i].first = to;
                    line.cells[i].last = to;
                }
            }
        }
    }
    // 类 款 项 printed on the 合计 row's line (the header's last row and
    // the first data row share a band): the code headers are a row of
    // their own, above.
    let mut split: Vec<Line> = Vec::new();
    for line in &mut lines {
        let is_part = |c: &PageCell| crate::table::labels::code_part(&c.text).is_some();
        let parts = line.cells.iter().filter(|c| is_part(c)).count();
        let figures = line.cells.iter().any(|c| is_figure(&c.text));
        if parts >= 2 && figures {
            let (heads, rest): (Vec<PageCell>, Vec<PageCell>) =
                line.cells.drain(..).partition(|c| is_part(c));
            line.cells = rest;
            split.push(Line {
                y: line.y + 0.5,
                cells: heads,
                in_table: true,
            });
        }
    }
    lines.extend(split);
    if unruled {
        mark_unruled_tables(&mut free_lines);
        spread_group_headers(&mut free_lines, &edges);
        indent_unruled(&mut free_lines);
    }
    lines.extend(free_lines);
    lines.retain(|l| !l.cells.is_empty());
    for l in &mut lines {
        l.cells.sort_by_key(|c| c.first);
    }
    lines.sort_by(|a, b| b.y.total_cmp(&a.y));
    PageLayout {
        columns: edges.len() + 1,
        lines,
        edges,
    }
}

/// On a page without rules, the heading of a group of columns printed on
/// its own line above a table's header (`公务用车购置及运行费` centred over
/// 小计, 购置费 and 运行费) is a header row of the table, merged over the
/// columns it spans, and the headers outside it are merged down over both
/// rows (as the workbook it was printed from has them). It stands right of
/// the label column and spans two columns or more; the table's title,
/// above it, starts at the margin or spans the whole table.
fn spread_group_headers(lines: &mut [Line], edges: &[f32]) {
    let column_of = |x: f32| edges.partition_point(|&e| e < x);
    let columns = edges.len() + 1;
    for i in 1..lines.len() {
        if !lines[i].in_table || lines[i - 1].in_table {
            continue;
        }
        let gap = lines[i - 1].y - lines[i].y;
        let above = &mut lines[i - 1];
        let size = (above.cells.iter().map(|c| c.x1 - c.x0).sum::<f32>()
            / above
                .cells
                .iter()
                .map(|c| c.text.chars().count())
                .sum::<usize>()
                .max(1) as f32)
            .max(1.0);
        if gap > 2.0 * size
            || above.cells.is_empty()
            || above
                .cells
                .iter()
                .any(|c| is_figure(&c.text) || c.text.ends_with('表'))
        {
            continue;
        }
        let spans: Vec<(usize, usize)> = above
            .cells
            .iter()
            .map(|c| {
                let first = column_of(c.x0 + 0.5 * size);
                (first, column_of(c.x1 - 0.5 * size).max(first))
            })
            .collect();
        // A heading printed from its first column's left (not centred)
        // reaches on over the columns below that it names
        // (`公务用车购置及运行费` over 购置费 and 运行费).
        let below: Vec<(usize, String, f32)> = lines[i]
            .cells
            .iter()
            .map(|c| (c.first, c.text.clone(), c.x0))
            .collect();
        let above = &mut lines[i - 1];
        let named = |heading: &str, k: usize| {
            below.iter().any(|(col, text, _)| {
                let stem = text.trim_end_matches('费');
                *col == k && stem.chars().count() >= 2 && heading.contains(stem)
            })
        };
        let spans: Vec<(usize, usize)> = spans
            .into_iter()
            .zip(&above.cells)
            .map(|((mut first, mut last), c)| {
                // Set from the left edge of a header below: its column.
                if let Some((col, _, _)) = below.iter().find(|(_, _, x0)| (x0 - c.x0).abs() < 1.0) {
                    first = *col;
                    last = last.max(first);
                }
                while last + 1 < columns && named(&c.text, last + 1) {
                    last += 1;
                }
                (first, last)
            })
            .collect();
        if spans
            .iter()
            .all(|&(first, last)| first >= 1 && last > first && last - first + 1 < columns)
        {
            for (c, (first, last)) in above.cells.iter_mut().zip(&spans) {
                c.first = *first;
                c.last = *last;
            }
            above.in_table = true;
            // The headers of the columns outside the groups stand for
            // both header rows, as cells merged down over them.
            let outside = |c: &PageCell| !spans.iter().any(|&(f, l)| c.first >= f && c.last <= l);
            let (up, stay): (Vec<PageCell>, Vec<PageCell>) = std::mem::take(&mut lines[i].cells)
                .into_iter()
                .partition(outside);
            lines[i].cells = stay;
            for mut c in up {
                c.down = 1;
                lines[i - 1].cells.push(c);
            }
        }
    }
}

/// On a page without rules, a label of a table further right than most
/// labels of its column is indented by that many characters (the
/// `其中：` items under their parent). Needs a column of at least three
/// labels, most of them starting at its left edge (not centred).
fn indent_unruled(lines: &mut [Line]) {
    // Labels of rows with figures set the column's edge (a centred 项目
    // heading, or a `其中：` line, does not).
    let label = |l: &Line, c: &PageCell| {
        l.in_table && !is_figure(&c.text) && l.cells.iter().any(|c| is_figure(&c.text))
    };
    let mut least: std::collections::HashMap<usize, f32> = Default::default();
    for l in lines.iter() {
        for c in l.cells.iter().filter(|c| label(l, c)) {
            let e = least.entry(c.first).or_insert(f32::MAX);
            *e = e.min(c.lead);
        }
    }
    let mut counts: std::collections::HashMap<usize, (usize, usize)> = Default::default();
    for l in lines.iter() {
        for c in l.cells.iter().filter(|c| label(l, c)) {
            let e = counts.entry(c.first).or_default();
            e.0 += 1;
            e.1 += usize::from(c.lead - least[&c.first] < 0.4);
        }
    }
    for l in lines.iter_mut() {
        let in_table = l.in_table;
        let has_figure = l.cells.iter().any(|c| is_figure(&c.text));
        for c in l.cells.iter_mut() {
            if !in_table || is_figure(&c.text) {
                continue;
            }
            let Some(&(n, at_edge)) = counts.get(&c.first) else {
                continue;
            };
            let extra = c.lead - least[&c.first];
            // (A heading centred over the labels is not indented.)
            let row = has_figure || c.text.starts_with("其中");
            if n >= 3 && at_edge * 2 > n && extra >= 0.4 && row {
                c.indent = extra.round().clamp(1.0, 15.0) as u8;
            }
        }
    }
}

/// On a page without ruled boxes, the lines of a table: runs of lines of
/// several short cells (no sentence punctuation in them) among which at
/// least two hold a figure standing alone in a cell, or one holds three.
/// A table of contents, or a sentence with a figure set apart, is not one.
fn mark_unruled_tables(lines: &mut [Line]) {
    lines.sort_by(|a, b| b.y.total_cmp(&a.y));
    let candidate = |l: &Line| {
        l.cells.len() >= 2
            && l.cells
                .iter()
                .all(|c| c.text.chars().count() <= 24 && !c.text.contains(['，', '。', '；', '…']))
    };
    let figure_line = |l: &Line| l.cells.iter().skip(1).any(|c| is_figure(&c.text));
    let mut i = 0;
    while i < lines.len() {
        if !candidate(&lines[i]) {
            i += 1;
            continue;
        }
        let start = i;
        // A label alone on its line (`其中：`, a group's heading) between
        // two lines of the table is the table's.
        let bridge = |lines: &[Line], i: usize| {
            lines[i].cells.len() == 1
                && i + 1 < lines.len()
                && candidate(&lines[i + 1])
                && !is_figure(&lines[i].cells[0].text)
                && lines[i].cells[0].text.chars().count() <= 24
                && !lines[i].cells[0].text.contains(['，', '。', '；', '…'])
        };
        while i < lines.len() && (candidate(&lines[i]) || bridge(lines, i)) {
            i += 1;
        }
        // Two lines with figures; or one with three figures standing apart
        // under a header (the one row of a 三公 table).
        let figures = |l: &Line| l.cells.iter().filter(|c| is_figure(&c.text)).count();
        let run = &lines[start..i];
        if run.iter().filter(|l| figure_line(l)).count() >= 2
            || (run.len() >= 2 && run.iter().any(|l| figures(l) >= 3))
        {
            for l in &mut lines[start..i] {
                l.in_table = true;
            }
        }
    }
}

/// Indent levels of the labels of ruled boxes: in each column, a text
/// label starting half a character or more further into its box than the
/// column's least-indented label is indented by that many characters.
/// Figures (right-aligned) and centred headers are left alone: only
/// columns whose labels mostly sit at the box's left edge count.
fn indent_labels(lines: &mut [Line]) {
    let label = |c: &PageCell| c.boxed && !is_figure(&c.text);
    let mut least: std::collections::HashMap<usize, (f32, usize, usize)> = Default::default();
    for c in lines.iter().flat_map(|l| &l.cells).filter(|c| label(c)) {
        let e = least.entry(c.first).or_insert((f32::MAX, 0, 0));
        e.0 = e.0.min(c.lead);
        e.1 += 1;
        e.2 += usize::from(c.lead < 1.0);
    }
    for c in lines.iter_mut().flat_map(|l| &mut l.cells) {
        if !label(c) {
            continue;
        }
        let Some(&(min, n, at_edge)) = least.get(&c.first) else {
            continue;
        };
        // A column of left-aligned labels: most start at the box's edge.
        if n >= 3 && at_edge * 2 > n {
            // Two spaces (half a CJK character) are an indent already.
            let extra = c.lead - min;
            if extra >= 0.4 {
                c.indent = extra.round().clamp(1.0, 15.0) as u8;
            }
        }
    }
}

/// A run of characters of one line, between rules and gaps.
struct RawCell {
    x0: f32,
    x1: f32,
    yc: f32,
    /// Font size of its first character.
    size: f32,
    text: String,
    /// Where each character of `text` ends (x of its right edge; a space
    /// put between words has the edge of the character before it).
    ends: Vec<f32>,
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
            Some(line) if (line[0].yc - g.yc).abs() < 0.4 * line[0].size.min(g.size).max(1.0) => {
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
        // Inside a figure that a clipped label's characters run under.
        let mut clipped = false;
        for g in line {
            if g.c.is_whitespace() {
                continue;
            }
            // A character drawn twice a hair apart (bold made by
            // overprinting) is one character.
            if prev.is_some_and(|p| p.c == g.c && (g.x0 - p.x0).abs() < 0.2 * g.size) {
                continue;
            }
            let over = prev.is_some_and(|p| g.x0 - p.x1 < -0.3 * p.size.max(g.size));
            // A label clipped at its cell's edge still has its hidden
            // characters in the text layer, drawn under the next cell's
            // figure: they are not the figure's.
            if over && clipped && is_wide(g.c) {
                continue;
            }
            if prev.is_some_and(|p| !over && !is_wide(p.c) && !is_wide(g.c)) {
                clipped = false;
            }
            let split = prev.is_none_or(|p| {
                // Text clipped to another rectangle is another cell's (a
                // figure right-aligned against the code the next cell
                // starts with: `90.00` `302`).
                if p.clip.is_some() && g.clip.is_some() && p.clip != g.clip {
                    return true;
                }
                // Two figures a space apart, or drawn as two runs, are two
                // cells (a right-aligned `90.00` against a left-aligned
                // code `302`); Chinese tables group digits with commas,
                // never spaces.
                let digit = |c: char| c.is_ascii_digit();
                if digit(p.c)
                    && digit(g.c)
                    && (g.x0 - p.x1 > 0.2 * p.size.max(g.size) || g.starts_run)
                    && cells.last().is_some_and(|c| is_figure(&c.text))
                {
                    return true;
                }
                // Text drawn over other text (a header clipped where the
                // next cell starts, a label clipped under the next cell's
                // figure) is another cell's.
                if over && is_wide(p.c) {
                    clipped = !is_wide(g.c);
                    return true;
                }
                let gap = g.x0 - p.x1;
                // A figure beside a CJK label (a 序号 right-aligned against
                // its column's edge, then the label) is two cells at a
                // smaller gap than two words are.
                let changes =
                    p.c.is_ascii_digit() != g.c.is_ascii_digit() && (is_wide(p.c) || is_wide(g.c));
                let size = p.size.max(g.size);
                gap > 0.9 * size
                    || (changes && gap > 0.15 * size)
                    // Headers printed without rules stand closer than
                    // a character apart (`财政拨款收入 事业收入`); with
                    // rules, spaced-out headers (`项　目`) stay whole.
                    || (verticals.is_empty() && is_wide(p.c) && is_wide(g.c) && gap > 0.5 * size)
                    || (!figure_run(p, g, gap)
                        && rules
                            .iter()
                            .any(|&x| x > (p.x0 + p.x1) / 2.0 && x < (g.x0 + g.x1) / 2.0))
            });
            if split {
                cells.push(RawCell {
                    x0: g.x0,
                    x1: g.x1,
                    yc,
                    size: g.size,
                    text: String::new(),
                    ends: Vec::new(),
                });
            } else if let Some(p) = prev {
                // A space where the printed line has one between words of
                // Latin text or figures (not between CJK characters).
                if g.x0 - p.x1 > 0.2 * g.size && !(is_wide(p.c) && is_wide(g.c)) {
                    if let Some(c) = cells.last_mut() {
                        c.text.push(' ');
                        c.ends.push(p.x1);
                    }
                }
            }
            let cell = cells.last_mut().expect("a cell was opened");
            cell.text.push(g.c);
            cell.ends.push(g.x1);
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

/// Two characters of one figure set without a gap (`1,2` `00.50`): a rule
/// drawn through them does not split the figure. Fonts whose widths the
/// library does not read (CID fonts without `/W`) place a figure's
/// characters too wide apart, over the rule its box ends at.
fn figure_run(p: &Glyph, g: &Glyph, gap: f32) -> bool {
    let figure = |c: char| c.is_ascii_digit() || matches!(c, ',' | '.' | '%');
    figure(p.c) && figure(g.c) && gap.abs() < 0.1 * p.size.max(g.size)
}

/// True for text that reads as a figure (`1,200.50`, `-3.2%`).
fn is_figure(text: &str) -> bool {
    crate::amount::parse_number(text).is_some()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// On a page without rules, a header cell of a line of several that runs
/// over a column edge the figures below draw (`财政拨款收入事业收入`, two
/// headers set closer than a character apart) is two cells, split at the
/// edge.
fn split_at_edges(lines: &mut [Vec<RawCell>], edges: &[f32]) {
    for line in lines.iter_mut().filter(|l| l.len() >= 2) {
        let mut out: Vec<RawCell> = Vec::with_capacity(line.len());
        for cell in line.drain(..) {
            let inside: Vec<f32> = edges
                .iter()
                .copied()
                .filter(|&e| e > cell.x0 + 1.0 && e < cell.x1 - 1.0)
                .collect();
            if inside.is_empty() || is_figure(&cell.text) {
                out.push(cell);
                continue;
            }
            let chars: Vec<char> = cell.text.chars().collect();
            let mut start = 0;
            let mut x0 = cell.x0;
            for e in inside {
                // The last character ending left of the edge.
                let Some(k) = (start..chars.len())
                    .rev()
                    .find(|&k| cell.ends[k] <= e + 0.5)
                else {
                    continue;
                };
                if k + 1 >= chars.len() || k < start {
                    continue;
                }
                // Only where the two characters stand apart (two headers),
                // not inside one header wider than its figures.
                // (Figures in proportional fonts are up to 0.64 em wide.)
                let width = if is_wide(chars[k + 1]) { 1.0 } else { 0.7 } * cell.size;
                if cell.ends[k + 1] - cell.ends[k] < width + 0.1 * cell.size {
                    continue;
                }
                let text: String = chars[start..=k].iter().collect();
                out.push(RawCell {
                    x0,
                    x1: cell.ends[k],
                    yc: cell.yc,
                    size: cell.size,
                    text: text.trim().to_string(),
                    ends: cell.ends[start..=k].to_vec(),
                });
                x0 = cell.ends[k];
                start = k + 1;
            }
            let text: String = chars[start..].iter().collect();
            out.push(RawCell {
                x0,
                x1: cell.x1,
                yc: cell.yc,
                size: cell.size,
                text: text.trim().to_string(),
                ends: cell.ends[start..].to_vec(),
            });
        }
        out.retain(|c| !c.text.is_empty());
        *line = out;
    }
}

/// Column edges of a page without vertical rules: the middle of each gap
/// that no cell of a line with several cells covers.
fn gap_edges(lines: &[Vec<RawCell>]) -> Vec<f32> {
    // Lines of a table: several cells, one a figure, none a run of prose.
    let tabular = |l: &&Vec<RawCell>| {
        l.len() >= 2
            && l.iter().any(|c| is_figure(&c.text))
            && l.iter().all(|c| c.text.chars().count() <= 24)
    };
    let mut spans: Vec<(f32, f32)> = lines
        .iter()
        .filter(tabular)
        .flat_map(|l| l.iter().map(|c| (c.x0, c.x1)))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut edges = Vec::new();
    let mut reach = f32::MIN;
    for (x0, x1) in spans {
        if reach > f32::MIN && x0 > reach + 1.0 {
            edges.push((reach + x0) / 2.0);
        }
        reach = reach.max(x1);
    }
    edges
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
    let ok = |s: Option<&str>| {
        s.is_some_and(|s| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
    };
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
    if !bytes.starts_with(b"%PDF")
        && !bytes[..bytes.len().min(1024)]
            .windows(5)
            .any(|w| w == b"%PDF-")
    {
        return Err(err(ReadErrorKind::NotAPdf));
    }
    if nesting(&bytes) > 1.0 {
        return Err(err(ReadErrorKind::CorruptPdf(format!(
            "arrays or dictionaries nested more than {MAX_NESTING} deep"
        ))));
    }
    // The PDF library parses nested objects recursively: on a thread with a
    // deep stack, so a hostile file that nests deeper than the check above
    // sees (inside a compressed stream) does not end the process.
    let read = std::thread::Builder::new()
        .name("crossfoot-pdf".into())
        .stack_size(PARSER_STACK)
        .spawn(move || read_bytes(bytes));
    match read.map(|t| t.join()) {
        Ok(Ok(result)) => result.map_err(err),
        _ => Err(err(ReadErrorKind::CorruptPdf(crate::message::tr(
            "detail-reader-failed",
        )))),
    }
}

/// Deepest nesting of arrays and dictionaries accepted in a PDF's bytes.
const MAX_NESTING: usize = 2_000;

/// The stack of the thread that parses a PDF (address space, committed
/// only as used).
const PARSER_STACK: usize = 1 << 30;

/// How deep `[` and `<<` nest in a PDF's bytes, as a multiple of what is
/// accepted where they are: outside streams [`MAX_NESTING`], inside an
/// uncompressed stream ten times that (a compressed stream's bytes make a
/// random walk that stays far below it). Above 1.0 the file is refused.
/// A nesting attack inside a compressed stream is not seen here: the
/// parser's deep stack takes it up to about a million levels.
fn nesting(bytes: &[u8]) -> f64 {
    let (mut depth, mut worst) = (0usize, 0f64);
    let mut in_stream = false;
    let limit = |in_stream: bool| {
        if in_stream {
            10 * MAX_NESTING
        } else {
            MAX_NESTING
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'[' => depth += 1,
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 1;
            }
            b']' => depth = depth.saturating_sub(1),
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'e' if bytes[i..].starts_with(b"endstream") => {
                in_stream = false;
                depth = 0;
                i += 8;
            }
            b's' if bytes[i..].starts_with(b"stream") => {
                in_stream = true;
                depth = 0;
                i += 5;
            }
            _ => {}
        }
        worst = worst.max(depth as f64 / limit(in_stream) as f64);
        i += 1;
    }
    worst
}

/// Reads a PDF from its bytes (on the parser's thread).
fn read_bytes(bytes: Vec<u8>) -> Result<Pdf, ReadErrorKind> {
    let err = |kind| kind;
    let doc = pdf_oxide::document::PdfDocument::from_bytes(bytes)
        .map_err(|e| open_error(&e.to_string()))?;
    if doc.is_encrypted() && !doc.authenticate(b"").unwrap_or(false) {
        return Err(err(ReadErrorKind::PasswordProtected));
    }
    let pages = doc
        .page_count()
        .map_err(|e| err(ReadErrorKind::CorruptPdf(e.to_string())))?;
    let mut read_pages = Vec::with_capacity(pages);
    let mut glyph_count = 0usize;
    let mut unread: Vec<(usize, Unread)> = Vec::new();
    let mut damaged: Option<String> = None;
    // Characters the library could not decode (what a damaged file's
    // rebuilt objects give).
    let mut undecodable = 0usize;
    for p in 0..pages {
        // A damaged page is named and the others are read.
        let mut glyphs = match page_glyphs(&doc, p) {
            Ok(g) => g,
            Err(e) => {
                damaged.get_or_insert_with(|| format!("page {}: {e}", p + 1));
                unread.push((p + 1, Unread::Damaged));
                Vec::new()
            }
        };
        // A page without text that shows an image is a scan; a blank page
        // (or one of rules only) has nothing to check.
        if glyphs.is_empty() {
            if doc.extract_images(p).is_ok_and(|images| !images.is_empty()) {
                unread.push((p + 1, Unread::NoText));
            }
        } else if sideways(&doc, p) {
            unread.push((p + 1, Unread::Sideways));
            glyphs.clear();
        }
        glyph_count += glyphs.len();
        undecodable += glyphs
            .iter()
            .filter(|g| matches!(g.c, '?' | '\u{FFFD}') || g.c.is_control())
            .count();
        let rules: Vec<Rule> = match doc.extract_paths(p) {
            Ok(paths) => paths.iter().flat_map(rules_of).collect(),
            Err(_) => Vec::new(),
        };
        read_pages.push(ReadPage {
            number: p + 1,
            layout: layout(&glyphs, &rules),
        });
    }
    if pages == 0 {
        return Err(err(ReadErrorKind::CorruptPdf(crate::message::tr(
            "detail-no-pages",
        ))));
    }
    if glyph_count == 0 {
        if let Some(detail) = damaged {
            return Err(err(ReadErrorKind::CorruptPdf(detail)));
        }
    }
    if glyph_count > 0 && undecodable * 3 > glyph_count {
        return Err(err(ReadErrorKind::CorruptPdf(crate::message::tr(
            "detail-text-undecodable",
        ))));
    }
    if glyph_count == 0 && unread.iter().any(|&(_, why)| why == Unread::Sideways) {
        return Err(err(ReadErrorKind::Sideways));
    }
    if glyph_count == 0 {
        return Err(err(ReadErrorKind::Scanned));
    }
    let mut pdf = assemble(read_pages);
    pdf.unread = unread;
    Ok(pdf)
}

/// True when most of a page's characters run sideways (turned 90° or
/// 270°): its lines would be read across its columns.
fn sideways(doc: &pdf_oxide::document::PdfDocument, p: usize) -> bool {
    let Ok(chars) = doc.extract_chars(p) else {
        return false;
    };
    let turned = chars
        .iter()
        .filter(|c| {
            let r = c.rotation_degrees.rem_euclid(360.0);
            (r - 90.0).abs() < 10.0 || (r - 270.0).abs() < 10.0
        })
        .count();
    turned * 2 > chars.len()
}

/// The layout of page `page` (1-based) of the PDF at `path`, as the
/// tables are rebuilt from it (for looking into a page: `cargo run
/// --example pdf_page -- FILE PAGE`).
pub fn page_layout(path: &Path, page: usize) -> Result<PageLayout, String> {
    let doc = pdf_oxide::document::PdfDocument::open(path).map_err(|e| e.to_string())?;
    let p = page.checked_sub(1).ok_or("pages count from 1")?;
    let glyphs = page_glyphs(&doc, p).map_err(|e| e.to_string())?;
    let rules: Vec<Rule> = doc
        .extract_paths(p)
        .map(|paths| paths.iter().flat_map(rules_of).collect())
        .unwrap_or_default();
    Ok(layout(&glyphs, &rules))
}

/// The characters of a page, as the reader sees them. Where the library
/// gives no characters but gives runs of text (some embedded Type 1
/// fonts), each run's box is shared among its characters by their width
/// (a CJK character twice a Latin one).
fn page_glyphs(
    doc: &pdf_oxide::document::PdfDocument,
    p: usize,
) -> Result<Vec<Glyph>, pdf_oxide::error::Error> {
    let chars = doc.extract_chars(p)?;
    // Characters a cell's clip hides (a label longer than its column).
    let runs = doc
        .get_page_content_data(p)
        .map(|c| super::pdf_clip::text_runs(&c))
        .unwrap_or_default();
    use super::pdf_clip::{clip_of, hidden, RunStarts};
    let starts = RunStarts::new(&runs);
    // (Each glyph's clip is set below, from the run it belongs to.)
    // A figure that starts inside its cell's clip is never cut: a
    // spreadsheet prints ### for a number that does not fit, never a
    // clipped one, and a figure running past its clip was placed with
    // widths the library misread (a CID font such as STSong-Light without
    // /W). A figure drawn wholly outside its clip is hidden.
    let clipped = |glyphs: Vec<Glyph>| -> Vec<Glyph> {
        let whole = figures_started_inside(&glyphs);
        glyphs
            .into_iter()
            .zip(whole)
            .filter_map(|(mut g, whole)| {
                g.starts_run = starts.at(g.x0, g.yc, g.size);
                (whole || !hidden(g.clip, g.x0, g.x1, g.yc, g.size)).then_some(g)
            })
            .collect()
    };
    if !chars.is_empty() {
        // Characters come in the order they are drawn: one continues the
        // run of the character before it on its line, unless a run starts
        // at it (a figure's run starting under a clipped label's tail
        // does not take the label's hidden characters).
        // A character belongs to the run that starts at it, or to the
        // nearest run starting before it on its line. A character drawn
        // over another (a clipped label's hidden tail under the next
        // cell's figure) belongs to the nearest run before it that starts
        // with a character of its kind (CJK or not): the library does not
        // always give characters in the order they are drawn.
        // A character of Latin script a full em wide was placed with widths
        // the library did not read (a CID font such as STSong-Light without
        // /W): it lies past where it is drawn, so no clip is applied to it.
        let mut placed: Vec<Glyph> = chars.iter().map(glyph).collect();
        let mut order: Vec<usize> = (0..placed.len()).collect();
        order.sort_by(|&a, &b| placed[a].x0.total_cmp(&placed[b].x0));
        let contested: Vec<bool> = (0..placed.len())
            .map(|i| {
                let g = &placed[i];
                let w = (g.x1 - g.x0).max(0.1);
                // Neighbours in x order overlapping it on its line.
                let at = order.partition_point(|&k| placed[k].x0 < g.x0 - 2.0 * g.size);
                order[at..]
                    .iter()
                    .take_while(|&&k| placed[k].x0 < g.x1)
                    .any(|&k| {
                        let o = &placed[k];
                        k != i
                            && (o.yc - g.yc).abs() < 0.3 * g.size
                            && o.x1.min(g.x1) - o.x0.max(g.x0) > 0.3 * w.min((o.x1 - o.x0).max(0.1))
                    })
            })
            .collect();
        // (Only looked up where characters are drawn over others.)
        let first_wide: Vec<Option<bool>> = if !contested.contains(&true) {
            Vec::new()
        } else {
            runs.iter()
                .map(|r| {
                    placed
                        .iter()
                        .find(|g| {
                            (g.x0 - r.x).abs() < 0.02 * g.size
                                && (g.yc - r.y) > -0.5 * g.size
                                && (g.yc - r.y) < 0.9 * g.size
                        })
                        .map(|g| is_wide(g.c))
                })
                .collect()
        };
        for (i, g) in placed.iter_mut().enumerate() {
            let em_wide = !is_wide(g.c) && !g.c.is_whitespace() && g.x1 - g.x0 >= 0.9 * g.size;
            g.clip = if em_wide {
                None
            } else if let Some(c) = super::pdf_clip::clip_at_start(&runs, g.x0, g.yc, g.size) {
                c
            } else if contested[i] {
                let wide = is_wide(g.c);
                runs.iter()
                    .zip(&first_wide)
                    .filter(|(r, fw)| {
                        **fw == Some(wide)
                            && r.x <= g.x0
                            && (g.yc - r.y) > -0.5 * g.size
                            && (g.yc - r.y) < 0.9 * g.size
                    })
                    .max_by(|a, b| a.0.x.total_cmp(&b.0.x))
                    .map_or_else(|| clip_of(&runs, g.x0, g.yc, g.size), |(r, _)| r.clip)
            } else {
                clip_of(&runs, g.x0, g.yc, g.size)
            };
        }
        return Ok(visible(doc, p, clipped(placed).into_iter()));
    }
    let spans = doc.extract_spans(p)?;
    let mut out = Vec::new();
    for s in &spans {
        let weights: Vec<f32> = s
            .text
            .chars()
            .map(|c| if is_wide(c) { 1.0 } else { 0.5 })
            .collect();
        let total: f32 = weights.iter().sum();
        if total <= 0.0 || !s.bbox.width.is_finite() {
            continue;
        }
        let unit = s.bbox.width / total;
        let mut x = s.bbox.x;
        // Where the library gives each character's position, it is used
        // (two runs merged into one span keep their gap).
        let n = s.text.chars().count();
        let offsets = (s.char_x_offsets.len() == n).then_some(&s.char_x_offsets);
        let size = if s.font_size > 0.0 {
            s.font_size
        } else {
            s.bbox.height
        };
        // The run a span's characters belong to is the one it starts in
        // (not a figure's run that starts under its clipped tail).
        let yc = s.bbox.y + s.bbox.height / 2.0;
        let clip = clip_of(&runs, s.bbox.x, yc, size);
        for (k, (c, w)) in s.text.chars().zip(weights).enumerate() {
            if let Some(o) = offsets {
                x = o[k];
            }
            out.push(Glyph {
                c,
                x0: x,
                x1: x + w * unit,
                yc,
                size,
                clip,
                starts_run: false,
            });
            x += w * unit;
        }
    }
    Ok(visible(doc, p, clipped(out).into_iter()))
}

/// For each glyph: true for the characters of a figure (digits, `,.%-`
/// set together on a line, under one clip) whose first character starts
/// inside that clip.
fn figures_started_inside(glyphs: &[Glyph]) -> Vec<bool> {
    let figure = |c: char| c.is_ascii_digit() || matches!(c, ',' | '.' | '%' | '-');
    let mut out = vec![false; glyphs.len()];
    let mut order: Vec<usize> = (0..glyphs.len()).filter(|&i| figure(glyphs[i].c)).collect();
    order.sort_by(|&a, &b| {
        let (ga, gb) = (&glyphs[a], &glyphs[b]);
        ga.yc.total_cmp(&gb.yc).then(ga.x0.total_cmp(&gb.x0))
    });
    let mut k = 0;
    while k < order.len() {
        let first = &glyphs[order[k]];
        let inside = first
            .clip
            .is_none_or(|c| first.x0 + 0.1 >= c[0] - 1.0 && first.x0 + 0.1 <= c[2] + 1.0);
        let mut end = k + 1;
        while end < order.len() {
            let (p, g) = (&glyphs[order[end - 1]], &glyphs[order[end]]);
            if (g.yc - p.yc).abs() > 0.3 * g.size
                || g.clip != first.clip
                || g.x0 - p.x1 > 0.5 * g.size
            {
                break;
            }
            end += 1;
        }
        for &i in &order[k..end] {
            out[i] = inside;
        }
        k = end;
    }
    out
}

/// The characters a reader sees on the page: WPS writes a whole text flow
/// on every page and lets the page's edge cut it, so text placed off the
/// page (the paragraphs of the pages before and after) is left out.
fn visible(
    doc: &pdf_oxide::document::PdfDocument,
    page: usize,
    glyphs: impl Iterator<Item = Glyph>,
) -> Vec<Glyph> {
    match doc.get_page_visible_box(page) {
        Ok((x0, y0, x1, y1)) => glyphs
            .filter(|g| {
                let xc = (g.x0 + g.x1) / 2.0;
                xc >= x0 - 1.0 && xc <= x1 + 1.0 && g.yc >= y0 - 1.0 && g.yc <= y1 + 1.0
            })
            .collect(),
        Err(_) => glyphs.collect(),
    }
}

/// A character of the text layer as the layout reads it.
fn glyph(c: &pdf_oxide::layout::TextChar) -> Glyph {
    Glyph {
        c: c.char,
        x0: c.bbox.x,
        x1: c.bbox.x + c.bbox.width,
        yc: c.bbox.y + c.bbox.height / 2.0,
        size: if c.font_size > 0.0 {
            c.font_size
        } else {
            c.bbox.height
        },
        clip: None,
        starts_run: false,
    }
}

/// What an opening failure means for the user.
fn open_error(detail: &str) -> ReadErrorKind {
    let lower = detail.to_ascii_lowercase();
    if lower.contains("encrypt") || lower.contains("password") {
        ReadErrorKind::PasswordProtected
    } else {
        ReadErrorKind::CorruptPdf(detail.to_string())
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

/// A sheet being built from a table that may run on to the next page.
struct Building {
    sheet: Sheet,
    /// The page it starts on.
    from: usize,
    /// The next sheet row to write.
    next_row: usize,
    /// Its header lines (to drop when a continuation repeats them).
    header: Vec<String>,
    /// The column edges of its first page, which a continuation's cells are
    /// placed by.
    edges: Vec<f32>,
}

/// Lines above a table taken into its sheet (title, 编制单位, unit line);
/// text further up is prose.
const LINES_ABOVE: usize = 3;

/// The sheets and prose of the pages read.
fn assemble(pages: Vec<ReadPage>) -> Pdf {
    let mut pdf = Pdf::default();
    let mut prose: Vec<String> = Vec::new();
    let mut open: Option<Building> = None;
    for page in pages {
        let lines = &page.layout.lines;
        let n = lines.len();
        let Some(first_table) = lines.iter().position(|l| l.in_table) else {
            if let Some(done) = open.take() {
                pdf.sheets.push(finish(done));
            }
            push_prose(&mut pdf, &mut prose, page.number, lines, 0..n);
            continue;
        };
        let last_table = lines
            .iter()
            .rposition(|l| l.in_table)
            .unwrap_or(first_table);
        // Ruled text with never two cells on a line is a framed paragraph,
        // not a table.
        if !lines[first_table..=last_table]
            .iter()
            .any(|l| l.cells.len() >= 2)
        {
            if let Some(done) = open.take() {
                pdf.sheets.push(finish(done));
            }
            push_prose(&mut pdf, &mut prose, page.number, lines, 0..n);
            continue;
        }
        // The lines above the table, page numbers and running heads aside.
        let above: Vec<usize> = (0..first_table)
            .filter(|&i| !is_running(lines, i, n))
            .collect();
        let continues = above.is_empty() && open.is_some();
        let mut b = match open.take() {
            Some(b) if continues => b,
            other => {
                if let Some(done) = other {
                    pdf.sheets.push(finish(done));
                }
                // The title, 编制单位 and unit lines right above: short
                // lines, not the end of a paragraph.
                let heading = |i: usize| {
                    let text: String = lines[i].cells.iter().map(|c| c.text.as_str()).collect();
                    text.chars().count() <= 40 && !text.ends_with(['。', '；', '，'])
                };
                let mut keep_from = above.len();
                while keep_from > 0
                    && above.len() - keep_from < LINES_ABOVE
                    && heading(above[keep_from - 1])
                {
                    keep_from -= 1;
                }
                if keep_from > 0 {
                    let prose_end = above.get(keep_from).copied().unwrap_or(first_table);
                    push_prose(&mut pdf, &mut prose, page.number, lines, 0..prose_end);
                }
                let header = (first_table..=last_table)
                    .take_while(|&i| {
                        !lines[i]
                            .cells
                            .iter()
                            .any(|c| c.first > 0 && is_figure(&c.text))
                    })
                    .map(|i| line_key(&lines[i]))
                    .collect();
                let mut b = Building {
                    sheet: Sheet::new("", 0, 0),
                    from: page.number,
                    next_row: 0,
                    header,
                    edges: page.layout.edges.clone(),
                };
                for &i in &above[keep_from..] {
                    put_line(&mut b, &lines[i], page.number, false);
                }
                b
            }
        };
        // A repeated header is dropped from a continuation.
        let mut skip = 0;
        if continues {
            while skip < b.header.len()
                && first_table + skip <= last_table
                && line_key(&lines[first_table + skip]) == b.header[skip]
            {
                skip += 1;
            }
        }
        for line in &lines[first_table + skip..=last_table] {
            put_line(&mut b, line, page.number, continues);
        }
        // Text after the table is prose; a table reaching the page's end
        // may run on.
        let after = (last_table + 1..n).any(|i| !is_running(lines, i, n));
        if after {
            pdf.sheets.push(finish(b));
            push_prose(&mut pdf, &mut prose, page.number, lines, last_table + 1..n);
        } else {
            open = Some(b);
        }
    }
    if let Some(done) = open.take() {
        pdf.sheets.push(finish(done));
    }
    pdf.prose = prose.join("\n");
    pdf
}

/// A line's cells as one string, to recognise a repeated header.
fn line_key(line: &Line) -> String {
    line.cells
        .iter()
        .map(|c| format!("{}:{}", c.first, c.text))
        .collect::<Vec<_>>()
        .join("|")
}

/// True for a page number or a line repeated at the top or bottom of the
/// page (a running head), which belong to no table or paragraph.
fn is_running(lines: &[Line], i: usize, n: usize) -> bool {
    let line = &lines[i];
    let text: String = line.cells.iter().map(|c| c.text.as_str()).collect();
    (i == 0 || i + 1 == n || i + 2 == n) && is_page_number(&text)
}

/// Names a finished sheet by its pages.
fn finish(b: Building) -> Sheet {
    let mut sheet = b.sheet;
    let to = (0..sheet.rows())
        .filter_map(|r| sheet.page_of_row(r))
        .max()
        .unwrap_or(b.from)
        .max(b.from);
    sheet.name = if to > b.from {
        format!("p.{}-{to}", b.from)
    } else {
        format!("p.{}", b.from)
    };
    sheet.trim();
    sheet
}

/// Writes a line into the sheet's next row: figures as numbers with the
/// decimals printed, text as text, a cell spanning columns or rows as a
/// merge. A continuation's cells are placed by the first page's columns.
fn put_line(b: &mut Building, line: &Line, page: usize, continuation: bool) {
    let f = Format::default();
    let row = b.next_row;
    b.next_row += 1;
    let mut merges = b.sheet.merged().to_vec();
    for cell in &line.cells {
        let (first, last) = if continuation {
            cell.columns_in(&b.edges)
        } else {
            (cell.first, cell.last)
        };
        let text = cell.text.as_str();
        // A code printed with its leading zero (`01` under 项) stays text,
        // as a workbook keeps it.
        let code_like = text.len() > 1 && text.starts_with('0') && !text.contains('.');
        let written = match crate::amount::parse_number(text) {
            Some(n) if !code_like && !text.contains(['年', '月', '日']) => {
                // Shown as printed: its decimals (and `%`) are its format's.
                let shown = Format {
                    decimals: Some(n.written_decimals),
                    percent: n.percent,
                    ..f
                };
                b.sheet.set_number(row, first, n, shown)
            }
            _ => b.sheet.set_text(
                row,
                first,
                text,
                Format {
                    indent: cell.indent,
                    ..f
                },
            ),
        };
        // Past the sheet's limits nothing more is written.
        if written.is_err() {
            return;
        }
        if last > first || cell.down > 0 {
            merges.push(super::Rect {
                top: row,
                left: first,
                bottom: row + cell.down,
                right: last,
            });
        }
    }
    b.sheet.set_merged(merges);
    b.sheet.set_page_of_row(row, page as u32);
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
            .map(|c| c.text.as_str())
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
                    clip: None,
                    starts_run: false,
                };
                at += w;
                g
            })
            .collect()
    }

    fn v(x: f32, y0: f32, y1: f32) -> Rule {
        Rule {
            x0: x,
            x1: x,
            y0,
            y1,
        }
    }

    fn h(y: f32, x0: f32, x1: f32) -> Rule {
        Rule {
            x0,
            x1,
            y0: y,
            y1: y,
        }
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
            .map(|l| l.cells.iter().map(|c| (c.first, c.text.as_str())).collect())
            .collect();
        assert_eq!(
            rows,
            vec![
                vec![(2, "收支总表")],
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
        let c = &page.lines[0].cells[0];
        assert_eq!((c.first, c.last, c.text.as_str()), (1, 2, "本年收入"));
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
        assert_eq!(page.lines[1].cells[0].first, 0);
        assert_eq!(page.lines[1].cells[1].first, 1);
        assert_eq!(page.columns, 2);
    }

    /// A label printed further into its box than the others of its column
    /// (`其他项目` under `其中：专项业务费`) is indented.
    #[test]
    fn a_label_further_into_its_box_is_indented() {
        let labels = [
            ("基本支出", 52.0),
            ("项目支出", 52.0),
            ("其中：专项", 52.0),
            ("其他项目", 58.0),
        ];
        let mut g = Vec::new();
        let mut rules = vec![
            v(50.0, 100.0, 300.0),
            v(150.0, 100.0, 300.0),
            v(210.0, 100.0, 300.0),
        ];
        for (i, (label, x)) in labels.iter().enumerate() {
            let y = 280.0 - 20.0 * i as f32;
            g.extend(word(label, *x, y, 12.0));
            g.extend(word("10.00", 170.0, y, 12.0));
            rules.push(h(y + 10.0, 50.0, 210.0));
        }
        rules.push(h(280.0 - 20.0 * 4.0 + 10.0, 50.0, 210.0));
        let page = layout(&g, &rules);
        let indents: Vec<u8> = page.lines.iter().map(|l| l.cells[0].indent).collect();
        assert_eq!(indents, vec![0, 0, 0, 1]);
    }

    /// A figure set too wide (a CID font whose widths were not read: every
    /// digit a full em) runs over its box's right rule: it stays one figure,
    /// in its box.
    #[test]
    fn a_figure_over_its_right_rule_stays_whole_in_its_box() {
        let mut g = word("办公费", 64.0, 250.0, 10.0);
        let mut at = 237.0;
        for c in "1,200.50".chars() {
            g.push(Glyph {
                c,
                x0: at,
                x1: at + 10.0,
                yc: 250.0,
                size: 10.0,
                clip: None,
                starts_run: false,
            });
            at += 10.0;
        }
        let rules = vec![
            v(60.0, 240.0, 260.0),
            v(180.0, 240.0, 260.0),
            v(280.0, 240.0, 260.0),
            h(260.0, 60.0, 280.0),
            h(240.0, 60.0, 280.0),
        ];
        let page = layout(&g, &rules);
        let cells: Vec<(usize, &str)> = page.lines[0]
            .cells
            .iter()
            .map(|c| (c.first, c.text.as_str()))
            .collect();
        assert_eq!(cells, vec![(1, "办公费"), (2, "1,200.50")]);
        assert_eq!(page.lines.len(), 1);
    }

    #[test]
    fn page_numbers() {
        for t in ["3", "- 3 -", "第3页", "3/25", "—12—"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["一、", "3.5", "12345", "第三章"] {
            assert!(!is_page_number(t), "{t}");
        }
    }
}
