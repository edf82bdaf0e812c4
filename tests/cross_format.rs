//! The same facts from every file type: each fixture workbook, converted by
//! LibreOffice to .xls (BIFF8) and .ods, gives the findings the .xlsx gives
//! (check, sheet, cell, severity, stated and computed figures), and checks
//! as many relations. This is what reads number formats, indent, merged
//! cells, hidden rows and formulas from each format.
//!
//! Needs `soffice` (Debian: `libreoffice-calc-nogui`, which `.ci/run`
//! installs); without it the test says so and checks nothing.
//!
//! What LibreOffice cannot carry is listed in [`CARRIED_DIFFERENTLY`] with
//! its reason; nothing else may differ.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{fixture, run, tempdir};

/// Findings that a conversion changes, by fixture and check, and why.
const CARRIED_DIFFERENTLY: &[(&str, &str, &str)] = &[(
    "formulas_uncached",
    "formula-uncached",
    "LibreOffice calculates formulas saved without values when it opens the \
     file, and saves the values: the converted file has them",
)];

fn soffice() -> Option<PathBuf> {
    ["soffice", "libreoffice"].iter().find_map(|name| {
        std::env::var_os("PATH")?
            .to_str()?
            .split(':')
            .map(|d| Path::new(d).join(name))
            .find(|p| p.is_file())
    })
}

/// Every fixture workbook (regressions are damaged on purpose).
fn fixture_workbooks() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![fixture("")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                if !p.ends_with("regressions") {
                    stack.push(p);
                }
            } else if p.extension().is_some_and(|x| x == "xlsx") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

type Key = (String, String, String, String, String, String);

/// A file's status, number of checks and findings.
fn findings(path: &Path) -> (String, u64, BTreeSet<Key>) {
    let p = path.display().to_string();
    let (_, stdout, stderr) = run(&["check", "--no-cache", "--format", "json", &p]);
    let doc: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{p}: {e}\n{stderr}"));
    let file = &doc["files"][0];
    let s = |v: &serde_json::Value| v.as_str().unwrap_or("").to_string();
    let keys = file["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                s(&f["rule"]),
                s(&f["sheet"]),
                s(&f["cell"]),
                s(&f["severity"]),
                s(&f["stated"]),
                s(&f["computed"]),
            )
        })
        .collect();
    (
        s(&file["status"]),
        file["checks"].as_u64().unwrap_or(0),
        keys,
    )
}

#[test]
fn xls_and_ods_converted_by_libreoffice_give_the_findings_of_the_xlsx() {
    let Some(soffice) = soffice() else {
        eprintln!("skipped: no soffice (apt-get install libreoffice-calc-nogui)");
        return;
    };
    let dir = tempdir();
    // Flat names: `outline/clean.xlsx` is `outline_clean.xlsx`.
    let mut names = Vec::new();
    let root = fixture("");
    for p in fixture_workbooks() {
        let rel = p
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('/', "_");
        std::fs::copy(&p, dir.path().join(&rel)).unwrap();
        names.push(rel);
    }
    assert!(names.len() >= 40, "fixtures not found: {names:?}");
    let profile = dir.path().join("lo-profile");
    for to in ["xls", "ods"] {
        let status = Command::new(&soffice)
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args(["--headless", "--convert-to", to, "--outdir"])
            .arg(dir.path())
            .args(names.iter().map(|n| dir.path().join(n)))
            .output()
            .expect("run soffice");
        assert!(status.status.success(), "soffice failed: {status:?}");
    }
    let mut differ = Vec::new();
    for name in &names {
        let stem = name.trim_end_matches(".xlsx");
        let (status, checks, mut want) = findings(&dir.path().join(name));
        for to in ["xls", "ods"] {
            let converted = dir.path().join(format!("{stem}.{to}"));
            assert!(converted.is_file(), "{name} was not converted to {to}");
            let (s2, c2, mut got) = findings(&converted);
            for (fixture, check, _) in CARRIED_DIFFERENTLY {
                if stem == *fixture {
                    want.retain(|k| k.0 != *check);
                    got.retain(|k| k.0 != *check);
                }
            }
            if (s2.as_str(), c2, &got) != (status.as_str(), checks, &want) {
                differ.push(format!(
                    "{stem}.{to}: {s2}, {c2} checks (xlsx: {status}, {checks})\n  only in xlsx: {:?}\n  only in {to}: {:?}",
                    want.difference(&got).collect::<Vec<_>>(),
                    got.difference(&want).collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}
