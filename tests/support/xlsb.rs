//! Writes small .xlsb workbooks record by record (MS-XLSB), for tests of
//! the xlsb reader: nothing free writes the format (LibreOffice reads it
//! only), so the records the reader uses are written here: sheets, shared
//! number formats and XFs (with indent), rows (hidden or not), numbers and
//! strings with their XF, and merged regions.

#![allow(dead_code)]

use std::io::Write;

/// A cell to write.
pub enum XCell {
    Number(f64),
    Text(&'static str),
    /// A formula's cached value and its parsed tokens (rgce).
    Formula(f64, Vec<u8>),
}

/// The tokens of `SUM(first:last)` over one column, both ends relative
/// (fColRel and fRwRel set, as Excel writes `B4:B6`): rows zero-based.
pub fn sum_relative(col: u16, first: u32, last: u32) -> Vec<u8> {
    let mut t = vec![0x25]; // PtgArea
    t.extend(first.to_le_bytes());
    t.extend(last.to_le_bytes());
    t.extend((col | 0xC000).to_le_bytes());
    t.extend((col | 0xC000).to_le_bytes());
    t.extend([0x22, 0x01, 0x04, 0x00]); // PtgFuncVar: SUM, one argument
    t
}

/// A worksheet: its name, rows (each with a hidden flag and its cells as
/// column, XF index, value) and merged regions (first row, last row, first
/// column, last column).
pub struct XSheet {
    pub name: &'static str,
    pub rows: Vec<(u32, bool, Vec<(u32, u32, XCell)>)>,
    pub merges: Vec<(u32, u32, u32, u32)>,
}

fn record(out: &mut Vec<u8>, typ: u16, body: &[u8]) {
    if typ < 0x80 {
        out.push(typ as u8);
    } else {
        out.push((typ & 0x7F) as u8 | 0x80);
        out.push(((typ >> 7) & 0x7F) as u8);
    }
    let mut len = body.len();
    loop {
        let b = (len & 0x7F) as u8;
        len >>= 7;
        if len == 0 {
            out.push(b);
            break;
        }
        out.push(b | 0x80);
    }
    out.extend_from_slice(body);
}

fn wide(s: &str) -> Vec<u8> {
    let units: Vec<u16> = s.encode_utf16().collect();
    let mut v = (units.len() as u32).to_le_bytes().to_vec();
    for u in units {
        v.extend_from_slice(&u.to_le_bytes());
    }
    v
}

fn u32s(values: &[u32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// Writes the workbook: `formats` are custom number formats (id ≥ 164,
/// code), `xfs` the cell XFs as (number format id, indent).
pub fn write_xlsb(
    path: &std::path::Path,
    formats: &[(u16, &str)],
    xfs: &[(u16, u8)],
    sheets: &[XSheet],
) {
    let mut styles = Vec::new();
    record(&mut styles, 0x0267, &u32s(&[formats.len() as u32]));
    for (id, code) in formats {
        let mut b = id.to_le_bytes().to_vec();
        b.extend(wide(code));
        record(&mut styles, 0x002C, &b);
    }
    record(&mut styles, 0x0268, &[]);
    record(&mut styles, 0x0269, &u32s(&[xfs.len() as u32]));
    for (fmt, indent) in xfs {
        let mut b = vec![0u8; 16];
        b[2..4].copy_from_slice(&fmt.to_le_bytes());
        b[11] = *indent;
        record(&mut styles, 0x002F, &b);
    }
    record(&mut styles, 0x026A, &[]);

    let mut book = Vec::new();
    record(&mut book, 0x0083, &[]);
    record(&mut book, 0x008F, &[]);
    for (i, s) in sheets.iter().enumerate() {
        let mut b = u32s(&[0, i as u32 + 1]);
        b.extend(wide(&format!("rId{}", i + 1)));
        b.extend(wide(s.name));
        record(&mut book, 0x009C, &b);
    }
    record(&mut book, 0x0090, &[]);
    record(&mut book, 0x0084, &[]);

    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default();
    for (i, s) in sheets.iter().enumerate() {
        rels.push_str(&format!(
            r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{}.bin"/>"#,
            i + 1,
            i + 1
        ));
        let last_row = s.rows.iter().map(|r| r.0).max().unwrap_or(0);
        let last_col = s
            .rows
            .iter()
            .flat_map(|r| r.2.iter().map(|c| c.0))
            .max()
            .unwrap_or(0);
        let mut sh = Vec::new();
        record(&mut sh, 0x0081, &[]);
        record(&mut sh, 0x0094, &u32s(&[0, last_row, 0, last_col]));
        record(&mut sh, 0x0091, &[]);
        for (row, hidden, cells) in &s.rows {
            let mut h = u32s(&[*row, 0]);
            h.extend_from_slice(&[0x2C, 0x01, 0, if *hidden { 0x10 } else { 0 }, 0]);
            h.extend(u32s(&[0]));
            record(&mut sh, 0x0000, &h);
            for (col, xf, value) in cells {
                let mut b = u32s(&[*col, *xf]);
                match value {
                    XCell::Number(v) => {
                        b.extend_from_slice(&v.to_le_bytes());
                        record(&mut sh, 0x0005, &b);
                    }
                    XCell::Text(t) => {
                        b.extend(wide(t));
                        record(&mut sh, 0x0006, &b);
                    }
                    XCell::Formula(v, rgce) => {
                        // BrtFmlaNum: value, grbitFlags, then the formula.
                        b.extend_from_slice(&v.to_le_bytes());
                        b.extend_from_slice(&[0, 0]);
                        b.extend((rgce.len() as u32).to_le_bytes());
                        b.extend_from_slice(rgce);
                        b.extend(0u32.to_le_bytes());
                        record(&mut sh, 0x0009, &b);
                    }
                }
            }
        }
        record(&mut sh, 0x0092, &[]);
        if !s.merges.is_empty() {
            record(&mut sh, 0x00B1, &u32s(&[s.merges.len() as u32]));
            for &(r0, r1, c0, c1) in &s.merges {
                record(&mut sh, 0x00B0, &u32s(&[r0, r1, c0, c1]));
            }
            record(&mut sh, 0x00B2, &[]);
        }
        record(&mut sh, 0x0082, &[]);
        zip.start_file(format!("xl/worksheets/sheet{}.bin", i + 1), opts)
            .unwrap();
        zip.write_all(&sh).unwrap();
    }
    rels.push_str("</Relationships>");
    zip.start_file("[Content_Types].xml", opts).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>"#).unwrap();
    zip.start_file("xl/_rels/workbook.bin.rels", opts).unwrap();
    zip.write_all(rels.as_bytes()).unwrap();
    zip.start_file("xl/workbook.bin", opts).unwrap();
    zip.write_all(&book).unwrap();
    zip.start_file("xl/styles.bin", opts).unwrap();
    zip.write_all(&styles).unwrap();
    zip.finish().unwrap();
}
