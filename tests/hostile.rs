//! Hostile and broken inputs (`../shared/cases/hostile`, HOSTILE.md): each
//! gets one clear error line or a correct result, no panic text, an exit
//! status of 0, 1 or 2, within a time bound, and never stops the good
//! workbook beside it. The inputs whose bounds are still being built
//! (allocation bombs, the ODS that never closes) are not listed yet.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn hostile(name: &str) -> Option<PathBuf> {
    let p = crate::support::root()
        .join("../shared/cases/hostile")
        .join(name);
    p.exists().then_some(p)
}

/// Runs crossfoot with `args`, killing it after `limit`; (exit code,
/// stdout + stderr).
fn run_bounded(args: &[&str], limit: Duration) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_crossfoot"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("CROSSFOOT_CACHE_DIR", dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("crossfoot {args:?} ran past {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

/// Files that must each give a clear result, alone and beside a good
/// workbook, in under 30 seconds.
const BOUNDED: &[&str] = &[
    "panic-cfb-index.xls",
    "panic-xlsb-no-entry.xlsb",
    "docx-spaces1m.docx",
    "ansi-header.csv",
    "html-break.csv",
    "annotate-panic-theme.xlsx",
    "abort-sst-uniquecount.xlsx",
    "formula-corners.xlsx",
];

#[test]
fn each_hostile_file_alone_and_beside_a_good_one() {
    let good = crate::support::fixture("seed/total-typo.xlsx");
    let good = good.display().to_string();
    for name in BOUNDED {
        let Some(path) = hostile(name) else {
            eprintln!("skipped: {name} is not here");
            continue;
        };
        let path = path.display().to_string();
        for args in [vec!["check", &path], vec!["check", &path, &good]] {
            let (code, out) = run_bounded(&args, Duration::from_secs(30));
            assert!(matches!(code, 0..=2), "{name}: exit {code}\n{out}");
            assert!(!out.contains("panicked"), "{name}: panic text\n{out}");
            if args.len() == 3 {
                assert!(
                    out.contains("total-typo.xlsx: 1 table"),
                    "{name}: the good file\n{out}"
                );
            }
        }
    }
}

/// Guards: `--annotate` panicked (exit 101) on a truncated theme part and
/// left the other workbooks unannotated.
#[test]
fn a_workbook_that_cannot_be_copied_leaves_the_others_annotated() {
    let Some(bad) = hostile("annotate-panic-theme.xlsx") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("annotated");
    let good = crate::support::fixture("seed/total-typo.xlsx");
    let (code, out) = run_bounded(
        &[
            "check",
            "--annotate",
            &out_dir.display().to_string(),
            &bad.display().to_string(),
            &good.display().to_string(),
        ],
        Duration::from_secs(30),
    );
    assert!(matches!(code, 0..=2), "exit {code}\n{out}");
    assert!(!out.contains("panicked"), "{out}");
    assert!(out_dir.join("total-typo.xlsx").exists(), "{out}");
}

/// Guards: a rule nesting 2,000 parentheses overflowed the stack.
#[test]
fn a_deeply_nested_rule_is_a_located_error() {
    let Some(rules) = hostile("parens-2000.toml") else {
        return;
    };
    let (code, out) = run_bounded(
        &["rules", "check", &rules.display().to_string()],
        Duration::from_secs(30),
    );
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("nests more than 64 levels"), "{out}");
}

/// Guards: a FIFO, a symlink loop and a link to `/dev/zero` in a scanned
/// folder hung the scan. They are passed over; a FIFO named on the command
/// line is an error line; the good workbook is checked.
#[cfg(unix)]
#[test]
fn fifos_devices_and_link_loops_never_hang_a_scan() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::copy(
        crate::support::fixture("seed/total-typo.xlsx"),
        root.join("good.xlsx"),
    )
    .unwrap();
    let fifo = root.join("pipe.xlsx");
    let made = Command::new("mkfifo").arg(&fifo).status();
    symlink(root, root.join("loop")).unwrap();
    symlink("/dev/zero", root.join("zero.xlsx")).unwrap();
    symlink(root.join("good.xlsx"), root.join("again.xlsx")).unwrap();
    let (code, out) = run_bounded(
        &["check", "--no-cache", &root.display().to_string()],
        Duration::from_secs(30),
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("checked 1 file"),
        "one workbook, reached once: {out}"
    );
    if made.is_ok_and(|s| s.success()) {
        let (code, out) = run_bounded(
            &["check", "--no-cache", &fifo.display().to_string()],
            Duration::from_secs(30),
        );
        assert_eq!(code, 2, "{out}");
        assert!(out.contains("not a regular file"), "{out}");
    }
}
