//! Small helpers shared by the integration tests.
#![allow(dead_code)]

pub mod grid;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
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
