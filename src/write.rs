//! Writing files so that a reader never sees half of one.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to a temporary file beside `path`, flushes it to disk,
/// then renames it over `path`, so a reader never sees a half-written file.
pub fn atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    via_temp(path, bytes, true)
}

/// [`atomically`] without waiting for the disk, for what can be worked out
/// again (the cache). A crashed run still never leaves half a file; after a
/// power failure a file may be lost or empty, which its reader must take as
/// missing. (Flushing each of 2,000 cache entries made a first run ten times
/// slower.)
pub(crate) fn atomically_unsynced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    via_temp(path, bytes, false)
}

fn via_temp(path: &Path, bytes: &[u8], durable: bool) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let unique = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let tmp = dir.join(format!(".{name}.{}.{unique}.tmp", std::process::id()));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        if durable {
            f.sync_all()?;
        }
    }
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}
