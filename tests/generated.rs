//! Tables written in the tests with rust_xlsxwriter: rounding, number
//! formats, total labels and positions, 其中 rows, larger tables.

use crate::support::{error_cells, tempdir, workbook};
use crossfoot::{check_file, Severity};

fn items_with_total(values: &[&str], total: &str) -> String {
    let mut g = String::from("项目|金额（万元）\n");
    for (i, v) in values.iter().enumerate() {
        g.push_str(&format!("项目{}|{v}\n", i + 1));
    }
    g.push_str(&format!("合计|{total}\n"));
    g
}

#[test]
fn differences_within_rounding_are_info_not_errors() {
    let dir = tempdir();
    let ten = ["1.1"; 10];
    // Σ = 11.0; shown to 0.1, ten items and a total may differ by up to 0.55.
    let within = check_file(&workbook(
        dir.path(),
        "within.xlsx",
        "t",
        &items_with_total(&ten, "11.5"),
    ));
    assert_eq!(error_cells(&within), vec![]);
    assert_eq!(within.status(), "ok");
    let info: Vec<_> = within
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Info)
        .collect();
    assert_eq!(info.len(), 1, "{:#?}", within.findings);
    assert_eq!(
        crate::support::j(&info[0]).tolerance.as_deref(),
        Some("0.55")
    );
    let beyond = check_file(&workbook(
        dir.path(),
        "beyond.xlsx",
        "t",
        &items_with_total(&ten, "11.6"),
    ));
    assert_eq!(
        error_cells(&beyond),
        vec![("B12".to_string(), "footing".to_string())]
    );
}

#[test]
fn the_number_format_sets_the_decimals_shown() {
    let dir = tempdir();
    // Shown with no decimals (#,##0): each figure may be off by 0.5.
    let grid = "项目|金额\n甲|1721\n乙|2600\n丙|16333\n丁|586\n合计|21242\n";
    let r = check_file(&workbook(dir.path(), "fmt.xlsx", "t", grid));
    assert_eq!(
        error_cells(&r),
        vec![],
        "a difference of 2 is within 5 × 0.5"
    );
    assert_eq!(
        crate::support::j(&r.findings[0]).tolerance.as_deref(),
        Some("2.5")
    );
    // The same figures shown to one decimal leave no room for 2.
    let grid = "项目|金额\n甲|1721.0\n乙|2600.0\n丙|16333.0\n丁|586.0\n合计|21242.0\n";
    let r = check_file(&workbook(dir.path(), "fmt1.xlsx", "t", grid));
    assert_eq!(
        error_cells(&r),
        vec![("B6".to_string(), "footing".to_string())]
    );
}

#[test]
fn general_floats_are_read_by_their_shortest_form() {
    let dir = tempdir();
    // 0.1 + 0.2 != 0.3 in floating point; it is in decimals.
    let grid = "项目|金额\n甲|g:0.1\n乙|g:0.2\n合计|g:0.3\n";
    let r = check_file(&workbook(dir.path(), "float.xlsx", "t", grid));
    assert_eq!(r.checks, 1);
    assert!(r.findings.is_empty(), "{:#?}", r.findings);
    let grid = "项目|金额\n甲|g:1721.1\n乙|g:2600\n合计|g:4321.3\n";
    let r = check_file(&workbook(dir.path(), "float2.xlsx", "t", grid));
    // Written with one decimal: tolerance 3 × 0.05 = 0.15 < 0.2.
    assert_eq!(
        error_cells(&r),
        vec![("B4".to_string(), "footing".to_string())]
    );
    assert_eq!(
        crate::support::j(&r.findings[0]).computed.as_deref(),
        Some("4321.1")
    );
}

#[test]
fn total_label_variants_and_a_grand_total_over_a_total() {
    let dir = tempdir();
    let grid = "项目|金额\n甲|10.0\n乙|20.0\n合　计|30.0\n上年结转|5.0\n总 计|35.0\n";
    let r = check_file(&workbook(dir.path(), "grand.xlsx", "t", grid));
    assert_eq!(r.checks, 2, "{:#?}", r.findings);
    assert_eq!(error_cells(&r), vec![]);
    let grid = "Item|Amount\nA|10.0\nB|20.0\nTotal|31.0\n";
    let r = check_file(&workbook(dir.path(), "en.xlsx", "t", grid));
    assert_eq!(
        error_cells(&r),
        vec![("B4".to_string(), "footing".to_string())]
    );
}

#[test]
fn a_total_column_last_heads_the_columns_before_it() {
    let dir = tempdir();
    let grid = "项目|基本支出|项目支出|合计\n甲|1.00|2.00|3.00\n乙|4.00|5.00|9.50\n";
    let r = check_file(&workbook(dir.path(), "last.xlsx", "t", grid));
    assert_eq!(
        error_cells(&r),
        vec![("D3".to_string(), "cross-footing".to_string())]
    );
    assert_eq!(r.findings[0].inputs, vec!["B3:C3"]);
}

#[test]
fn a_partial_of_which_never_exceeds_its_row() {
    let dir = tempdir();
    let ok = "项目|金额\n办公费|50.00\n其中：政府采购|20.00\n差旅费|30.00\n合计|80.00\n";
    let r = check_file(&workbook(dir.path(), "ok.xlsx", "t", ok));
    assert_eq!(error_cells(&r), vec![], "其中 rows are not added into 合计");
    let bad = "项目|金额\n办公费|50.00\n其中：政府采购|60.00\n差旅费|30.00\n合计|80.00\n";
    let r = check_file(&workbook(dir.path(), "bad.xlsx", "t", bad));
    assert_eq!(
        error_cells(&r),
        vec![("B2".to_string(), "of-which".to_string())]
    );
}

#[test]
fn rate_columns_in_the_total_row_are_not_footed() {
    let dir = tempdir();
    let grid = "项目|预算数|执行数|执行率\n甲|100.00|50.00|50.0%\n乙|100.00|100.00|100.0%\n合计|200.00|150.00|75.0%\n";
    let r = check_file(&workbook(dir.path(), "rate.xlsx", "t", grid));
    assert_eq!(r.checks, 2);
    assert_eq!(error_cells(&r), vec![]);
}

#[test]
fn a_large_ledger_with_subtotal_groups() {
    let dir = tempdir();
    let mut g = String::from("2024年项目台账|>|>\n||'单位：元\n序号|项目|金额\n");
    let mut total = 0i64;
    for group in 0..200 {
        let mut sub = 0i64;
        for i in 0..10 {
            let v = 1000 + group * 10 + i;
            sub += v;
            let shown = if group == 123 && i == 4 { v + 90 } else { v };
            g.push_str(&format!(
                "{}|项目{group}-{i}|{shown}.00\n",
                group * 10 + i + 1
            ));
        }
        total += sub;
        g.push_str(&format!("|小计|{sub}.00\n"));
    }
    g.push_str(&format!("|合计|{total}.00\n"));
    let r = check_file(&workbook(dir.path(), "big.xlsx", "台账", &g));
    assert_eq!(r.tables, 1);
    assert_eq!(r.checks, 201);
    // Group 123's 小计 sits on sheet row 3 + 124 × 11 = 1367.
    assert_eq!(
        error_cells(&r),
        vec![("C1367".to_string(), "footing".to_string())]
    );
}

#[test]
fn two_tables_stacked_on_one_sheet() {
    let dir = tempdir();
    let grid = "表一 收入表|>
        项目|金额
        甲|1.0
        乙|2.0
        合计|3.0

        表二 支出表|>
        '单位：万元
        项目|金额
        丙|4.0
        丁|5.0
        合计|9.5
        ";
    let r = check_file(&workbook(dir.path(), "stacked.xlsx", "t", grid));
    assert_eq!(r.tables, 2);
    assert_eq!(
        error_cells(&r),
        vec![("B12".to_string(), "footing".to_string())]
    );
    assert_eq!(
        crate::support::j(&r.findings[0]).unit.as_deref(),
        Some("万元"),
        "the second table's own unit"
    );
}

#[test]
fn a_sum_that_reaches_into_the_block_above() {
    let dir = tempdir();
    // The second 小计 sums from C4: it takes in the first group and its 小计.
    let grid = "序号|项目|金额
        1|甲|10.0
        2|乙|20.0
        |小计|=SUM(C2:C3)~30.0
        3|丙|5.0
        4|丁|6.0
        |小计|=SUM(C2:C6)~71.0
        |合计|=C4+C7~101.0";
    let r = check_file(&workbook(dir.path(), "reach.xlsx", "t", grid));
    let range: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "formula-range")
        .collect();
    assert_eq!(range.len(), 1, "{:#?}", r.findings);
    assert_eq!(range[0].cell(), Some("C7"));
    assert!(
        range[0].message.render().contains("C2:C4"),
        "{}",
        range[0].message
    );
    assert_eq!(
        crate::support::j(range[0]).help.as_deref(),
        Some("make the formula cover exactly the rows of its block: =SUM(C5:C6)")
    );
}

#[test]
fn a_rounding_adjustment_is_not_an_error() {
    let dir = tempdir();
    // 舍位平衡: one item nudged by one unit so the rounded table foots.
    let grid = "项目|金额\n甲|33.3\n乙|33.3\n丙|33.4\n合计|100.0\n";
    let r = check_file(&workbook(dir.path(), "nudge.xlsx", "t", grid));
    assert!(r.findings.is_empty());
    // Unadjusted: 33.3 × 3 = 99.9 against 100.0, within ±0.2.
    let grid = "项目|金额\n甲|33.3\n乙|33.3\n丙|33.3\n合计|100.0\n";
    let r = check_file(&workbook(dir.path(), "raw.xlsx", "t", grid));
    assert_eq!(error_cells(&r), vec![]);
    assert_eq!(r.findings[0].severity, Severity::Info);
}

/// Figures kept in one unit and shown in another by their number format
/// are checked as shown: 元 shown as 万元 (`0!.0,`, `0\.0,`, `0"."0,`,
/// `0!.0000`) and 元 shown as 千元 (`#,##0,`). A table right as printed has
/// no error; one wrong as printed has one, in the unit shown.
#[test]
fn figures_are_checked_in_the_unit_their_format_shows() {
    use rust_xlsxwriter::{Format, Workbook};
    let dir = tempdir();
    // (format, divisor, decimals shown)
    for (k, (code, shown_decimals)) in [
        ("0!.0,", 1),
        ("0\\.0,", 1),
        ("0\".\"0,", 1),
        ("0!.0000", 4),
        ("#,##0,", 0),
    ]
    .into_iter()
    .enumerate()
    {
        let divisor: f64 = if code == "#,##0," { 1_000.0 } else { 10_000.0 };
        // Stored values whose sum differs from the stated total by less
        // than the rounding of figures shown in the unit shown.
        let items = [17_211_234.0, 26_003_100.0, 16_332_900.0, 5_860_517.0];
        let sum: f64 = items.iter().sum();
        let mut right = (sum / divisor * 10f64.powi(shown_decimals)).round()
            / 10f64.powi(shown_decimals)
            * divisor;
        if code == "#,##0," {
            right = (sum / divisor).round() * divisor;
        }
        for (name, total) in [("right", right), ("wrong", right + 90.0 * divisor)] {
            let mut wb = Workbook::new();
            let ws = wb.add_worksheet();
            let fmt = Format::new().set_num_format(code);
            ws.write_string(0, 0, "项目").unwrap();
            ws.write_string(0, 1, "预算数").unwrap();
            for (i, v) in items.iter().enumerate() {
                ws.write_string(i as u32 + 1, 0, format!("项目{i}"))
                    .unwrap();
                ws.write_number_with_format(i as u32 + 1, 1, *v, &fmt)
                    .unwrap();
            }
            ws.write_string(5, 0, "合计").unwrap();
            ws.write_number_with_format(5, 1, total, &fmt).unwrap();
            let path = dir.path().join(format!("scaled-{k}-{name}.xlsx"));
            wb.save(&path).unwrap();
            let r = check_file(&path);
            let errors = error_cells(&r);
            if name == "right" {
                assert!(errors.is_empty(), "{code}: {:#?}", r.findings);
            } else {
                assert_eq!(
                    errors,
                    vec![("B6".to_string(), "footing".to_string())],
                    "{code}"
                );
                let f = crate::support::j(&r.findings[0]);
                // The difference is in the unit shown: 90, not 900,000.
                let diff: f64 = f.difference.as_deref().unwrap().parse().unwrap();
                assert!((diff - 90.0).abs() < 1.0, "{code}: off by {diff}");
            }
        }
    }
}

/// Each figure's own precision: one figure pasted with four decimals does
/// not take the rounding room of the others away.
#[test]
fn each_figure_is_rounded_at_its_own_decimals() {
    let dir = tempdir();
    // Exact sum 6540.7749 against 6540.78 typed: within the rounding of
    // figures shown to 2, 2, 1 and 4 decimals (0.065), not within 4
    // decimals for all (0.00025).
    let grid =
        "项目|金额\n甲|g:1721.12\n乙|g:2600.35\n丙|g:1633.3\n丁|g:586.0049\n合计|g:6540.78\n";
    let r = check_file(&workbook(dir.path(), "mixed.xlsx", "t", grid));
    assert!(error_cells(&r).is_empty(), "{:#?}", r.findings);
    // Off by 0.2 is beyond that room.
    let grid =
        "项目|金额\n甲|g:1721.12\n乙|g:2600.35\n丙|g:1633.3\n丁|g:586.0049\n合计|g:6540.97\n";
    let r = check_file(&workbook(dir.path(), "mixed2.xlsx", "t", grid));
    assert_eq!(
        error_cells(&r),
        vec![("B6".to_string(), "footing".to_string())]
    );
}

/// A table with figures but no total to check them against is said to be
/// unchecked, never "all hold".
#[test]
fn a_table_with_nothing_to_check_does_not_say_all_hold() {
    let dir = tempdir();
    let grid = "项目|金额\n甲|1721.1\n乙|2600.0\n丙|586.0\n";
    let r = check_file(&workbook(dir.path(), "no-total.xlsx", "t", grid));
    let line = crossfoot::message::with_lang(crossfoot::message::Lang::En, || {
        crossfoot::report::human::render_file(&r, &crossfoot::report::human::Options::default())
    });
    if r.tables > 0 {
        assert_eq!(r.checks, 0, "{line}");
        assert!(line.contains("nothing could be checked"), "{line}");
    }
    assert!(!line.contains("all hold"), "{line}");
}

/// Rows indented by their cell format (alignment indent) under 其中 are a
/// breakdown, as rows indented with spaces are: not items of the 合计.
#[test]
fn an_indent_by_format_marks_a_breakdown() {
    use rust_xlsxwriter::{Format, Workbook};
    let dir = tempdir();
    for indent in [true, false] {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        let shifted = Format::new().set_indent(if indent { 2 } else { 0 });
        let rows: [(&str, f64, bool); 6] = [
            ("一般公共预算拨款", 500.0, false),
            ("其中：", f64::NAN, false),
            ("基本支出", 300.0, true),
            ("项目支出", 200.0, true),
            ("政府性基金拨款", 100.0, false),
            ("合计", 600.0, false),
        ];
        ws.write_string(0, 0, "项目").unwrap();
        ws.write_string(0, 1, "金额").unwrap();
        for (i, (label, v, shift)) in rows.iter().enumerate() {
            let r = i as u32 + 1;
            if *shift {
                ws.write_string_with_format(r, 0, *label, &shifted).unwrap();
            } else {
                ws.write_string(r, 0, *label).unwrap();
            }
            if !v.is_nan() {
                ws.write_number(r, 1, *v).unwrap();
            }
        }
        let path = dir.path().join(format!("indent-{indent}.xlsx"));
        wb.save(&path).unwrap();
        let r = check_file(&path);
        if indent {
            assert!(error_cells(&r).is_empty(), "{:#?}", r.findings);
        } else {
            // Without the indent nothing says where the breakdown ends.
            assert!(!error_cells(&r).is_empty(), "{:#?}", r.findings);
        }
    }
}

/// `SUBTOTAL(109, …)` leaves hidden rows out, as Excel does, and its total
/// is checked without them; `SUBTOTAL(9, …)` and `SUM` count them.
#[test]
fn a_subtotal_that_skips_hidden_rows_is_checked_without_them() {
    use rust_xlsxwriter::{Formula, Workbook};
    let dir = tempdir();
    for (function, errors) in [
        ("SUBTOTAL(109,B2:B5)", 0),
        ("SUBTOTAL(9,B2:B5)", 1),
        ("SUM(B2:B5)", 1),
        // As Excel stores it: `_xlfn.AGGREGATE`; option 5 skips hidden
        // rows, option 6 only errors.
        ("_xlfn.AGGREGATE(9,5,B2:B5)", 0),
        ("_xlfn.AGGREGATE(9,6,B2:B5)", 1),
    ] {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "项目").unwrap();
        ws.write_string(0, 1, "金额").unwrap();
        for (i, (label, v)) in [
            ("甲", 100.0),
            ("乙", 50.0),
            ("丙（已取消）", 80.0),
            ("丁", 70.0),
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(i as u32 + 1, 0, *label).unwrap();
            ws.write_number(i as u32 + 1, 1, *v).unwrap();
        }
        ws.set_row_hidden(3).unwrap();
        ws.write_string(5, 0, "合计").unwrap();
        // The total as Excel shows it with row 4 hidden: 220.
        ws.write_formula(5, 1, Formula::new(function).set_result("220"))
            .unwrap();
        let path = dir
            .path()
            .join(format!("hidden-{errors}-{}.xlsx", function.len()));
        wb.save(&path).unwrap();
        let r = check_file(&path);
        // Counting the hidden row, 220 is 80 short (and, for SUM, not what
        // its formula gives: stale too).
        assert_eq!(
            error_cells(&r).is_empty(),
            errors == 0,
            "{function}: {:#?}",
            r.findings
        );
    }
}

/// A SUM that leaves out a number stored as text: the total is as Excel
/// computes it, the table does not foot as shown, and the hint says the
/// SUM skips that text, not that the row was left out by hand.
#[test]
fn a_sum_that_skips_a_number_stored_as_text_is_explained() {
    let dir = tempdir();
    let grid = "项目|金额\n甲|1721.1\n乙|'2600.0\n丙|1633.3\n丁|586.0\n合计|=SUM(B2:B5)~3940.4\n";
    let r = check_file(&workbook(dir.path(), "text-in-sum.xlsx", "t", grid));
    let footing: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule.as_str() == "footing")
        .collect();
    assert_eq!(footing.len(), 1, "{:#?}", r.findings);
    assert!(
        !r.findings
            .iter()
            .any(|f| f.rule.as_str() == "formula-stale"),
        "recalculating changes nothing: {:#?}",
        r.findings
    );
    let reason = crossfoot::message::with_lang(crossfoot::message::Lang::En, || {
        footing[0].suspects[0].reason().render()
    });
    assert!(reason.contains("a number stored as text"), "{reason}");
}

/// A row hidden in the workbook is marked in the excerpt: the reader of the
/// sheet does not see it, but a plain SUM adds it.
#[test]
fn the_excerpt_marks_a_hidden_row() {
    use rust_xlsxwriter::Workbook;
    let dir = crate::support::tempdir();
    let path = dir.path().join("hidden.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("项目支出").unwrap();
    ws.write_string(0, 0, "单位：万元").unwrap();
    ws.write_string(1, 0, "项目").unwrap();
    ws.write_string(1, 1, "金额").unwrap();
    for (i, (label, v)) in [("校舍维修", 100.0), ("操场改造", 80.0), ("教学设备", 70.0)]
        .into_iter()
        .enumerate()
    {
        ws.write_string(2 + i as u32, 0, label).unwrap();
        ws.write_number(2 + i as u32, 1, v).unwrap();
    }
    ws.write_string(5, 0, "合计").unwrap();
    ws.write_number(5, 1, 260.0).unwrap();
    ws.set_row_hidden(3).unwrap();
    wb.save(&path).unwrap();
    let p = path.display().to_string();
    let (code, out, _) = crate::support::run(&["check", "--lang", "en", &p]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("4 hidden │ 操场改造"), "{out}");
    assert!(out.contains("  3 │ 校舍维修"), "{out}");
    let (_, out, _) = crate::support::run(&["check", "--lang", "zh-CN", &p]);
    assert!(out.contains("4 隐藏 │ 操场改造"), "{out}");
}

/// Layouts of real published tables (each a kind, written here with other
/// figures and words than the field cases): the check is clean on the
/// right table and finds the planted error at its cell on the wrong one.
fn layout(grid_ok: &str, grid_bad: &str, bad_cells: &[(&str, &str)]) {
    let dir = crate::support::tempdir();
    let ok = crate::support::workbook(dir.path(), "ok.xlsx", "表", grid_ok);
    let report = crossfoot::check_file(&ok);
    assert!(report.checks > 0, "nothing checked: {grid_ok}");
    assert_eq!(
        crate::support::error_cells(&report),
        Vec::<(String, String)>::new(),
        "{grid_ok}\n{:#?}",
        report.findings
    );
    let bad = crate::support::workbook(dir.path(), "bad.xlsx", "表", grid_bad);
    let report = crossfoot::check_file(&bad);
    let want: Vec<(String, String)> = bad_cells
        .iter()
        .map(|(c, r)| (c.to_string(), r.to_string()))
        .collect();
    assert_eq!(
        crate::support::error_cells(&report),
        want,
        "{grid_bad}\n{:#?}",
        report.findings
    );
}

#[test]
fn a_row_of_nil_marks_is_a_row_of_zeros_not_a_header() {
    let t = |total: &str| {
        format!(
            "单位：万元\n项目|2024年|2025年\n合计|{total}|20.0\n会议费|―|－\n培训费|8.0|/\n差旅费|12.0|20.0"
        )
    };
    layout(&t("20.0"), &t("21.0"), &[("B3", "footing")]);
}

#[test]
fn a_column_numbering_row_is_header() {
    let t = |c: &str| {
        format!(
            "单位：万元\n项目|合计|基本支出|项目支出\n栏次|1|2|3\n合计|700|{c}|200\n行政运行|400|300|100\n机关服务|300|200|100"
        )
    };
    // 基本支出's 合计 is off: its column total and its row's 合计 both fail.
    layout(
        &t("500"),
        &t("550"),
        &[("B4", "cross-footing"), ("C4", "footing")],
    );
    let t = |c: &str| {
        format!(
            "单位：元\n项目|行次|金额|备用\n甲|乙|1|2\n合计|1|{c}|30\n工资|2|70|20\n津贴|3|30|10"
        )
    };
    layout(&t("100"), &t("110"), &[("C4", "footing")]);
}

#[test]
fn rows_marked_minus_are_subtracted() {
    let t = |total: &str| {
        format!(
            "单位：万元\n项目|金额\n税收收入|3000\n加：转移支付收入|1500\n减：专项上解支出|400\n扣除：调出资金|100\n财力合计|{total}"
        )
    };
    layout(&t("4000"), &t("4800"), &[("B7", "footing")]);
}

#[test]
fn outline_numbering_in_a_sequence_column_is_hierarchy() {
    let t = |x: &str| {
        format!(
            "单位：万元\n序号|项目|金额\n|合计|900\n一|工资福利支出|500\n（一）|基本工资|{x}\n（二）|绩效工资|200\n二|商品和服务支出|400\n（一）|办公费|150\n（二）|印刷费|250"
        )
    };
    // Reported at the parent its items no longer add up to.
    layout(&t("300"), &t("330"), &[("C4", "hierarchy")]);
}

#[test]
fn per_head_columns_are_not_footed_and_counts_not_added_to_money() {
    layout(
        "单位：万元\n单位|人数|公用经费|生均标准（元/人）\n一中|100|50.0|5000\n二中|300|90.0|3000\n合计|400|140.0|3500",
        "单位：万元\n单位|人数|公用经费|生均标准（元/人）\n一中|100|50.0|5000\n二中|300|90.0|3000\n合计|400|150.0|3500",
        &[("C5", "footing")],
    );
    let t = |total: &str| {
        format!(
            "单位：万元\n品目|数量（台）|财政拨款|自筹资金|合计\n打印机|5|2.0|0.5|{total}\n空调|8|4.0|0|4.0\n合计|13|6.0|0.5|6.5"
        )
    };
    layout(
        &t("2.5"),
        &t("7.5"),
        &[("E3", "cross-footing"), ("E5", "footing")],
    );
}

#[test]
fn a_category_merged_down_takes_its_subtotal_from_the_next_column() {
    let t = |x: &str| {
        format!(
            "单位：万元\n资金性质|项目|金额\n一般公共预算|道路维修|{x}\n^|桥梁加固|40\n^|小计|100\n国有资本经营预算|企业注资|70\n^|小计|70\n合计|>|170"
        )
    };
    // The 小计 over the mistyped item fails; 合计 adds the 小计s and holds.
    layout(&t("60"), &t("66"), &[("C5", "footing")]);
}

/// A two-sided 收支总表: income on the left, spending on the right, each
/// side its own table with its own labels and totals (rows filled on one
/// side only); a slip on the right is named by the right side's label.
#[test]
fn a_two_sided_summary_table_is_two_tables() {
    let t = |edu: &str| {
        format!(
            "单位：万元\n收入项目|预算数|支出项目|预算数\n一、一般公共预算拨款收入|800.00|一、一般公共服务支出|300.00\n二、事业收入|100.00|二、教育支出|{edu}\n||三、卫生健康支出|150.00\n本年收入合计|900.00|本年支出合计|900.00\n年初结转和结余|50.00|年末结转和结余|50.00\n收入总计|950.00|支出总计|950.00"
        )
    };
    layout(&t("450.00"), &t("540.00"), &[("D6", "footing")]);
    let dir = crate::support::tempdir();
    let bad = crate::support::workbook(dir.path(), "bad.xlsx", "表", &t("540.00"));
    let report = crossfoot::check_file(&bad);
    assert_eq!(report.tables, 2);
    let f = report
        .findings
        .iter()
        .find(|f| f.severity == crossfoot::Severity::Error)
        .unwrap();
    let text = f.message.render();
    assert!(text.contains("本年支出合计"), "{text}");
    // 二、教育支出 (D4): 540 typed for 450.
    assert_eq!(f.suspects[0].cell, "D4", "{:#?}", f.suspects);
}

/// A block of statistics (`二、相关统计数`: trips, cars) under the money rows
/// of a 三公 table is not added to the money total above it.
#[test]
fn a_statistics_block_is_not_part_of_the_money_table() {
    let t = |total: &str| {
        format!(
            "单位：元\n项目|2025年预算数\n一、支出合计|{total}\n1、因公出国（境）费|30000\n2、公务接待费|50000\n3、公务用车运行维护费|100000\n二、相关统计数|\n1、因公出国（境）团组数（个）|2\n2、公务用车保有量（辆）|3"
        )
    };
    layout(&t("180000"), &t("190000"), &[("B3", "footing")]);
}

/// Header groups: a “三公” 合计 adds its three items; the 公务用车 group's
/// 小计 already holds the two columns printed after it (not merged under
/// it), and 机关运行经费 beside the table is not a 三公 item.
#[test]
fn a_three_public_total_adds_its_items_once_and_only_them() {
    let t = |total: &str| {
        format!(
            "单位：万元\n“三公”经费合计|因公出国（境）费|公务接待费|公务用车购置及运行费|公务用车购置费|公务用车运行费|机关运行经费\n^|^|^|小计|^|^|^\n{total}|10.00|5.00|35.00|20.00|15.00|300.00"
        )
    };
    layout(&t("50.00"), &t("60.00"), &[("A4", "cross-footing")]);
}

/// A column headed `减：…` is subtracted by the row's total column.
#[test]
fn a_minus_column_is_subtracted_across() {
    let t = |e4: &str| {
        format!(
            "单位：万元\n地区|税收收入|上级补助|减：上解支出|可用财力合计\n城关镇|500|200|50|{e4}\n东乡镇|300|100|20|380\n合计|800|300|70|1030"
        )
    };
    layout(
        &t("650"),
        &t("750"),
        &[("E3", "cross-footing"), ("E5", "footing")],
    );
}

/// 三公 headers in one row: a named 小计 (`公务用车费小计`) is the 公务用车
/// part of the 合计, and the columns after it named like it are its items;
/// a combined heading (`…购置及运行费`) heads its items the same way.
#[test]
fn named_subtotals_and_combined_headings_head_their_items() {
    for head in ["公务用车费小计", "公务用车购置及运行费"] {
        let t = |b3: &str| {
            format!(
                "单位：万元\n单位|“三公”经费合计|因公出国（境）费|公务接待费|{head}|公务用车购置费|公务用车运行维护费\n县财政局|{b3}|1|2|15|10|5\n县教育局|12|2|3|7|0|7\n合计|30|3|5|22|10|12"
            )
        };
        layout(
            &t("18"),
            &t("28"),
            &[("B3", "cross-footing"), ("B5", "footing")],
        );
    }
}

/// A nil mark in a total is zero: a 合计 of — over rows that hold figures
/// is wrong; a row whose breakdown is left blank is not cross-footed.
#[test]
fn a_nil_total_is_zero_and_a_blank_breakdown_is_not_cross_footed() {
    let t = |d5: &str| {
        format!(
            "单位：万元\n项目|合计|基本支出|项目支出\n行政运行|500|300|200\n机关服务|{d5}|100|—\n合计|600|400|200\n年末结转和结余|50||\n总计|650||"
        )
    };
    layout(
        &t("100"),
        &t("300"),
        &[("B4", "cross-footing"), ("B5", "footing")],
    );
    let bad = "单位：万元\n项目|合计|基本支出|项目支出\n行政运行|500|300|200\n机关服务|300|100|200\n合计|800|400|—";
    let dir = crate::support::tempdir();
    let path = crate::support::workbook(dir.path(), "nil.xlsx", "表", bad);
    let report = crossfoot::check_file(&path);
    assert!(
        crate::support::error_cells(&report).contains(&("D5".into(), "footing".into())),
        "{:#?}",
        report.findings
    );
}

/// Totals over top-level items only: detail lines printed under an item
/// with no 其中, number or indent (`上级补助收入` then `返还性收入`,
/// `转移支付收入`) are its breakdown when they add up to it in every
/// column; the 总计 adds the items and the 合计 above, never the details.
/// A slip in the 总计 is still found, in its own column only.
#[test]
fn unmarked_detail_lines_under_an_item_are_not_added_again() {
    let t = |b11: &str| {
        format!(
            "单位：万元\n项目|预算数|上年执行数\n一、税收收入|900|850\n1、增值税|500|450\n2、企业所得税|400|400\n本级收入合计|900|850\n上级补助收入|620|580\n返还性收入|120|100\n转移支付收入|500|480\n上年结转|30|25\n收入总计|{b11}|1455"
        )
    };
    layout(&t("1550"), &t("1560"), &[("B11", "footing")]);
    // One column, one detail line of the same figure: as likely a row left
    // out of the total as a breakdown, so it stays an error.
    let one = "单位：万元\n项目|预算数\n甲项目|620\n乙项目|620\n丙项目|30\n合计|650";
    let dir = crate::support::tempdir();
    let path = crate::support::workbook(dir.path(), "one.xlsx", "表", one);
    let report = crossfoot::check_file(&path);
    assert_eq!(
        crate::support::error_cells(&report),
        vec![("B6".to_string(), "footing".to_string())],
        "{:#?}",
        report.findings
    );
}
