//! Zip bombs: a workbook (xlsx, xlsb, ods) or a docx whose parts inflate far
//! beyond their compressed size is refused before any part is inflated.
//!
//! The rule is Apache POI's (`ZipSecureFile`, used by Tika to read Office
//! files), with a looser ratio: a part may inflate to at most 250 times its
//! compressed size, beyond a first MiB that any part may have (small parts
//! of a few repeated tags compress better than that). POI's own limit, 100
//! times, refuses a real workbook of the corpus (SheetJS's
//! `large_strings.xlsx`, whose sheet inflates 121 times); deflate's best is
//! about 1,030 times, which is where bombs are made. Ordinary sheet XML
//! inflates 5–30 times. On top, the parts together may not claim more than
//! [`MAX_INFLATED`].
//!
//! Those are the sizes the archive *declares*. A part that inflates past
//! its declared size is an error as it is read (the `zip` crate stops
//! there: "File is larger than its declared uncompressed size"), so an
//! archive that lies about its sizes is caught too; `tests/hostile.rs`
//! makes both kinds.

use std::io::{Read, Seek};

use crate::message::Message;

/// The most a part may inflate to whatever its ratio.
const FREE: u64 = 1 << 20;

/// The most a part may inflate per byte compressed.
const RATIO: u64 = 250;

/// The most all parts together may claim to inflate to.
pub const MAX_INFLATED: u64 = 4 << 30;

/// Checks the sizes an archive's parts declare.
///
/// # Errors
/// A message naming the part and its sizes, when one inflates more than
/// 250 times its compressed size (beyond 1 MiB) or all together claim more
/// than 4 GiB.
pub fn check<R: Read + Seek>(zip: &mut zip::ZipArchive<R>) -> Result<(), String> {
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_raw(i) else {
            continue; // the reader says what is wrong with it
        };
        let (size, packed) = (entry.size(), entry.compressed_size());
        if size > FREE && size / RATIO > packed {
            return Err(Message::new("detail-zip-bomb")
                .text("part", entry.name().unwrap_or_default().to_string())
                .text("packed", packed.to_string())
                .text("size", size.to_string())
                .text("ratio", RATIO.to_string())
                .render());
        }
        total = total.saturating_add(size);
    }
    if total > MAX_INFLATED {
        return Err(Message::new("detail-inflates-too-much")
            .text("total", total.to_string())
            .text("max", MAX_INFLATED.to_string())
            .render());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    fn archive(name: &str, data: &[u8]) -> zip::ZipArchive<Cursor<Vec<u8>>> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file(name, opts).unwrap();
        w.write_all(data).unwrap();
        zip::ZipArchive::new(Cursor::new(w.finish().unwrap().into_inner())).unwrap()
    }

    #[test]
    fn a_part_of_repeated_bytes_past_the_ratio_is_a_bomb() {
        let mut zip = archive("xl/sharedStrings.xml", &vec![b' '; 64 << 20]);
        let e = check(&mut zip).unwrap_err();
        assert!(e.contains("xl/sharedStrings.xml"), "{e}");
    }

    #[test]
    fn small_parts_and_ordinary_xml_pass() {
        assert!(check(&mut archive("a.xml", &vec![b'x'; 900_000])).is_ok());
        let xml: String = (0..200_000)
            .map(|i| {
                format!(
                    "<c r=\"B{i}\" s=\"3\"><v>{}.{:02}</v></c>",
                    i * 37 % 100_003,
                    i % 100
                )
            })
            .collect();
        assert!(check(&mut archive("xl/worksheets/sheet1.xml", xml.as_bytes())).is_ok());
    }
}
