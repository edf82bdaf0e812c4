//! What calamine does not give of an ODS, read from its XML as it
//! streams (rows and cells repeated by `number-*-repeated` are counted, and
//! expanded only where they hold values):
//! - merged cells (`table:number-columns-spanned` / `-rows-spanned` on a
//!   `table:table-cell`);
//! - each cell's number format: decimals (`number:decimal-places`), scale
//!   (`number:display-factor`, a power of ten) and percent, from its cell
//!   style's `style:data-style-name` (its own, its parent's, or its
//!   column's default style);
//! - indent: a cell style's `fo:margin-left`, in levels of 10.5 pt (what
//!   LibreOffice writes for one level of an Excel indent);
//! - hidden rows (`table:visibility="collapse"` or `"filter"`);
//! - formulas (`table:formula`, OpenFormula, turned into Excel's notation:
//!   `of:=SUM([.B4:.B7])` is `SUM(B4:B7)`).
//!
//! Source: OpenDocument 1.3, part 3, §9.1.2–9.1.4 (table rows, columns and
//! cells), §16.29 (number styles), §19.678–19.681 (spanned and repeated
//! attributes), §19.749 (table:visibility); part 4 (OpenFormula) §5.8
//! (references).

use std::collections::HashMap;
use std::io::{BufReader, Read, Seek};

use calamine::Dimensions;
use quick_xml::events::{BytesStart, Event};

use super::Format;

/// At most this many merged regions are kept per file (a hostile file may
/// claim millions).
const MAX_MERGES: usize = 100_000;

/// At most this many cell formats and formulas are kept per file (calamine
/// itself reads at most 10 million cells).
const MAX_CELLS: usize = 4_000_000;

/// The most rows and columns of a sheet (Excel's and LibreOffice's).
const MAX_ROWS: u64 = 1 << 20;
const MAX_COLS: u64 = 1 << 14;

/// What an ODS table has besides its values (rows and columns zero-based).
#[derive(Debug, Default)]
pub(super) struct TableFacts {
    pub merged: Vec<Dimensions>,
    /// Formats other than the default, of cells with a value.
    pub formats: HashMap<(usize, usize), Format>,
    /// Hidden rows, ascending.
    pub hidden_rows: Vec<usize>,
    /// Formulas in Excel's notation (no leading `=`).
    pub formulas: Vec<(usize, usize, String)>,
}

/// A cell style: its data style and its indent, as written (resolved
/// through the parent once all styles are read).
#[derive(Debug, Default, Clone)]
struct CellStyle {
    parent: Option<String>,
    data_style: Option<String>,
    indent: Option<u8>,
}

/// The styles of a document: number styles (decimals, scale, percent) and
/// cell styles, by name.
#[derive(Debug, Default)]
struct Styles {
    numbers: HashMap<String, Format>,
    cells: HashMap<String, CellStyle>,
    /// A data style whose sections are chosen by value (`style:map`), and
    /// the style it applies to positive figures: Excel's `#,##0.00;-…;"-"`
    /// and the accounting formats are written so, their main style being
    /// the zero (or text) section.
    positive: HashMap<String, String>,
}

impl Styles {
    /// Reads the styles of one part (`styles.xml` or `content.xml`) up to
    /// its body.
    fn read<R: std::io::BufRead>(&mut self, reader: &mut quick_xml::Reader<R>) {
        let mut buf = Vec::new();
        // The number style and the cell style being read.
        let mut number: Option<(String, Format)> = None;
        let mut cell: Option<(String, CellStyle)> = None;
        // The data style being read, of any kind (for its maps).
        let mut data_style: Option<String> = None;
        loop {
            let event = match reader.read_event_into(&mut buf) {
                Ok(Event::Eof) | Err(_) => break,
                Ok(e) => e,
            };
            match &event {
                Event::Start(e) | Event::Empty(e) => {
                    let empty = matches!(event, Event::Empty(_));
                    match e.name().0 {
                        "office:body" => break,
                        "number:text-style" if !empty => {
                            data_style = attr(e, "style:name");
                        }
                        "style:map" => {
                            let positive = matches!(
                                attr(e, "style:condition").as_deref(),
                                Some("value()>0" | "value()>=0")
                            );
                            if let (true, Some(from), Some(to)) =
                                (positive, &data_style, attr(e, "style:apply-style-name"))
                            {
                                self.positive.entry(from.clone()).or_insert(to);
                            }
                        }
                        "number:number-style"
                        | "number:percentage-style"
                        | "number:currency-style" => {
                            if !empty {
                                data_style = attr(e, "style:name");
                            }
                            let f = Format {
                                percent: e.name().0 == "number:percentage-style",
                                ..Format::default()
                            };
                            if let Some(name) = attr(e, "style:name") {
                                if empty {
                                    self.numbers.insert(name, f);
                                } else {
                                    number = Some((name, f));
                                }
                            }
                        }
                        "number:number" => {
                            if let Some((_, f)) = &mut number {
                                f.decimals = attr(e, "number:decimal-places")
                                    .and_then(|d| d.parse::<u8>().ok())
                                    .map(|d| d.min(30));
                                f.scale = attr(e, "number:display-factor")
                                    .and_then(|d| power_of_ten(&d))
                                    .unwrap_or(0);
                            }
                        }
                        "style:style" => {
                            if attr(e, "style:family").as_deref() == Some("table-cell") {
                                if let Some(name) = attr(e, "style:name") {
                                    let style = CellStyle {
                                        parent: attr(e, "style:parent-style-name"),
                                        data_style: attr(e, "style:data-style-name"),
                                        indent: None,
                                    };
                                    if empty {
                                        self.cells.insert(name, style);
                                    } else {
                                        cell = Some((name, style));
                                    }
                                }
                            }
                        }
                        "style:paragraph-properties" => {
                            if let Some((_, style)) = &mut cell {
                                if let Some(m) = attr(e, "fo:margin-left") {
                                    style.indent = Some(indent_levels(&m));
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) => match e.name().0 {
                    "number:number-style" | "number:percentage-style" | "number:currency-style" => {
                        if let Some((name, f)) = number.take() {
                            self.numbers.insert(name, f);
                        }
                        data_style = None;
                    }
                    "number:text-style" => data_style = None,
                    "style:style" => {
                        if let Some((name, style)) = cell.take() {
                            self.cells.insert(name, style);
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
            buf.clear();
        }
    }

    /// The format a cell of style `name` is shown with (parents followed a
    /// few levels; a loop ends there).
    fn format(&self, name: &str) -> Format {
        let (mut data, mut indent) = (None, None);
        let mut at = Some(name);
        for _ in 0..8 {
            let Some(style) = at.and_then(|n| self.cells.get(n)) else {
                break;
            };
            data = data.or(style.data_style.as_deref());
            indent = indent.or(style.indent);
            at = style.parent.as_deref();
        }
        // A style with sections shows a positive figure by its mapped one.
        let data = data.map(|d| self.positive.get(d).map_or(d, String::as_str));
        let mut f = data
            .and_then(|d| self.numbers.get(d))
            .copied()
            .unwrap_or_default();
        f.indent = indent.unwrap_or(0);
        f
    }
}

/// `10000` → 4; anything but a power of ten → `None`.
fn power_of_ten(s: &str) -> Option<u8> {
    let s = s.trim();
    // `1000.0` is written too.
    let digits = match s.split_once('.') {
        Some((whole, fraction)) if fraction.bytes().all(|b| b == b'0') => whole,
        Some(_) => return None,
        None => s,
    };
    let zeros = digits.strip_prefix('1')?;
    (zeros.len() <= 12 && !zeros.is_empty() && zeros.bytes().all(|b| b == b'0'))
        .then_some(zeros.len() as u8)
}

/// A length (`0.1457in`, `0.37cm`, `10.5pt`) as indent levels of 10.5 pt.
fn indent_levels(length: &str) -> u8 {
    let l = length.trim();
    let split = l.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(l.len());
    let Ok(v) = l[..split].parse::<f64>() else {
        return 0;
    };
    let pt = match &l[split..] {
        "in" => v * 72.0,
        "cm" => v * 72.0 / 2.54,
        "mm" => v * 72.0 / 25.4,
        "pc" => v * 12.0,
        "px" => v * 0.75,
        _ => v,
    };
    (pt / 10.5).round().clamp(0.0, 15.0) as u8
}

/// The facts of each table of an ODS, by table name; empty when the file
/// cannot be read this way (calamine then says what is wrong).
pub(super) fn facts<R: Read + Seek>(file: R) -> HashMap<String, TableFacts> {
    let mut out: HashMap<String, TableFacts> = HashMap::new();
    let Ok(mut zip) = zip::ZipArchive::new(file) else {
        return out;
    };
    let mut styles = Styles::default();
    if let Ok(part) = zip.by_name("styles.xml") {
        styles.read(&mut quick_xml::Reader::from_reader(BufReader::new(part)));
    }
    let Ok(content) = zip.by_name("content.xml") else {
        return out;
    };
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(content));
    styles.read(&mut reader);
    let mut formats_of: HashMap<String, Format> = HashMap::new();
    let mut format_of = |name: &str| -> Format {
        if let Some(f) = formats_of.get(name) {
            return *f;
        }
        let f = styles.format(name);
        formats_of.insert(name.to_string(), f);
        f
    };
    let mut buf = Vec::new();
    let mut table: Option<String> = None;
    let (mut col, mut merges_kept, mut cells_kept) = (0u64, 0usize, 0usize);
    // Column default styles: (first column, last column, style).
    let mut columns: Vec<(u64, u64, String)> = Vec::new();
    let mut next_column = 0u64;
    let mut current = RowState::default();
    let mut facts = TableFacts::default();
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => e,
        };
        // A row ends at its end tag, or at once when it is written empty.
        let mut row_ends = false;
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.name().0 {
                "table:table" => {
                    table = attr(e, "table:name");
                    facts = TableFacts::default();
                    columns.clear();
                    next_column = 0;
                    current.row = 0;
                }
                "table:table-column" => {
                    let repeat = number(e, "table:number-columns-repeated").max(1);
                    let last = next_column.saturating_add(repeat - 1);
                    if let Some(style) = attr(e, "table:default-cell-style-name") {
                        columns.push((next_column, last, style));
                    }
                    next_column = last.saturating_add(1);
                }
                "table:table-row" => {
                    col = 0;
                    current.repeat = number(e, "table:number-rows-repeated").max(1);
                    current.hidden = matches!(
                        attr(e, "table:visibility").as_deref(),
                        Some("collapse" | "filter")
                    );
                    row_ends = matches!(event, Event::Empty(_));
                }
                name @ ("table:table-cell" | "table:covered-table-cell") => {
                    let a = CellAttrs::of(e);
                    if name == "table:table-cell"
                        && (a.cols > 1 || a.rows > 1)
                        && merges_kept < MAX_MERGES
                    {
                        if let Some(d) = region(current.row, col, a.rows, a.cols) {
                            facts.merged.push(d);
                            merges_kept += 1;
                        }
                    }
                    if a.valued && cells_kept + current.pending() < MAX_CELLS {
                        let style = a.style.as_deref().or_else(|| {
                            columns
                                .iter()
                                .find(|(first, last, _)| (*first..=*last).contains(&col))
                                .map(|(_, _, s)| s.as_str())
                        });
                        let format = style.map(&mut format_of).unwrap_or_default();
                        let formula = a.formula.as_deref().and_then(excel_formula);
                        // A sheet is at most 16,384 columns wide.
                        let last = col.saturating_add(a.repeat).min(MAX_COLS);
                        for c in col..last {
                            if format != Format::default() {
                                current.formats.push((c, format));
                            }
                            if let Some(f) = &formula {
                                current.formulas.push((c, f.clone()));
                            }
                        }
                    }
                    col = col.saturating_add(a.repeat);
                }
                _ => {}
            },
            Event::End(e) => match e.name().0 {
                "table:table-row" => row_ends = true,
                "table:table" => {
                    if let Some(name) = table.take() {
                        out.insert(name, std::mem::take(&mut facts));
                    }
                }
                _ => {}
            },
            _ => {}
        }
        if row_ends {
            current.end(&mut facts, &mut cells_kept);
        }
        buf.clear();
    }
    out
}

/// What a table cell's attributes say, read in one pass.
struct CellAttrs {
    cols: u64,
    rows: u64,
    repeat: u64,
    /// It has a value (`office:value-type`).
    valued: bool,
    style: Option<String>,
    formula: Option<String>,
}

impl CellAttrs {
    fn of(e: &BytesStart<'_>) -> CellAttrs {
        let mut a = CellAttrs {
            cols: 1,
            rows: 1,
            repeat: 1,
            valued: false,
            style: None,
            formula: None,
        };
        let count = |v: &str| v.parse::<u64>().unwrap_or(1).max(1);
        for at in e.attributes().flatten() {
            match at.key.0 {
                "table:number-columns-spanned" => a.cols = count(&at.value),
                "table:number-rows-spanned" => a.rows = count(&at.value),
                "table:number-columns-repeated" => a.repeat = count(&at.value),
                "office:value-type" => a.valued = true,
                "table:style-name" => a.style = Some(value(&at)),
                "table:formula" => a.formula = Some(value(&at)),
                _ => {}
            }
        }
        a
    }
}

/// The row being read: where it is, how often it repeats, whether it is
/// hidden, and its cells' formats and formulas by column (copied to each
/// of its repeats when it ends).
struct RowState {
    row: u64,
    repeat: u64,
    hidden: bool,
    formats: Vec<(u64, Format)>,
    formulas: Vec<(u64, String)>,
}

impl Default for RowState {
    fn default() -> RowState {
        RowState {
            row: 0,
            repeat: 1,
            hidden: false,
            formats: Vec::new(),
            formulas: Vec::new(),
        }
    }
}

impl RowState {
    /// Formats and formulas read in this row, not yet kept.
    fn pending(&self) -> usize {
        self.formats.len() + self.formulas.len()
    }

    /// Ends the row (and its repeats): its formats and formulas are kept
    /// for each copy, up to [`MAX_CELLS`] in all (`kept` counts them); a
    /// hidden row is noted. The next row starts below.
    fn end(&mut self, facts: &mut TableFacts, kept: &mut usize) {
        // A hidden run of empty rows to the end of the sheet is noted only
        // in part (hidden rows matter next to figures); a sheet has at most
        // 1,048,576 rows.
        let copies = if self.pending() > 0 {
            self.repeat
        } else {
            self.repeat.min(1_000)
        };
        let last = self.row.saturating_add(copies).min(MAX_ROWS);
        for r in self.row..last {
            let Ok(r) = usize::try_from(r) else { break };
            if *kept >= MAX_CELLS {
                break;
            }
            if self.hidden {
                facts.hidden_rows.push(r);
                *kept += 1;
            }
            for &(c, f) in &self.formats {
                facts.formats.insert((r, c as usize), f);
            }
            for (c, f) in &self.formulas {
                facts.formulas.push((r, *c as usize, f.clone()));
            }
            *kept += self.pending();
        }
        self.formats.clear();
        self.formulas.clear();
        self.row = self.row.saturating_add(self.repeat);
    }
}

/// An OpenFormula (`of:=SUM([.B4:.B7];[$表二.C3])`) in Excel's notation
/// (`SUM(B4:B7,表二!C3)`), without the `=`; `None` for one that is not.
fn excel_formula(f: &str) -> Option<String> {
    let body = f.split_once('=').map_or(f, |(ns, rest)| {
        if ns.is_empty() || ns.chars().all(|c| c.is_ascii_alphabetic() || c == ':') {
            rest
        } else {
            f
        }
    });
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                out.push(c);
                for d in chars.by_ref() {
                    out.push(d);
                    if d == '"' {
                        break;
                    }
                }
            }
            '[' => {
                let mut reference = String::new();
                for d in chars.by_ref() {
                    if d == ']' {
                        break;
                    }
                    reference.push(d);
                }
                out.push_str(&excel_reference(&reference));
            }
            ';' => out.push(','),
            _ => out.push(c),
        }
    }
    (!out.trim().is_empty()).then_some(out)
}

/// `.B4:.B7` → `B4:B7`; `$表二.C3` → `表二!C3`; `'a b'.A1:.A2` → `'a b'!A1:A2`.
fn excel_reference(r: &str) -> String {
    let mut parts = Vec::new();
    let mut sheet_done = false;
    for part in r.split(':') {
        let (sheet, cell) = match part.rfind('.') {
            Some(i) => (&part[..i], &part[i + 1..]),
            None => ("", part),
        };
        let sheet = sheet.trim_start_matches('$');
        if !sheet.is_empty() && !sheet_done {
            parts.push(format!("{sheet}!{cell}"));
        } else {
            parts.push(cell.to_string());
        }
        sheet_done = true;
    }
    parts.join(":")
}

/// The merged regions of each table of an ODS, by table name (see
/// [`facts`]).
#[cfg(test)]
fn merges<R: Read + Seek>(file: R) -> HashMap<String, Vec<Dimensions>> {
    facts(file)
        .into_iter()
        .map(|(k, v)| (k, v.merged))
        .collect()
}

/// A region from its top-left cell and size, if it lies on a sheet.
fn region(row: u64, col: u64, rows: u64, cols: u64) -> Option<Dimensions> {
    let bottom = u32::try_from(row.checked_add(rows - 1)?).ok()?;
    let right = u32::try_from(col.checked_add(cols - 1)?).ok()?;
    Some(Dimensions::new(
        (u32::try_from(row).ok()?, u32::try_from(col).ok()?),
        (bottom, right),
    ))
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.0 == name)
        .map(|a| value(&a))
}

/// An attribute's value with its entities replaced (`&apos;` → `'`).
fn value(a: &quick_xml::events::attributes::Attribute<'_>) -> String {
    match a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
        Ok(v) => v.into_owned(),
        Err(_) => a.value.to_string(),
    }
}

fn number(e: &BytesStart<'_>, name: &str) -> u64 {
    attr(e, name).and_then(|v| v.parse().ok()).unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    fn ods(content: &str) -> Cursor<Vec<u8>> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        w.start_file("content.xml", opts).unwrap();
        w.write_all(content.as_bytes()).unwrap();
        Cursor::new(w.finish().unwrap().into_inner())
    }

    #[test]
    fn merged_cells_are_found_past_repeated_rows_and_cells() {
        let xml = r#"<office:document-content><office:body><office:spreadsheet>
<table:table table:name="表一">
<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3"/></table:table-row>
<table:table-row><table:table-cell table:number-columns-repeated="2"/><table:table-cell table:number-columns-spanned="3" table:number-rows-spanned="2"><text:p>基本支出</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="2"/></table:table-row>
<table:table-row table:number-rows-repeated="1048570"/>
</table:table>
<table:table table:name="表二"><table:table-row><table:table-cell table:number-rows-spanned="2"/></table:table-row></table:table>
</office:spreadsheet></office:body></office:document-content>"#;
        let m = merges(ods(xml));
        assert_eq!(m["表一"], vec![Dimensions::new((2, 2), (3, 4))]);
        assert_eq!(m["表二"], vec![Dimensions::new((0, 0), (1, 0))]);
    }

    #[test]
    fn a_truncated_content_ends_the_scan() {
        let m = merges(ods(
            "<table:table table:name=\"t\"><table:table-row><table:table-cell table:number-columns-spanned=\"2\"",
        ));
        assert!(m.values().all(|v| v.len() <= 1));
    }

    #[test]
    fn formats_indent_hidden_rows_and_formulas_are_read_past_repeats() {
        let xml = r#"<office:document-content><office:automatic-styles>
<number:number-style style:name="N1"><number:number number:decimal-places="1" number:display-factor="10000"/></number:number-style>
<number:percentage-style style:name="N2"><number:number number:decimal-places="2"/><number:text>%</number:text></number:percentage-style>
<style:style style:name="ce1" style:family="table-cell" style:data-style-name="N1"/>
<style:style style:name="ce2" style:family="table-cell" style:parent-style-name="ce1"/>
<style:style style:name="ce3" style:family="table-cell"><style:paragraph-properties fo:margin-left="0.2917in"/></style:style>
<style:style style:name="ce4" style:family="table-cell" style:data-style-name="N2"/>
</office:automatic-styles><office:body><office:spreadsheet>
<table:table table:name="收入&amp;支出">
<table:table-column table:number-columns-repeated="2"/><table:table-column table:default-cell-style-name="ce2"/>
<table:table-row table:number-rows-repeated="2" table:visibility="collapse"><table:table-cell table:style-name="ce3" office:value-type="string"><text:p>其中</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2" table:style-name="ce1" office:value-type="float" office:value="12345"/></table:table-row>
<table:table-row><table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="float" office:value="1" table:formula="of:=SUM([.C1:.C2];[$&apos;表 二&apos;.B3])"/><table:table-cell table:style-name="ce4" office:value-type="percentage" office:value="0.5"/></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"#;
        let f = facts(ods(xml));
        let t = &f["收入&支出"];
        assert_eq!(t.hidden_rows, vec![0, 1]);
        let scaled = Format {
            decimals: Some(1),
            scale: 4,
            ..Format::default()
        };
        // Both repeats of the row, both repeats of the cell.
        for at in [(0, 1), (0, 2), (1, 1), (1, 2)] {
            assert_eq!(t.formats[&at], scaled, "{at:?}");
        }
        assert_eq!(
            t.formats[&(0, 0)].indent,
            2,
            "0.2917in is two levels of 10.5pt"
        );
        // A cell with no style of its own takes its column's (and that
        // style's parent's data style).
        assert_eq!(t.formats[&(2, 2)], scaled);
        assert!(t.formats[&(2, 3)].percent);
        assert_eq!(t.formats[&(2, 3)].decimals, Some(2));
        assert_eq!(
            t.formulas,
            vec![(2, 2, "SUM(C1:C2,'表 二'!B3)".to_string())]
        );
    }

    /// Excel's `#,##0.0,;-#,##0.0,;"-"` as LibreOffice writes it: the main
    /// style is the zero section (text), the positive one is mapped.
    #[test]
    fn a_style_with_sections_shows_positive_figures_by_its_mapped_style() {
        let xml = r#"<office:document-content><office:automatic-styles>
<number:number-style style:name="N5P0" style:volatile="true"><number:number number:decimal-places="1" number:display-factor="1000"/></number:number-style>
<number:number-style style:name="N5P1" style:volatile="true"><number:text>-</number:text><number:number number:decimal-places="1" number:display-factor="1000"/></number:number-style>
<number:text-style style:name="N5"><number:text>-</number:text><style:map style:condition="value()&gt;0" style:apply-style-name="N5P0"/><style:map style:condition="value()&lt;0" style:apply-style-name="N5P1"/></number:text-style>
<style:style style:name="ce1" style:family="table-cell" style:data-style-name="N5"/>
</office:automatic-styles><office:body><office:spreadsheet>
<table:table table:name="t"><table:table-row><table:table-cell table:style-name="ce1" office:value-type="float" office:value="1234567"/></table:table-row></table:table>
</office:spreadsheet></office:body></office:document-content>"#;
        let f = facts(ods(xml));
        assert_eq!(
            f["t"].formats[&(0, 0)],
            Format {
                decimals: Some(1),
                scale: 3,
                ..Format::default()
            }
        );
    }

    #[test]
    fn openformula_is_written_in_excel_notation() {
        assert_eq!(
            excel_formula("of:=SUBTOTAL(109;[.B4:.B7])").as_deref(),
            Some("SUBTOTAL(109,B4:B7)")
        );
        assert_eq!(
            excel_formula("of:=IF([.A1]=\"a;b\";1;2)").as_deref(),
            Some("IF(A1=\"a;b\",1,2)")
        );
        assert_eq!(
            excel_formula("of:=[$Sheet2.A1:.B2]").as_deref(),
            Some("Sheet2!A1:B2")
        );
        assert_eq!(excel_formula("of:="), None);
    }

    #[test]
    fn display_factors_and_margins_are_read_as_scale_and_levels() {
        assert_eq!(power_of_ten("1000"), Some(3));
        assert_eq!(power_of_ten("10000"), Some(4));
        assert_eq!(power_of_ten("1"), None);
        assert_eq!(power_of_ten("2000"), None);
        assert_eq!(power_of_ten("1000.0"), Some(3));
        assert_eq!(power_of_ten("1000.5"), None);
        assert_eq!(indent_levels("0.1457in"), 1);
        assert_eq!(indent_levels("0.5835in"), 4);
        assert_eq!(indent_levels("0.37cm"), 1);
        assert_eq!(indent_levels("0in"), 0);
        assert_eq!(indent_levels("junk"), 0);
    }
}
