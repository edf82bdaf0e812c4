//! The incremental cache: a re-run on an unchanged folder reads nothing it
//! already checked.
//!
//! One entry per file, named by a hash of its path, holding the file's
//! report. An entry is used when the tool version, the rules in force, the
//! file's size and modification time all match; when only the modification
//! time moved, the content hash decides (a touched file is not re-checked).
//! With rule files in force, a rule may tie files together, so entries also
//! record the run they belong to (the paths, sizes and times of every file)
//! and are used only when the whole run is unchanged.
//!
//! A run over a list of files also leaves an index: every entry of that
//! list in one file, a line each (stamp and counts as plain fields, JSON
//! only for a file's findings), so an unchanged re-run reads one file and
//! checks each file's size and time, instead of reading an entry per file. A file the
//! index does not answer falls back to its own entry.
//!
//! Entries and indexes are written to a temporary file and renamed into
//! place, so a crash mid-write or a concurrent run never leaves a partial
//! one (two runs writing one index: the last one wins, and either is whole).
//! They are not flushed to disk one by one: after a power failure one may be
//! lost or empty, which reads as a miss, and the file is checked again.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use crate::error::{ReadError, ReadErrorKind};
use crate::finding::{Excerpt, Finding, Message};
use crate::FileReport;

/// Size and modification time (ns since the epoch) of a file.
pub fn stamp(path: &Path) -> Option<(u64, u128)> {
    stamp_of(&std::fs::metadata(path).ok()?)
}

fn stamp_of(m: &std::fs::Metadata) -> Option<(u64, u128)> {
    let mtime = m
        .modified()
        .ok()?
        .duration_since(UNIX_EPOCH)
        .ok()?
        .as_nanos();
    Some((m.len(), mtime))
}

/// The cache.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    salt: String,
    /// Canonical forms of the folders seen, so a folder of 2,000 files is
    /// resolved once, not 2,000 times.
    folders: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<PathBuf, PathBuf>>>,
    /// The run's index (see [`Cache::begin`]).
    index: std::sync::Arc<std::sync::Mutex<Index>>,
}

/// Every entry of one list of files, in one file: a re-run over the same
/// files reads one index instead of an entry per file.
#[derive(Debug, Default)]
struct Index {
    /// Names the index file: the salt and the list of files.
    key: Option<u64>,
    /// Entries read from the index, by a hash of their path (see
    /// [`path_key`]); an entry is still checked against the path it names.
    loaded: Loaded,
    /// Entries of `loaded` that answered.
    hits: Vec<std::sync::Arc<Entry>>,
    /// Entries found elsewhere or stored during the run.
    fresh: Vec<Entry>,
}

/// A run's index as read: entries by a hash of their path.
type Loaded = std::sync::Arc<std::collections::HashMap<u64, std::sync::Arc<Entry>>>;

/// What an entry says besides its file's stamp and counts; in an index line,
/// only when there is something (a clean file's line has no JSON to parse).
#[derive(Serialize)]
struct DetailOut<'a> {
    error: &'a Option<String>,
    findings: &'a [Finding],
    excerpts: &'a [Option<CachedExcerpt>],
    sources: &'a [String],
}

#[derive(Deserialize)]
struct DetailIn {
    error: Option<String>,
    findings: Vec<Finding>,
    excerpts: Vec<Option<CachedExcerpt>>,
    sources: Vec<String>,
}

/// Appends an entry as an index line: size, time, hash, run (`-` for none),
/// tables and checks, tab-separated, then the path as a JSON string and the
/// details as JSON, or nothing. (JSON escapes tabs and newlines, so neither
/// occurs inside a field.) The salt is not repeated: it names the index.
fn index_line(e: &Entry, out: &mut Vec<u8>) -> std::io::Result<()> {
    use std::io::Write;
    let run = e.run.map_or("-".to_string(), |r| r.to_string());
    write!(
        out,
        "{}\t{}\t{}\t{run}\t{}\t{}\t",
        e.size, e.mtime, e.hash, e.tables, e.checks
    )?;
    serde_json::to_writer(&mut *out, &e.path).map_err(std::io::Error::other)?;
    out.push(b'\t');
    if e.error.is_some() || !e.findings.is_empty() {
        let detail = DetailOut {
            error: &e.error,
            findings: &e.findings,
            excerpts: &e.excerpts,
            sources: &e.sources,
        };
        serde_json::to_writer(&mut *out, &detail).map_err(std::io::Error::other)?;
    }
    out.push(b'\n');
    Ok(())
}

/// Reads an index line (see [`index_line`]); `None` if it is damaged.
fn index_entry(line: &[u8], salt: &str) -> Option<Entry> {
    let mut fields = line.splitn(8, |&b| b == b'\t');
    let mut field = || fields.next();
    let number = |f: Option<&[u8]>| -> Option<u128> { std::str::from_utf8(f?).ok()?.parse().ok() };
    let size = u64::try_from(number(field())?).ok()?;
    let mtime = number(field())?;
    let hash = u64::try_from(number(field())?).ok()?;
    let run = match field()? {
        b"-" => None,
        r => Some(u64::try_from(number(Some(r))?).ok()?),
    };
    let tables = usize::try_from(number(field())?).ok()?;
    let checks = usize::try_from(number(field())?).ok()?;
    let path = field()?;
    let path = match path.strip_prefix(b"\"").and_then(|p| p.strip_suffix(b"\"")) {
        Some(plain) if !plain.contains(&b'\\') => std::str::from_utf8(plain).ok()?.to_string(),
        _ => serde_json::from_slice(path).ok()?,
    };
    let detail = match field()? {
        b"" => DetailIn {
            error: None,
            findings: Vec::new(),
            excerpts: Vec::new(),
            sources: Vec::new(),
        },
        json => serde_json::from_slice(json).ok()?,
    };
    Some(Entry {
        path,
        size,
        mtime,
        hash,
        salt: salt.to_string(),
        run,
        tables,
        checks,
        error: detail.error,
        findings: detail.findings,
        excerpts: detail.excerpts,
        sources: detail.sources,
    })
}

/// Where a valid report was found: in the run's index, or in the file's own
/// entry.
enum Found {
    Indexed(std::sync::Arc<Entry>),
    Entry(Entry),
}

/// The key of a path in a run's index.
fn path_key(path: &Path) -> u64 {
    // Only ever in memory (the index file holds the paths themselves). The
    // exact bytes of the name: two names that differ only in bytes that
    // are not UTF-8 are two keys.
    crate::hash::in_memory(path.as_os_str().as_encoded_bytes())
}

/// Lookups per parallel task.
const LOOKUPS_PER_TASK: usize = 128;

/// A path as reports show it (and entries are keyed).
fn shown(path: &Path) -> std::borrow::Cow<'_, str> {
    match path.to_str() {
        Some(s) => std::borrow::Cow::Borrowed(s),
        None => std::borrow::Cow::Owned(path.display().to_string()),
    }
}

/// The version of the cache's record of a finding ([`Finding`]'s serde
/// form, with excerpts kept apart): entries of another record version are
/// never used. 2: typed findings (ids, locations, decimals, messages as ids
/// and arguments).
const RECORD: u32 = 2;

/// An excerpt: the index of its text in `sources`, and its labels.
type CachedExcerpt = (usize, Vec<(usize, usize, Message)>);

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    path: String,
    size: u64,
    mtime: u128,
    hash: u64,
    salt: String,
    run: Option<u64>,
    tables: usize,
    checks: usize,
    error: Option<String>,
    findings: Vec<Finding>,
    /// Each finding's excerpt (by index into `sources`) and labels.
    excerpts: Vec<Option<CachedExcerpt>>,
    sources: Vec<String>,
}

impl Cache {
    /// A cache in `dir` for this build of the tool and the given rules
    /// text. The build is known by the version and by the size and time of
    /// the running executable: a rebuild that reads files differently under
    /// the same version number never reuses what an earlier build found.
    pub fn new(dir: impl Into<PathBuf>, rules_fingerprint: &str) -> Cache {
        let version = format!("{}+{}", env!("CARGO_PKG_VERSION"), build_stamp());
        Cache::with_version(dir, rules_fingerprint, &version)
    }

    /// A cache for another tool version (entries of other versions are
    /// never used).
    pub fn with_version(dir: impl Into<PathBuf>, rules_fingerprint: &str, version: &str) -> Cache {
        Cache {
            dir: dir.into(),
            // The language too: a file that could not be read is kept with
            // its reason as worded (findings are kept as catalog messages).
            salt: format!(
                "{version}:r{RECORD}:{}:{:016x}",
                crate::message::lang().tag(),
                crate::hash::of(rules_fingerprint.as_bytes())
            ),
            folders: Default::default(),
            index: Default::default(),
        }
    }

    /// The default folder: `$CROSSFOOT_CACHE_DIR`, else `$XDG_CACHE_HOME/crossfoot`,
    /// else `~/.cache/crossfoot`.
    pub fn default_dir() -> PathBuf {
        if let Some(d) = std::env::var_os("CROSSFOOT_CACHE_DIR") {
            return PathBuf::from(d);
        }
        if let Some(d) = std::env::var_os("XDG_CACHE_HOME") {
            return PathBuf::from(d).join("crossfoot");
        }
        std::env::var_os("HOME").map_or_else(
            || std::env::temp_dir().join("crossfoot-cache"),
            |h| PathBuf::from(h).join(".cache/crossfoot"),
        )
    }

    fn entry_path(&self, path: &Path) -> PathBuf {
        let symlink = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        self.entry_path_of(path, symlink)
    }

    /// The entry of a file; `symlink` when the file itself is a link (then
    /// it is resolved whole, else only its folder, once per folder).
    fn entry_path_of(&self, path: &Path, symlink: bool) -> PathBuf {
        let folder = path.parent().zip(path.file_name()).filter(|_| !symlink);
        let key = match folder {
            Some((parent, name)) => {
                let mut folders = self.folders.lock().unwrap_or_else(|e| e.into_inner());
                let canonical = folders.entry(parent.to_path_buf()).or_insert_with(|| {
                    let parent = if parent.as_os_str().is_empty() {
                        Path::new(".")
                    } else {
                        parent
                    };
                    parent
                        .canonicalize()
                        .unwrap_or_else(|_| parent.to_path_buf())
                });
                canonical.join(name)
            }
            None => path.canonicalize().unwrap_or_else(|_| path.to_path_buf()),
        };
        self.dir.join(format!(
            "{:016x}.json",
            crate::hash::of(key.as_os_str().as_encoded_bytes())
        ))
    }

    /// A fingerprint of a whole run: every file's path, size and time.
    pub fn run_fingerprint(files: &[PathBuf]) -> u64 {
        let mut parts: Vec<Vec<u8>> = Vec::new();
        for f in files {
            let (size, mtime) = stamp(f).unwrap_or_default();
            parts.push(format!("{}\0{size}\0{mtime}", f.display()).into_bytes());
        }
        crate::hash::of_parts(&parts)
    }

    fn index_path(&self, key: u64) -> PathBuf {
        self.dir.join(format!("index-{key:016x}.tsv"))
    }

    /// Starts a run over `files`: reads the index of that list of files, if
    /// an earlier run left one. [`Cache::finish`] writes it back.
    pub fn begin(&self, files: &[PathBuf]) {
        let mut parts: Vec<&[u8]> = vec![self.salt.as_bytes()];
        parts.extend(files.iter().map(|f| f.as_os_str().as_encoded_bytes()));
        let key = crate::hash::of_parts(&parts);
        // One entry a line, parsed in parallel (on the current rayon pool);
        // a line that does not parse is skipped (its file is looked up in
        // its own entry).
        let loaded = match std::fs::read(self.index_path(key)) {
            Ok(bytes) => {
                use rayon::prelude::*;
                let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
                lines
                    .par_iter()
                    .with_min_len(LOOKUPS_PER_TASK)
                    .filter_map(|l| index_entry(l, &self.salt))
                    .map(|e| (path_key(Path::new(&e.path)), std::sync::Arc::new(e)))
                    .collect::<std::collections::HashMap<_, _>>()
                    .into()
            }
            Err(_) => Default::default(),
        };
        let mut index = self.index.lock().unwrap_or_else(|e| e.into_inner());
        *index = Index {
            key: Some(key),
            loaded,
            ..Index::default()
        };
    }

    /// Ends a run: when any file was not answered by the index, writes the
    /// index afresh (atomically) from every file's entry.
    pub fn finish(&self) -> std::io::Result<()> {
        let mut index = self.index.lock().unwrap_or_else(|e| e.into_inner());
        let Some(key) = index.key else {
            return Ok(());
        };
        if index.fresh.is_empty() {
            return Ok(());
        }
        let Index {
            loaded,
            hits,
            fresh,
            ..
        } = std::mem::take(&mut *index);
        drop(loaded);
        // Fresh entries first: where a path has both, the fresh one stays.
        let mut entries = fresh;
        entries.extend(hits.into_iter().map(std::sync::Arc::unwrap_or_clone));
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        entries.dedup_by(|a, b| a.path == b.path);
        std::fs::create_dir_all(&self.dir)?;
        let mut lines = Vec::new();
        for e in &entries {
            index_line(e, &mut lines)?;
        }
        crate::write::atomically_unsynced(&self.index_path(key), &lines)
    }

    /// The cached report for `path`, if still valid. Reads the file only
    /// when its time changed but its size did not (to compare content).
    pub fn lookup(&self, path: &Path, run: Option<u64>) -> Option<FileReport> {
        let (report, found) = self.probe(path, run, &self.loaded())?;
        self.record(vec![found]);
        Some(report)
    }

    /// [`Cache::lookup`] for many files, in parallel (on the current rayon
    /// pool) and in order: `None` where a file must be checked again.
    pub fn lookup_all(&self, paths: &[PathBuf], run: Option<u64>) -> Vec<Option<FileReport>> {
        use rayon::prelude::*;
        let loaded = self.loaded();
        let probed: Vec<Option<(FileReport, Found)>> = paths
            .par_iter()
            // A lookup is a stat and a copy: in runs, not one task each.
            .with_min_len(LOOKUPS_PER_TASK)
            .map(|p| self.probe(p, run, &loaded))
            .collect();
        let mut found = Vec::with_capacity(probed.len());
        let reports = probed
            .into_iter()
            .map(|p| {
                p.map(|(report, f)| {
                    found.push(f);
                    report
                })
            })
            .collect();
        self.record(found);
        reports
    }

    /// The entries the run's index holds (shared: lookups read them without
    /// a lock).
    fn loaded(&self) -> Loaded {
        self.index
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .loaded
            .clone()
    }

    /// The report for `path` and where it was found, if still valid.
    fn probe(
        &self,
        path: &Path,
        run: Option<u64>,
        loaded: &std::collections::HashMap<u64, std::sync::Arc<Entry>>,
    ) -> Option<(FileReport, Found)> {
        // One look at the file: its link status, size and time.
        let meta = std::fs::symlink_metadata(path).ok()?;
        let symlink = meta.file_type().is_symlink();
        let meta = if symlink {
            std::fs::metadata(path).ok()?
        } else {
            meta
        };
        let shown = shown(path);
        match loaded.get(&path_key(path)) {
            Some(e) => {
                let report = self.report_from(e, path, &shown, &meta, run)?;
                Some((report, Found::Indexed(e.clone())))
            }
            None => {
                let text = std::fs::read_to_string(self.entry_path_of(path, symlink)).ok()?;
                let e: Entry = serde_json::from_str(&text).ok()?;
                let report = self.report_from(&e, path, &shown, &meta, run)?;
                Some((report, Found::Entry(e)))
            }
        }
    }

    /// Notes for the run's index where reports were found.
    fn record(&self, found: Vec<Found>) {
        let mut index = self.index.lock().unwrap_or_else(|e| e.into_inner());
        for f in found {
            match f {
                Found::Indexed(e) => index.hits.push(e),
                Found::Entry(e) => index.fresh.push(e),
            }
        }
    }

    /// The report an entry holds, if it is still valid for `path`.
    fn report_from(
        &self,
        e: &Entry,
        path: &Path,
        shown: &str,
        meta: &std::fs::Metadata,
        run: Option<u64>,
    ) -> Option<FileReport> {
        if e.salt != self.salt || e.run != run || e.path != shown {
            return None;
        }
        let (size, mtime) = stamp_of(meta)?;
        if size != e.size {
            return None;
        }
        if mtime != e.mtime {
            let bytes = std::fs::read(path).ok()?;
            if crate::hash::of(&bytes[..]) != e.hash {
                return None;
            }
        }
        let mut findings = e.findings.clone();
        for (f, ex) in findings.iter_mut().zip(&e.excerpts) {
            f.excerpt = ex.as_ref().and_then(|(src, labels)| {
                Some(Excerpt {
                    text: e.sources.get(*src)?.clone(),
                    labels: labels.iter().map(|(a, b, l)| (*a..*b, l.clone())).collect(),
                })
            });
        }
        Some(FileReport {
            path: path.to_path_buf(),
            tables: e.tables,
            checks: e.checks,
            findings,
            error: e
                .error
                .clone()
                .map(|m| ReadError::new(path, ReadErrorKind::Other(m))),
            read_stamp: Some((e.size, e.mtime)),
            views: Vec::new(),
        })
    }

    /// Stores a report, atomically.
    pub fn store(&self, report: &FileReport, run: Option<u64>) -> std::io::Result<()> {
        let Some((size, mtime)) = stamp(&report.path) else {
            return Ok(());
        };
        if report.read_stamp.is_some_and(|read| read != (size, mtime)) {
            return Ok(()); // changed while it was checked: check it again next time
        }
        let bytes = std::fs::read(&report.path)?;
        let mut sources: Vec<String> = Vec::new();
        let excerpts = report
            .findings
            .iter()
            .map(|f| {
                f.excerpt.as_ref().map(|e| {
                    let idx = match sources.iter().position(|s| *s == e.text) {
                        Some(i) => i,
                        None => {
                            sources.push(e.text.clone());
                            sources.len() - 1
                        }
                    };
                    (
                        idx,
                        e.labels
                            .iter()
                            .map(|(r, l)| (r.start, r.end, l.clone()))
                            .collect(),
                    )
                })
            })
            .collect();
        let entry = Entry {
            path: report.path.display().to_string(),
            size,
            mtime,
            hash: crate::hash::of(&bytes[..]),
            salt: self.salt.clone(),
            run,
            tables: report.tables,
            checks: report.checks,
            error: report.error.as_ref().map(|e| e.kind.to_string()),
            findings: report.findings.clone(),
            excerpts,
            sources,
        };
        std::fs::create_dir_all(&self.dir)?;
        let target = self.entry_path(&report.path);
        let json = serde_json::to_vec(&entry).map_err(std::io::Error::other)?;
        crate::write::atomically_unsynced(&target, &json)?;
        let mut index = self.index.lock().unwrap_or_else(|e| e.into_inner());
        if index.key.is_some() {
            index.fresh.push(entry);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Guards: a rebuilt crossfoot with the same version number reused what
    /// the earlier build had found (a reader fix did not show until the
    /// cache was cleared).
    #[test]
    fn the_salt_names_the_build_not_only_the_version() {
        let dir = tempfile::tempdir().unwrap();
        let this = Cache::new(dir.path(), "");
        let same_version = Cache::with_version(dir.path(), "", env!("CARGO_PKG_VERSION"));
        assert_ne!(this.salt, same_version.salt);
        assert_eq!(this.salt, Cache::new(dir.path(), "").salt);
        assert!(this
            .salt
            .starts_with(&format!("{}+", env!("CARGO_PKG_VERSION"))));
    }

    /// Guards: a file replaced while it was checked got the old file's
    /// report cached under the new file's size and time.
    #[test]
    fn a_report_of_a_file_changed_mid_check_is_not_kept() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("t.csv");
        std::fs::write(&file, "项目,金额\n甲,1\n乙,2\n合计,3\n").unwrap();
        let cache = Cache::new(dir.path().join("cache"), "");
        let mut report = crate::check_file(&file);
        let (size, mtime) = stamp(&file).unwrap();
        report.read_stamp = Some((size + 1, mtime));
        cache.store(&report, None).unwrap();
        assert!(cache.lookup(&file, None).is_none(), "not kept");
        report.read_stamp = Some((size, mtime));
        cache.store(&report, None).unwrap();
        assert!(cache.lookup(&file, None).is_some(), "kept when unchanged");
    }

    /// Guards: two names that differ only in bytes that are not UTF-8 shared
    /// one cache entry (keys came from the lossy form of the path).
    #[cfg(unix)]
    #[test]
    fn names_that_differ_in_non_utf8_bytes_have_their_own_entries() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().join("cache"), "");
        let a = dir.path().join(std::ffi::OsStr::from_bytes(b"\xff.csv"));
        let b = dir.path().join(std::ffi::OsStr::from_bytes(b"\xfe.csv"));
        assert_eq!(a.to_string_lossy(), b.to_string_lossy());
        assert_ne!(cache.entry_path(&a), cache.entry_path(&b));
        assert_ne!(path_key(&a), path_key(&b));
    }

    fn entry(path: &str, findings: Vec<Finding>, error: Option<String>) -> Entry {
        let with = !findings.is_empty();
        Entry {
            path: path.into(),
            size: 5,
            mtime: u128::from(u64::MAX) * 3,
            hash: u64::MAX,
            salt: "0.1.0:salt".into(),
            run: Some(7),
            tables: 2,
            checks: 9,
            error,
            excerpts: if with {
                findings
                    .iter()
                    .map(|_| Some((0, vec![(1, 3, Message::new("label-ties"))])))
                    .collect()
            } else {
                Vec::new()
            },
            sources: if with {
                vec!["合计\t行".into()]
            } else {
                Vec::new()
            },
            findings,
        }
    }

    #[test]
    fn index_lines_read_back_what_was_written() {
        let run = crate::check_files(&[PathBuf::from("fixtures/seed/total-typo.xlsx")], None);
        let findings = run.reports[0].findings.clone();
        assert!(!findings.is_empty());
        let mut clean = entry("plain.xlsx", Vec::new(), None);
        clean.run = None;
        for e in [
            entry("县/预算.xlsx", findings, None),
            entry("odd\t\"name\\\n.xlsx", Vec::new(), Some("读不了".into())),
            clean,
        ] {
            let mut line = Vec::new();
            index_line(&e, &mut line).unwrap();
            assert_eq!(line.iter().filter(|&&b| b == b'\n').count(), 1, "one line");
            let back = index_entry(&line[..line.len() - 1], "0.1.0:salt").unwrap();
            assert_eq!(
                serde_json::to_string(&back).unwrap(),
                serde_json::to_string(&e).unwrap()
            );
        }
        for damaged in [&b"1\t2\tx"[..], b"", b"1\t2\t3\t-\t4\t5\t\"p\"\t{\"trunc"] {
            assert!(index_entry(damaged, "s").is_none());
        }
    }
}

/// The running executable's size and modification time, hashed (`0` when
/// they cannot be read): what tells one build from another.
fn build_stamp() -> &'static str {
    static STAMP: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    STAMP.get_or_init(|| {
        let meta = std::env::current_exe().and_then(std::fs::metadata);
        match meta {
            Ok(m) => {
                let time = m
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                format!(
                    "{:016x}",
                    crate::hash::of(format!("{}:{time}", m.len()).as_bytes())
                )
            }
            Err(_) => "0".into(),
        }
    })
}
