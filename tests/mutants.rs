//! A mutation fuzzer that runs in CI: the fixture workbooks, reports and
//! rule files with random bytes changed, dropped or repeated (a fixed
//! seed, so a failure repeats), scanned as one folder and checked in every
//! output format. Every run must end with exit 0, 1 or 2, without panic
//! text, in bounded time. A mutant that breaks this is kept as a regression
//! file in `fixtures/regressions/`, checked here too;
//! `tests/fuzz/campaign.py` runs a longer campaign and keeps what it finds
//! there.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::Rng;

/// `bytes` with a few random edits: a byte changed, a run dropped, a run
/// repeated, or the tail cut.
fn mutate(bytes: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut b = bytes.to_vec();
    for _ in 0..1 + rng.below(4) {
        if b.is_empty() {
            break;
        }
        let at = rng.below(b.len());
        match rng.below(4) {
            0 => b[at] = rng.next() as u8,
            1 => {
                let end = (at + 1 + rng.below(64)).min(b.len());
                b.drain(at..end);
            }
            2 => {
                let end = (at + 1 + rng.below(64)).min(b.len());
                let run = b[at..end].to_vec();
                b.splice(at..at, run);
            }
            _ => b.truncate(at.max(1)),
        }
    }
    b
}

fn seeds() -> Vec<PathBuf> {
    let root = crate::support::root().join("fixtures");
    let mut out = Vec::new();
    for rel in [
        "seed/total-typo.xlsx",
        "seed/report.xlsx",
        "formulas/short-range.xlsx",
        "csv/seed-gbk.csv",
        "text/seed.txt",
        "three-public/parent-zero.xlsx",
        "scores/over-max.xlsx",
    ] {
        out.push(root.join(rel));
    }
    out
}

fn run(args: &[&str], limit: Duration) -> (i32, String) {
    // Output to files, not pipes: a report bigger than a pipe's buffer
    // would block a child nobody reads from yet.
    let logs = tempfile::tempdir().unwrap();
    let (out_path, err_path) = (logs.path().join("out"), logs.path().join("err"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_crossfoot"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(Stdio::from(std::fs::File::create(&out_path).unwrap()))
        .stderr(Stdio::from(std::fs::File::create(&err_path).unwrap()))
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
    let status = child.wait().unwrap();
    let read =
        |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
    (
        status.code().unwrap_or(-1),
        read(&out_path) + &read(&err_path),
    )
}

fn assert_survives(dir: &Path) {
    let d = dir.display().to_string();
    for format in ["human", "json", "csv", "sarif", "junit", "html"] {
        let (code, out) = run(
            &["check", "--no-cache", "--format", format, &d],
            Duration::from_secs(60),
        );
        assert!(matches!(code, 0..=2), "{format}: exit {code}\n{out}");
        assert!(!out.contains("panicked"), "{format}: panic text\n{out}");
        // A panic caught around a file is still a bug.
        assert!(
            !out.contains("internal error"),
            "{format}: a caught panic\n{out}"
        );
    }
}

#[test]
fn mutated_workbooks_reports_and_rules_never_crash() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(0x5eed_c0ff_ee15_f00d);
    for seed in seeds() {
        let bytes = std::fs::read(&seed).unwrap();
        let ext = seed.extension().unwrap().to_string_lossy().into_owned();
        let stem = seed.file_stem().unwrap().to_string_lossy().into_owned();
        for k in 0..25 {
            let m = mutate(&bytes, &mut rng);
            std::fs::write(dir.path().join(format!("{stem}-{k}.{ext}")), m).unwrap();
        }
    }
    assert_survives(dir.path());
    // Rule files: mutated text, validated.
    let rules = std::fs::read(crate::support::fixture("seed/seed.toml")).unwrap();
    for k in 0..40 {
        let p = dir.path().join(format!("rules-{k}.toml"));
        std::fs::write(&p, mutate(&rules, &mut rng)).unwrap();
        let (code, out) = run(
            &["rules", "check", &p.display().to_string()],
            Duration::from_secs(30),
        );
        assert!(matches!(code, 0 | 2), "rules-{k}: exit {code}\n{out}");
        assert!(!out.contains("panicked"), "rules-{k}\n{out}");
    }
}

/// Every regression file kept from fuzzing, checked in every format (rule
/// files validated): none may crash, hang or print panic text again.
#[test]
fn regression_files_from_fuzzing_stay_fixed() {
    let dir = crate::support::root().join("fixtures/regressions");
    let kept: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    let (rules, data): (Vec<PathBuf>, Vec<PathBuf>) = kept
        .into_iter()
        .partition(|p| p.extension().is_some_and(|e| e == "toml"));
    for p in &rules {
        let (code, out) = run(
            &["rules", "check", &p.display().to_string()],
            Duration::from_secs(30),
        );
        assert!(matches!(code, 0 | 2), "{}: exit {code}\n{out}", p.display());
        assert!(!out.contains("panicked"), "{}\n{out}", p.display());
    }
    if !data.is_empty() {
        let copy = tempfile::tempdir().unwrap();
        for p in &data {
            std::fs::copy(p, copy.path().join(p.file_name().unwrap())).unwrap();
        }
        assert_survives(copy.path());
    }
    // The folder is there to be filled, and says how.
    assert!(dir.join("README.md").is_file());
}
