//! Stage 3c: standard documents made of several files. A 部门预算 or 部门决算
//! is often kept as a folder of workbooks, one table each: no file is a
//! document by itself, but the files of one folder together are. Those
//! files are grouped by folder, recognised together
//! ([`crate::disclosure::recognise_in`]), and checked by the document's pack
//! across them ([`super::file::apply_pack`]).

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::file::{apply_pack, FileReport};
use crate::rules::eval::Loaded;

/// Applies the packs of the documents the `candidates` (indices into
/// `loaded` and `reports`, the files that hold standard tables but are no
/// document alone) make folder by folder. Returns the candidates that were
/// part of a document.
pub(super) fn across_files(
    loaded: &mut [Loaded],
    reports: &mut [FileReport],
    candidates: &[usize],
    views: bool,
) -> Vec<usize> {
    let mut by_folder: BTreeMap<PathBuf, Vec<usize>> = BTreeMap::new();
    for &i in candidates {
        let Some(l) = loaded.get(i) else { continue };
        let folder = l.path.parent().map(PathBuf::from).unwrap_or_default();
        by_folder.entry(folder).or_default().push(i);
    }
    let mut parts = Vec::new();
    for (_, mut members) in by_folder {
        members.sort_unstable();
        members.dedup();
        if members.len() < 2 {
            continue;
        }
        let refs: Vec<&Loaded> = members.iter().map(|&i| &loaded[i]).collect();
        let Some(r) = crate::disclosure::recognise_in(&refs, "") else {
            continue;
        };
        // The group's files, moved out for the pack and back after.
        let group: Vec<Loaded> = members
            .iter()
            .map(|&i| std::mem::replace(&mut loaded[i], placeholder(PathBuf::new())))
            .collect();
        let mut mine: Vec<&mut FileReport> = reports
            .iter_mut()
            .enumerate()
            .filter(|(i, _)| members.binary_search(i).is_ok())
            .map(|(_, r)| r)
            .collect();
        apply_pack(&r, &group, &mut mine, views);
        for (&i, l) in members.iter().zip(group) {
            loaded[i] = l;
        }
        parts.extend(members);
    }
    parts
}

/// A file's place with nothing read in it.
pub(super) fn placeholder(path: PathBuf) -> Loaded {
    Loaded {
        path,
        tables: Vec::new(),
        sheets: Vec::new(),
        docs: Vec::new(),
    }
}
