//! Rule files: the seed report's rules, cross-file tie-outs, discovery of
//! crossfoot.toml, shipped packs, and a diagnostic with the right span for
//! every malformed rule file in fixtures/rules-bad/.

use std::path::{Path, PathBuf};

use crate::support::{check_json, fixture, root, run, tempdir, workbook};
use crossfoot::rules::RuleSet;
use crossfoot::{check_files, Severity};

fn rules(path: &str) -> RuleSet {
    RuleSet::load(&[root().join(path)]).unwrap_or_else(|e| {
        panic!(
            "{path}: {}",
            e.iter().map(|e| e.render()).collect::<String>()
        )
    })
}

/// (rule, cell) of every error-or-warning finding from rules (not auto mode).
fn rule_findings(files: &[PathBuf], set: &RuleSet) -> Vec<(String, Option<String>)> {
    let run = check_files(files, Some(set));
    assert!(run.rule_errors.is_empty(), "{:?}", run.rule_errors);
    let builtin = [
        "footing",
        "cross-footing",
        "hierarchy",
        "of-which",
        "score-cap",
        "formula-range",
        "formula-hardcoded",
        "formula-stale",
    ];
    let mut v: Vec<(String, Option<String>)> = run
        .reports
        .iter()
        .flat_map(|r| r.findings.iter())
        .filter(|f| !builtin.contains(&f.rule.as_str()) && f.severity >= Severity::Warning)
        .map(|f| (f.rule.to_string(), f.cell().map(str::to_string)))
        .collect();
    v.sort();
    v
}

fn want(v: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
    let mut v: Vec<(String, Option<String>)> = v
        .iter()
        .map(|(r, c)| (r.to_string(), c.map(str::to_string)))
        .collect();
    v.sort();
    v
}

#[test]
fn the_seed_reports_figures_hold() {
    let set = rules("fixtures/seed/seed.toml");
    assert_eq!(set.rules.len(), 10);
    assert_eq!(rule_findings(&[fixture("seed/report.xlsx")], &set), vec![]);
    let run = check_files(&[fixture("seed/report.xlsx")], Some(&set));
    assert!(
        run.not_applicable.is_empty(),
        "every rule found its table: {:?}",
        run.not_applicable
    );
}

#[test]
fn broken_copies_of_the_seed_workbook_fail_on_the_right_cells() {
    let set = rules("fixtures/seed/seed.toml");
    // 1,721.1 typed as 1,712.1.
    assert_eq!(
        rule_findings(&[fixture("seed/report-swapped-digits.xlsx")], &set),
        want(&[
            ("evaluated-total", None),
            ("evaluated-total-row", Some("D8"))
        ])
    );
    // 17 departments instead of 18 with goal management: 77.3%, not 81.8%.
    assert_eq!(
        rule_findings(&[fixture("seed/report-coverage.xlsx")], &set),
        want(&[
            ("goal-management-count", None),
            ("goal-management-share", None)
        ])
    );
    // One department's spending typed in 元: 16.5 亿元 no longer holds.
    assert_eq!(
        rule_findings(&[fixture("seed/report-unit-slip.xlsx")], &set),
        want(&[("project-spending", None)])
    );
    // A section scored above its maximum.
    assert_eq!(
        rule_findings(&[fixture("seed/report-score-over.xlsx")], &set),
        want(&[
            ("score-within-maximum", Some("C7")),
            ("self-evaluation-total", Some("C11"))
        ])
    );
}

#[test]
fn a_failed_aggregate_names_the_range_and_the_figures() {
    let set = rules("fixtures/seed/seed.toml");
    let run = check_files(&[fixture("seed/report-swapped-digits.xlsx")], Some(&set));
    let f = run.reports[0]
        .findings
        .iter()
        .find(|f| f.rule == "evaluated-total")
        .unwrap();
    assert_eq!(crate::support::j(&f).stated.as_deref(), Some("21240.1"));
    assert_eq!(crate::support::j(&f).computed.as_deref(), Some("21231.1"));
    assert_eq!(crate::support::j(&f).difference.as_deref(), Some("9"));
    assert_eq!(crate::support::j(&f).tolerance.as_deref(), Some("0.25"));
    assert_eq!(crate::support::j(&f).unit.as_deref(), Some("万元"));
    assert_eq!(f.inputs, vec!["D4:D7"]);
    assert_eq!(f.sheet(), Some("重点评价项目"));
    let share = check_files(&[fixture("seed/report-coverage.xlsx")], Some(&set));
    let f = share.reports[0]
        .findings
        .iter()
        .find(|f| f.rule == "goal-management-share")
        .unwrap();
    assert_eq!(
        (
            crate::support::j(&f).stated.as_deref(),
            crate::support::j(&f).computed.as_deref(),
            crate::support::j(&f).unit.as_deref()
        ),
        (Some("81.8"), Some("77.2727"), Some("%"))
    );
}

fn summary_grid(b: &str) -> String {
    format!(
        "县级汇总表|>\n部门|金额\n教育局|{b}\n卫健委|250.00\n财政局|80.00\n合计|=SUM(B3:B5)~{}\n",
        {
            let v: f64 = b.parse().unwrap();
            format!("{:.2}", v + 330.0)
        }
    )
}

fn department(dir: &Path, name: &str, dept: &str, amounts: &[&str]) {
    let mut g = String::from("项目明细|>|>\n项目|部门|金额\n");
    for (i, a) in amounts.iter().enumerate() {
        g.push_str(&format!("项目{i}|{dept}|{a}\n"));
    }
    workbook(dir, name, "明细", &g);
}

const TIE: &str = r#"
[tables."汇总"]
file = "summary.xlsx"
[tables."明细"]
file = "departments/*.xlsx"

[[rule]]
id = "tie-by-department"
description = "汇总表每个部门的金额等于该部门明细之和"
assert = "sum(明细.金额 by 部门) == 汇总.金额 by 部门"

[[rule]]
id = "tie-total"
assert = '汇总["合计"].金额 == sum(明细.金额)'
"#;

fn tie_out_folder(edu_total: &str) -> tempfile::TempDir {
    let dir = tempdir();
    let d = dir.path();
    std::fs::create_dir(d.join("departments")).unwrap();
    department(
        &d.join("departments"),
        "edu.xlsx",
        "教育局",
        &["100.00", "200.00"],
    );
    department(
        &d.join("departments"),
        "health.xlsx",
        "卫健委",
        &["150.00", "100.00"],
    );
    department(&d.join("departments"), "finance.xlsx", "财政局", &["80.00"]);
    workbook(d, "summary.xlsx", "汇总", &summary_grid(edu_total));
    std::fs::write(d.join("crossfoot.toml"), TIE).unwrap();
    dir
}

#[test]
fn a_summary_workbook_ties_out_to_a_folder_of_department_workbooks() {
    let dir = tie_out_folder("300.00");
    let (code, doc) = check_json(&[dir.path()]);
    assert_eq!(code, 0, "{doc}");
    assert_eq!(doc["summary"]["files"], 4);

    let dir = tie_out_folder("320.00");
    let (code, doc) = check_json(&[dir.path()]);
    assert_eq!(code, 1, "{doc}");
    let summary = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("summary.xlsx"))
        .unwrap();
    let tie: Vec<&serde_json::Value> = summary["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "tie-by-department")
        .collect();
    assert_eq!(tie.len(), 1, "{summary}");
    let f = tie[0];
    assert_eq!(f["cell"], "B3", "the summary's figure for 教育局");
    assert_eq!(f["label"], "教育局");
    assert_eq!(f["stated"], "320");
    assert_eq!(f["computed"], "300");
    assert_eq!(
        f["inputs"],
        serde_json::json!(["[edu.xlsx]'明细'!C3:C4"]),
        "the department's cells"
    );
    let total = summary["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "tie-total")
        .unwrap();
    assert_eq!(total["cell"], "B6");
}

#[test]
fn rules_are_found_in_crossfoot_toml_and_its_includes() {
    let dir = tempdir();
    let d = dir.path();
    workbook(d, "t.xlsx", "表", "项目|金额\n甲|1.0\n乙|2.0\n合计|3.0\n");
    std::fs::write(
        d.join("crossfoot.toml"),
        "include = [\"more/extra.toml\"]\n",
    )
    .unwrap();
    std::fs::create_dir(d.join("more")).unwrap();
    std::fs::write(
        d.join("more/extra.toml"),
        "[tables.\"t\"]\nsheet = \"表\"\n[[rule]]\nid = \"ten\"\nassert = \"sum(t.金额) == 10\"\n",
    )
    .unwrap();
    let (code, out, _) = run(&["check", &d.join("t.xlsx").display().to_string()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("crossfoot::ten"), "{out}");
    let (code, out, _) = run(&[
        "check",
        "--no-config",
        &d.join("t.xlsx").display().to_string(),
    ]);
    assert_eq!(code, 0, "{out}");
    let (code, out, _) = run(&["rules", "list", &d.display().to_string()]);
    assert_eq!(code, 0);
    assert!(out.contains("ten") && out.contains("extra.toml"), "{out}");
}

#[test]
fn rules_check_validates_files_without_data() {
    let (code, out, _) = run(&[
        "rules",
        "check",
        &fixture("seed/seed.toml").display().to_string(),
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("10 rules"), "{out}");
    let (code, _, err) = run(&[
        "rules",
        "check",
        &fixture("rules-bad/05-unknown-function.toml")
            .display()
            .to_string(),
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown function `summ`") && err.contains("did you mean `sum`"),
        "{err}"
    );
}

/// Every file in fixtures/rules-bad/ starts with `# span: TEXT` (the text the
/// diagnostic must underline) and, for mistakes seen only against data,
/// `# data: FIXTURE`.
#[test]
fn every_malformed_rule_file_points_at_its_mistake() {
    let dir = fixture("rules-bad");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 25, "at least 25 malformed rule files");
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut lines = text.lines();
        let want = lines
            .next()
            .and_then(|l| l.strip_prefix("# span:"))
            .map(|s| s.strip_prefix(' ').unwrap_or(s))
            .expect("first line # span:");
        let data = lines.next().and_then(|l| l.strip_prefix("# data: "));
        let err = match data {
            None => RuleSet::load(std::slice::from_ref(&path))
                .err()
                .unwrap_or_else(|| panic!("{} loaded without error", path.display()))
                .remove(0),
            Some(data) => {
                let set = RuleSet::load(std::slice::from_ref(&path))
                    .unwrap_or_else(|e| panic!("{}: {:?}", path.display(), e));
                let run = check_files(&[fixture(data)], Some(&set));
                run.rule_errors
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| panic!("{}: no error against {data}", path.display()))
            }
        };
        let got = &text[err.span.clone()];
        assert_eq!(
            got,
            want,
            "{}: the diagnostic underlines {got:?}\n{}",
            path.display(),
            err.render()
        );
        assert!(!err.message.render().is_empty());
        let rendered = err.render();
        assert!(
            rendered.contains(&path.file_name().unwrap().to_string_lossy().to_string()),
            "{rendered}"
        );
    }
}

#[test]
fn an_unknown_column_suggests_the_real_headers() {
    let set = rules("fixtures/rules-bad/28-unknown-column-data.toml");
    let run = check_files(&[fixture("seed/report.xlsx")], Some(&set));
    let help = run.rule_errors[0].help.clone().unwrap().render();
    assert!(help.contains("did you mean 评价金额?"), "{help}");
    assert!(help.contains("资金类别"), "lists the headers: {help}");
}

#[test]
fn the_performance_evaluation_pack() {
    let set = rules("rules/performance-evaluation.toml");
    assert_eq!(
        rule_findings(&[fixture("packs/performance-evaluation/clean.xlsx")], &set),
        vec![]
    );
    // 制度建设 given 3 points instead of 2 (and the total moved with it).
    assert_eq!(
        rule_findings(
            &[fixture("packs/performance-evaluation/section-maximum.xlsx")],
            &set
        ),
        want(&[
            ("perf-section-制度建设", Some("B3")),
            ("perf-total-maximum", None),
            ("perf-total-maximum", Some("B19"))
        ])
    );
    // The seed's own table passes the pack too.
    assert_eq!(rule_findings(&[fixture("seed/clean.xlsx")], &set), vec![]);
}

/// The shipped packs given with `--rules` take the place of the automatic
/// ones: each tie is found once, at its cell.
#[test]
fn the_budget_disclosure_pack() {
    let set = rules("rules/budget-disclosure.toml");
    assert_eq!(
        rule_findings(&[fixture("disclosure/budget-clean.xlsx")], &set),
        vec![]
    );
    let run = check_files(&[fixture("disclosure/budget-clean.xlsx")], Some(&set));
    // Every table bound; only the national template's rules do not apply
    // to this 上海 one.
    assert_eq!(
        run.not_applicable,
        [
            "budget-official-cars-national",
            "budget-income-cross-national",
            "budget-tie-public-income-national"
        ]
    );
    // 财政拨款收支总表's 一般公共预算 1,040 against the 支出表's 合计 of 1,050.
    assert_eq!(
        rule_findings(&[fixture("disclosure/budget-tie-public.xlsx")], &set),
        want(&[("budget-tie-public", Some("E16"))])
    );
}

#[test]
fn the_final_accounts_pack() {
    let set = rules("rules/final-accounts.toml");
    assert_eq!(
        rule_findings(&[fixture("disclosure/final-clean.xlsx")], &set),
        vec![]
    );
    assert_eq!(
        rule_findings(&[fixture("disclosure/final-tie-expenditure.xlsx")], &set),
        want(&[("accounts-tie-expenditure", Some("D13"))])
    );
}

#[test]
fn date_cells_are_checked_against_the_fiscal_year() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let dir = tempdir();
    let path = dir.path().join("pay.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("支付").unwrap();
    let fmt = Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in ["支付日期", "收款单位", "金额"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (y, m, d, who, amount)) in [(2024, 3, 15, "甲", 100.0), (2025, 1, 2, "乙", 80.0)]
        .iter()
        .enumerate()
    {
        let r = r as u32 + 1;
        ws.write_datetime_with_format(r, 0, ExcelDateTime::from_ymd(*y, *m, *d).unwrap(), &fmt)
            .unwrap();
        ws.write_string(r, 1, *who).unwrap();
        ws.write_number(r, 2, *amount).unwrap();
    }
    wb.save(&path).unwrap();
    let rules_path = dir.path().join("r.toml");
    std::fs::write(
        &rules_path,
        "[tables.\"支付\"]\nsheet = \"支付\"\n[[rule]]\nid = \"fy\"\ntable = \"支付\"\nassert = '支付日期 between \"2024-01-01\" and \"2024-12-31\"'\n",
    )
    .unwrap();
    let set = RuleSet::load(&[rules_path]).unwrap();
    assert_eq!(
        rule_findings(std::slice::from_ref(&path), &set),
        want(&[("fy", Some("A3"))])
    );
    let run = check_files(&[path], Some(&set));
    let f = run.reports[0]
        .findings
        .iter()
        .find(|f| f.rule == "fy")
        .unwrap();
    assert_eq!(crate::support::j(&f).stated.as_deref(), Some("2025-01-02"));
}

#[test]
fn rules_that_find_no_table_are_named() {
    let (code, _, err) = run(&[
        "check",
        "--no-cache",
        &fixture("seed/clean.xlsx").display().to_string(),
        "--rules",
        &root()
            .join("rules/budget-disclosure.toml")
            .display()
            .to_string(),
    ]);
    assert_eq!(code, 0);
    assert!(
        err.contains("20 rules found no table to check: budget-balance"),
        "{err}"
    );
}

fn summary_of<'a>(run: &'a crossfoot::Run, id: &str) -> &'a crossfoot::rules::summary::RuleSummary {
    run.rule_summaries
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no summary for {id}: {:?}", run.rule_summaries))
}

/// A table with a blank figure, for rules whose items are undecided.
fn projects(dir: &Path) -> PathBuf {
    workbook(
        dir,
        "p.xlsx",
        "项目",
        "项目|类型|金额|上限\n甲|专项|1.0|5.0\n乙|一般|2.0|5.0\n丙|专项||5.0\n丁|一般|3.0|5.0\n合计||6.0|20.0\n",
    )
}

fn rule_file(dir: &Path, rules: &str) -> RuleSet {
    let path = dir.join("r.toml");
    std::fs::write(&path, format!("[tables.\"t\"]\nsheet = \"项目\"\n{rules}")).unwrap();
    RuleSet::load(&[path]).unwrap_or_else(|e| panic!("{}", e[0].render()))
}

/// Regression (issue 12): a blank cell used to make a row pass; its row is
/// now undecided, counted apart, and the reason names the cell.
#[test]
fn a_blank_cell_makes_its_row_undecided_not_passed() {
    let dir = tempdir();
    let book = projects(dir.path());
    let set = rule_file(
        dir.path(),
        "[[rule]]\nid = \"within\"\ntable = \"t\"\nassert = \"金额 <= 上限\"\n",
    );
    let run = check_files(&[book], Some(&set));
    let s = summary_of(&run, "within");
    assert_eq!((s.items, s.passes, s.fails, s.undecided), (4, 3, 0, 1));
    assert_eq!(s.reasons, vec!["blank cell 项目!C4"]);
    assert!(run.not_applicable.is_empty());
}

/// A rule that decides nothing is neither a pass nor a check: a missing
/// table or row label makes it not applicable; each conjunct is an item.
#[test]
fn rules_that_find_nothing_to_read_are_undecided() {
    let dir = tempdir();
    let book = projects(dir.path());
    let set = rule_file(
        dir.path(),
        "[tables.\"nowhere\"]\nsheet = \"没有\"\n\
         [[rule]]\nid = \"no-table\"\nassert = \"sum(nowhere.金额) == 1\"\n\
         [[rule]]\nid = \"no-row\"\nassert = 't[\"总计\"].金额 == sum(t.金额)'\n\
         [[rule]]\nid = \"half\"\nassert = 't[\"总计\"].金额 == 1 and sum(t.金额) == 6'\n",
    );
    let run = check_files(&[book], Some(&set));
    let s = summary_of(&run, "no-table");
    assert_eq!((s.items, s.undecided), (1, 1));
    assert_eq!(s.reasons, vec!["no table matched `nowhere`"]);
    let s = summary_of(&run, "no-row");
    assert_eq!(s.reasons, vec!["no row labelled \"总计\" in `t`"]);
    let s = summary_of(&run, "half");
    assert_eq!((s.items, s.passes, s.undecided), (2, 1, 1));
    assert_eq!(run.not_applicable, vec!["no-table", "no-row"]);
    assert_eq!(
        run.reports[0].checks,
        check_files(&[projects(dir.path())], None).reports[0].checks + 1
    );
}

/// A `where` filter runs as a polars predicate where it can, else row by
/// row: both give the same rows, and an undecided condition keeps no row.
#[test]
fn filters_keep_the_same_rows_in_polars_and_row_by_row() {
    let dir = tempdir();
    let book = projects(dir.path());
    let set = rule_file(
        dir.path(),
        r#"[[rule]]
id = "special"
assert = 'sum(t.金额 where t.类型 == "专项") == 1 and sum(t.金额 where t.类型 == "专项" and t.金额 + 0 >= 0) == 1'
[[rule]]
id = "at-least-two"
assert = "sum(t.金额 where t.金额 >= 2) == 5 and sum(t.金额 where 0 + t.金额 >= 2) == 5"
[[rule]]
id = "either"
assert = 'count(t.金额 where t.类型 == "一般" or t.金额 < 2) == 3 and count(t.金额 where not (t.金额 between 1.5 and 2.5)) == 2'
[[rule]]
id = "distinct"
assert = "count_distinct(t.类型) == 2 and count(t.类型) == 4 and max(t.金额) == 3 and min(t.金额) == 1"
"#,
    );
    let run = check_files(&[book], Some(&set));
    assert!(run.rule_errors.is_empty(), "{:?}", run.rule_errors);
    for id in ["special", "at-least-two", "either", "distinct"] {
        let s = summary_of(&run, id);
        assert_eq!(
            (s.fails, s.undecided),
            (0, 0),
            "{id}: {:?}",
            run.reports[0].findings
        );
    }
}

#[test]
fn every_output_shows_what_the_rules_came_to() {
    let dir = tempdir();
    let book = projects(dir.path());
    rule_file(
        dir.path(),
        "[[rule]]\nid = \"within\"\ntable = \"t\"\nassert = \"金额 <= 上限\"\n",
    );
    let rules = dir.path().join("r.toml").display().to_string();
    let book = book.display().to_string();
    let (code, out, _) = run(&[
        "check",
        "--no-cache",
        "--format",
        "json",
        &book,
        "--rules",
        &rules,
    ]);
    assert_eq!(code, 0, "{out}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        doc["rules"],
        serde_json::json!([{"id": "within", "items": 4, "passes": 3, "fails": 0,
            "undecided": 1, "reasons": ["blank cell 项目!C4"]}])
    );
    let (_, out, _) = run(&["check", "--no-cache", &book, "--rules", &rules]);
    assert!(
        out.contains("rules: 1 rule, 4 items: 3 pass, 0 fail, 1 undecided\n  undecided: within (1 of 4 items): blank cell 项目!C4\n"),
        "{out}"
    );
    let (_, out, _) = run(&[
        "check",
        "--no-cache",
        "--no-config",
        "--format",
        "json",
        &book,
    ]);
    assert!(!out.contains("\"rules\""), "no rules, no field: {out}");
}

/// A group with text where a figure should be is undecided; the other
/// groups of the tie-out are still decided.
#[test]
fn an_unreadable_figure_makes_its_group_undecided() {
    let dir = tempdir();
    let book = workbook(
        dir.path(),
        "g.xlsx",
        "项目",
        "项目|部门|金额\n甲|教育局|1.0\n乙|教育局|2.0\n丙|卫健委|'N/A\n丁|卫健委|3.0\n戊|财政局|4.0\n",
    );
    workbook(
        dir.path(),
        "s.xlsx",
        "汇总",
        "部门|金额\n教育局|3.0\n卫健委|3.0\n财政局|4.0\n",
    );
    let path = dir.path().join("r.toml");
    std::fs::write(
        &path,
        "[tables.\"t\"]\nsheet = \"项目\"\n[tables.\"s\"]\nsheet = \"汇总\"\n\
         [[rule]]\nid = \"tie\"\nassert = \"sum(t.金额 by 部门) == s.金额 by 部门\"\n\
         [[rule]]\nid = \"total\"\nassert = \"sum(t.金额) == 10\"\n",
    )
    .unwrap();
    let set = RuleSet::load(&[path]).unwrap();
    let run = check_files(&[book, dir.path().join("s.xlsx")], Some(&set));
    let s = summary_of(&run, "tie");
    assert_eq!(
        (s.items, s.passes, s.fails, s.undecided),
        (3, 2, 0, 1),
        "{s:?}"
    );
    assert_eq!(s.reasons, vec!["unreadable cell 项目!C4"]);
    let s = summary_of(&run, "total");
    assert_eq!((s.items, s.undecided), (1, 1), "{s:?}");
}
