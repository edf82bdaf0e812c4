//! Runs every example in docs/rules.md: its CSV blocks are the data, its
//! TOML block the rule file, and its `expect:` lines what must be reported:
//! `pass` (no finding, no undecided item), `fail RULE key=value…` (a
//! finding), `summary RULE key=value…` (the rule's items, passes, fails,
//! undecided).

use crossfoot::rules::RuleSet;
use crossfoot::{check_files, Severity};

struct Example {
    title: String,
    csv: Vec<(String, String)>,
    text: Vec<(String, String)>,
    toml: String,
    expect: Vec<String>,
}

fn examples(doc: &str) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    let mut lines = doc.lines();
    let mut title = String::new();
    while let Some(line) = lines.next() {
        if let Some(t) = line.strip_prefix("### Example: ") {
            title = t.to_string();
            out.push(Example {
                title: title.clone(),
                csv: vec![],
                text: vec![],
                toml: String::new(),
                expect: vec![],
            });
            continue;
        }
        let Some(ex) = out.last_mut().filter(|e| e.title == title) else {
            continue;
        };
        if let Some(info) = line.strip_prefix("```text") {
            let name = info
                .trim()
                .strip_prefix("name=")
                .unwrap_or("report.txt")
                .to_string();
            let body: Vec<&str> = lines
                .by_ref()
                .take_while(|l| !l.starts_with("```"))
                .collect();
            ex.text.push((name, body.join("\n") + "\n"));
        } else if let Some(info) = line.strip_prefix("```csv") {
            let sheet = info
                .trim()
                .strip_prefix("sheet=")
                .unwrap_or("表")
                .to_string();
            let body: Vec<&str> = lines
                .by_ref()
                .take_while(|l| !l.starts_with("```"))
                .collect();
            ex.csv.push((sheet, body.join("\n") + "\n"));
        } else if line.starts_with("```toml") {
            let body: Vec<&str> = lines
                .by_ref()
                .take_while(|l| !l.starts_with("```"))
                .collect();
            ex.toml = body.join("\n");
        } else if let Some(e) = line.strip_prefix("expect: ") {
            ex.expect.push(e.to_string());
        }
    }
    out
}

#[test]
fn every_example_in_the_rules_documentation_runs() {
    let doc = std::fs::read_to_string(crate::support::root().join("docs/rules.md")).unwrap();
    let all = examples(&doc);
    assert!(all.len() >= 10, "found {} examples", all.len());
    for ex in all {
        assert!(
            !ex.csv.is_empty() && !ex.toml.is_empty() && !ex.expect.is_empty(),
            "incomplete example {}",
            ex.title
        );
        let dir = crate::support::tempdir();
        let mut files = Vec::new();
        for (sheet, csv) in &ex.csv {
            let path = dir.path().join(format!("{sheet}.csv"));
            std::fs::write(&path, csv).unwrap();
            files.push(path);
        }
        for (name, text) in &ex.text {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            files.push(path);
        }
        let rules_path = dir.path().join("rules.toml");
        std::fs::write(&rules_path, &ex.toml).unwrap();
        let set = RuleSet::load(&[rules_path])
            .unwrap_or_else(|e| panic!("{}: {}", ex.title, e[0].render()));
        let run = check_files(&files, Some(&set));
        assert!(
            run.rule_errors.is_empty(),
            "{}: {}",
            ex.title,
            run.rule_errors[0].render()
        );
        assert!(
            run.not_applicable.is_empty(),
            "{}: rules without tables {:?}",
            ex.title,
            run.not_applicable
        );
        let ids: Vec<&str> = set.rules.iter().map(|r| r.id.as_str()).collect();
        let found: Vec<&crossfoot::Finding> = run
            .reports
            .iter()
            .flat_map(|r| r.findings.iter())
            .filter(|f| ids.contains(&f.rule.as_str()) && f.severity >= Severity::Warning)
            .collect();
        if ex.expect == ["pass"] {
            assert!(
                found.is_empty(),
                "{}: expected to pass, got {:#?}",
                ex.title,
                found
            );
            let undecided: Vec<_> = run
                .rule_summaries
                .iter()
                .filter(|s| s.undecided > 0)
                .collect();
            assert!(
                undecided.is_empty(),
                "{}: undecided {undecided:#?}",
                ex.title
            );
            continue;
        }
        for e in ex.expect.iter().filter(|e| e.starts_with("summary ")) {
            let mut words = e.split_whitespace().skip(1);
            let rule = words.next().unwrap();
            let s = run
                .rule_summaries
                .iter()
                .find(|s| s.id == rule)
                .unwrap_or_else(|| panic!("{}: no summary for {rule}", ex.title));
            for kv in words {
                let (k, v) = kv.split_once('=').unwrap();
                let got = match k {
                    "items" => s.items,
                    "passes" => s.passes,
                    "fails" => s.fails,
                    "undecided" => s.undecided,
                    _ => panic!("unknown key {k}"),
                };
                assert_eq!(got.to_string(), v, "{}: {rule} {k}", ex.title);
            }
        }
        for e in ex.expect.iter().filter(|e| !e.starts_with("summary ")) {
            let mut words = e.split_whitespace();
            assert_eq!(words.next(), Some("fail"), "{}: {e}", ex.title);
            let rule = words.next().unwrap();
            let hits: Vec<&&crossfoot::Finding> = found.iter().filter(|f| f.rule == rule).collect();
            assert!(
                !hits.is_empty(),
                "{}: no finding for {rule}: {:#?}",
                ex.title,
                found
            );
            for kv in words {
                let (k, v) = kv.split_once('=').unwrap();
                let ok = hits.iter().any(|f| match k {
                    "cell" => f.cell() == Some(v),
                    "stated" => crate::support::j(&f).stated.as_deref() == Some(v),
                    "computed" => crate::support::j(&f).computed.as_deref() == Some(v),
                    "inputs" => f.inputs.join(",") == v,
                    _ => panic!("unknown key {k}"),
                });
                assert!(ok, "{}: {rule} {k}={v} not found in {:#?}", ex.title, hits);
            }
        }
    }
}
