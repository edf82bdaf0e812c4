//! Which files a run checks: the folder walk, the file-skip rules, shards.

use std::path::{Path, PathBuf};

use crate::workbook::FileKind;

/// Hidden files and folders (`.…`) and Office lock files (`~$…`): never
/// checked, never walked into.
fn is_hidden_or_lock(path: &Path) -> bool {
    let name = path.file_name().map_or(&[][..], |n| n.as_encoded_bytes());
    name.starts_with(b".") || name.starts_with(b"~$")
}

/// The file-skip rules, in one place: whether `path` is a file crossfoot
/// checks. Hidden files and Office lock files are not; nor are files that
/// are neither spreadsheets nor reports. `in_folder`: the file was found by
/// walking a folder, where text reports (txt, md) are passed over (they are
/// checked when named; docx reports are found).
pub fn is_checkable(path: &Path, in_folder: bool) -> bool {
    !is_hidden_or_lock(path)
        && FileKind::from_path(path).is_some_and(|k| !(in_folder && k == FileKind::Text))
}

/// True for a report in prose (txt, md, docx) rather than a spreadsheet.
pub fn is_report(path: &Path) -> bool {
    matches!(
        FileKind::from_path(path),
        Some(FileKind::Text | FileKind::Docx)
    )
}

/// Expands the paths given on the command line: files as they are, folders
/// recursively to the files inside them that [`is_checkable`] passes.
/// Paths that do not exist are returned as they are, to be reported.
///
/// Only regular files are taken from folders: FIFOs, devices and sockets
/// are passed over (opening one would block or never end). A symbolic link
/// is followed only to a regular file or a folder not seen before, so a
/// link loop or a link to `/dev/zero` never hangs the scan.
pub fn collect_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut walk = Walk::default();
    for p in paths {
        if p.is_dir() {
            walk.folder(p);
        } else {
            walk.out.push(p.clone());
        }
    }
    // Linked folders last: what a real path reaches is named by it.
    while let Some(dir) = walk.linked_folders.pop() {
        walk.folder(&dir);
    }
    walk.finish()
}

/// A folder walk: the files found, the folders seen by their real path,
/// and the links to files, kept apart until every real file is known.
#[derive(Default)]
struct Walk {
    out: Vec<PathBuf>,
    folders: std::collections::HashSet<PathBuf>,
    /// Real paths of the regular files found (their folder's real path and
    /// their name: no call to the file system per file).
    files: std::collections::HashSet<PathBuf>,
    /// Links to files: their place in `out` and the real path they reach.
    links: Vec<(usize, PathBuf)>,
    /// Links to folders, walked after every real folder.
    linked_folders: Vec<PathBuf>,
}

/// What an entry of a folder is, for the walk.
enum Entry {
    Folder,
    File,
    /// A link to a folder.
    LinkedFolder,
    /// A link to a regular file, with the file's real path.
    Link(PathBuf),
    /// A FIFO, device, socket, or a link to one or to nothing.
    Other,
}

impl Walk {
    fn folder(&mut self, dir: &Path) {
        let Ok(real) = dir.canonicalize() else {
            return;
        };
        if !self.folders.insert(real.clone()) {
            return; // a link back up the tree
        }
        let Ok(entries) = std::fs::read_dir(dir) else {
            // A folder that cannot be listed is named among the files: its
            // check says why (never a scan that passes over it silently).
            self.out.push(dir.to_path_buf());
            return;
        };
        // The entry's type comes with the listing (no stat per file); a
        // link is followed to see what it points at.
        let mut entries: Vec<(PathBuf, Entry)> = entries
            .filter_map(Result::ok)
            .map(|e| {
                let path = e.path();
                let kind = match e.file_type() {
                    Ok(t) if t.is_dir() => Entry::Folder,
                    Ok(t) if t.is_file() => Entry::File,
                    Ok(t) if t.is_symlink() => linked(&path),
                    _ => Entry::Other,
                };
                (path, kind)
            })
            .collect();
        // One folder's entries differ only in their names: compare those bytes.
        entries.sort_unstable_by(|a, b| a.0.as_os_str().cmp(b.0.as_os_str()));
        for (path, kind) in entries {
            match kind {
                Entry::Folder if !is_hidden_or_lock(&path) => self.folder(&path),
                Entry::LinkedFolder if !is_hidden_or_lock(&path) => {
                    self.linked_folders.insert(0, path)
                }
                Entry::File if is_checkable(&path, true) => {
                    if let Some(name) = path.file_name() {
                        self.files.insert(real.join(name));
                    }
                    self.out.push(path);
                }
                Entry::Link(to) if is_checkable(&path, true) => {
                    self.links.push((self.out.len(), to));
                    self.out.push(path);
                }
                _ => {}
            }
        }
    }

    /// The files found, each real file once: a link to a file found
    /// directly, or already reached by another link, is dropped.
    fn finish(self) -> Vec<PathBuf> {
        let mut reached = self.files;
        let mut drop = std::collections::HashSet::new();
        for (at, real) in self.links {
            if !reached.insert(real) {
                drop.insert(at);
            }
        }
        self.out
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !drop.contains(i))
            .map(|(_, p)| p)
            .collect()
    }
}

/// What a symbolic link points at.
fn linked(path: &Path) -> Entry {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => Entry::LinkedFolder,
        Ok(m) if m.is_file() => path.canonicalize().map_or(Entry::Other, Entry::Link),
        _ => Entry::Other,
    }
}

/// Keeps the files whose path hashes to shard `k` of `n` (1-based): a
/// stable split of a drive across machines.
pub fn shard(files: Vec<PathBuf>, k: usize, n: usize) -> Vec<PathBuf> {
    files
        .into_iter()
        .filter(|p| {
            let h = crate::hash::of(&p.to_string_lossy().replace('\\', "/"));
            (h % n as u64) as usize == k - 1
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::is_checkable;
    use std::path::Path;

    #[test]
    fn the_skip_rules_are_the_same_for_walks_and_watches() {
        // (path, checked when named, checked when found in a folder)
        for (path, named, found) in [
            ("县/预算.xlsx", true, true),
            ("县/决算.et", true, true),
            ("模板.ETT", true, true),
            ("data.csv", true, true),
            ("report.docx", true, true),
            ("notes.txt", true, false),
            ("notes.md", true, false),
            ("~$预算.xlsx", false, false),
            (".hidden.xlsx", false, false),
            ("公开/部门预算.pdf", true, true),
        ] {
            assert_eq!(is_checkable(Path::new(path), false), named, "{path}");
            assert_eq!(is_checkable(Path::new(path), true), found, "{path}");
        }
    }
}
