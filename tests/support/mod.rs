//! Small helpers shared by the integration tests.
#![allow(dead_code)]

pub mod grid;
pub mod xlsb;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file of the shared material (`../shared/…` beside the project, or
/// `/work/shared/…`), if it is present: tests on it are skipped without.
pub fn shared(rel: &str) -> Option<PathBuf> {
    [root().join("../shared"), PathBuf::from("/work/shared")]
        .into_iter()
        .map(|base| base.join(rel))
        .find(|p| p.exists())
}

/// A fixture by its path under `fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("fixtures").join(rel)
}

/// Runs `crossfoot` with `args`; returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_crossfoot"))
        .args(args)
        .env("NO_COLOR", "1")
        .env(
            "CROSSFOOT_CACHE_DIR",
            std::env::temp_dir().join(format!("crossfoot-test-cache-{}", std::process::id())),
        )
        .output()
        .expect("run crossfoot");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `crossfoot check --format json` on paths and parses the document.
pub fn check_json(paths: &[&Path]) -> (i32, serde_json::Value) {
    let mut args = vec!["check".to_string(), "--format".into(), "json".into()];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, stdout, stderr) = run(&args);
    let doc = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("bad JSON ({e}):\n{stdout}\n{stderr}"));
    (code, doc)
}

/// The (cell, rule) of every error finding of one checked file, sorted.
pub fn error_cells(report: &crossfoot::FileReport) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = report
        .findings
        .iter()
        .filter(|f| f.severity == crossfoot::Severity::Error)
        .map(|f| (f.cell().unwrap_or_default().to_string(), f.rule.to_string()))
        .collect();
    v.sort();
    v.dedup();
    v
}

/// A fresh temporary folder.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Writes a one-sheet workbook from a grid into `dir/name`.
pub fn workbook(dir: &Path, name: &str, sheet: &str, grid: &str) -> PathBuf {
    let path = dir.join(name);
    grid::write_workbook(&path, &[(sheet, grid)]).expect("write workbook");
    path
}

/// A finding as its JSON writes it (decimals and units as strings).
pub fn j(f: &crossfoot::Finding) -> crossfoot::report::json::FindingJson<'_> {
    crossfoot::report::json::FindingJson::from(f)
}

/// A decimal as JSON writes it.
pub fn dec(d: Option<rust_decimal::Decimal>) -> Option<String> {
    d.map(|d| d.normalize().to_string())
}

/// Runs a Python script with `args`; None when a module it imports is not
/// installed. Returns (success, stdout and stderr).
fn python(script: &str, args: &[&str]) -> Option<(bool, String)> {
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .ok()?;
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    if text.contains("ModuleNotFoundError") {
        return None;
    }
    Some((out.status.success(), text))
}

/// Asserts that a JUnit report validates against tests/schemas/junit.xsd
/// (skipped with a note without lxml: scripts/fetch-test-tools.sh).
pub fn validate_junit(report: &Path) {
    let xsd = root().join("tests/schemas/junit.xsd");
    let script = "import sys; from lxml import etree; s = etree.XMLSchema(etree.parse(sys.argv[1])); d = etree.parse(sys.argv[2]); ok = s.validate(d); print(s.error_log); sys.exit(0 if ok else 1)";
    match python(
        script,
        &[&xsd.display().to_string(), &report.display().to_string()],
    ) {
        None => {
            eprintln!("skipped: python3 with lxml is not installed (scripts/fetch-test-tools.sh)")
        }
        Some((ok, log)) => assert!(ok, "JUnit does not validate: {log}"),
    }
}

/// Asserts that a SARIF log validates against the 2.1.0 schema (skipped
/// with a note without the schema or jsonschema:
/// scripts/fetch-test-tools.sh).
pub fn validate_sarif(log: &Path) {
    let schema = std::env::var("CROSSFOOT_SARIF_SCHEMA")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root().join("tests/schemas/sarif-2.1.0.json"));
    if !schema.exists() {
        eprintln!(
            "skipped: the SARIF schema is not at {} (scripts/fetch-test-tools.sh)",
            schema.display()
        );
        return;
    }
    let script = "import sys, json, jsonschema; s = json.load(open(sys.argv[1])); d = json.load(open(sys.argv[2])); jsonschema.validate(d, s); print('valid')";
    match python(
        script,
        &[&schema.display().to_string(), &log.display().to_string()],
    ) {
        None => eprintln!("skipped: python3 with jsonschema is not installed"),
        Some((ok, log)) => assert!(ok, "SARIF does not validate: {log}"),
    }
}

/// A small deterministic generator (xorshift64*), for generated tables and
/// mutated files: a fixed seed, so a failure repeats.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `lo..hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo) as u64) as i64
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}
