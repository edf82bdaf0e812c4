//! A big xlsx as calamine sees it: the same archive, except that its big
//! worksheets (and big shared strings) are presented stored (uncompressed),
//! their XML inflated on a helper thread while calamine parses it.
//!
//! calamine reads a sheet on one thread, inflating the XML as it parses it;
//! on a 500,000-row ledger the inflating is about 0.17 s of that thread's
//! 1.5 s. Here a second thread inflates ahead of the parser and hands over
//! the bytes in chunks through a bounded channel (1 MiB in flight, never the
//! whole sheet), and looks for formulas and merged regions on the way, so the
//! XML is inflated once, not twice. An inflater starts when calamine first
//! reads its entry; once the sheet is read it stops handing over and only
//! finishes its scan.
//!
//! The archive calamine opens is built from the original's central
//! directory: fresh local headers, the other entries' compressed bytes
//! copied as they are, the big sheets' bytes from their inflaters, then a
//! fresh central directory. Reading a sheet again from its start (calamine's
//! formula reader does) starts a new inflater.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::mpsc::{channel, sync_channel, Receiver, Sender, SyncSender};
use std::sync::{Arc, Mutex};

use zip::CompressionMethod;

use super::excel::{Fact, Scan, Source};

/// Worksheets whose XML is at least this big are inflated ahead.
pub(super) const UNPACK_FROM: u64 = 4 << 20;

/// Bytes handed over at a time.
const CHUNK: usize = 1 << 17;

/// Chunks in flight (1 MiB with [`CHUNK`]).
const AHEAD: usize = 8;

/// What the scan of one unpacked sheet found: whether it has formulas, and
/// its merged regions. Keyed by the sheet's path in the archive.
pub(super) type Found = Vec<(String, Receiver<Fact>)>;

/// The archive calamine reads (see the module's comment).
pub(super) struct Unpacked {
    regions: Vec<Region>,
    len: u64,
    pos: u64,
    /// The original, for copied regions, and where it stands.
    file: Source,
    file_pos: u64,
}

struct Region {
    start: u64,
    len: u64,
    part: Part,
}

enum Part {
    Bytes(Vec<u8>),
    /// The original's bytes from this offset.
    Copied(u64),
    Inflated(Arc<Inflated>),
}

/// One sheet inflated ahead.
pub(super) struct Inflated {
    /// Opens another reader of the original archive.
    again: Box<dyn Fn() -> Option<Source> + Send + Sync>,
    /// The entry's index in the original archive.
    entry: usize,
    size: u64,
    stream: Mutex<Option<Stream>>,
    /// Where the first inflater reports its scan (taken when it starts).
    found: Mutex<Option<Sender<Fact>>>,
}

/// Chunks coming from an inflater thread.
struct Stream {
    chunks: Receiver<Vec<u8>>,
    back: Sender<Vec<u8>>,
    chunk: Vec<u8>,
    at: usize,
    /// Offset in the sheet's XML of `chunk[at]`.
    pos: u64,
}

/// Lets go of the inflaters' output once calamine has read what it needs:
/// an inflater then stops handing over and only finishes its scan.
pub(super) struct Release(Vec<Arc<Inflated>>);

impl Release {
    /// After a sheet is read: the inflaters started so far stop handing
    /// over (sheets not read yet keep their turn).
    pub(super) fn sheet_read(&self) {
        for i in &self.0 {
            if let Ok(mut s) = i.stream.lock() {
                *s = None;
            }
        }
    }

    /// After every sheet is read: also no scan will come from a sheet
    /// calamine never read.
    pub(super) fn all_read(&self) {
        self.sheet_read();
        for i in &self.0 {
            if let Ok(mut f) = i.found.lock() {
                *f = None;
            }
        }
    }
}

struct Entry {
    name: String,
    method: u16,
    crc: u32,
    compressed: u64,
    size: u64,
    data_start: u64,
    unpack: bool,
    /// A worksheet (its inflater also scans it).
    sheet: bool,
}

impl Unpacked {
    /// The archive to give calamine, with what releases its inflaters and
    /// where their scans will report; `None` when nothing is worth
    /// unpacking or the archive is not one this can rebuild (zip64, other
    /// compression methods, encryption): then calamine reads the original.
    pub(super) fn new(
        path: &Path,
        file: &Source,
        unpack_from: u64,
    ) -> Option<(Unpacked, Release, Found)> {
        let mut zip = zip::ZipArchive::new(file.again(path).ok()?).ok()?;
        if zip.len() >= 0xFFFF || !any_worth_unpacking(&mut zip, unpack_from) {
            return None;
        }
        let entries = read_entries(&mut zip, unpack_from)?;
        let mut layout = Layout::default();
        for (i, e) in entries.iter().enumerate() {
            let part = if e.unpack {
                Part::Inflated(layout.inflater(e, i, file.reopener(path)))
            } else {
                Part::Copied(e.data_start)
            };
            layout.place(e, part)?;
        }
        layout.finish(entries.len() as u16, file.again(path).ok()?)
    }
}

/// Whether any entry is worth unpacking, from the central directory alone:
/// most archives have nothing to unpack, and their entries' local headers
/// need not be read.
fn any_worth_unpacking(zip: &mut zip::ZipArchive<Source>, unpack_from: u64) -> bool {
    (0..zip.len()).any(|i| {
        zip.by_index_data(i).is_ok_and(|e| {
            let name = e.name().unwrap_or_default();
            worth_unpacking(&name, e.compression(), e.size(), unpack_from).1
        })
    })
}

/// The archive's entries, with where their data starts; `None` if one is
/// not stored or deflated, is encrypted, or is too big for a plain zip.
fn read_entries(zip: &mut zip::ZipArchive<Source>, unpack_from: u64) -> Option<Vec<Entry>> {
    let mut entries = Vec::with_capacity(zip.len());
    for i in 0..zip.len() {
        let e = zip.by_index_raw(i).ok()?;
        let method = match e.compression() {
            CompressionMethod::Stored => 0,
            CompressionMethod::Deflated => 8,
            _ => return None,
        };
        if e.encrypted() || e.size() >= u32::MAX as u64 || e.compressed_size() >= u32::MAX as u64 {
            return None;
        }
        let name = e.name().ok()?.into_owned();
        let (sheet, unpack) = worth_unpacking(&name, e.compression(), e.size(), unpack_from);
        entries.push(Entry {
            method,
            crc: e.crc32(),
            compressed: e.compressed_size(),
            size: e.size(),
            data_start: e.data_start()?,
            unpack,
            sheet,
            name,
        });
    }
    Some(entries)
}

/// The rebuilt archive as it is laid out, entry by entry.
#[derive(Default)]
struct Layout {
    regions: Vec<Region>,
    /// The central directory so far.
    central: Vec<u8>,
    /// Where the next region starts.
    at: u64,
    inflaters: Vec<Arc<Inflated>>,
    found: Found,
}

impl Layout {
    /// Entry `i`'s inflater, started when calamine first reads the entry;
    /// a worksheet's also reports its scan.
    fn inflater(
        &mut self,
        e: &Entry,
        i: usize,
        again: Box<dyn Fn() -> Option<Source> + Send + Sync>,
    ) -> Arc<Inflated> {
        let scan = e.sheet.then(|| {
            let (tx, rx) = channel();
            self.found.push((e.name.clone(), rx));
            tx
        });
        let inflated = Arc::new(Inflated {
            again,
            entry: i,
            size: e.size,
            stream: Mutex::new(None),
            found: Mutex::new(scan),
        });
        self.inflaters.push(inflated.clone());
        inflated
    }

    /// Lays out an entry: a fresh local header, then its data (`part`);
    /// its central header is noted. `None` past 4 GiB.
    fn place(&mut self, e: &Entry, part: Part) -> Option<()> {
        let (method, data_len) = if e.unpack {
            (0, e.size)
        } else {
            (e.method, e.compressed)
        };
        let header_at = u32::try_from(self.at).ok()?;
        let header = local_header(e, method, data_len);
        self.central
            .extend(central_header(e, method, data_len, header_at));
        self.push(header.len() as u64, Part::Bytes(header));
        self.push(data_len, part);
        Some(())
    }

    fn push(&mut self, len: u64, part: Part) {
        self.regions.push(Region {
            start: self.at,
            len,
            part,
        });
        self.at += len;
    }

    /// Closes the archive with its central directory; `file` is the
    /// original, for the copied regions. `None` past 4 GiB.
    fn finish(mut self, entries: u16, file: Source) -> Option<(Unpacked, Release, Found)> {
        let central_at = u32::try_from(self.at).ok()?;
        let central_len = u32::try_from(self.central.len()).ok()?;
        let mut central = std::mem::take(&mut self.central);
        central.extend(0x0605_4b50u32.to_le_bytes());
        central.extend([0u8; 4]);
        central.extend(entries.to_le_bytes());
        central.extend(entries.to_le_bytes());
        central.extend(central_len.to_le_bytes());
        central.extend(central_at.to_le_bytes());
        central.extend([0u8; 2]);
        u32::try_from(self.at + central.len() as u64).ok()?;
        self.push(central.len() as u64, Part::Bytes(central));
        let unpacked = Unpacked {
            regions: self.regions,
            len: self.at,
            pos: 0,
            file,
            file_pos: 0,
        };
        Some((unpacked, Release(self.inflaters), self.found))
    }
}

/// Whether an entry is a worksheet, and whether it is inflated ahead: big
/// deflated worksheets, and big shared strings (calamine parses those
/// before any sheet).
fn worth_unpacking(name: &str, method: CompressionMethod, size: u64, from: u64) -> (bool, bool) {
    let sheet = name.starts_with("xl/worksheets/") && name.ends_with(".xml");
    let unpack = method == CompressionMethod::Deflated
        && size >= from
        && (sheet || name == "xl/sharedStrings.xml");
    (sheet, unpack)
}

fn local_header(e: &Entry, method: u16, data_len: u64) -> Vec<u8> {
    let mut h = Vec::with_capacity(30 + e.name.len());
    h.extend(0x0403_4b50u32.to_le_bytes());
    header_fields(&mut h, e, method, data_len);
    h.extend(0u16.to_le_bytes()); // no extra fields
    h.extend(e.name.as_bytes());
    h
}

fn central_header(e: &Entry, method: u16, data_len: u64, header_at: u32) -> Vec<u8> {
    let mut h = Vec::with_capacity(46 + e.name.len());
    h.extend(0x0201_4b50u32.to_le_bytes());
    h.extend(20u16.to_le_bytes()); // made by
    header_fields(&mut h, e, method, data_len);
    h.extend([0u8; 8]); // extra, comment, disk, internal attributes
    h.extend([0u8; 4]); // external attributes
    h.extend(header_at.to_le_bytes());
    h.extend(e.name.as_bytes());
    h
}

/// The fields a local and a central header share, from the version needed
/// to the name's length.
fn header_fields(h: &mut Vec<u8>, e: &Entry, method: u16, data_len: u64) {
    h.extend(20u16.to_le_bytes()); // version needed
    h.extend(0x0800u16.to_le_bytes()); // the name is UTF-8
    h.extend(method.to_le_bytes());
    h.extend(0u16.to_le_bytes()); // time
    h.extend(0x21u16.to_le_bytes()); // date: 1980-01-01
    h.extend(e.crc.to_le_bytes());
    h.extend((data_len as u32).to_le_bytes());
    h.extend((e.size as u32).to_le_bytes());
    h.extend((e.name.len() as u16).to_le_bytes());
}

impl Inflated {
    /// Starts an inflater thread from the sheet's beginning; the first one
    /// also scans the XML and reports what it found.
    fn start(&self) -> Option<Stream> {
        let found = self.found.lock().ok()?.take();
        let source = (self.again)()?;
        let entry = self.entry;
        let (tx, chunks) = sync_channel::<Vec<u8>>(AHEAD);
        let (back, returned) = channel::<Vec<u8>>();
        std::thread::Builder::new()
            .name("crossfoot-inflate".into())
            .spawn(move || inflate(source, entry, tx, returned, found))
            .ok()?;
        Some(Stream {
            chunks,
            back,
            chunk: Vec::new(),
            at: 0,
            pos: 0,
        })
    }

    /// Reads the sheet's XML from offset `pos`.
    fn read_at(&self, pos: u64, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut stream = self
            .stream
            .lock()
            .map_err(|_| std::io::Error::other("inflater lock poisoned"))?;
        if stream.as_ref().is_none_or(|s| s.pos > pos) {
            *stream = self.start();
        }
        let s = stream
            .as_mut()
            .ok_or_else(|| std::io::Error::other("cannot reopen the workbook"))?;
        loop {
            if s.at == s.chunk.len() {
                let used = std::mem::take(&mut s.chunk);
                if used.capacity() > 0 {
                    let _ = s.back.send(used);
                }
                s.at = 0;
                match s.chunks.recv() {
                    Ok(c) => s.chunk = c,
                    Err(_) if s.pos >= self.size => return Ok(0),
                    Err(_) => {
                        return Err(std::io::Error::new(
                            std::io::ErrorKind::InvalidData,
                            "a worksheet's compressed data is damaged",
                        ))
                    }
                }
                continue;
            }
            let left = s.chunk.len() - s.at;
            if s.pos < pos {
                // Forward to `pos` (a seek ahead within the sheet).
                let skip = left.min((pos - s.pos) as usize);
                s.at += skip;
                s.pos += skip as u64;
                continue;
            }
            let n = left.min(buf.len());
            buf[..n].copy_from_slice(&s.chunk[s.at..s.at + n]);
            s.at += n;
            s.pos += n as u64;
            return Ok(n);
        }
    }
}

/// The inflater thread: inflates entry `entry` of the archive in chunks
/// (buffers come back through `returned`); when the reader lets go, goes on
/// only as long as there is a scan to finish.
fn inflate(
    source: Source,
    entry: usize,
    tx: SyncSender<Vec<u8>>,
    returned: Receiver<Vec<u8>>,
    found: Option<Sender<Fact>>,
) {
    let Ok(mut zip) = zip::ZipArchive::new(source) else {
        return;
    };
    let Ok(mut xml) = zip.by_index(entry) else {
        return;
    };
    let mut scan = found.as_ref().map(|_| Scan::default());
    let mut listening = true;
    loop {
        let mut buf = returned.try_recv().unwrap_or_default();
        buf.clear();
        buf.reserve(CHUNK);
        match (&mut xml).take(CHUNK as u64).read_to_end(&mut buf) {
            Ok(0) => break,
            Ok(_) => {}
            Err(_) => return, // damaged: the reader sees the stream end early
        }
        if let Some(s) = &mut scan {
            s.feed(&buf);
        }
        if listening && tx.send(buf).is_err() {
            listening = false;
            if scan.is_none() {
                return;
            }
        }
    }
    if let (Some(s), Some(f)) = (scan, found) {
        let _ = f.send(s.finish());
    }
}

impl Unpacked {
    /// The rebuilt archive's length.
    pub(super) fn len(&self) -> u64 {
        self.len
    }
}

impl Read for Unpacked {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.pos >= self.len || buf.is_empty() {
            return Ok(0);
        }
        let i = self.regions.partition_point(|r| r.start <= self.pos) - 1;
        let r = &self.regions[i];
        let off = self.pos - r.start;
        let want = buf.len().min((r.len - off) as usize);
        let n = match &r.part {
            Part::Bytes(b) => {
                buf[..want].copy_from_slice(&b[off as usize..off as usize + want]);
                want
            }
            Part::Copied(from) => {
                let at = from + off;
                if self.file_pos != at {
                    self.file.seek(SeekFrom::Start(at))?;
                }
                let n = self.file.read(&mut buf[..want])?;
                self.file_pos = at + n as u64;
                n
            }
            Part::Inflated(inf) => inf.read_at(off, &mut buf[..want])?,
        };
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for Unpacked {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        let pos = match to {
            SeekFrom::Start(p) => Some(p),
            SeekFrom::End(d) => self.len.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        self.pos = pos.ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "seek before the start")
        })?;
        Ok(self.pos)
    }
}
