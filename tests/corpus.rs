//! The real-world corpus (`../shared/corpus/real`, 193 files from 16 public
//! projects): every file must finish, unhurt, with a result or a clear error.

use std::time::Instant;

#[test]
fn every_corpus_file_finishes_with_a_result_or_a_clear_error() {
    let root = crate::support::root().join("../shared/corpus/real");
    if !root.exists() {
        eprintln!("skipped: the corpus is not present at {}", root.display());
        return;
    }
    let files = crossfoot::collect_files(std::slice::from_ref(&root));
    assert!(
        files.len() > 150,
        "expected the corpus, found {} files",
        files.len()
    );
    let (mut ok, mut errors, mut findings) = (0, 0, 0);
    for path in &files {
        let start = Instant::now();
        let path2 = path.clone();
        // A panic anywhere fails the test with the file's name.
        let report = std::thread::spawn(move || crossfoot::check_file(&path2))
            .join()
            .unwrap_or_else(|_| panic!("{} panicked", path.display()));
        match &report.error {
            Some(e) => {
                errors += 1;
                let msg = e.to_string();
                assert!(
                    msg.contains(&*path.file_name().unwrap().to_string_lossy()),
                    "error names the file: {msg}"
                );
                assert!(!e.kind.to_string().is_empty());
            }
            None => {
                ok += 1;
                findings += report.findings.len();
                for f in &report.findings {
                    assert!(
                        f.cell().is_some() && f.sheet().is_some(),
                        "{}: {f:?}",
                        path.display()
                    );
                }
            }
        }
        eprintln!(
            "{:>6} ms  {}  {}",
            start.elapsed().as_millis(),
            report.status(),
            path.display()
        );
    }
    eprintln!(
        "corpus: {} files, {ok} read, {errors} unreadable, {findings} findings",
        files.len()
    );
    assert!(ok > 100, "most of the corpus must be readable");
}

/// The real workbook that compresses best (its sheet inflates 121 times) is
/// read, not taken for a zip bomb (`src/workbook/bomb.rs`).
#[test]
fn the_best_compressed_real_workbook_is_not_a_zip_bomb() {
    let path =
        crate::support::root().join("../shared/corpus/real/sheetjs-test_files/large_strings.xlsx");
    if !path.exists() {
        eprintln!("skipped: the corpus is not here");
        return;
    }
    let report = crossfoot::check_file(&path);
    assert!(report.error.is_none(), "{:?}", report.error);
}

/// A WPS 表格 file (`.et`, the xls format) is read like the .xls it is.
#[test]
fn a_wps_et_file_is_read_as_the_xls_it_is() {
    let xls = crate::support::root().join("../shared/cases/field/16-biff5-gbk.xls");
    if !xls.exists() {
        eprintln!("skipped: the field cases are not here");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let et = dir.path().join("决算.et");
    std::fs::copy(&xls, &et).unwrap();
    let (a, b) = (crossfoot::check_file(&xls), crossfoot::check_file(&et));
    assert!(b.error.is_none(), "{:?}", b.error);
    assert_eq!(a.findings.len(), b.findings.len());
    assert_eq!(a.checks, b.checks);
    // And a folder scan finds it.
    assert!(crossfoot::collect_files(&[dir.path().to_path_buf()]).contains(&et));
}
