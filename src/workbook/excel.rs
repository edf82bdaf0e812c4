//! Excel and OpenDocument workbooks through calamine.

use crate::message::Message;
use std::fs::File;
use std::io::{BufReader, Cursor, Read, Seek};
use std::path::Path;
use std::sync::Arc;

use calamine::{Data, DataRef, Dimensions, Ods, Reader, Xls, Xlsb, Xlsx};

use super::FileKind;
use super::{Format, Rect, Sheet, TooLarge, Value, Workbook};
use crate::amount::unescape_xml;
use crate::amount::{decimal_from_f64, format_is_percent, format_shows, Number};
use crate::error::ReadErrorKind;

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Files larger than this have their raw XML scanned (for formulas and
/// merges) on a second thread while the cells are read.
const SCAN_BESIDE: u64 = 1 << 20;

/// Files up to this size are read into memory in one go (a zip is read by
/// seeking back and forth); bigger ones are streamed from the file, so a
/// 30 MB ledger is not held twice.
const IN_MEMORY: u64 = 8 << 20;

/// Where a workbook's bytes come from.
pub(super) enum Source {
    Memory(Cursor<Arc<[u8]>>),
    File(BufReader<File>),
    /// A big xlsx rebuilt with its big sheets inflated ahead.
    Unpacked(Box<super::unpack::Unpacked>),
}

impl Source {
    pub(super) fn open(path: &Path) -> Result<Source, ReadErrorKind> {
        Source::open_with(path, IN_MEMORY)
    }

    fn open_with(path: &Path, in_memory: u64) -> Result<Source, ReadErrorKind> {
        let file = File::open(path).map_err(ReadErrorKind::Io)?;
        let size = file.metadata().map_err(ReadErrorKind::Io)?.len();
        if size > in_memory {
            return Ok(Source::File(BufReader::with_capacity(1 << 16, file)));
        }
        let mut bytes = Vec::with_capacity(size as usize);
        BufReader::new(file)
            .read_to_end(&mut bytes)
            .map_err(ReadErrorKind::Io)?;
        Ok(Source::Memory(Cursor::new(bytes.into())))
    }

    /// A second, independent reader of the same bytes.
    pub(super) fn again(&self, path: &Path) -> Result<Source, ReadErrorKind> {
        match self {
            Source::Memory(c) => Ok(Source::Memory(Cursor::new(c.get_ref().clone()))),
            Source::File(_) | Source::Unpacked(_) => Source::open(path),
        }
    }

    /// What opens further independent readers (for helper threads).
    pub(super) fn reopener(&self, path: &Path) -> Box<dyn Fn() -> Option<Source> + Send + Sync> {
        match self {
            Source::Memory(c) => {
                let bytes = c.get_ref().clone();
                Box::new(move || Some(Source::Memory(Cursor::new(bytes.clone()))))
            }
            Source::File(_) | Source::Unpacked(_) => {
                let path = path.to_path_buf();
                Box::new(move || Source::open(&path).ok())
            }
        }
    }
}

impl Read for Source {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Source::Memory(c) => c.read(buf),
            Source::File(f) => f.read(buf),
            Source::Unpacked(u) => u.read(buf),
        }
    }
}

impl Seek for Source {
    fn seek(&mut self, pos: std::io::SeekFrom) -> std::io::Result<u64> {
        match self {
            Source::Memory(c) => c.seek(pos),
            Source::File(f) => f.seek(pos),
            Source::Unpacked(u) => u.seek(pos),
        }
    }
}

pub(super) fn read_excel(path: &Path, kind: FileKind) -> Result<Workbook, ReadErrorKind> {
    read_from(path, kind, Source::open(path)?, Sizes::default())
}

/// From what sizes the big-file paths are taken (tests take them on small
/// files).
#[derive(Clone, Copy)]
struct Sizes {
    /// Files larger than this are scanned on a second thread.
    scan_beside: u64,
    /// Worksheets with this much XML or more are inflated ahead.
    unpack_from: u64,
}

impl Default for Sizes {
    fn default() -> Sizes {
        Sizes {
            scan_beside: SCAN_BESIDE,
            unpack_from: super::unpack::UNPACK_FROM,
        }
    }
}

fn read_from(
    path: &Path,
    kind: FileKind,
    mut file: Source,
    sizes: Sizes,
) -> Result<Workbook, ReadErrorKind> {
    let head = read_head(&mut file)?;
    let is_zip = head.starts_with(ZIP_MAGIC) || head.starts_with(b"PK\x05\x06");
    if !is_zip && !head.starts_with(CFB_MAGIC) {
        return read_text_export(path);
    }
    // Trust the bytes over the extension: an xlsx renamed .xls is common.
    let kind = match (kind, is_zip) {
        (FileKind::Xls, true) => FileKind::Xlsx,
        (k, _) => k,
    };
    match kind {
        FileKind::Xlsx => read_xlsx_from(path, file, sizes),
        FileKind::Xlsb => {
            refuse_bombs(path, &file)?;
            let mut wb = Xlsb::new(file).map_err(xlsb_err)?;
            read_xlsb(&mut wb)
        }
        FileKind::Xls => {
            let mut wb = Xls::new(file).map_err(xls_err)?;
            let styles = xf_formats(wb.xf_styles());
            let extras = |wb: &mut Xls<Source>, name: &str| xls_extras(wb, &styles, name);
            // Chart sheets and the like have no cells: skipped.
            read_whole(&mut wb, xls_err, extras, true)
        }
        FileKind::Ods => {
            refuse_bombs(path, &file)?;
            // Merged cells, formats, hidden rows and formulas, which
            // calamine does not read from an ODS.
            // They are read on a second thread while calamine reads the
            // cells.
            let second = file.again(path);
            let (wb, facts) = std::thread::scope(|scope| {
                let facts = scope.spawn(|| second.map(super::ods::facts).unwrap_or_default());
                let wb = Ods::new(file);
                (wb, facts.join().unwrap_or_default())
            });
            let facts = std::cell::RefCell::new(facts);
            let mut wb = wb.map_err(ods_err)?;
            let extras = |_: &mut Ods<Source>, name: &str| {
                let f = facts.borrow_mut().remove(name).unwrap_or_default();
                Extras {
                    merged: f.merged,
                    formats: f.formats,
                    hidden_rows: f.hidden_rows,
                    formulas: f.formulas,
                }
            };
            read_whole(&mut wb, ods_err, extras, false)
        }
        FileKind::Csv | FileKind::Text | FileKind::Docx | FileKind::Pdf => {
            Err(ReadErrorKind::NotASpreadsheet("not a workbook".into()))
        }
    }
}

/// The first bytes of a file (up to 8, for its signature); the file is
/// rewound. An empty file is an error.
fn read_head(file: &mut Source) -> Result<Vec<u8>, ReadErrorKind> {
    let mut head = Vec::with_capacity(8);
    file.take(8)
        .read_to_end(&mut head)
        .map_err(ReadErrorKind::Io)?;
    file.rewind().map_err(ReadErrorKind::Io)?;
    if head.is_empty() {
        return Err(ReadErrorKind::Empty);
    }
    Ok(head)
}

/// A file with a workbook's extension but neither a zip's nor an OLE
/// container's signature. Tab- or comma-separated text saved as .xls is a
/// common export: read as CSV; anything else is named for what it is.
fn read_text_export(path: &Path) -> Result<Workbook, ReadErrorKind> {
    let bytes = std::fs::read(path).map_err(ReadErrorKind::Io)?;
    let what = sniff(&bytes);
    if what == "sniff-text" {
        if let Ok(wb) = super::csv::read_csv(path, &bytes) {
            if wb.sheets.iter().any(|s| s.cols() >= 2 && s.rows() >= 2) {
                return Ok(wb);
            }
        }
    }
    Err(ReadErrorKind::NotASpreadsheet(Message::new(what).render()))
}

/// An xlsx. A big one has its big sheets' XML inflated on a helper thread,
/// which also looks for formulas and merged regions, while calamine parses
/// it (see `unpack`); its other sheets are scanned on a second thread
/// while the cells are read.
fn read_xlsx_from(path: &Path, file: Source, sizes: Sizes) -> Result<Workbook, ReadErrorKind> {
    check_claims(path, &file)?;
    let size = match &file {
        Source::Memory(c) => c.get_ref().len() as u64,
        Source::File(f) => f.get_ref().metadata().map_err(ReadErrorKind::Io)?.len(),
        // Built from an original here, never handed in.
        Source::Unpacked(u) => u.len(),
    };
    if size <= sizes.scan_beside {
        let facts = file
            .again(path)
            .ok()
            .and_then(|s| sheet_facts(s, Vec::new()));
        return read_xlsx(file, None, || facts);
    }
    let second = file.again(path);
    let unpacked = super::unpack::Unpacked::new(path, &file, sizes.unpack_from);
    let (file, release, found) = match unpacked {
        Some((u, release, found)) => (Source::Unpacked(Box::new(u)), Some(release), found),
        None => (file, None, Vec::new()),
    };
    std::thread::scope(|scope| {
        let facts = scope.spawn(|| {
            crate::timing::time("sheet facts", || {
                second.ok().and_then(|s| sheet_facts(s, found))
            })
        });
        read_xlsx(file, release, || facts.join().ok().flatten())
    })
}

/// A zip container (ods, xlsb) whose parts inflate like a zip bomb is
/// refused before calamine inflates one (see `bomb`).
fn refuse_bombs(path: &Path, file: &Source) -> Result<(), ReadErrorKind> {
    let Ok(src) = file.again(path) else {
        return Ok(());
    };
    let Ok(mut zip) = zip::ZipArchive::new(src) else {
        return Ok(()); // calamine says what is wrong with the archive
    };
    super::bomb::check(&mut zip).map_err(ReadErrorKind::TooLarge)
}

/// What an xlsx claims, checked before calamine acts on it: whether its
/// parts inflate like a zip bomb, the size of
/// its shared strings, and that no two sheets are one part (1,000 sheets
/// naming one part took 100 s, reading it 1,000 times).
fn check_claims(path: &Path, file: &Source) -> Result<(), ReadErrorKind> {
    let Ok(src) = file.again(path) else {
        return Ok(());
    };
    let Ok(mut zip) = zip::ZipArchive::new(src) else {
        return Ok(()); // calamine says what is wrong with the archive
    };
    super::bomb::check(&mut zip).map_err(ReadErrorKind::TooLarge)?;
    check_shared_strings(&mut zip)?;
    let mut parts: Vec<String> = sheet_paths(&mut zip)
        .unwrap_or_default()
        .into_iter()
        .map(|(_, part)| part)
        .collect();
    let sheets = parts.len();
    parts.sort_unstable();
    parts.dedup();
    if parts.len() < sheets {
        return Err(ReadErrorKind::Corrupt(
            Message::new("detail-sheets-share-a-part")
                .count("sheets", sheets)
                .count("parts", parts.len())
                .render(),
        ));
    }
    Ok(())
}

/// The most shared strings a workbook may claim: calamine reserves room
/// for all it is told of (24 bytes each) before reading one.
const MAX_SHARED_STRINGS: u64 = 20_000_000;

/// Checks the size the shared-strings table claims before calamine reserves
/// room for it: `uniqueCount="4294967295"` in a 1 KB part made calamine ask
/// for 103 GB and abort the process. An entry takes at least `<si><t/></si>`
/// (12 bytes), so a part of n bytes holds at most n / 12 of them.
fn check_shared_strings(zip: &mut zip::ZipArchive<Source>) -> Result<(), ReadErrorKind> {
    let Ok(entry) = zip.by_name("xl/sharedStrings.xml") else {
        return Ok(());
    };
    let size = entry.size();
    let mut head = Vec::new();
    if entry.take(64 * 1024).read_to_end(&mut head).is_err() {
        return Ok(());
    }
    let Some(claimed) = number_after(&head, b"uniqueCount=\"") else {
        return Ok(());
    };
    let holds = size / 12 + 1;
    if claimed > holds.min(MAX_SHARED_STRINGS) {
        return Err(ReadErrorKind::TooLarge(
            Message::new("detail-shared-strings")
                .text("claimed", claimed.to_string())
                .text("size", size.to_string())
                .text("holds", holds.to_string())
                .render(),
        ));
    }
    Ok(())
}

/// The decimal number right after the first `key` in `xml`.
fn number_after(xml: &[u8], key: &[u8]) -> Option<u64> {
    let at = memchr::memmem::find(xml, key)? + key.len();
    let digits = xml[at..].iter().take_while(|b| b.is_ascii_digit()).count();
    std::str::from_utf8(&xml[at..at + digits])
        .ok()?
        .parse()
        .ok()
}

/// What a sheet read whole has besides its values: merged regions, each
/// cell's format, hidden rows and formulas (row and column zero-based).
#[derive(Default)]
struct Extras {
    merged: Vec<Dimensions>,
    formats: std::collections::HashMap<(usize, usize), Format>,
    hidden_rows: Vec<usize>,
    formulas: Vec<(usize, usize, String)>,
}

/// An xls sheet's [`Extras`], from the records calamine keeps for us
/// (`crossfoot:` in `vendor/calamine/src/xls.rs`): each cell's XF gives
/// its number format and indent.
fn xls_extras(wb: &mut Xls<Source>, styles: &[Format], name: &str) -> Extras {
    let formats = wb
        .worksheet_cell_xfs(name)
        .unwrap_or_default()
        .iter()
        .filter_map(|&(r, c, xf)| {
            let f = *styles.get(usize::from(xf))?;
            (f != Format::default()).then_some(((r as usize, c as usize), f))
        })
        .collect();
    let formulas = wb
        .worksheet_formula_cells(name)
        .unwrap_or_default()
        .iter()
        .map(|c| {
            let (r, col) = c.get_position();
            (r as usize, col as usize, c.get_value().clone())
        })
        .collect();
    Extras {
        merged: wb.merge_cells_by_sheet_name(name).unwrap_or_default(),
        formats,
        hidden_rows: wb
            .worksheet_hidden_rows(name)
            .unwrap_or_default()
            .iter()
            .map(|&r| r as usize)
            .collect(),
        formulas,
    }
}

/// Every worksheet of an xlsb, cell by cell: values with the number
/// format and indent of each cell's XF, hidden rows, merged regions and
/// formulas (a formula's value is what calamine reads; one saved without a
/// value is computed here).
fn read_xlsb(wb: &mut Xlsb<Source>) -> Result<Workbook, ReadErrorKind> {
    let styles = xf_formats(wb.xf_styles());
    let names = worksheet_names(wb.sheets_metadata());
    let mut sheets = Vec::new();
    for name in &names {
        let mut reader = wb.worksheet_cells_reader(name).map_err(xlsb_err)?;
        let dims = reader.dimensions();
        let (rows, cols) = if dims.start == (0, 0) {
            (dims.end.0 as usize + 1, dims.end.1 as usize + 1)
        } else {
            (0, 0)
        };
        let mut sheet = Sheet::new(name, rows.min(1 << 20), cols.min(1 << 14));
        while let Some(cell) = reader.next_cell().map_err(xlsb_err)? {
            let d = cell.get_value();
            if matches!(d, DataRef::Empty) {
                continue;
            }
            let (r, c) = cell.get_position();
            let format = styles.get(reader.style()).copied().unwrap_or_default();
            put_ref(&mut sheet, (r as usize, c as usize), d, format).map_err(too_large(name))?;
        }
        let hidden: Vec<usize> = reader.hidden_rows().iter().map(|&r| r as usize).collect();
        let merged = reader.merged_cells();
        drop(reader);
        sheet.trim();
        sheet.set_hidden_rows(hidden);
        sheet.set_merged(merged_rects(&merged));
        // Formulas one by one, never as a dense range.
        if let Ok(mut cells) = wb.worksheet_cells_reader(name) {
            let formulas = std::iter::from_fn(|| cells.next_formula().ok().flatten()).map(|c| {
                let (r, col) = c.get_position();
                (r as usize, col as usize, c.get_value().clone())
            });
            add_formulas(&mut sheet, formulas);
        }
        sheets.push(sheet);
    }
    Ok(Workbook { sheets })
}

/// How a cell with number format `code` (if any) and alignment indent
/// `indent` is shown: decimals, percent and scale (see
/// [`format_shows`]).
fn format_from_code(code: Option<&str>, indent: u8) -> Format {
    match code {
        Some(code) => {
            let shows = format_shows(code);
            Format {
                decimals: shows.map(|(d, _)| d),
                percent: format_is_percent(code),
                scale: shows.map_or(0, |(_, s)| s),
                indent,
            }
        }
        None => Format {
            indent,
            ..Format::default()
        },
    }
}

/// Every sheet of a workbook calamine reads whole (xlsb, xls, ods), with
/// the [`Extras`] `extras` gives. A sheet that cannot be read is an
/// error, or with `skip_unreadable` is left out (unless it is the only
/// sheet).
fn read_whole<R: Reader<Source>>(
    wb: &mut R,
    err: fn(R::Error) -> ReadErrorKind,
    extras: impl Fn(&mut R, &str) -> Extras,
    skip_unreadable: bool,
) -> Result<Workbook, ReadErrorKind> {
    let names = wb.sheet_names();
    let mut sheets = Vec::new();
    for name in &names {
        let range = match wb.worksheet_range(name) {
            Ok(r) => r,
            Err(e) if !skip_unreadable || (sheets.is_empty() && names.len() == 1) => {
                return Err(err(e))
            }
            Err(_) => continue,
        };
        let extras = extras(wb, name);
        sheets.push(sheet_from_range(name, &range, extras)?);
    }
    Ok(Workbook { sheets })
}

/// The value of attribute `name` (with its leading space and `=`) in a
/// tag's bytes, in either quote.
fn attr_value<'a>(tag: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let at = memchr::memmem::find(tag, name)? + name.len();
    let quote = *tag.get(at)?;
    if !matches!(quote, b'"' | b'\'') {
        return None;
    }
    let rest = &tag[at + 1..];
    Some(&rest[..memchr::memchr(quote, rest)?])
}

/// Whether a sheet's XML has a formula, and its merged regions.
pub(super) type Fact = (bool, Vec<Dimensions>, Vec<usize>);

/// Per sheet name, its [`Fact`].
type Facts = std::collections::HashMap<String, Fact>;

/// What the raw XML of each worksheet says without a full parse: whether it
/// has formulas, and its merged regions. Keyed by sheet name. `None` when
/// the package cannot be read this way (then calamine is asked instead).
/// A sheet in `found` is being scanned by its inflater: its facts are
/// awaited from there.
fn sheet_facts(file: Source, mut found: super::unpack::Found) -> Option<Facts> {
    let mut zip = zip::ZipArchive::new(file).ok()?;
    let mut out = std::collections::HashMap::new();
    for (name, path) in sheet_paths(&mut zip)? {
        if let Some(i) = found.iter().position(|(p, _)| *p == path) {
            if let Ok(fact) = found.swap_remove(i).1.recv() {
                out.insert(name, fact);
            }
            continue;
        }
        // Stream the sheet's XML in chunks (a 500,000-row sheet is hundreds
        // of megabytes unpacked).
        let Ok(mut entry) = zip.by_name(&path) else {
            continue;
        };
        let mut scan = Scan::default();
        let mut chunk = vec![0u8; 1 << 16];
        loop {
            match entry.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => scan.feed(&chunk[..n]),
            }
        }
        out.insert(name, scan.finish());
    }
    Some(out)
}

/// Each worksheet's name and its XML's path in the package, in workbook
/// order, from `xl/workbook.xml` and its relationships (a sheet whose
/// relationship is missing is left out).
fn sheet_paths(zip: &mut zip::ZipArchive<Source>) -> Option<Vec<(String, String)>> {
    let mut read = |name: &str| -> Option<String> {
        let mut s = Vec::new();
        zip.by_name(name).ok()?.read_to_end(&mut s).ok()?;
        String::from_utf8(s).ok()
    };
    let workbook = read("xl/workbook.xml")?;
    let rels = read("xl/_rels/workbook.xml.rels")?;
    let mut targets = std::collections::HashMap::new();
    for rel in rels.split("<Relationship ").skip(1) {
        let tag = rel.split('>').next()?;
        if let (Some(id), Some(t)) = (xml_attr(tag, "Id"), xml_attr(tag, "Target")) {
            let t = t.trim_start_matches('/');
            let path = if t.starts_with("xl/") {
                t.to_string()
            } else {
                format!("xl/{t}")
            };
            targets.insert(id, path);
        }
    }
    let mut out = Vec::new();
    for sheet in workbook.split("<sheet ").skip(1) {
        let tag = sheet.split('>').next()?;
        let name = unescape_xml(&xml_attr(tag, "name")?);
        let id = tag
            .split_whitespace()
            .find(|a| a.contains(":id=\"") || a.starts_with("id=\""))?
            .split('"')
            .nth(1)?;
        if let Some(path) = targets.get(id) {
            out.push((name, path.clone()));
        }
    }
    Some(out)
}

/// The value of attribute `name` in the text of an XML tag.
fn xml_attr(tag: &str, name: &str) -> Option<String> {
    let tag = format!(" {tag}");
    let i = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(tag[i..].split('"').next()?.to_string())
}

/// Looks through a sheet's XML as it streams past, in chunks: for a formula
/// element anywhere, and for the `<mergeCells>` part, which comes after the
/// data and alone is kept.
#[derive(Default)]
pub(super) struct Scan {
    formulas: bool,
    in_merges: bool,
    tail: Vec<u8>,
    carry: Vec<u8>,
    /// Rows marked `hidden` (zero-based).
    hidden: Vec<usize>,
    /// Bytes fed so far.
    fed: u64,
    /// Where (absolute) the next unread row tag may start.
    next_tag: u64,
    /// The row of the last row tag read (zero-based): a tag without `r` is
    /// the row after it.
    last_row: Option<usize>,
}

impl Scan {
    pub(super) fn feed(&mut self, chunk: &[u8]) {
        // A tag may straddle two chunks: the last few bytes of the one
        // before are looked at again.
        let joined;
        let buf = if self.carry.is_empty() {
            chunk
        } else {
            let mut b = std::mem::take(&mut self.carry);
            b.extend_from_slice(chunk);
            joined = b;
            &joined[..]
        };
        if !self.formulas {
            // A formula element, `<f>`, `<f …>` or `<x:f…>`: one pass for
            // the letter (rare in cell XML), then its neighbours.
            self.formulas = memchr::memchr_iter(b'f', buf).any(|i| {
                i > 0
                    && matches!(buf[i - 1], b'<' | b':')
                    && matches!(buf.get(i + 1), Some(b'>' | b' ' | b'/'))
            });
        }
        // Hidden rows: each row tag is read once (the carried bytes were
        // read before), its number from `r` or, without it, counted on
        // from the row before; `hidden="1"` or `hidden='true'`.
        let start = self.fed - (buf.len() - chunk.len()) as u64;
        self.fed += chunk.len() as u64;
        for at in memchr::memmem::find_iter(buf, b"row") {
            let opens = at > 0
                && (buf[at - 1] == b'<'
                    || (buf[at - 1] == b':'
                        && buf[..at - 1]
                            .iter()
                            .rev()
                            .take(8)
                            .position(|&b| b == b'<')
                            .is_some()));
            if !opens || !matches!(buf.get(at + 3), Some(b' ' | b'>' | b'/')) {
                continue;
            }
            let abs = start + at as u64;
            if abs < self.next_tag {
                continue;
            }
            let Some(len) = memchr::memchr(b'>', &buf[at..]) else {
                break; // the tag goes on in the next chunk
            };
            self.next_tag = abs + 1;
            let tag = &buf[at..at + len];
            let number = attr_value(tag, b" r=").and_then(|n| {
                std::str::from_utf8(n)
                    .ok()?
                    .parse::<usize>()
                    .ok()
                    .filter(|&n| n >= 1)
            });
            let row = match number {
                Some(n) => n - 1,
                None => self.last_row.map_or(0, |r| r + 1),
            };
            self.last_row = Some(row);
            if attr_value(tag, b" hidden=").is_some_and(|v| v == b"1" || v == b"true") {
                self.hidden.push(row);
            }
        }
        if self.in_merges {
            self.tail.extend_from_slice(buf);
        } else if let Some(at) = memchr::memmem::find(buf, b"<mergeCells") {
            self.in_merges = true;
            self.tail.extend_from_slice(&buf[at..]);
        } else {
            // Enough for a row tag cut in two.
            self.carry = buf[buf.len().saturating_sub(256)..].to_vec();
        }
    }

    /// Whether a formula was seen, and the merged regions.
    pub(super) fn finish(self) -> Fact {
        let tail = self.tail;
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
        let mut hidden = self.hidden;
        hidden.sort_unstable();
        hidden.dedup();
        (self.formulas, merged, hidden)
    }
}

/// Every worksheet of an xlsx, then their merged regions and formulas.
/// `release` lets go of the inflaters as sheets are read; `facts` says
/// what the raw XML holds (asked once the cells are read).
fn read_xlsx(
    file: Source,
    release: Option<super::unpack::Release>,
    facts: impl FnOnce() -> Option<Facts>,
) -> Result<Workbook, ReadErrorKind> {
    let mut wb = crate::timing::time(" open", || Xlsx::new(file)).map_err(xlsx_err)?;
    let names = worksheet_names(wb.sheets_metadata());
    let mut sheets = Vec::new();
    for name in &names {
        let mut sheet = read_worksheet(&mut wb, name)?;
        // The sheet's inflater (if any) goes on only to finish its scan.
        if let Some(r) = &release {
            r.sheet_read();
        }
        sheet.trim();
        sheets.push(sheet);
    }
    if let Some(r) = &release {
        r.all_read();
    }
    let facts = facts();
    for sheet in &mut sheets {
        add_merges_and_formulas(
            &mut wb,
            sheet,
            facts.as_ref().and_then(|f| f.get(&sheet.name)),
        );
    }
    // A big workbook's shared strings are millions of allocations.
    if sheets
        .iter()
        .any(|s| s.rows() * s.cols() >= crate::dispose::BIG_SHEET)
    {
        crate::dispose::later(wb);
    }
    Ok(Workbook { sheets })
}

/// The cells of worksheet `name`, untrimmed. They go straight into a grid
/// of the size the sheet declares (up to a point); it grows if a cell lies
/// outside (a wrong <dimension>).
fn read_worksheet(wb: &mut Xlsx<Source>, name: &str) -> Result<Sheet, ReadErrorKind> {
    let mut reader = wb.worksheet_cells_reader(name).map_err(xlsx_err)?;
    let dims = reader.dimensions();
    let (rows, cols) = if dims.start == (0, 0) {
        (dims.end.0 as usize + 1, dims.end.1 as usize + 1)
    } else {
        (0, 0)
    };
    let sheet = Sheet::new(name, rows, cols);
    let formats: Vec<Format> = reader
        .styles()
        .iter()
        .map(|s| {
            format_from_code(
                s.number_format.as_ref().map(|nf| nf.format_code.as_str()),
                indent_of(s),
            )
        })
        .collect();
    let mut done = false;
    let next = |batch| next_batch(&mut reader, &mut done, batch);
    if rows * cols >= PIPELINE_CELLS {
        fill_on_two_threads(next, sheet, &formats, name)
    } else {
        fill(next, sheet, &formats, name)
    }
}

/// Fills `sheet` with the batches `next` reads, on this thread.
fn fill<'a>(
    mut next: impl FnMut(Batch<'a>) -> Result<Option<Batch<'a>>, ReadErrorKind>,
    mut sheet: Sheet,
    formats: &[Format],
    name: &str,
) -> Result<Sheet, ReadErrorKind> {
    let mut batch = Batch::default();
    while let Some(full) = next(batch)? {
        full.fill(&mut sheet, formats).map_err(too_large(name))?;
        batch = full;
    }
    Ok(sheet)
}

/// Fills `sheet` with the batches `next` reads: calamine parses the XML on
/// this thread while a second converts the cells (decimals, numbers in
/// text) and fills the sheet; emptied batches come back to be refilled.
fn fill_on_two_threads<'a>(
    mut next: impl FnMut(Batch<'a>) -> Result<Option<Batch<'a>>, ReadErrorKind>,
    sheet: Sheet,
    formats: &[Format],
    name: &str,
) -> Result<Sheet, ReadErrorKind> {
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(4);
        let (back, returned) = std::sync::mpsc::channel::<Batch>();
        let filler = scope.spawn(move || {
            let mut sheet = sheet;
            for batch in rx {
                batch.fill(&mut sheet, formats)?;
                back.send(batch).ok();
            }
            Ok::<_, TooLarge>(sheet)
        });
        let mut read = Ok(());
        loop {
            match next(returned.try_recv().unwrap_or_default()) {
                Ok(Some(batch)) => {
                    if tx.send(batch).is_err() {
                        break; // the filler stopped: its error says why
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    read = Err(e);
                    break;
                }
            }
        }
        drop(tx);
        let filled = filler
            .join()
            .map_err(|_| ReadErrorKind::Corrupt(Message::new("detail-reader-failed").render()))?;
        read?;
        filled.map_err(too_large(name))
    })
}

/// A sheet's merged regions and formulas, which need more passes over its
/// XML: taken from its `fact` where the raw XML was scanned, and skipped
/// when that shows the sheet has no formulas.
fn add_merges_and_formulas(wb: &mut Xlsx<Source>, sheet: &mut Sheet, fact: Option<&Fact>) {
    if let Some((_, _, hidden)) = fact {
        sheet.set_hidden_rows(hidden.clone());
    }
    let merged = match fact {
        Some((_, m, _)) => m.clone(),
        #[allow(deprecated)]
        None => wb
            .worksheet_merge_cells(&sheet.name)
            .and_then(Result::ok)
            .unwrap_or_default(),
    };
    sheet.set_merged(merged_rects(&merged));
    if matches!(fact, Some((false, _, _))) {
        return;
    }
    // Formula cells one by one, never as calamine's dense `Range`: two
    // formulas at D8 and XFD1048576 would make that a grid of 17 billion
    // strings (a 5 KB file aborting the process).
    let Ok(mut cells) = wb.worksheet_cells_reader(&sheet.name) else {
        return;
    };
    while let Ok(Some(cell)) = cells.next_formula() {
        let formula = cell.get_value();
        if !formula.is_empty() {
            let (row, col) = cell.get_position();
            sheet.set_formula(row as usize, col as usize, formula.clone());
        }
    }
    sheet.compute_uncached();
}

fn too_large(name: &str) -> impl Fn(TooLarge) -> ReadErrorKind + '_ {
    move |t| {
        ReadErrorKind::TooLarge(
            Message::new("detail-sheet-spans")
                .text("sheet", name)
                .text("rows", t.rows.to_string())
                .text("cols", t.cols.to_string())
                .render(),
        )
    }
}

fn sheet_from_range(
    name: &str,
    range: &calamine::Range<Data>,
    extras: Extras,
) -> Result<Sheet, ReadErrorKind> {
    let Some((r0, c0)) = range.start() else {
        return Ok(Sheet::new(name, 0, 0));
    };
    let (r0, c0) = (r0 as usize, c0 as usize);
    let (h, w) = range.get_size();
    let mut sheet = Sheet::new(name, r0 + h, c0 + w);
    for (row, col, data) in range.used_cells() {
        let at = (r0 + row, c0 + col);
        let format = extras.formats.get(&at).copied().unwrap_or_default();
        put_data(&mut sheet, at, data, format).map_err(too_large(name))?;
    }
    sheet.trim();
    sheet.set_merged(merged_rects(&extras.merged));
    sheet.set_hidden_rows(extras.hidden_rows);
    add_formulas(&mut sheet, extras.formulas);
    Ok(sheet)
}

/// Sets the formulas of a sheet read whole (those outside its cells are
/// left out), then computes any saved without a value.
fn add_formulas(sheet: &mut Sheet, formulas: impl IntoIterator<Item = (usize, usize, String)>) {
    let (rows, cols) = (sheet.rows(), sheet.cols());
    let mut any = false;
    for (r, c, formula) in formulas {
        if !formula.is_empty() && r < rows && c < cols {
            sheet.set_formula(r, c, formula);
            any = true;
        }
    }
    if any {
        sheet.compute_uncached();
    }
}

/// Each XF's number format and indent as a [`Format`], by XF index.
fn xf_formats(styles: &[calamine::XfStyle]) -> Vec<Format> {
    styles
        .iter()
        .map(|x| format_from_code(x.format_code.as_deref(), x.indent))
        .collect()
}

/// The worksheets of a workbook, in order (chart sheets have no cells).
fn worksheet_names(sheets: &[calamine::Sheet]) -> Vec<String> {
    sheets
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect()
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

/// Stores a float cell: the decimal it displays as, or `#NUM!` when it has
/// none (NaN, infinities, beyond `Decimal`).
fn put_float(
    sheet: &mut Sheet,
    (r, c): (usize, usize),
    f: f64,
    format: Format,
) -> Result<(), TooLarge> {
    match decimal_from_f64(f) {
        Some((value, written_decimals)) => sheet.set_number(
            r,
            c,
            as_shown(
                Number {
                    value,
                    written_decimals,
                    unit: None,
                    percent: false,
                },
                format,
            ),
            format,
        ),
        None => sheet.set_value(r, c, Value::Error("#NUM!"), format),
    }
}

fn put_int(
    sheet: &mut Sheet,
    (r, c): (usize, usize),
    i: i64,
    format: Format,
) -> Result<(), TooLarge> {
    let n = Number {
        value: i.into(),
        written_decimals: 0,
        unit: None,
        percent: false,
    };
    sheet.set_number(r, c, as_shown(n, format), format)
}

/// A number in the unit its format shows it in: stored in 元 and shown in
/// 万元 by `0!.0,`, it is kept in 万元 (divided by 10⁴, exactly), so that it
/// is added, compared and shown as the reader sees it.
fn as_shown(mut n: Number, format: Format) -> Number {
    if format.scale > 0 {
        let scale = n.value.scale() + u32::from(format.scale);
        if scale <= 28 {
            n.value.set_scale(scale).ok();
            n.written_decimals = n.written_decimals.saturating_add(format.scale);
        }
    }
    n
}

/// Cells per batch handed from the XML reader to the filler.
const BATCH: usize = 16_384;

/// Sheets with at least this many cells are read on two threads.
const PIPELINE_CELLS: usize = 200_000;

/// Fills an emptied batch with the next cells of the sheet (the buffers go
/// round rather than being reallocated); `None` at the end of the sheet.
fn next_batch<'a, RS: Read + Seek>(
    reader: &mut calamine::XlsxCellReader<'a, RS>,
    done: &mut bool,
    mut batch: Batch<'a>,
) -> Result<Option<Batch<'a>>, ReadErrorKind> {
    batch.cells.clear();
    batch.cells.reserve(BATCH);
    // Cells are moved in as calamine returns them (empty ones included):
    // this thread is the bottleneck, so anything more is left to the filler
    // (taking the value apart here measured 0.1 s slower on 4 M cells).
    while !*done && batch.cells.len() < BATCH {
        match reader.next_cell_with_style_id().map_err(xlsx_err)? {
            Some(cell) => batch.cells.push(cell),
            None => *done = true,
        }
    }
    Ok((!batch.cells.is_empty()).then_some(batch))
}

/// Cells as calamine gave them (shared strings borrowed, not copied), with
/// their style ids, not yet converted.
#[derive(Default)]
struct Batch<'a> {
    cells: Vec<(calamine::Cell<DataRef<'a>>, usize)>,
}

impl Batch<'_> {
    /// Converts the cells and stores them in the sheet.
    fn fill(&self, sheet: &mut Sheet, formats: &[Format]) -> Result<(), TooLarge> {
        for (cell, style) in &self.cells {
            let d = cell.get_value();
            if matches!(d, DataRef::Empty) {
                continue;
            }
            let (r, c) = cell.get_position();
            let format = formats.get(*style).copied().unwrap_or_default();
            put_ref(sheet, (r as usize, c as usize), d, format)?;
        }
        Ok(())
    }
}

/// A style's alignment indent, in levels.
fn indent_of(s: &calamine::Style) -> u8 {
    s.alignment.as_ref().and_then(|a| a.indent).unwrap_or(0)
}

/// Stores calamine's borrowed value (empty cells are skipped).
fn put_ref(
    sheet: &mut Sheet,
    at: (usize, usize),
    d: &DataRef<'_>,
    format: Format,
) -> Result<(), TooLarge> {
    let (r, c) = at;
    match d {
        DataRef::Int(i) => put_int(sheet, at, *i, format),
        DataRef::Float(f) => put_float(sheet, at, *f, format),
        DataRef::String(s) => sheet.set_text(r, c, s, format),
        DataRef::SharedString(s) => sheet.set_text(r, c, s, format),
        DataRef::Bool(b) => sheet.set_value(r, c, Value::Bool(*b), format),
        DataRef::DateTime(d) => {
            let iso = super::iso_date(d.to_ymd_hms_milli());
            sheet.set_value(r, c, Value::Date(&iso), format)
        }
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            sheet.set_value(r, c, Value::Date(s), format)
        }
        DataRef::Error(e) => sheet.set_value(r, c, Value::Error(&e.to_string()), format),
        DataRef::Empty => Ok(()),
    }
}

/// Stores calamine's owned value (xlsb, xls and ods are read whole), as
/// [`put_ref`] does a borrowed one: text is lent, not copied (calamine
/// converts only the other way).
fn put_data(
    sheet: &mut Sheet,
    at: (usize, usize),
    d: &Data,
    format: Format,
) -> Result<(), TooLarge> {
    let lent = match d {
        Data::Int(i) => DataRef::Int(*i),
        Data::Float(f) => DataRef::Float(*f),
        Data::String(s) => DataRef::SharedString(s),
        Data::Bool(b) => DataRef::Bool(*b),
        Data::DateTime(d) => DataRef::DateTime(*d),
        Data::DateTimeIso(s) => DataRef::DateTimeIso(s.clone()),
        Data::DurationIso(s) => DataRef::DurationIso(s.clone()),
        Data::Error(e) => DataRef::Error(e.clone()),
        Data::Empty => DataRef::Empty,
    };
    put_ref(sheet, at, &lent, format)
}

/// Names what a non-workbook file looks like (a catalog id).
fn sniff(bytes: &[u8]) -> &'static str {
    let head = &bytes[..bytes.len().min(512)];
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    if text.contains("<html") || text.contains("<table") || text.contains("<!doctype") {
        "sniff-html"
    } else if bytes.len() >= 4
        && bytes[0] == 0x09
        && matches!(bytes[1], 0x00 | 0x02 | 0x04 | 0x08)
        && bytes[3] == 0x00
    {
        "sniff-biff"
    } else if bytes.starts_with(b"%PDF") {
        "sniff-pdf"
    } else if text.contains("<?xml") {
        "sniff-xml"
    } else if head
        .iter()
        .all(|b| !b.is_ascii_control() || b.is_ascii_whitespace())
    {
        "sniff-text"
    } else {
        "sniff-unknown"
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
        E::Xml(x) => ReadErrorKind::Corrupt(
            Message::new("detail-bad-xml")
                .text("detail", x.to_string())
                .render(),
        ),
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
        E::Cfb(c) => ReadErrorKind::NotASpreadsheet(
            Message::new("detail-bad-ole")
                .text("detail", c.to_string())
                .render(),
        ),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Hidden rows are found whichever quote the XML uses, in chunks that
    /// cut a tag in two.
    #[test]
    fn hidden_rows_are_found_in_either_quote_across_chunks() {
        let xml = br#"<sheetData><row r="2" hidden="1"><c r="A2"/></row><row r='5' spans='1:2' hidden='true'><c r='A5'/></row><row r="6" hidden="0"/><x:row r="9" hidden="1"/><row><c/></row><row hidden="1"/><rowBreaks/></sheetData>"#;
        for cut in [1, 7, 40, 75, xml.len()] {
            let mut scan = Scan::default();
            for chunk in xml.chunks(cut) {
                scan.feed(chunk);
            }
            let (_, _, hidden) = scan.finish();
            // Rows without `r` follow the row before: 10, then 11 (hidden).
            assert_eq!(hidden, vec![1, 4, 8, 10], "chunks of {cut}");
        }
    }

    /// A workbook reads the same from memory and streamed from its file:
    /// values, formats, merges and formulas.
    #[test]
    fn memory_and_file_sources_agree() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        for name in [
            "formulas/short-range.xlsx",
            "seed/total-typo.xlsx",
            "scores/clean.xlsx",
        ] {
            let path = root.join(name);
            let kind = FileKind::from_path(&path).unwrap();
            let memory = Source::open_with(&path, u64::MAX).unwrap();
            let file = Source::open_with(&path, 0).unwrap();
            assert!(matches!(memory, Source::Memory(_)) && matches!(file, Source::File(_)));
            let a = read_from(&path, kind, memory, Sizes::default()).unwrap();
            let b = read_from(&path, kind, file, Sizes::default()).unwrap();
            assert_same(name, &a, &b);
        }
    }

    fn assert_same(name: &str, a: &Workbook, b: &Workbook) {
        assert_eq!(a.sheets.len(), b.sheets.len(), "{name}");
        for (x, y) in a.sheets.iter().zip(&b.sheets) {
            assert_eq!(
                (&x.name, x.rows(), x.cols(), x.merged()),
                (&y.name, y.rows(), y.cols(), y.merged()),
                "{name}"
            );
            for r in 0..x.rows() {
                for c in 0..x.cols() {
                    let at = super::super::a1(r, c);
                    assert_eq!(x.cell(r, c), y.cell(r, c), "{name} {at}");
                    assert_eq!(x.formula(r, c), y.formula(r, c), "{name} {at}");
                }
            }
        }
    }

    fn xlsx_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                xlsx_files(&p, out);
            } else if FileKind::from_path(&p) == Some(FileKind::Xlsx) {
                out.push(p);
            }
        }
    }

    /// Every xlsx of the fixtures and the corpus reads the same with its
    /// worksheets and shared strings inflated ahead (the big-file path,
    /// taken here on every sheet) as read directly by calamine: cells, merges and formulas (a
    /// formula sheet is read twice, so its inflater restarts), and the same
    /// errors.
    #[test]
    fn sheets_inflated_ahead_read_the_same() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        xlsx_files(&root.join("fixtures"), &mut files);
        xlsx_files(&root.join("../shared/corpus/real"), &mut files);
        let eager = Sizes {
            scan_beside: 0,
            unpack_from: 0,
        };
        let mut unpacked = 0;
        for path in &files {
            let name = path.display().to_string();
            let source = || Source::open(path).unwrap();
            if super::super::unpack::Unpacked::new(path, &source(), 0).is_some() {
                unpacked += 1;
            }
            let plain = read_from(path, FileKind::Xlsx, source(), Sizes::default());
            let ahead = read_from(path, FileKind::Xlsx, source(), eager);
            match (&plain, &ahead) {
                (Ok(a), Ok(b)) => assert_same(&name, a, b),
                (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{name}"),
                _ => panic!("{name}: {:?} against {:?}", plain.is_ok(), ahead.is_ok()),
            }
        }
        assert!(
            unpacked >= 20,
            "only {unpacked} of {} unpacked",
            files.len()
        );
    }

    /// A worksheet whose compressed bytes are damaged is an error, not a
    /// hang or a panic, when inflated ahead.
    #[test]
    fn a_damaged_sheet_inflated_ahead_is_an_error() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let original = std::fs::read(root.join("fixtures/seed/total-typo.xlsx")).unwrap();
        let mut zip = zip::ZipArchive::new(Cursor::new(&original)).unwrap();
        let sheet = (0..zip.len())
            .find(|&i| {
                zip.by_index_raw(i)
                    .unwrap()
                    .name()
                    .unwrap()
                    .starts_with("xl/worksheets/")
            })
            .unwrap();
        let e = zip.by_index_raw(sheet).unwrap();
        let (start, len) = (
            e.data_start().unwrap() as usize,
            e.compressed_size() as usize,
        );
        drop(e);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("damaged.xlsx");
        let mut bytes = original.clone();
        for b in &mut bytes[start + len / 3..start + len / 3 + 40] {
            *b = 0xA5;
        }
        std::fs::write(&path, &bytes).unwrap();
        let eager = Sizes {
            scan_beside: 0,
            unpack_from: 0,
        };
        let read = read_from(&path, FileKind::Xlsx, Source::open(&path).unwrap(), eager);
        assert!(read.is_err(), "damaged data read as a sheet");
    }
}
