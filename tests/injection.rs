//! Reports that cannot be turned against their readers: text a file
//! controls never drives the terminal, never runs as a formula in a
//! spreadsheet opening the CSV output.

use crate::support::run;

fn hostile(name: &str) -> String {
    crate::support::root()
        .join("../shared/cases/hostile")
        .join(name)
        .display()
        .to_string()
}

/// Guards: cell text with escape sequences (set the window title, clear
/// the screen) printed raw to the terminal.
#[test]
fn cell_text_does_not_reach_the_terminal_as_escapes() {
    let path = hostile("ansi-header.csv");
    if !std::path::Path::new(&path).exists() {
        eprintln!("skipped: {path} is not here");
        return;
    }
    let (code, stdout, stderr) = run(&["check", &path]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
        "{stdout:?}"
    );
    assert!(
        stdout.contains("\\u{1b}]0;PWNED-TITLE"),
        "the escape is shown: {stdout}"
    );
}

/// Guards: `=HYPERLINK(…)` written unneutralised into a CSV cell.
#[test]
fn csv_cells_do_not_run_as_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("=HYPERLINK(1).csv");
    std::fs::write(&path, "项目,金额（万元）\n甲,10\n乙,20\n合计,40\n").unwrap();
    let (code, stdout, stderr) = run(&["check", "--format", "csv", &path.display().to_string()]);
    assert_eq!(code, 1, "{stderr}");
    let mut rows = ::csv::Reader::from_reader(stdout.trim_start_matches('\u{feff}').as_bytes());
    let row = rows.records().next().expect("a finding").unwrap();
    assert_eq!(
        &row[4], "'=HYPERLINK(1)",
        "the sheet (the file's stem) is neutralised"
    );
    for cell in row.iter() {
        assert!(!cell.starts_with(['=', '+', '@']), "{row:?}");
    }
}

/// A file whose name holds a line break cannot print a line of its own in
/// the terminal report (a fake "ok:" line under a bad file).
#[cfg(unix)]
#[test]
fn a_line_break_in_a_file_name_stays_on_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let name = "bad\nok: fake.xlsx";
    std::fs::copy(
        crate::support::fixture("seed/total-typo.xlsx"),
        dir.path().join(name),
    )
    .unwrap();
    let (_, out, _) =
        crate::support::run(&["check", "--no-cache", &dir.path().display().to_string()]);
    assert!(
        !out.lines().any(|l| l.starts_with("ok: fake.xlsx")),
        "{out}"
    );
    assert!(out.contains("bad\\u{a}ok: fake.xlsx"), "{out}");
}
