//! Every fixture family: clean copies give no error finding, broken copies
//! are caught at the cell that holds the wrong stated figure, by the right
//! check. Regenerate the workbooks with `cargo run --example make_fixtures`.

use crate::support::{error_cells, fixture};

fn expect(rel: &str, expected: &[(&str, &str)]) {
    let report = crossfoot::check_file(&fixture(rel));
    assert!(report.error.is_none(), "{rel}: {:?}", report.error);
    assert!(report.tables > 0, "{rel}: no table detected");
    let mut want: Vec<(String, String)> = expected
        .iter()
        .map(|(c, r)| (c.to_string(), r.to_string()))
        .collect();
    want.sort();
    assert_eq!(error_cells(&report), want, "{rel}: {:#?}", report.findings);
}

#[test]
fn seed_project_list() {
    expect("seed/clean.xlsx", &[]);
    expect("seed/swapped-digits.xlsx", &[("D8", "footing")]);
    expect("seed/total-typo.xlsx", &[("D8", "footing")]);
    expect("seed/unit-slip.xlsx", &[("D8", "footing")]);
    // Counts are exact: one project too many is not rounding.
    expect("seed/miscount.xlsx", &[("C8", "footing")]);
}

#[test]
fn seed_finding_has_the_documented_shape() {
    let report = crossfoot::check_file(&fixture("seed/total-typo.xlsx"));
    let f = &report.findings[0];
    assert_eq!(f.sheet(), Some("重点评价项目"));
    assert_eq!(crate::support::j(&f).stated.as_deref(), Some("21349.1"));
    assert_eq!(crate::support::j(&f).computed.as_deref(), Some("21240.1"));
    assert_eq!(crate::support::j(&f).difference.as_deref(), Some("109"));
    assert_eq!(crate::support::j(&f).tolerance.as_deref(), Some("0.25"));
    assert_eq!(crate::support::j(&f).unit.as_deref(), Some("万元"));
    assert_eq!(f.inputs, vec!["D4:D7"]);
    assert!(f.message.render().contains("合计"), "{}", f.message);
}

#[test]
fn function_classification_codes() {
    expect("function/clean.xlsx", &[]);
    expect(
        "function/detail-typo.xlsx",
        &[("C12", "cross-footing"), ("E11", "hierarchy")],
    );
    expect(
        "function/parent-typo.xlsx",
        &[
            ("C6", "hierarchy"),
            ("C7", "cross-footing"),
            ("C7", "hierarchy"),
        ],
    );
}

#[test]
fn split_lei_kuan_xiang_codes() {
    expect("split-codes/clean.xlsx", &[]);
    expect("split-codes/broken.xlsx", &[("F7", "hierarchy")]);
}

#[test]
fn outline_numbering() {
    expect("outline/clean.xlsx", &[]);
    expect("outline/broken.xlsx", &[("B8", "hierarchy")]);
}

#[test]
fn subtotal_groups_are_not_counted_twice() {
    expect("subtotals/clean.xlsx", &[]);
    expect(
        "subtotals/subtotal-typo.xlsx",
        &[("C10", "footing"), ("C9", "footing")],
    );
    expect("subtotals/counted-twice.xlsx", &[("C10", "footing")]);
}

#[test]
fn score_tables() {
    expect("scores/clean.xlsx", &[]);
    expect(
        "scores/over-max.xlsx",
        &[("D6", "score-cap"), ("D9", "score-cap")],
    );
    expect("scores/total-typo.xlsx", &[("D9", "footing")]);
}

#[test]
fn departments_by_income_source() {
    expect("departments/clean.xlsx", &[]);
    expect(
        "departments/row-total-typo.xlsx",
        &[("B4", "footing"), ("B6", "cross-footing")],
    );
}

#[test]
fn three_public_with_of_which_rows() {
    expect("three-public/clean.xlsx", &[]);
    expect("three-public/parent-zero.xlsx", &[("B7", "of-which")]);
}

#[test]
fn side_by_side_tables() {
    let report = crossfoot::check_file(&fixture("side-by-side/clean.xlsx"));
    assert_eq!(report.tables, 2, "two tables printed side by side");
    expect("side-by-side/clean.xlsx", &[]);
    expect("side-by-side/broken.xlsx", &[("C9", "footing")]);
}

#[test]
fn columns_that_must_not_be_footed() {
    expect("not-footed/clean.xlsx", &[]);
}

#[test]
fn numbers_written_as_text() {
    expect("text-numbers/clean.xlsx", &[]);
    expect("text-numbers/swapped-digits.xlsx", &[("C8", "footing")]);
}

#[test]
fn csv_in_utf8_and_gbk() {
    expect("csv/seed-utf8.csv", &[]);
    expect("csv/seed-utf8-bom.csv", &[]);
    expect("csv/seed-gbk.csv", &[]);
    expect("csv/seed-gbk-total-typo.csv", &[("C8", "footing")]);
    let report = crossfoot::check_file(&fixture("csv/seed-gbk-total-typo.csv"));
    assert_eq!(report.findings[0].sheet(), Some("seed-gbk-total-typo"));
    assert!(
        report.findings[0].message.render().contains("合计"),
        "GBK decoded"
    );
}

#[test]
fn several_tables_in_one_workbook() {
    let report = crossfoot::check_file(&fixture("workbook/all-clean.xlsx"));
    assert_eq!(report.tables, 6);
    assert!(report.checks > 40);
    assert_eq!(error_cells(&report), vec![]);
}

#[test]
fn a_swapped_digit_is_named_and_corrected() {
    let report = crossfoot::check_file(&fixture("seed/swapped-digits.xlsx"));
    let s = &report.findings[0].suspects;
    assert_eq!(s[0].cell, "D4", "{s:?}");
    assert_eq!(
        crate::support::dec(s[0].proposed).as_deref(),
        Some("1721.1")
    );
    assert!(s[0].reason().render().contains("swapped"));
    let report = crossfoot::check_file(&fixture("text-numbers/swapped-digits.xlsx"));
    assert_eq!(report.findings[0].suspects[0].cell, "C4");
    // No swap explains a total typed as 21,349.1: no swap is invented.
    let report = crossfoot::check_file(&fixture("seed/total-typo.xlsx"));
    assert!(report.findings[0]
        .suspects
        .iter()
        .all(|s| !s.reason().render().contains("swapped")));
}

#[test]
fn formulas_with_cached_values() {
    expect("formulas/clean.xlsx", &[]);
    // =SUM(D4:D6) leaves out D7: the total is wrong and the formula says why.
    expect(
        "formulas/short-range.xlsx",
        &[("D8", "footing"), ("D8", "formula-range")],
    );
    let report = crossfoot::check_file(&fixture("formulas/short-range.xlsx"));
    let range = report
        .findings
        .iter()
        .find(|f| f.rule == "formula-range")
        .unwrap();
    assert!(
        range.message.render().contains("=SUM(D4:D6)")
            && range.message.render().contains("leaves out D7"),
        "{}",
        range.message
    );
    assert_eq!(range.formula.as_deref(), Some("SUM(D4:D6)"));
    let footing = report
        .findings
        .iter()
        .find(|f| f.rule == "footing")
        .unwrap();
    assert_eq!(footing.suspects[0].cell, "D8");
    assert!(
        footing.suspects[0]
            .reason()
            .render()
            .contains("leaves out 专项债券 (D7)"),
        "{:?}",
        footing.suspects
    );
    // A total typed as a number beside formulas: a warning, not an error.
    expect("formulas/hardcoded.xlsx", &[]);
    let report = crossfoot::check_file(&fixture("formulas/hardcoded.xlsx"));
    assert_eq!(report.findings.len(), 1);
    assert_eq!(
        (report.findings[0].rule.as_str(), report.findings[0].cell()),
        ("formula-hardcoded", Some("D8"))
    );
    assert_eq!(report.findings[0].severity, crossfoot::Severity::Warning);
    // D4 edited after the last recalculation: the cached D8 is stale.
    expect(
        "formulas/stale.xlsx",
        &[("D8", "footing"), ("D8", "formula-stale")],
    );
}

#[test]
fn the_detail_cell_not_the_two_totals_is_the_suspect() {
    // E12 breaks both its row (C12 = D12 + E12) and its parent 20502 (E11).
    let report = crossfoot::check_file(&fixture("function/detail-typo.xlsx"));
    for f in &report.findings {
        assert_eq!(f.suspects[0].cell, "E12", "{f:?}");
        assert_eq!(
            crate::support::dec(f.suspects[0].proposed).as_deref(),
            Some("100")
        );
    }
    // A parent (20101, C7) that disagrees with its children while its own
    // parent agrees with them is the suspect.
    let report = crossfoot::check_file(&fixture("function/parent-typo.xlsx"));
    assert!(
        report.findings.iter().all(|f| f.suspects[0].cell == "C7"),
        "{:#?}",
        report.findings
    );
    // The row total of one department, not the column total.
    let report = crossfoot::check_file(&fixture("departments/row-total-typo.xlsx"));
    assert!(report.findings.iter().all(|f| f.suspects[0].cell == "B6"));
    // A total that alone breaks its relation is the suspect, and the
    // ambiguity is said.
    let report = crossfoot::check_file(&fixture("seed/total-typo.xlsx"));
    let s = &report.findings[0].suspects;
    assert_eq!(s[0].cell, "D8");
    assert!(
        s[0].reason().render().contains("does not single out"),
        "{s:?}"
    );
    // A unit slip: 元 typed in a 万元 table.
    let report = crossfoot::check_file(&fixture("seed/unit-slip.xlsx"));
    let s = &report.findings[0].suspects[0];
    assert_eq!(
        (s.cell.as_str(), crate::support::dec(s.proposed).as_deref()),
        ("D7", Some("586"))
    );
    assert!(s.reason().render().contains("unit slip"));
    // Every item counted twice beside its 小计.
    let report = crossfoot::check_file(&fixture("subtotals/counted-twice.xlsx"));
    assert!(report.findings[0].suspects[0]
        .reason()
        .render()
        .contains("小计"));
}

/// Figures shown by their number format: compared as shown, in the shown
/// unit, with hints in the figures the reader sees.
#[test]
fn figures_are_checked_as_their_format_shows_them() {
    // 元 shown in 千元 by `#,##0.0,`: 4,568.0 against parts that sum to
    // 4,567.949 千元 is rounding, not an error.
    expect("formats/thousands.xlsx", &[]);
    // The same with three sections (negatives, zero as a dash).
    expect("formats/sections.xlsx", &[]);
    expect("formats/thousands-typo.xlsx", &[("B7", "footing")]);
    let report = crossfoot::check_file(&fixture("formats/thousands-typo.xlsx"));
    let f = &report.findings[0];
    assert_eq!(crate::support::j(f).unit.as_deref(), Some("千元"));
    assert_eq!(crate::support::j(f).stated.as_deref(), Some("4658"));
    // Hints are in shown figures: 1,234.6 as typed, never 1,234.567.
    let hint = &f.suspects[0];
    assert_eq!(hint.cell, "B4");
    assert_eq!(
        hint.proposed.map(|d| d.to_string()).as_deref(),
        Some("1324.6")
    );
    // Four decimals stored, two shown: the total of the shown figures holds.
    expect("formats/decimals.xlsx", &[]);
    // 其中 items indented by cell alignment are sub-items.
    expect("formats/indent.xlsx", &[]);
    expect("formats/indent-typo.xlsx", &[("B3", "of-which")]);
}

/// A total that is not a figure is named with what it reads, never passed.
#[test]
fn a_total_that_is_not_a_figure_is_named_with_its_text() {
    let report = crossfoot::check_file(&fixture("seed/total-unreadable.xlsx"));
    let f = report
        .findings
        .iter()
        .find(|f| f.rule.as_str() == "undecided")
        .expect("an undecided finding");
    assert_eq!(f.cell(), Some("D8"));
    crossfoot::message::with_lang(crossfoot::message::Lang::En, || {
        let text = f.message.render();
        assert!(text.contains("“#REF!”"), "{text}");
    });
}
