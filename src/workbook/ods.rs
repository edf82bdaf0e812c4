//! What calamine does not give of an ODS: its merged cells
//! (`table:number-columns-spanned` / `table:number-rows-spanned` on a
//! `table:table-cell`), read from `content.xml` as it streams (rows and
//! cells repeated by `number-*-repeated` are counted, not expanded).
//! Source: OpenDocument 1.3, part 3, §9.1.4 (table:table-cell) and
//! §19.678–19.681 (the spanned and repeated attributes).

use std::collections::HashMap;
use std::io::{BufReader, Read, Seek};

use calamine::Dimensions;
use quick_xml::events::{BytesStart, Event};

/// At most this many merged regions are kept per file (a hostile file may
/// claim millions).
const MAX_MERGES: usize = 100_000;

/// The merged regions of each table of an ODS, by table name; empty when
/// `content.xml` cannot be read (calamine then says what is wrong).
pub(super) fn merges<R: Read + Seek>(file: R) -> HashMap<String, Vec<Dimensions>> {
    let mut out = HashMap::new();
    let Ok(mut zip) = zip::ZipArchive::new(file) else {
        return out;
    };
    let Ok(content) = zip.by_name("content.xml") else {
        return out;
    };
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(content));
    let mut buf = Vec::new();
    let mut table: Option<String> = None;
    let (mut row, mut col, mut kept) = (0u64, 0u64, 0usize);
    let mut row_repeat = 1u64;
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => e,
        };
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.name().0 {
                    "table:table" => {
                        table = attr(e, "table:name");
                        row = 0;
                    }
                    "table:table-row" => {
                        col = 0;
                        row_repeat = number(e, "table:number-rows-repeated").max(1);
                        if empty {
                            row = row.saturating_add(row_repeat);
                        }
                    }
                    "table:table-cell" | "table:covered-table-cell" => {
                        let cols = number(e, "table:number-columns-spanned").max(1);
                        let rows = number(e, "table:number-rows-spanned").max(1);
                        let is_cell = e.name().0 == "table:table-cell";
                        if is_cell && (cols > 1 || rows > 1) && kept < MAX_MERGES {
                            if let (Some(name), Some(d)) = (&table, region(row, col, rows, cols)) {
                                out.entry(name.clone()).or_insert_with(Vec::new).push(d);
                                kept += 1;
                            }
                        }
                        let repeat = number(e, "table:number-columns-repeated").max(1);
                        col = col.saturating_add(repeat);
                    }
                    _ => {}
                }
            }
            Event::End(e) => match e.name().0 {
                "table:table-row" => row = row.saturating_add(row_repeat),
                "table:table" => table = None,
                _ => {}
            },
            _ => {}
        }
        buf.clear();
    }
    out
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
        .map(|a| a.value.into_owned())
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
}
