//! The standard disclosure documents: a 部门预算 or 部门决算 recognised from
//! its tables, its shipped pack applied with no rule file, the nine tables
//! counted; in the eight real PDFs and in nine-sheet fixture workbooks
//! (fixtures/disclosure, written by its make.py), clean and broken once per
//! tie between two tables.

use crate::support::{fixture, run};
use crossfoot::finding::Location;
use crossfoot::{check_file, Severity};

/// The findings of a rule or check id.
fn of<'a>(r: &'a crossfoot::FileReport, id: &str) -> Vec<&'a crossfoot::Finding> {
    r.findings
        .iter()
        .filter(|f| f.rule.as_str() == id)
        .collect()
}

/// Every file of `../shared/corpus/pdf` is recognised, its nine tables are
/// found, and every rule of its pack is decided on it: (file, document,
/// rules decided, pack findings). The 上海 template PDF (its figures `XX`)
/// is recognised too, and its rules are shown undecided, one by one.
///
/// Judged on the page: none of the seven filled documents breaks an
/// identity or a tie of its pack; each 机关运行经费 is within its 公用经费.
#[test]
fn every_disclosure_pdf_is_recognised_and_its_pack_decided() {
    let Some(dir) = crate::support::shared("corpus/pdf") else {
        eprintln!("skipped: ../shared/corpus/pdf is not present");
        return;
    };
    let expected: &[(&str, &str, usize)] = &[
        ("caizhengju-2024-final.pdf", "部门决算", 0),
        ("final-accounts-template.pdf", "部门决算", 13),
        ("shangwuwei-2025-budget.pdf", "部门预算", 0),
        ("shangwuwei-2025-unit-budget.pdf", "部门预算", 0),
        ("wanlijiedao-2024-budget.pdf", "部门预算", 0),
        ("wanlijiedao-2025-budget.pdf", "部门预算", 0),
        ("zhengfuban-2025-budget-a.pdf", "部门预算", 0),
        ("zhengfuban-2025-unit-budget.pdf", "部门预算", 0),
    ];
    for &(file, document, undecided) in expected {
        let path = dir.join(file);
        let r = crossfoot::engine::recognise_file(&path).expect(file);
        assert_eq!(r.document.name(), document, "{file}");
        assert_eq!(r.found.len(), 9, "{file}: {:?}", r.missing);
        let report = check_file(&path);
        assert_eq!(of(&report, "template-recognised").len(), 1, "{file}");
        // (Rules written for the other variant of the template are shown
        // as info; an undecided item of this document is a warning.)
        let undecided_here = of(&report, "template-undecided")
            .into_iter()
            .filter(|f| f.severity == Severity::Warning)
            .count();
        assert_eq!(undecided_here, undecided, "{file}");
        assert!(of(&report, "template-missing").is_empty(), "{file}");
        let pack: Vec<_> = report
            .findings
            .iter()
            .filter(|f| {
                let id = f.rule.as_str();
                id.starts_with("budget-") || id.starts_with("accounts-")
            })
            .collect();
        assert!(pack.is_empty(), "{file}: {pack:?}");
        // The empty 政府性基金 and 国有资本经营 tables carry their 空表说明.
        if undecided == 0 {
            assert!(of(&report, "template-empty").is_empty(), "{file}");
        }
    }
}

/// The fixture 部门预算 and 部门决算: clean, every rule of the pack decided
/// and holding; broken once per tie, the tie's finding names the changed
/// cell's table and the other table's cell.
#[test]
fn each_tie_between_two_tables_is_found_at_both_cells() {
    for (file, document) in [
        ("disclosure/budget-clean.xlsx", "部门预算"),
        ("disclosure/final-clean.xlsx", "部门决算"),
    ] {
        let report = check_file(&fixture(file));
        assert_eq!(report.status(), "ok", "{file}: {:?}", report.findings);
        let rec = of(&report, "template-recognised");
        assert_eq!(rec.len(), 1, "{file}");
        assert!(rec[0].message.render().contains(document), "{file}");
        assert!(
            of(&report, "template-undecided")
                .iter()
                .all(|f| f.severity == Severity::Info),
            "{file}"
        );
        assert!(of(&report, "template-empty").is_empty(), "{file}");
    }
    let breaks: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("disclosure/breaks.json")).unwrap())
            .unwrap();
    let breaks = breaks.as_array().unwrap();
    assert_eq!(breaks.len(), 13);
    for b in breaks {
        let file = b["file"].as_str().unwrap();
        let rule = b["rule"].as_str().unwrap();
        let report = check_file(&fixture(&format!("disclosure/{file}")));
        let found = of(&report, rule);
        assert_eq!(found.len(), 1, "{file}: {:?}", report.findings);
        let f = found[0];
        // Both tables' cells: the finding's own and its inputs.
        let mut sheets: Vec<String> = Vec::new();
        if let Location::Cell { sheet, .. } = &f.location {
            sheets.push(sheet.clone());
        }
        for input in &f.inputs {
            if let Some(s) = input.strip_prefix('\'').and_then(|s| s.split_once("'!")) {
                sheets.push(s.0.to_string());
            }
        }
        for want in [&b["sheet"], &b["other"]] {
            assert!(
                sheets.iter().any(|s| s == want.as_str().unwrap()),
                "{file}: {rule} names {sheets:?}, not {want}"
            );
        }
        assert!(f.severity >= Severity::Warning);
    }
}

/// A 部门预算 missing a table, or printing one empty without a note, is
/// told so by name.
#[test]
fn a_missing_or_unexplained_empty_table_is_named() {
    let report = check_file(&fixture("disclosure/budget-missing.xlsx"));
    let missing = of(&report, "template-missing");
    assert_eq!(missing.len(), 1);
    assert!(missing[0].message.render().contains("政府性基金预算支出表"));
    assert_eq!(missing[0].severity, Severity::Warning);
    let report = check_file(&fixture("disclosure/budget-empty.xlsx"));
    let empty = of(&report, "template-empty");
    assert_eq!(empty.len(), 1);
    assert!(empty[0].message.render().contains("国有资本经营预算支出表"));
    assert_eq!(
        empty[0].location,
        Location::Sheet {
            sheet: "7 国有资本经营预算支出表".into()
        }
    );
    // A note worded otherwise is a note.
    let report = check_file(&fixture("disclosure/budget-empty-noted.xlsx"));
    assert!(of(&report, "template-empty").is_empty());
}

/// `--no-templates` turns the packs off; `rules list FILE` says what was
/// recognised and lists the pack's rules with the others.
#[test]
fn the_packs_can_be_listed_and_turned_off() {
    let broken = fixture("disclosure/budget-tie-public.xlsx");
    let broken = broken.to_str().unwrap();
    let (_, out, _) = run(&["check", broken, "--format", "json", "--no-cache"]);
    assert!(out.contains("\"budget-tie-public\""), "{out}");
    let (_, out, _) = run(&[
        "check",
        broken,
        "--format",
        "json",
        "--no-cache",
        "--no-templates",
    ]);
    assert!(!out.contains("\"budget-tie-public\""), "{out}");
    assert!(!out.contains("template-recognised"), "{out}");
    // The human report says where a tie's finding is, though it draws no
    // table for it.
    let (_, out, _) = run(&["check", broken, "--no-cache", "--lang", "en"]);
    assert!(out.contains("at '5 一般公共预算支出表'!E16"), "{out}");
    assert!(out.contains("computed from: '4 财政拨款收支总表'!E9"), "{out}");
    let (code, out, _) = run(&["rules", "list", broken, "--lang", "en"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("recognised as a 部门预算: 9 of its nine tables"),
        "{out}"
    );
    assert!(out.contains("budget-tie-public"), "{out}");
    assert!(out.contains("rules/budget-disclosure.toml"), "{out}");
    let (_, out, _) = run(&["rules", "list", broken, "--no-templates", "--lang", "en"]);
    assert!(!out.contains("budget-tie-public "), "{out}");
}

/// A folder of nine workbooks, a table each, is one 部门预算: no file is a
/// document alone, the folder is; a tie broken between two files is named
/// with the other file's cell.
#[test]
fn a_folder_of_workbooks_is_one_document() {
    let dir = fixture("disclosure/folder-tie-basic");
    let run = crossfoot::check_files(&crossfoot::collect_files(&[dir]), None);
    assert_eq!(run.reports.len(), 9);
    for r in &run.reports {
        assert_eq!(
            of(r, "template-recognised").len(),
            1,
            "{}",
            r.path.display()
        );
        assert!(of(r, "template-missing").is_empty(), "{}", r.path.display());
    }
    let ties: Vec<&crossfoot::Finding> = run
        .reports
        .iter()
        .flat_map(|r| of(r, "budget-tie-basic"))
        .collect();
    assert_eq!(ties.len(), 1);
    assert_eq!(ties[0].cell(), Some("D12"));
    assert_eq!(
        ties[0].inputs,
        ["[5 一般公共预算支出表.xlsx]'5 一般公共预算支出表'!F16"]
    );
    // One of its workbooks alone is no document.
    let one = check_file(&fixture("disclosure/folder-tie-basic/1 收支总表.xlsx"));
    assert!(of(&one, "template-recognised").is_empty());
}

/// The 决算's 三公 table prints 预算数 and 决算数 under each item: it is one
/// table (not four side by side), and its 合计 adds each kind's columns,
/// the 合计's 决算数 the items' 决算数.
#[test]
fn the_three_public_accounts_table_adds_each_kind() {
    let report = check_file(&fixture("disclosure/final-three-public.xlsx"));
    let cross: Vec<(Option<&str>, String)> = of(&report, "cross-footing")
        .iter()
        .map(|f| (f.cell(), f.inputs.join(",")))
        .collect();
    assert_eq!(cross, [(Some("B5"), "D5,F5,H5".to_string())], "{cross:?}");
}

/// A 预决算 bundle, a 部门预算 and a 部门决算 in one workbook: both are
/// recognised, each checked by its own pack (the budget's broken tie is
/// found).
#[test]
fn a_bundle_of_both_documents_gets_both_packs() {
    let report = check_file(&fixture("disclosure/bundle.xlsx"));
    let rec: Vec<String> = of(&report, "template-recognised")
        .iter()
        .map(|f| f.message.render())
        .collect();
    assert_eq!(rec.len(), 2, "{rec:?}");
    assert!(
        rec.iter().any(|m| m.contains("部门预算")) && rec.iter().any(|m| m.contains("部门决算"))
    );
    assert_eq!(of(&report, "budget-tie-basic").len(), 1);
    assert!(of(&report, "template-missing").is_empty());
    assert!(report
        .findings
        .iter()
        .all(|f| !f.rule.as_str().starts_with("accounts-")));
}
