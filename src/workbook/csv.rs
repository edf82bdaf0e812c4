//! CSV files: UTF-8 (with or without BOM), GBK / GB18030 and other legacy
//! encodings detected with `chardetng`, decoded with `encoding_rs`.

use std::path::Path;

use super::{Format, Sheet, Workbook};
use crate::error::ReadErrorKind;

/// Decodes CSV bytes into text, detecting the encoding. Returns the text and
/// the name of the encoding used.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), ReadErrorKind> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(|s| (s.to_string(), "UTF-8"))
            .map_err(|e| ReadErrorKind::Encoding(format!("UTF-8 BOM but invalid UTF-8: {e}")));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, _, _) = enc.decode(bytes);
        return Ok((text.into_owned(), enc.name()));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), "UTF-8"));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    // Chinese ledgers: prefer the GB family when the detector is unsure.
    let enc = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    let enc = if enc == encoding_rs::GBK {
        encoding_rs::GB18030
    } else {
        enc
    };
    let (text, _, had_errors) = enc.decode(bytes);
    if had_errors {
        return Err(ReadErrorKind::Encoding(
            crate::message::Message::new("detail-not-valid-encoding")
                .text("encoding", enc.name())
                .render(),
        ));
    }
    Ok((text.into_owned(), enc.name()))
}

/// Reads a CSV file into a one-sheet workbook named after the file's stem.
pub(super) fn read_csv(path: &Path, bytes: &[u8]) -> Result<Workbook, ReadErrorKind> {
    if bytes.contains(&0) && !bytes.starts_with(b"\xFF\xFE") && !bytes.starts_with(b"\xFE\xFF") {
        return Err(ReadErrorKind::NotASpreadsheet(crate::message::tr(
            "detail-binary-csv",
        )));
    }
    let (text, _) = decode(bytes)?;
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Workbook {
        sheets: vec![parse(&name, &text)?],
    })
}

/// Parses CSV text into a sheet; the delimiter (`,`, `;`, tab) is guessed from
/// the first line.
pub fn parse(name: &str, text: &str) -> Result<Sheet, ReadErrorKind> {
    // The delimiter that occurs most in the first lines; a comma on ties.
    let head: String = text.lines().take(20).collect::<Vec<_>>().join("\n");
    let mut delimiter = b',';
    let mut best = head.bytes().filter(|&b| b == b',').count();
    for d in [b'\t', b';'] {
        let n = head.bytes().filter(|&b| b == d).count();
        if n > best {
            best = n;
            delimiter = d;
        }
    }
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut sheet = Sheet::new(name, 0, 0);
    for (r, record) in reader.records().enumerate() {
        let record = record.map_err(|e| ReadErrorKind::Corrupt(format!("bad CSV: {e}")))?;
        for (c, field) in record.iter().enumerate() {
            if !field.trim().is_empty() {
                sheet
                    .set_text(r, c, field, Format::default())
                    .map_err(|t| {
                        ReadErrorKind::TooLarge(
                            crate::message::Message::new("detail-file-spans")
                                .text("rows", t.rows.to_string())
                                .text("cols", t.cols.to_string())
                                .render(),
                        )
                    })?;
            }
        }
    }
    sheet.trim();
    Ok(sheet)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_gbk_and_utf8_bom() {
        let (gbk, _, _) = encoding_rs::GBK.encode("项目,金额\n一般公共预算,1721.1\n合计,1721.1\n");
        let (text, enc) = decode(&gbk).unwrap();
        assert!(text.starts_with("项目,金额"), "{enc}: {text}");
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice("项目,金额".as_bytes());
        assert_eq!(decode(&bom).unwrap().0, "项目,金额");
    }

    #[test]
    fn parses_quoted_fields_and_numbers() {
        let sheet = parse("t", "项目,金额\n\"一般,公共\",\"1,721.10\"\n").unwrap();
        assert_eq!(sheet.cell(1, 0).text(), Some("一般,公共"));
        assert_eq!(sheet.cell(1, 1).shown_decimals(), Some(2));
    }
}
