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
pub fn collect_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    // The entry's type comes with the listing (no stat per file); a link is
    // followed to see whether it is a folder.
    let mut entries: Vec<(PathBuf, bool)> = entries
        .filter_map(Result::ok)
        .map(|e| {
            let path = e.path();
            let dir = match e.file_type() {
                Ok(t) if !t.is_symlink() => t.is_dir(),
                _ => path.is_dir(),
            };
            (path, dir)
        })
        .collect();
    // One folder's entries differ only in their names: compare those bytes.
    entries.sort_unstable_by(|a, b| a.0.as_os_str().cmp(b.0.as_os_str()));
    for (path, is_dir) in entries {
        if is_dir {
            if !is_hidden_or_lock(&path) {
                walk(&path, out);
            }
        } else if is_checkable(&path, true) {
            out.push(path);
        }
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
            ("data.csv", true, true),
            ("report.docx", true, true),
            ("notes.txt", true, false),
            ("notes.md", true, false),
            ("~$预算.xlsx", false, false),
            (".hidden.xlsx", false, false),
            ("scan.pdf", false, false),
        ] {
            assert_eq!(is_checkable(Path::new(path), false), named, "{path}");
            assert_eq!(is_checkable(Path::new(path), true), found, "{path}");
        }
    }
}
