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

/// An .xlsb gives the same facts: values shown in 千元 by `#,##0.0,`, a
/// hidden row (marked in the excerpt), labels indented by their XF and a
/// merged title. Written record by record: nothing free writes .xlsb.
#[test]
fn an_xlsb_is_read_with_its_formats_indents_hidden_rows_and_merges() {
    use crate::support::xlsb::{write_xlsb, XCell::*, XSheet};
    let dir = tempdir();
    // XF 0: General; 1: `#,##0.0,`; 2: indent 1; 3: indent 2.
    let xfs = [(0, 0), (164, 0), (0, 1), (0, 2)];
    let book = |total: f64| {
        vec![
            XSheet {
                name: "项目支出",
                rows: vec![
                    (0, false, vec![(0, 0, Text("2025年项目支出表"))]),
                    (1, false, vec![(0, 0, Text("单位：千元"))]),
                    (2, false, vec![(0, 0, Text("项目")), (1, 0, Text("预算数"))]),
                    (
                        3,
                        false,
                        vec![(0, 0, Text("校舍维修")), (1, 1, Number(1_234_567.0))],
                    ),
                    (
                        4,
                        true,
                        vec![(0, 0, Text("教学设备购置")), (1, 1, Number(2_345_678.0))],
                    ),
                    (
                        5,
                        false,
                        vec![(0, 0, Text("课桌椅更新")), (1, 1, Number(987_704.0))],
                    ),
                    (6, false, vec![(0, 0, Text("合计")), (1, 1, Number(total))]),
                ],
                merges: vec![(0, 0, 0, 1)],
            },
            XSheet {
                name: "收入预算",
                rows: vec![
                    (0, false, vec![(0, 0, Text("单位：万元"))]),
                    (1, false, vec![(0, 0, Text("项目")), (1, 0, Text("金额"))]),
                    (
                        2,
                        false,
                        vec![(0, 0, Text("一般公共预算拨款")), (1, 0, Number(500.0))],
                    ),
                    (3, false, vec![(0, 2, Text("其中："))]),
                    (
                        4,
                        false,
                        vec![(0, 3, Text("基本支出")), (1, 0, Number(300.0))],
                    ),
                    (
                        5,
                        false,
                        vec![(0, 3, Text("项目支出")), (1, 0, Number(200.0))],
                    ),
                    (
                        6,
                        false,
                        vec![(0, 0, Text("政府性基金拨款")), (1, 0, Number(100.0))],
                    ),
                    (7, false, vec![(0, 0, Text("合计")), (1, 0, Number(600.0))]),
                ],
                merges: vec![],
            },
        ]
    };
    let clean = dir.path().join("clean.xlsb");
    write_xlsb(&clean, &[(164, "#,##0.0,")], &xfs, &book(4_568_000.0));
    let (code, out, err) = run(&[
        "check",
        "--no-cache",
        "--lang",
        "en",
        &clean.display().to_string(),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("2 tables, 3 checks, all hold"), "{out}");

    let typo = dir.path().join("typo.xlsb");
    write_xlsb(&typo, &[(164, "#,##0.0,")], &xfs, &book(4_658_000.0));
    let (code, out, err) = run(&[
        "check",
        "--no-cache",
        "--lang",
        "en",
        &typo.display().to_string(),
    ]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("合计 of 预算数 (B7) is 4,658 千元"), "{out}");
    assert!(out.contains("5 hidden │ 教学设备购置"), "{out}");
    assert!(out.contains("1,234.6 typed for 1,324.6"), "{out}");
    assert!(out.contains("1 table") || out.contains("2 tables"), "{out}");
    let (_, doc) = crate::support::check_json(&[&typo]);
    let findings = doc["files"][0]["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:#?}");
}

/// An xlsb formula with relative references (as Excel writes them) reads
/// as `SUM(B4:B5)`, and a SUM that leaves a row out is found.
#[test]
fn an_xlsb_formula_with_relative_references_is_read() {
    use crate::support::xlsb::{sum_relative, write_xlsb, XCell::*, XSheet};
    let dir = tempdir();
    let path = dir.path().join("short-sum.xlsb");
    let sheet = XSheet {
        name: "项目支出",
        rows: vec![
            (0, false, vec![(0, 0, Text("单位：万元"))]),
            (1, false, vec![(0, 0, Text("项目")), (1, 0, Text("预算数"))]),
            (
                2,
                false,
                vec![(0, 0, Text("校舍维修")), (1, 0, Number(120.0))],
            ),
            (
                3,
                false,
                vec![(0, 0, Text("课桌椅更新")), (1, 0, Number(80.0))],
            ),
            (
                4,
                false,
                vec![(0, 0, Text("教学设备")), (1, 0, Number(50.0))],
            ),
            (
                5,
                false,
                vec![
                    (0, 0, Text("合计")),
                    (1, 0, Formula(200.0, sum_relative(1, 2, 3))),
                ],
            ),
        ],
        merges: vec![],
    };
    write_xlsb(&path, &[], &[(0, 0)], &[sheet]);
    let (code, out, err) = run(&[
        "check",
        "--no-cache",
        "--lang",
        "en",
        &path.display().to_string(),
    ]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("=SUM(B3:B4)"), "{out}");
    assert!(out.contains("formula-range"), "{out}");
}
