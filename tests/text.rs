//! Reports in prose: the seed report's arithmetic, planted slips caught at
//! the right line, docx input, and the claims on their own.

use std::io::Write;
use std::path::Path;

use crate::support::{check_json, fixture, tempdir};
use crossfoot::{check_file, Finding, Severity};

fn by_rule<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

/// (rule, severity, line) of the warnings and errors.
fn problems(findings: &[Finding]) -> Vec<(String, Severity, usize)> {
    let mut v: Vec<_> = findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .map(|f| {
            (
                f.rule.to_string(),
                f.severity,
                f.location.line_col().map_or(0, |l| l.0),
            )
        })
        .collect();
    v.sort();
    v
}

fn seed_problems() -> Vec<(String, Severity, usize)> {
    vec![
        ("text-doubled".into(), Severity::Warning, 192),
        ("text-score-missing-max".into(), Severity::Warning, 152),
        ("text-score-total".into(), Severity::Warning, 36),
    ]
}

#[test]
fn the_seed_report_is_read_as_a_reviewer_would() {
    let r = check_file(&fixture("text/seed.txt"));
    assert!(r.error.is_none());
    let f = &r.findings;
    // The four items do sum to 21,240.1 万元.
    let sum = by_rule(f, "text-sum");
    assert_eq!(sum.len(), 1);
    assert_eq!(sum[0].severity, Severity::Info);
    assert_eq!(
        (
            crate::support::j(&sum[0]).computed.as_deref(),
            crate::support::j(&sum[0]).unit.as_deref()
        ),
        (Some("21240.1"), Some("万元"))
    );
    assert_eq!(sum[0].location.line_col().map(|l| l.0), Some(140));
    // 4 projects enumerated as stated.
    let count = by_rule(f, "text-count");
    assert_eq!(
        (count[0].severity, count[0].location.line_col().map(|l| l.0)),
        (Severity::Info, Some(130))
    );
    // 18 of 22 departments is 81.8%.
    let ratio = by_rule(f, "text-ratio");
    assert!(
        ratio[0].message.render().contains("18 of 22")
            && ratio[0].message.render().contains("81.8%"),
        "{}",
        ratio[0].message
    );
    // Section maxima and scores sum to 25; the report states 100.
    let total = by_rule(f, "text-score-total");
    assert!(
        total[0].message.render().contains("100") && total[0].message.render().contains("25"),
        "{}",
        total[0].message
    );
    // Section (七) has lost its maximum.
    assert!(by_rule(f, "text-score-missing-max")[0]
        .message
        .render()
        .contains("评价结果应用"));
    // 绩效绩效 is a doubled word.
    assert!(by_rule(f, "text-doubled")[0]
        .message
        .render()
        .contains("绩效"));
    assert_eq!(problems(f), seed_problems());
}

#[test]
fn planted_slips_are_caught_at_the_right_line() {
    let plus = |extra: (&str, Severity, usize)| {
        let mut v = seed_problems();
        v.push((extra.0.to_string(), extra.1, extra.2));
        v.sort();
        v
    };
    // An item amount changed: the sum fails at the total, the item is the suspect.
    let r = check_file(&fixture("text/item-changed.txt"));
    assert_eq!(
        problems(&r.findings),
        plus(("text-sum", Severity::Error, 140))
    );
    let s = &by_rule(&r.findings, "text-sum")[0].suspects[0];
    assert_eq!(
        (s.cell.as_str(), crate::support::dec(s.proposed).as_deref()),
        ("132:17", Some("1721.1"))
    );
    // The total changed.
    let r = check_file(&fixture("text/total-changed.txt"));
    assert_eq!(
        problems(&r.findings),
        plus(("text-sum", Severity::Error, 140))
    );
    assert_eq!(
        by_rule(&r.findings, "text-sum")[0].suspects[0].cell,
        "140:15"
    );
    // A score above its maximum.
    let r = check_file(&fixture("text/score-over.txt"));
    let mut want = plus(("text-score-cap", Severity::Error, 60));
    want.retain(|p| p.0 != "text-score-total");
    want.push(("text-score-total".into(), Severity::Warning, 36));
    want.sort();
    assert_eq!(problems(&r.findings), want);
    // A miscount.
    let r = check_file(&fixture("text/miscount.txt"));
    assert_eq!(
        problems(&r.findings),
        plus(("text-count", Severity::Error, 130))
    );
}

#[test]
fn text_findings_carry_line_column_and_span() {
    let (code, doc) = check_json(&[&fixture("text/item-changed.txt")]);
    assert_eq!(code, 1);
    let f = doc["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "text-sum")
        .unwrap();
    assert!(f["sheet"].is_null() && f["cell"].is_null());
    assert_eq!(f["line"], 140);
    assert_eq!(f["column"], 15);
    let text = std::fs::read(fixture("text/item-changed.txt")).unwrap();
    let (a, b) = (
        f["span"][0].as_u64().unwrap() as usize,
        f["span"][1].as_u64().unwrap() as usize,
    );
    assert_eq!(String::from_utf8_lossy(&text[a..b]), "21240.1 万元");
}

/// A minimal docx: one `<w:p>` per paragraph.
fn write_docx(path: &Path, paragraphs: &[&str]) {
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("[Content_Types].xml", opts).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#).unwrap();
    zip.start_file("word/document.xml", opts).unwrap();
    let mut body = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
    );
    for p in paragraphs {
        // Split each paragraph into two runs, as Word does.
        let mid = p
            .char_indices()
            .nth(p.chars().count() / 2)
            .map_or(0, |(i, _)| i);
        body.push_str(&format!("<w:p><w:pPr/><w:r><w:t>{}</w:t></w:r><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>", &p[..mid], &p[mid..]));
    }
    body.push_str("</w:body></w:document>");
    zip.write_all(body.as_bytes()).unwrap();
    zip.finish().unwrap();
}

#[test]
fn a_docx_report_is_checked_like_text() {
    let dir = tempdir();
    let path = dir.path().join("report.docx");
    write_docx(
        &path,
        &[
            "2024年财政重点绩效评价工作报告",
            "我县2024年开展重点绩效评价共四个项目，一般公共预算类资金1712.1万元、政府性基金预算类资金2600万元、社会保险基金预算类16333万元、专项债券资金类586万元，财政重点绩效评价共计21240.1万元。",
        ],
    );
    let r = check_file(&path);
    assert!(r.error.is_none(), "{:?}", r.error);
    let sum = by_rule(&r.findings, "text-sum");
    assert_eq!(sum[0].severity, Severity::Error);
    assert_eq!(sum[0].location.line_col().map(|l| l.0), Some(2));
    assert_eq!(
        crate::support::dec(sum[0].suspects[0].proposed).as_deref(),
        Some("1721.1")
    );
    // 共四个项目: a Chinese numeral.
    assert_eq!(
        by_rule(&r.findings, "text-count")[0].severity,
        Severity::Info
    );
}

fn claims(text: &str) -> Vec<Finding> {
    crossfoot::text::claims::check(&crossfoot::text::Doc::new(text.to_string()))
}

#[test]
fn unit_slips_ratios_and_coverage() {
    let f = claims("甲项目100万元、乙项目2000000万元、丙项目300万元，共计2000400万元。\n");
    assert_eq!(by_rule(&f, "text-unit-slip").len(), 1);
    assert_eq!(by_rule(&f, "text-sum")[0].severity, Severity::Info);
    let f =
        claims("全县预算部门数为22个，开展整体绩效目标管理有18个部门，占比85.0%，实现全覆盖。\n");
    let ratio = by_rule(&f, "text-ratio");
    assert_eq!(ratio[0].severity, Severity::Error, "{:?}", ratio);
    assert_eq!(crate::support::j(&ratio[0]).stated.as_deref(), Some("85"));
    assert_eq!(by_rule(&f, "text-coverage")[0].severity, Severity::Warning);
    let f = claims("部门数为22个，其中18个部门开展了评价，占81.8%。\n");
    assert_eq!(by_rule(&f, "text-ratio")[0].severity, Severity::Info);
    // 16.5 亿元 and 165,000 万元 are the same amount.
    let f = claims("甲10亿元、乙65000万元，合计16.5亿元。\n");
    assert_eq!(by_rule(&f, "text-sum")[0].severity, Severity::Info);
}

#[test]
fn scored_items_must_sum_to_their_section() {
    let text = "（一）绩效目标管理 4分（自评得分 4分）\n1、项目支出 2 分（自评得 2 分）\n2、部门整体 2 分（自评得 1 分）\n";
    let f = claims(text);
    let sum = by_rule(&f, "text-score-sum");
    assert_eq!(sum.len(), 1, "{f:#?}");
    assert_eq!(
        (
            crate::support::j(&sum[0]).stated.as_deref(),
            crate::support::j(&sum[0]).computed.as_deref()
        ),
        (Some("4"), Some("3"))
    );
}

#[test]
fn the_reports_total_ties_to_the_workbooks_total_row() {
    let run = crossfoot::check_files(
        &[fixture("text/seed.txt"), fixture("seed/clean.xlsx")],
        None,
    );
    let tie = by_rule(&run.reports[0].findings, "text-tie");
    assert_eq!(tie.len(), 1);
    assert_eq!(tie[0].severity, Severity::Info);
    let run = crossfoot::check_files(
        &[fixture("text/seed.txt"), fixture("seed/total-typo.xlsx")],
        None,
    );
    let tie = by_rule(&run.reports[0].findings, "text-tie");
    assert_eq!(tie[0].severity, Severity::Error);
    assert_eq!(tie[0].location.line_col().map(|l| l.0), Some(140));
    assert_eq!(tie[0].inputs, vec!["[total-typo.xlsx]'重点评价项目'!D8"]);
    assert_eq!(
        (
            crate::support::j(&tie[0]).stated.as_deref(),
            crate::support::j(&tie[0]).computed.as_deref()
        ),
        (Some("21240.1"), Some("21349.1"))
    );
}

#[test]
fn a_rule_compares_a_figure_in_the_text_with_a_cell() {
    let dir = tempdir();
    let rules = dir.path().join("tie.toml");
    std::fs::write(
        &rules,
        "[tables.\"项目\"]\nsheet = \"重点评价项目\"\n[[rule]]\nid = \"report-total\"\nassert = 'text(\"财政重点绩效评价共计\") == 项目[\"合计\"].评价金额'\n[[rule]]\nid = \"departments\"\nassert = 'text(\"部门数为\") == 22'\n",
    )
    .unwrap();
    let set = crossfoot::rules::RuleSet::load(&[rules]).unwrap();
    let run = crossfoot::check_files(
        &[fixture("text/seed.txt"), fixture("seed/total-typo.xlsx")],
        Some(&set),
    );
    assert!(run.rule_errors.is_empty());
    let f = by_rule(&run.reports[1].findings, "report-total");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].cell(), Some("D8"));
    assert_eq!(f[0].inputs, vec!["seed.txt:140:15"]);
    assert!(
        run.reports
            .iter()
            .all(|r| by_rule(&r.findings, "departments").is_empty()),
        "22 departments holds"
    );
    let run = crossfoot::check_files(
        &[fixture("text/seed.txt"), fixture("seed/clean.xlsx")],
        Some(&set),
    );
    assert!(run
        .reports
        .iter()
        .all(|r| by_rule(&r.findings, "report-total").is_empty()));
}

/// The claims of a 预算编制说明 (`fixtures/text/claims`): changes on last
/// year, shares, items stated twice. The clean text's claims all hold and
/// each is decided; the broken one's eight slips are found, the same in
/// txt, md, docx and a PDF (STSong-Light, wrapped mid-number, two pages).
#[test]
fn claims_of_a_budget_explanation_in_every_format() {
    let summary = |r: &crossfoot::FileReport| {
        let mut v: Vec<(String, String)> = r
            .findings
            .iter()
            .filter(|f| f.severity == crossfoot::Severity::Error)
            .map(|f| (f.rule.to_string(), f.message.id.to_string()))
            .collect();
        v.sort();
        (r.status(), r.checks, v)
    };
    let expected_broken: Vec<(String, String)> = [
        ("text-change", "text-change-direction"),
        ("text-change", "text-change-direction"),
        ("text-change", "text-change-direction"),
        ("text-change", "text-change-percent"),
        ("text-restated", "text-restated"),
        ("text-restated", "text-restated"),
        ("text-share", "text-share"),
        ("text-share", "text-share-sum"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    for ext in ["txt", "md", "docx", "pdf"] {
        let clean = crossfoot::check_file(&fixture(&format!("text/claims/clean.{ext}")));
        let (status, checks, errors) = summary(&clean);
        assert_eq!(status, "ok", "clean.{ext}: {errors:?}");
        assert_eq!(checks, 10, "clean.{ext}");
        assert!(
            clean
                .findings
                .iter()
                .all(|f| !f.message.id.contains("undecided")),
            "clean.{ext}"
        );
        let broken = crossfoot::check_file(&fixture(&format!("text/claims/broken.{ext}")));
        let (_, _, errors) = summary(&broken);
        assert_eq!(errors, expected_broken, "broken.{ext}");
    }
    // A 决算's 情况说明: which way each 决算 differs from its budget, and
    // the share of the budget spent.
    let expected_final: Vec<(String, String)> = [
        ("text-compare", "text-compare"),
        ("text-compare", "text-compare"),
        ("text-share", "text-share"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    for ext in ["txt", "md", "docx", "pdf"] {
        let clean = crossfoot::check_file(&fixture(&format!("text/claims/final-clean.{ext}")));
        let (status, checks, errors) = summary(&clean);
        assert_eq!(status, "ok", "final-clean.{ext}: {errors:?}");
        assert_eq!(checks, 5, "final-clean.{ext}");
        assert!(
            clean
                .findings
                .iter()
                .all(|f| !f.message.id.contains("undecided")),
            "final-clean.{ext}: {:?}",
            clean.findings
        );
        let broken = crossfoot::check_file(&fixture(&format!("text/claims/final-broken.{ext}")));
        let (_, _, errors) = summary(&broken);
        assert_eq!(errors, expected_final, "final-broken.{ext}");
    }
    // In the PDF, each finding is on its page: the items are on page 2.
    let pdf = crossfoot::check_file(&fixture("text/claims/broken.pdf"));
    let pages: Vec<Option<usize>> = pdf
        .findings
        .iter()
        .filter(|f| f.rule.as_str() == "text-restated" && f.severity == Severity::Error)
        .map(|f| f.page)
        .collect();
    assert_eq!(pages, [Some(2), Some(2)]);
}

/// A report checked with the workbooks it explains: each amount it gives a
/// classification item is tied to the item's row in the workbook, the cell
/// named with its file (`text-row`).
#[test]
fn a_reports_item_amounts_tie_to_the_workbooks_rows() {
    let xlsx = fixture("text/claims/row.xlsx");
    for (txt, errors) in [("row-clean.txt", 0), ("row-broken.txt", 1)] {
        let txt = fixture(&format!("text/claims/{txt}"));
        let (_, json) = check_json(&[txt.as_path(), xlsx.as_path()]);
        let report = &json["files"][0];
        let rows: Vec<&serde_json::Value> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "text-row")
            .collect();
        assert_eq!(rows.len(), 2, "{report}");
        let wrong: Vec<&&serde_json::Value> =
            rows.iter().filter(|f| f["severity"] == "error").collect();
        assert_eq!(wrong.len(), errors, "{report}");
        if let Some(f) = wrong.first() {
            assert_eq!(f["stated"], "352.67");
            assert_eq!(f["inputs"][0], "[row.xlsx]'功能分类'!C7");
            assert_eq!(f["line"], 2);
        }
    }
    // Alone, a report has no tables to tie to: no text-row finding.
    let alone = check_file(&fixture("text/claims/row-broken.txt"));
    assert!(alone.findings.iter().all(|f| f.rule.as_str() != "text-row"));
}

/// A change whose sentence names no base (`比2024年预算增加 12.35 万元`)
/// takes it from the workbook's column for that year, in the item's row;
/// alone, the report leaves it undecided.
#[test]
fn a_change_takes_its_base_from_the_workbooks_column() {
    let xlsx = fixture("text/claims/change.xlsx");
    let changes = |json: &serde_json::Value| -> Vec<(String, String, String)> {
        json["files"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "text-change")
            .map(|f| {
                (
                    f["severity"].as_str().unwrap().to_string(),
                    f["message_id"].as_str().unwrap().to_string(),
                    f["inputs"][0].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
    };
    let clean = fixture("text/claims/change-clean.txt");
    let (_, json) = check_json(&[clean.as_path(), xlsx.as_path()]);
    assert_eq!(
        changes(&json),
        [
            (
                "info".into(),
                "text-change-holds".into(),
                "[change.xlsx]'功能分类'!C7".into()
            ),
            (
                "info".into(),
                "text-change-holds".into(),
                "[change.xlsx]'功能分类'!C10".into()
            ),
        ]
    );
    assert_eq!(json["files"][0]["status"], "ok");
    let broken = fixture("text/claims/change-broken.txt");
    let (_, json) = check_json(&[broken.as_path(), xlsx.as_path()]);
    assert_eq!(
        changes(&json),
        [
            (
                "error".into(),
                "text-change-percent".into(),
                "[change.xlsx]'功能分类'!C7".into()
            ),
            (
                "error".into(),
                "text-change-by".into(),
                "[change.xlsx]'功能分类'!C10".into()
            ),
        ]
    );
    // Alone: the 持平 has no base; the first still implies one.
    let alone = check_file(&clean);
    let ids: Vec<&str> = alone
        .findings
        .iter()
        .filter(|f| f.rule.as_str() == "text-change")
        .map(|f| f.message.id.as_ref())
        .collect();
    assert_eq!(ids, ["text-change-holds", "text-change-undecided-base"]);
}
