//! What the rules came to, in every output format (issue 12): a rule file
//! with one passing, one failing and one undecided rule over the seed
//! workbook; each format shows the counts in its own idiom, with the rule
//! ids escaped for it, and a run without rules shows no summary anywhere.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use serde_json::{json, Value};
use tempfile::TempDir;

use crate::support::{fixture, run, tempdir, validate_junit, validate_sarif};

/// A row rule that holds on the four projects, a sum that fails (its id
/// would run as a formula in a spreadsheet and as markup in a page), and a
/// rule whose row is missing, so it is undecided.
const RULES: &str = r#"
[tables."项目"]
sheet = "重点评价项目"
headers = ["资金类别", "评价金额"]

[[rule]]
id = "positive"
table = "项目"
assert = "评价金额 > 0"

[[rule]]
id = "=total<b>&"
assert = "sum(项目.评价金额) == 1 万元"

[[rule]]
id = "missing-row"
assert = '项目["没有"].评价金额 == 1'
"#;

const REASON: &str = "no row labelled \"没有\" in `项目`";

/// The summary every format shows, as the JSON document's `rules`.
fn expected() -> Value {
    json!([
        {"id": "positive", "items": 4, "passes": 4, "fails": 0, "undecided": 0, "reasons": []},
        {"id": "=total<b>&", "items": 1, "passes": 0, "fails": 1, "undecided": 0, "reasons": []},
        {"id": "missing-row", "items": 1, "passes": 0, "fails": 0, "undecided": 1,
         "reasons": [REASON]},
    ])
}

/// Runs `check --format <format>` over the seed workbook, with the rule
/// file if `rules`, into a file; returns the exit code and the report.
fn check(format: &str, rules: bool) -> (i32, String) {
    let dir: TempDir = tempdir();
    let rule_file = dir.path().join("r.toml");
    std::fs::write(&rule_file, RULES).unwrap();
    let out = dir.path().join("report");
    let (rule_file, out_s) = (rule_file.display().to_string(), out.display().to_string());
    let book = fixture("seed/report.xlsx").display().to_string();
    let mut args = vec![
        "check",
        "--no-cache",
        "--no-config",
        "--format",
        format,
        "-o",
        &out_s,
        &book,
    ];
    if rules {
        args.extend(["--rules", &rule_file]);
    }
    let (code, _, stderr) = run(&args);
    let report = std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    if format == "junit" {
        validate_junit(&out);
    } else if format == "sarif" {
        validate_sarif(&out);
    }
    (code, report)
}

/// The JSONL lines of type `rule`, without `schema` and `type`; asserts
/// they come after every file line.
fn rule_lines(text: &str) -> Value {
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let first_rule = lines.iter().position(|v| v["type"] == "rule");
    let rules: Vec<Value> = lines
        .iter()
        .skip(first_rule.unwrap_or(lines.len()))
        .map(|v| {
            assert_eq!(
                (&v["schema"], &v["type"]),
                (&json!(1), &json!("rule")),
                "{text}"
            );
            let mut v = v.clone();
            v.as_object_mut()
                .unwrap()
                .retain(|k, _| k != "schema" && k != "type");
            v
        })
        .collect();
    assert!(
        lines.iter().any(|v| v["type"] == "file"),
        "file lines first: {text}"
    );
    Value::Array(rules)
}

#[test]
fn jsonl_ends_with_a_line_per_rule() {
    let (code, out) = check("jsonl", true);
    assert_eq!(code, 1, "{out}");
    assert_eq!(rule_lines(&out), expected());
    let (_, out) = check("jsonl", false);
    assert_eq!(
        rule_lines(&out),
        json!([]),
        "no rules, no rule lines: {out}"
    );
}

/// Streamed to stdout, the file lines go out when the rules are evaluated,
/// and the rule lines follow them.
#[test]
fn streamed_jsonl_ends_with_a_line_per_rule() {
    let dir = tempdir();
    let rule_file = dir.path().join("r.toml");
    std::fs::write(&rule_file, RULES).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_crossfoot"))
        .args(["check", "--no-cache", "--no-config", "--format", "jsonl"])
        .arg(fixture("seed/report.xlsx"))
        .arg("--rules")
        .arg(&rule_file)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lines: Vec<String> = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .map(Result::unwrap)
        .collect();
    assert_eq!(child.wait().unwrap().code(), Some(1));
    assert_eq!(rule_lines(&lines.join("\n")), expected());
}

#[test]
fn sarif_has_the_rules_in_its_properties_and_a_note_for_undecided() {
    let (_, out) = check("sarif", true);
    let log: Value = serde_json::from_str(&out).unwrap();
    let run = &log["runs"][0];
    assert_eq!(run["properties"]["rules"], expected());
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0]["level"], "note");
    assert_eq!(notes[0]["associatedRule"]["id"], "missing-row");
    let text = notes[0]["message"]["text"].as_str().unwrap();
    assert!(
        text.contains("1 of 1 item undecided") && text.contains(REASON),
        "{text}"
    );
    let (_, out) = check("sarif", false);
    let log: Value = serde_json::from_str(&out).unwrap();
    assert!(log["runs"][0].get("properties").is_none(), "{out}");
}

#[test]
fn junit_has_a_rules_suite_where_undecided_is_skipped() {
    let (_, out) = check("junit", true);
    assert!(
        out.contains("<testsuites name=\"crossfoot\" tests=\"4\" failures=\"2\""),
        "{out}"
    );
    assert!(
        out.contains(
            "<testsuite name=\"rules\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\">"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "<testcase classname=\"rules\" name=\"positive\" time=\"0\">\n    </testcase>"
        ),
        "{out}"
    );
    assert!(
        out.contains("name=\"=total&lt;b&gt;&amp;\" time=\"0\">\n      <failure message=\"1 item: 0 pass, 1 fail, 0 undecided\" type=\"rule\">"),
        "{out}"
    );
    assert!(
        out.contains("<skipped message=\"1 of 1 item undecided: no row labelled &quot;没有&quot; in `项目`\"/>"),
        "{out}"
    );
    let (_, out) = check("junit", false);
    assert!(!out.contains("name=\"rules\""), "{out}");
}

#[test]
fn csv_ends_with_a_row_per_rule() {
    let (_, out) = check("csv", true);
    let mut reader = csv::Reader::from_reader(out.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .filter(|r: &Vec<String>| r[1] == "rule")
        .map(|r| vec![r[0].clone(), r[2].clone(), r[15].clone()])
        .collect();
    let row = |id: &str, message: &str| vec![String::new(), id.to_string(), message.to_string()];
    assert_eq!(
        rows,
        vec![
            row("positive", "4 items: 4 pass, 0 fail, 0 undecided"),
            row("'=total<b>&", "1 item: 0 pass, 1 fail, 0 undecided"),
            row(
                "missing-row",
                &format!("1 item: 0 pass, 0 fail, 1 undecided; undecided: {REASON}")
            ),
        ]
    );
    let (_, out) = check("csv", false);
    assert!(
        !out.lines().skip(1).any(|l| l.starts_with(",rule,")),
        "{out}"
    );
}

#[test]
fn html_has_a_rules_table() {
    let (_, out) = check("html", true);
    let cells = |id: &str, n: [usize; 4], why: &str| {
        format!(
            "<tr><td><span class=\"rule\">{id}</span></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{why}</td></tr>",
            n[0], n[1], n[2], n[3]
        )
    };
    for row in [
        cells("positive", [4, 4, 0, 0], ""),
        cells("=total&lt;b&gt;&amp;", [1, 0, 1, 0], ""),
        cells(
            "missing-row",
            [1, 0, 0, 1],
            "no row labelled &quot;没有&quot; in `项目`",
        ),
    ] {
        assert!(out.contains(&row), "{row} not in the page");
    }
    assert!(out.contains("<summary>Rules</summary>"));
    let (page, _data) = out.split_once("<script").unwrap();
    assert!(!page.contains("<b>&"), "an id is never markup");
    let (_, out) = check("html", false);
    assert!(!out.contains("id=\"rules\""), "no rules, no table");
}

/// The JSON document and the human report (which had a summary before
/// the other formats) agree with them.
#[test]
fn json_and_human_show_the_same_counts() {
    let (_, out) = check("json", true);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["rules"], expected());
    let (_, out) = check("human", true);
    assert!(
        out.contains("rules: 3 rules, 6 items: 4 pass, 1 fail, 1 undecided\n  undecided: missing-row (1 of 1 item): "),
        "{out}"
    );
    for format in ["json", "human"] {
        let (_, out) = check(format, false);
        assert!(!out.contains("rules"), "{format}: {out}");
    }
}
