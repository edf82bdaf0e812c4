//! Excel and OpenDocument workbooks through calamine.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, DataRef, Dimensions, Ods, Reader, Xls, Xlsb, Xlsx};

use super::{Cell, FileKind, Rect, Sheet, Value, Workbook};
use crate::amount::unescape_xml;
use crate::amount::{decimal_from_f64, format_decimals, format_is_percent, Number};
use crate::error::ReadErrorKind;

/// More cells than this in one sheet's used area is refused rather than
/// allocated (a malicious file can claim billions).
const MAX_CELLS: usize = 60_000_000;

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

pub(super) fn read_excel(
    path: &Path,
    kind: FileKind,
    bytes: Vec<u8>,
) -> Result<Workbook, ReadErrorKind> {
    let is_zip = bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(b"PK\x05\x06");
    let is_cfb = bytes.starts_with(CFB_MAGIC);
    if !is_zip && !is_cfb {
        // Tab- or comma-separated text saved as .xls is a common export:
        // read it as CSV.
        let what = sniff(&bytes);
        if what.starts_with("a text file") {
            if let Ok(wb) = super::csv::read_csv(path, &bytes) {
                if wb.sheets.iter().any(|s| s.cols() >= 2 && s.rows() >= 2) {
                    return Ok(wb);
                }
            }
        }
        return Err(ReadErrorKind::NotASpreadsheet(what));
    }
    // Trust the bytes over the extension: an xlsx renamed .xls is common.
    let kind = match (kind, is_zip) {
        (FileKind::Xls, true) => FileKind::Xlsx,
        (k, _) => k,
    };
    let cursor = Cursor::new(bytes);
    match kind {
        FileKind::Xlsx => read_xlsx(cursor),
        FileKind::Xlsb => {
            let mut wb = Xlsb::new(cursor).map_err(xlsb_err)?;
            let names = wb.sheet_names();
            let mut sheets = Vec::new();
            for name in names {
                let range = wb.worksheet_range(&name).map_err(xlsb_err)?;
                sheets.push(sheet_from_range(&name, &range, &[])?);
            }
            Ok(Workbook { sheets })
        }
        FileKind::Xls => {
            let mut wb = Xls::new(cursor).map_err(xls_err)?;
            let names = wb.sheet_names();
            let mut sheets = Vec::new();
            for name in names {
                let range = match wb.worksheet_range(&name) {
                    Ok(r) => r,
                    // Chart sheets and the like have no cells.
                    Err(e) if sheets.is_empty() && names_len_is_one(&wb) => return Err(xls_err(e)),
                    Err(_) => continue,
                };
                #[allow(deprecated)]
                let merged = wb.worksheet_merge_cells(&name).unwrap_or_default();
                sheets.push(sheet_from_range(&name, &range, &merged)?);
            }
            Ok(Workbook { sheets })
        }
        FileKind::Ods => {
            let mut wb = Ods::new(cursor).map_err(ods_err)?;
            let names = wb.sheet_names();
            let mut sheets = Vec::new();
            for name in names {
                let range = wb.worksheet_range(&name).map_err(ods_err)?;
                sheets.push(sheet_from_range(&name, &range, &[])?);
            }
            Ok(Workbook { sheets })
        }
        FileKind::Csv | FileKind::Text | FileKind::Docx => {
            Err(ReadErrorKind::NotASpreadsheet("not a workbook".into()))
        }
    }
}

fn names_len_is_one<R: Reader<Cursor<Vec<u8>>>>(wb: &R) -> bool {
    wb.sheet_names().len() == 1
}

/// What the raw XML of each worksheet says without a full parse: whether it
/// has formulas, and its merged regions. Keyed by sheet name. `None` when
/// the package cannot be read this way (then calamine is asked instead).
fn sheet_facts(bytes: &[u8]) -> Option<std::collections::HashMap<String, (bool, Vec<Dimensions>)>> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut read = |name: &str| -> Option<Vec<u8>> {
        let mut s = Vec::new();
        zip.by_name(name).ok()?.read_to_end(&mut s).ok()?;
        Some(s)
    };
    let workbook = String::from_utf8(read("xl/workbook.xml")?).ok()?;
    let rels = String::from_utf8(read("xl/_rels/workbook.xml.rels")?).ok()?;
    let attr = |tag: &str, name: &str| -> Option<String> {
        let tag = format!(" {tag}");
        let i = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(tag[i..].split('"').next()?.to_string())
    };
    let mut targets = std::collections::HashMap::new();
    for rel in rels.split("<Relationship ").skip(1) {
        let tag = rel.split('>').next()?;
        if let (Some(id), Some(t)) = (attr(tag, "Id"), attr(tag, "Target")) {
            let t = t.trim_start_matches('/');
            let path = if t.starts_with("xl/") {
                t.to_string()
            } else {
                format!("xl/{t}")
            };
            targets.insert(id, path);
        }
    }
    let mut out = std::collections::HashMap::new();
    for sheet in workbook.split("<sheet ").skip(1) {
        let tag = sheet.split('>').next()?;
        let name = unescape_xml(&attr(tag, "name")?);
        let id = tag
            .split_whitespace()
            .find(|a| a.contains(":id=\"") || a.starts_with("id=\""))?
            .split('"')
            .nth(1)?
            .to_string();
        let Some(path) = targets.get(&id) else {
            continue;
        };
        // Stream the sheet's XML in chunks (a 500,000-row sheet is hundreds
        // of megabytes unpacked): look for a formula element anywhere, and
        // keep only the <mergeCells> part, which comes after the data.
        let Ok(mut entry) = zip.by_name(path) else {
            continue;
        };
        let mut formulas = false;
        let mut tail: Vec<u8> = Vec::new();
        let mut in_merges = false;
        let mut carry: Vec<u8> = Vec::new();
        let mut chunk = vec![0u8; 1 << 16];
        loop {
            let n = match entry.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            let mut buf = std::mem::take(&mut carry);
            buf.extend_from_slice(&chunk[..n]);
            if !formulas {
                formulas = memchr::memmem::find(&buf, b"<f>").is_some()
                    || memchr::memmem::find(&buf, b"<f ").is_some()
                    || memchr::memmem::find(&buf, b":f>").is_some()
                    || memchr::memmem::find(&buf, b":f ").is_some();
            }
            if !in_merges {
                if let Some(at) = memchr::memmem::find(&buf, b"<mergeCells") {
                    in_merges = true;
                    tail.extend_from_slice(&buf[at..]);
                } else {
                    // Keep a few bytes: a tag may straddle two chunks.
                    carry = buf[buf.len().saturating_sub(16)..].to_vec();
                }
            } else {
                tail.extend_from_slice(&buf);
            }
        }
        let mut merged = Vec::new();
        for at in memchr::memmem::find_iter(&tail, b"<mergeCell ") {
            let rest = &tail[at..(at + 200).min(tail.len())];
            let Some(r) = std::str::from_utf8(rest)
                .ok()
                .and_then(|s| s.split("ref=\"").nth(1))
                .and_then(|s| s.split('"').next())
            else {
                continue;
            };
            let (a, b) = r.split_once(':').unwrap_or((r, r));
            if let (Some(a), Some(b)) = (super::parse_a1(a), super::parse_a1(b)) {
                merged.push(Dimensions::new(
                    (a.0 as u32, a.1 as u32),
                    (b.0 as u32, b.1 as u32),
                ));
            }
        }
        out.insert(name, (formulas, merged));
    }
    Some(out)
}

fn read_xlsx(cursor: Cursor<Vec<u8>>) -> Result<Workbook, ReadErrorKind> {
    let facts = sheet_facts(cursor.get_ref());
    let mut wb = Xlsx::new(cursor).map_err(xlsx_err)?;
    let names: Vec<String> = wb
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect();
    let mut sheets = Vec::new();
    for name in names {
        // Cells go straight into a grid of the size the sheet declares;
        // only cells outside it (a wrong <dimension>) are set aside.
        let mut grid: Option<Sheet> = None;
        let mut cells: Vec<((u32, u32), Cell)> = Vec::new();
        {
            let mut reader = wb.worksheet_cells_reader(&name).map_err(xlsx_err)?;
            let dims = reader.dimensions();
            let (rows, cols) = (dims.end.0 as usize + 1, dims.end.1 as usize + 1);
            if dims.start == (0, 0) && rows.saturating_mul(cols) <= MAX_CELLS && rows * cols > 1 {
                grid = Some(Sheet::new(name.as_str(), rows, cols));
            }
            let formats: Vec<(Option<u8>, bool)> = reader
                .styles()
                .iter()
                .map(|s| match &s.number_format {
                    Some(nf) => (
                        format_decimals(&nf.format_code),
                        format_is_percent(&nf.format_code),
                    ),
                    None => (None, false),
                })
                .collect();
            while let Some((cell, style)) = reader.next_cell_with_style_id().map_err(xlsx_err)? {
                let Some(mut c) = cell_from_ref(cell.get_value()) else {
                    continue;
                };
                if let Some(&(decimals, percent)) = formats.get(style) {
                    c.format_decimals = decimals;
                    c.percent_format = percent;
                }
                let (r, col) = cell.get_position();
                match grid
                    .as_mut()
                    .and_then(|g| g.cell_mut(r as usize, col as usize))
                {
                    Some(slot) => *slot = c,
                    None => cells.push(((r, col), c)),
                }
            }
        }
        // Formulas and merged regions need more passes over the sheet;
        // skip them when the raw XML shows there are none.
        let fact = facts.as_ref().and_then(|f| f.get(&name));
        let formulas = match fact {
            Some((false, _)) => None,
            _ => wb.worksheet_formula(&name).ok(),
        };
        let merged = match fact {
            Some((_, m)) => m.clone(),
            #[allow(deprecated)]
            None => wb
                .worksheet_merge_cells(&name)
                .and_then(Result::ok)
                .unwrap_or_default(),
        };
        let mut sheet = match grid {
            Some(mut g) if cells.is_empty() => {
                g.set_merged(merged_rects(&merged));
                g.trim();
                g
            }
            Some(g) => {
                // Cells outside the declared size: rebuild from every cell.
                let mut all = g.into_cells();
                all.extend(cells);
                sheet_from_cells(&name, all, &merged)?
            }
            None => sheet_from_cells(&name, cells, &merged)?,
        };
        if let Some(formulas) = formulas {
            for (row, col, f) in formulas.used_cells() {
                let (r, c) = (
                    row + formulas.start().map_or(0, |s| s.0 as usize),
                    col + formulas.start().map_or(0, |s| s.1 as usize),
                );
                if !f.is_empty() {
                    sheet.set_formula(r, c, f.clone());
                }
            }
        }
        sheets.push(sheet);
    }
    Ok(Workbook { sheets })
}

fn sheet_from_cells(
    name: &str,
    cells: Vec<((u32, u32), Cell)>,
    merged: &[Dimensions],
) -> Result<Sheet, ReadErrorKind> {
    let rows = cells
        .iter()
        .map(|((r, _), _)| *r as usize + 1)
        .max()
        .unwrap_or(0);
    let cols = cells
        .iter()
        .map(|((_, c), _)| *c as usize + 1)
        .max()
        .unwrap_or(0);
    if rows.saturating_mul(cols) > MAX_CELLS {
        return Err(ReadErrorKind::TooLarge(format!(
            "sheet '{name}' spans {rows} rows × {cols} columns"
        )));
    }
    let mut sheet = Sheet::new(name, rows, cols);
    for ((r, c), cell) in cells {
        if let Some(slot) = sheet.cell_mut(r as usize, c as usize) {
            *slot = cell;
        }
    }
    sheet.set_merged(merged_rects(merged));
    Ok(sheet)
}

fn sheet_from_range(
    name: &str,
    range: &calamine::Range<Data>,
    merged: &[Dimensions],
) -> Result<Sheet, ReadErrorKind> {
    let Some((r0, c0)) = range.start() else {
        return Ok(Sheet::new(name, 0, 0));
    };
    let mut cells = Vec::new();
    for (row, col, data) in range.used_cells() {
        let Some(cell) = cell_from_data(data) else {
            continue;
        };
        cells.push(((r0 + row as u32, c0 + col as u32), cell));
    }
    sheet_from_cells(name, cells, merged)
}

fn merged_rects(merged: &[Dimensions]) -> Vec<Rect> {
    merged
        .iter()
        .map(|d| Rect {
            top: d.start.0 as usize,
            left: d.start.1 as usize,
            bottom: d.end.0 as usize,
            right: d.end.1 as usize,
        })
        .collect()
}

fn number_cell(n: Option<(rust_decimal::Decimal, u8)>) -> Cell {
    match n {
        Some((value, written_decimals)) => Cell::number(Number {
            value,
            written_decimals,
            unit: None,
            percent: false,
        }),
        None => Cell::new(Value::Error("#NUM!".into())),
    }
}

fn text(s: &str) -> Cell {
    Cell::new(Value::Text(s.into()))
}

/// A cell from calamine's value; `None` for an empty one.
fn cell_from_data(d: &Data) -> Option<Cell> {
    Some(match d {
        Data::Int(i) => number_cell(Some(((*i).into(), 0))),
        Data::Float(f) => number_cell(decimal_from_f64(*f)),
        Data::String(s) => text(s),
        Data::Bool(b) => Cell::new(Value::Bool(*b)),
        Data::DateTime(d) => Cell::new(Value::Date(super::iso_date(d.to_ymd_hms_milli()).into())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::new(Value::Date(s.as_str().into())),
        Data::Error(e) => Cell::new(Value::Error(e.to_string().into())),
        Data::Empty => return None,
    })
}

/// A cell from calamine's borrowed value; `None` for an empty one.
fn cell_from_ref(d: &DataRef<'_>) -> Option<Cell> {
    Some(match d {
        DataRef::Int(i) => number_cell(Some(((*i).into(), 0))),
        DataRef::Float(f) => number_cell(decimal_from_f64(*f)),
        DataRef::String(s) => text(s),
        DataRef::SharedString(s) => text(s),
        DataRef::Bool(b) => Cell::new(Value::Bool(*b)),
        DataRef::DateTime(d) => {
            Cell::new(Value::Date(super::iso_date(d.to_ymd_hms_milli()).into()))
        }
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            Cell::new(Value::Date(s.as_str().into()))
        }
        DataRef::Error(e) => Cell::new(Value::Error(e.to_string().into())),
        DataRef::Empty => return None,
    })
}

/// Names what a non-workbook file looks like.
fn sniff(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(512)];
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    if text.contains("<html") || text.contains("<table") || text.contains("<!doctype") {
        "an HTML page saved with a spreadsheet extension".into()
    } else if bytes.len() >= 4
        && bytes[0] == 0x09
        && matches!(bytes[1], 0x00 | 0x02 | 0x04 | 0x08)
        && bytes[3] == 0x00
    {
        "an Excel 2.x–5.0 worksheet (BIFF2–5 without an OLE container), which crossfoot cannot read: save it as xlsx".into()
    } else if bytes.starts_with(b"%PDF") {
        "a PDF document".into()
    } else if text.contains("<?xml") {
        "an XML file (Excel 2003 XML is not supported)".into()
    } else if head
        .iter()
        .all(|b| !b.is_ascii_control() || b.is_ascii_whitespace())
    {
        "a text file with a spreadsheet extension".into()
    } else {
        "unrecognised file signature".into()
    }
}

fn zip_msg(e: impl std::fmt::Display) -> ReadErrorKind {
    ReadErrorKind::CorruptZip(e.to_string())
}

fn xlsx_err(e: calamine::XlsxError) -> ReadErrorKind {
    use calamine::XlsxError as E;
    match e {
        E::Password => ReadErrorKind::PasswordProtected,
        E::Zip(z) => zip_msg(z),
        E::Io(io) => zip_msg(io),
        E::Xml(x) => ReadErrorKind::Corrupt(format!("bad XML: {x}")),
        other => ReadErrorKind::Corrupt(other.to_string()),
    }
}

fn xlsb_err(e: calamine::XlsbError) -> ReadErrorKind {
    use calamine::XlsbError as E;
    match e {
        E::Password => ReadErrorKind::PasswordProtected,
        E::Zip(z) => zip_msg(z),
        other => ReadErrorKind::Corrupt(other.to_string()),
    }
}

fn xls_err(e: calamine::XlsError) -> ReadErrorKind {
    use calamine::XlsError as E;
    match e {
        E::Password => ReadErrorKind::PasswordProtected,
        E::Cfb(c) => ReadErrorKind::NotASpreadsheet(format!("bad OLE container: {c}")),
        other => ReadErrorKind::Corrupt(other.to_string()),
    }
}

fn ods_err(e: calamine::OdsError) -> ReadErrorKind {
    use calamine::OdsError as E;
    match e {
        E::Password => ReadErrorKind::PasswordProtected,
        E::Zip(z) => zip_msg(z),
        other => {
            let msg = other.to_string();
            if msg.contains("limit") {
                ReadErrorKind::TooLarge(msg)
            } else {
                ReadErrorKind::Corrupt(msg)
            }
        }
    }
}
