//! The command line: exit codes, the JSON document, human output, folders,
//! and files that cannot be read.

use std::path::Path;

use crate::support::{check_json, fixture, run, tempdir, workbook};

#[test]
fn clean_file_exits_0_and_says_so() {
    let path = fixture("seed/clean.xlsx");
    let (code, out, _) = run(&["check", &path.display().to_string()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("ok: "), "{out}");
    assert!(
        out.contains("checked 1 file: 1 clean, 0 with findings, 0 unreadable"),
        "{out}"
    );
}

#[test]
fn broken_file_exits_1_and_names_the_cell() {
    let path = fixture("seed/total-typo.xlsx");
    let (code, out, _) = run(&["check", &path.display().to_string()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("重点评价项目!D8"), "{out}");
    assert!(out.contains("21,349.1"), "{out}");
    assert!(out.contains("stated 21,349.1, computed 21,240.1"), "{out}");
    assert!(out.contains("D4:D7"), "{out}");
    assert!(
        !out.contains('\u{1b}'),
        "no colour when NO_COLOR is set or piped"
    );
}

#[test]
fn json_document_has_the_documented_shape() {
    let (code, doc) = check_json(&[
        &fixture("seed/total-typo.xlsx"),
        &fixture("seed/clean.xlsx"),
    ]);
    assert_eq!(code, 1);
    assert_eq!(doc["schema"], 1);
    assert_eq!(doc["tool"], "crossfoot");
    assert_eq!(doc["version"], env!("CARGO_PKG_VERSION"));
    let f = &doc["files"][0];
    assert_eq!(f["status"], "findings");
    assert!(f["error"].is_null());
    assert_eq!(f["tables"], 1);
    let finding = &f["findings"][0];
    for key in [
        "rule",
        "severity",
        "sheet",
        "cell",
        "stated",
        "computed",
        "difference",
        "tolerance",
        "unit",
        "inputs",
        "suspects",
        "message",
    ] {
        assert!(finding.get(key).is_some(), "missing {key}: {finding}");
    }
    assert_eq!(finding["rule"], "footing");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["cell"], "D8");
    assert_eq!(finding["stated"], "21349.1");
    assert_eq!(finding["computed"], "21240.1");
    assert_eq!(finding["difference"], "109");
    assert_eq!(finding["unit"], "万元");
    assert_eq!(finding["inputs"], serde_json::json!(["D4:D7"]));
    assert_eq!(doc["files"][1]["status"], "ok");
    assert_eq!(
        doc["summary"],
        serde_json::json!({"files": 2, "ok": 1, "findings": 1, "errors": 0})
    );
}

#[test]
fn output_file_is_written_and_input_untouched() {
    let dir = tempdir();
    let input = dir.path().join("ledger.xlsx");
    std::fs::copy(fixture("seed/total-typo.xlsx"), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let mtime = std::fs::metadata(&input).unwrap().modified().unwrap();
    let out = dir.path().join("report.json");
    let (code, stdout, _) = run(&[
        "check",
        "--format",
        "json",
        "--output",
        &out.display().to_string(),
        &input.display().to_string(),
    ]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(doc["summary"]["findings"], 1);
    assert_eq!(std::fs::read(&input).unwrap(), before);
    assert_eq!(
        std::fs::metadata(&input).unwrap().modified().unwrap(),
        mtime
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn unreadable_files_get_one_clear_line_and_the_rest_are_checked() {
    let dir = tempdir();
    let d = dir.path();
    workbook(d, "good.xlsx", "t", "项目|金额\n甲|1.0\n乙|2.0\n合计|4.0\n");
    write(&d.join("empty.xlsx"), b"");
    write(&d.join("text.xlsx"), b"this is not a workbook\n");
    write(
        &d.join("page.xls"),
        b"<html><table><tr><td>1</td></tr></table></html>",
    );
    let good = std::fs::read(d.join("good.xlsx")).unwrap();
    write(&d.join("truncated.xlsx"), &good[..good.len() / 2]);
    write(&d.join("binary.csv"), b"\x00\x01\x02\x03");
    // Skipped: Office lock files, hidden files, files that are not spreadsheets.
    write(&d.join("~$good.xlsx"), b"lock");
    write(&d.join(".hidden.xlsx"), b"hidden");
    write(&d.join("notes.txt"), b"notes");
    let (code, doc) = check_json(&[d]);
    assert_eq!(code, 2, "an unreadable file makes the exit status 2");
    let files = doc["files"].as_array().unwrap();
    let by_name = |n: &str| {
        files
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(n))
            .unwrap_or_else(|| panic!("{n} not checked: {doc}"))
    };
    assert_eq!(files.len(), 6, "{doc}");
    assert_eq!(by_name("good.xlsx")["status"], "findings");
    assert_eq!(by_name("empty.xlsx")["error"], "empty file");
    assert!(by_name("text.xlsx")["error"]
        .as_str()
        .unwrap()
        .starts_with("not a spreadsheet"));
    assert!(by_name("page.xls")["error"]
        .as_str()
        .unwrap()
        .contains("HTML"));
    assert!(
        by_name("truncated.xlsx")["error"]
            .as_str()
            .unwrap()
            .starts_with("corrupt zip"),
        "{}",
        by_name("truncated.xlsx")
    );
    assert!(by_name("binary.csv")["error"]
        .as_str()
        .unwrap()
        .starts_with("not a spreadsheet"));
    assert_eq!(doc["summary"]["errors"], 5);

    let (code, out, _) = run(&["check", &d.display().to_string()]);
    assert_eq!(code, 2);
    assert!(out.contains("empty.xlsx: empty file"), "{out}");
    assert!(
        out.contains("checked 6 files: 0 clean, 1 with findings, 5 unreadable"),
        "{out}"
    );
}

#[test]
fn password_protected_workbook() {
    let path = crate::support::root().join("../shared/corpus/real/calamine/pass_protected.xlsx");
    if !path.exists() {
        eprintln!("skipped: {} is not present", path.display());
        return;
    }
    let (code, out, _) = run(&["check", &path.display().to_string()]);
    assert_eq!(code, 2);
    assert!(out.contains("password protected"), "{out}");
}

#[test]
fn usage_errors_exit_2() {
    let (code, _, err) = run(&["check"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, _) = run(&["check", "--format", "yaml", "x.xlsx"]);
    assert_eq!(code, 2);
    let dir = tempdir();
    let (code, _, err) = run(&["check", &dir.path().display().to_string()]);
    assert_eq!(code, 2);
    assert!(err.contains("no spreadsheets"), "{err}");
}

#[test]
fn tab_separated_text_saved_as_xls_is_read_as_csv() {
    let dir = tempdir();
    let path = dir.path().join("export.xls");
    std::fs::write(&path, "项目\t金额\n甲\t1.0\n乙\t2.0\n合计\t4.0\n").unwrap();
    let report = crossfoot::check_file(&path);
    assert!(report.error.is_none(), "{:?}", report.error);
    assert_eq!(report.findings[0].cell(), Some("B4"));
    // An Excel 4.0 worksheet stream gets a clear reason.
    let old = dir.path().join("old.xls");
    std::fs::write(
        &old,
        [0x09u8, 0x04, 0x06, 0x00, 0x00, 0x00, 0x10, 0x00, 0, 0],
    )
    .unwrap();
    let report = crossfoot::check_file(&old);
    assert!(report.error.unwrap().to_string().contains("BIFF2–5"));
}

/// The help of every command, in both languages, shows every help text of
/// the catalogs (`cli-…`), and ends with examples.
#[test]
fn help_speaks_both_languages_with_every_catalog_text() {
    use crossfoot::message::{catalog_ids, Lang, Message};
    for (lang, flag) in [(Lang::En, "en"), (Lang::Zh, "zh")] {
        let mut shown = String::new();
        for cmd in [
            &[][..],
            &["check"],
            &["watch"],
            &["rules"],
            &["rules", "check"],
            &["rules", "list"],
        ] {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_crossfoot"))
                .arg("--lang")
                .arg(flag)
                .args(cmd)
                .arg("--help")
                .env("NO_COLOR", "1")
                .env("COLUMNS", "400")
                .output()
                .unwrap();
            assert!(out.status.success(), "{cmd:?}");
            shown.push_str(&String::from_utf8_lossy(&out.stdout));
        }
        for id in catalog_ids().into_iter().filter(|i| i.starts_with("cli-")) {
            if id == "cli-arg-max-rechecks" {
                continue; // a hidden option
            }
            let text = Message::owned(id.clone()).render_in(lang);
            let first = text.lines().next().unwrap_or_default();
            assert!(
                shown.contains(first),
                "{flag}: {id} ({first:?}) is not in the help"
            );
        }
        let examples = if lang == Lang::Zh {
            "示例："
        } else {
            "Examples:"
        };
        assert!(shown.contains(examples), "{flag}\n{shown}");
    }
    // Chinese help has no English option descriptions.
    let zh = std::process::Command::new(env!("CARGO_BIN_EXE_crossfoot"))
        .args(["check", "--help"])
        .env("CROSSFOOT_LANG", "zh")
        .output()
        .unwrap();
    let zh = String::from_utf8_lossy(&zh.stdout);
    assert!(
        zh.contains("输出格式") && !zh.contains("Output format"),
        "{zh}"
    );
}
