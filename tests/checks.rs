//! The registry of checks, iterated: every check has an id, a name, a
//! summary, a case it flags and a case it passes; every message a check can
//! give is in the catalog; docs/checks.md lists the registry as it is.

use std::path::PathBuf;

use crossfoot::checks::registry::CHECKS;
use crossfoot::finding::Severity;
use crossfoot::text::{claims, Doc};

use crate::support::fixture;

/// What a case is checked on.
enum Input {
    /// Workbooks, checked together (the text-tie check needs a report and
    /// its workbook).
    Files(&'static [&'static str]),
    /// A report's text.
    Text(&'static str),
}

/// Each check's (fail case, pass case). A check without cases fails
/// `every_check_has_a_failing_and_a_passing_case`.
const CASES: &[(&str, Input, Input)] = &[
    (
        "footing",
        Input::Files(&["seed/total-typo.xlsx"]),
        Input::Files(&["seed/clean.xlsx"]),
    ),
    (
        "cross-footing",
        Input::Files(&["departments/row-total-typo.xlsx"]),
        Input::Files(&["departments/clean.xlsx"]),
    ),
    (
        "hierarchy",
        Input::Files(&["function/parent-typo.xlsx"]),
        Input::Files(&["function/clean.xlsx"]),
    ),
    (
        "of-which",
        Input::Files(&["three-public/parent-zero.xlsx"]),
        Input::Files(&["three-public/clean.xlsx"]),
    ),
    (
        "score-cap",
        Input::Files(&["scores/over-max.xlsx"]),
        Input::Files(&["scores/clean.xlsx"]),
    ),
    (
        "formula-stale",
        Input::Files(&["formulas/stale.xlsx"]),
        Input::Files(&["formulas/clean.xlsx"]),
    ),
    (
        "formula-range",
        Input::Files(&["formulas/short-range.xlsx"]),
        Input::Files(&["formulas/clean.xlsx"]),
    ),
    (
        "formula-hardcoded",
        Input::Files(&["formulas/hardcoded.xlsx"]),
        Input::Files(&["formulas/clean.xlsx"]),
    ),
    (
        "formula-uncached",
        Input::Files(&["formulas/uncached.xlsx"]),
        Input::Files(&["formulas/clean.xlsx"]),
    ),
    (
        "formula-hidden",
        Input::Files(&["formulas/hidden-row.xlsx"]),
        Input::Files(&["formulas/clean.xlsx"]),
    ),
    (
        "two-sided",
        Input::Files(&["two-sided/unbalanced.xlsx"]),
        Input::Files(&["two-sided/clean.xlsx"]),
    ),
    (
        "undecided",
        Input::Files(&["seed/total-unreadable.xlsx"]),
        Input::Files(&["seed/clean.xlsx"]),
    ),
    (
        "text-sum",
        Input::Text("四个项目：1712.1万元、2600万元、16333万元、586万元，共计21240.1万元。"),
        Input::Text("四个项目：1721.1万元、2600万元、16333万元、586万元，共计21240.1万元。"),
    ),
    (
        "text-unit-slip",
        Input::Text("四个项目：172.1万元、260万元、163.3万元、5860000万元，共计5860595.4万元。"),
        Input::Text("四个项目：1721.1万元、2600万元、16333万元、586万元，共计21240.1万元。"),
    ),
    (
        "text-count",
        Input::Text("共5个项目：甲1721.1万元、乙2600万元、丙16333万元、丁586万元。"),
        Input::Text("共4个项目：甲1721.1万元、乙2600万元、丙16333万元、丁586万元。"),
    ),
    (
        "text-ratio",
        Input::Text("部门数为22个，其中18个部门开展了自评，覆盖率为85%。"),
        Input::Text("部门数为22个，其中18个部门开展了自评，覆盖率为81.8%。"),
    ),
    (
        "text-change",
        Input::Text("2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数增加57.14%。"),
        Input::Text("2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数减少57.14%。"),
    ),
    (
        "text-compare",
        Input::Text("年初预算为135.90万元，支出决算为136.25万元。决算数小于预算数的主要原因：项目调减。"),
        Input::Text("年初预算为135.90万元，支出决算为135.25万元。决算数小于预算数的主要原因：项目调减。"),
    ),
    (
        "text-restated",
        Input::Text("“住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元。2024年预算安排352.67万元。"),
        Input::Text("“住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元。2024年预算安排350.35万元。"),
    ),
    (
        "text-share",
        Input::Text("本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.94%。"),
        Input::Text("本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%。"),
    ),
    (
        "text-row",
        Input::Files(&["text/claims/row-broken.pdf"]),
        Input::Files(&["text/claims/row-clean.pdf"]),
    ),
    (
        "text-name",
        Input::Files(&["text/claims/name-broken.pdf"]),
        Input::Files(&["text/claims/row-clean.pdf"]),
    ),
    (
        "text-coverage",
        Input::Text("实现了自评全覆盖，部门数为22个，其中18个部门开展了自评。"),
        Input::Text("部门数为22个，其中18个部门开展了自评。"),
    ),
    (
        "text-score-missing-max",
        Input::Text("自评得分为5分。\n（一）制度建设分（自评得分2分）\n（二）资金管理3分（自评得分3分）\n"),
        Input::Text("自评得分为5分。\n（一）制度建设2分（自评得分2分）\n（二）资金管理3分（自评得分3分）\n"),
    ),
    (
        "text-score-cap",
        Input::Text("自评得分为6分。\n（一）制度建设2分（自评得分3分）\n（二）资金管理3分（自评得分3分）\n"),
        Input::Text("自评得分为5分。\n（一）制度建设2分（自评得分2分）\n（二）资金管理3分（自评得分3分）\n"),
    ),
    (
        "text-score-sum",
        Input::Text("（一）制度建设4分（自评得分4分）\n1.制度健全2分（自评得分2分）\n2.执行有效2分（自评得分1分）\n"),
        Input::Text("（一）制度建设4分（自评得分3分）\n1.制度健全2分（自评得分2分）\n2.执行有效2分（自评得分1分）\n"),
    ),
    (
        "text-score-total",
        Input::Text("自评得分为95分。\n（一）制度建设2分（自评得分2分）\n（二）资金管理3分（自评得分3分）\n"),
        Input::Text("自评得分为5分。\n（一）制度建设2分（自评得分2分）\n（二）资金管理3分（自评得分3分）\n"),
    ),
    (
        "text-doubled",
        Input::Text("开展绩效绩效评价。"),
        Input::Text("开展绩效评价。"),
    ),
    (
        "text-tie",
        Input::Files(&["text/total-changed.txt", "seed/report.xlsx"]),
        Input::Files(&["text/seed.txt", "seed/report.xlsx"]),
    ),
    (
        "template-missing",
        Input::Files(&["disclosure/budget-missing.xlsx"]),
        Input::Files(&["disclosure/budget-clean.xlsx"]),
    ),
    (
        "template-empty",
        Input::Files(&["disclosure/budget-empty.xlsx"]),
        Input::Files(&["disclosure/budget-clean.xlsx"]),
    ),
    (
        "template-undecided",
        Input::Files(&["disclosure/budget-unlabelled.xlsx"]),
        Input::Files(&["disclosure/budget-clean.xlsx"]),
    ),
    (
        "pdf-page-unread",
        Input::Files(&["pdf/seed-scanned-page.pdf"]),
        Input::Files(&["pdf/seed-clean.pdf"]),
    ),
];

/// The (rule, severity) of every finding on `input`.
fn findings(input: &Input) -> Vec<(String, Severity)> {
    match input {
        Input::Files(files) => {
            let paths: Vec<PathBuf> = files.iter().map(|f| fixture(f)).collect();
            let run = crossfoot::check_files(&paths, None);
            run.reports
                .iter()
                .flat_map(|r| r.findings.iter())
                .map(|f| (f.rule.to_string(), f.severity))
                .collect()
        }
        Input::Text(text) => claims::check(&Doc::new(text.to_string()))
            .iter()
            .map(|f| (f.rule.to_string(), f.severity))
            .collect(),
    }
}

#[test]
fn every_check_has_a_failing_and_a_passing_case() {
    for check in CHECKS {
        let info = check.info();
        let Some((_, fail, pass)) = CASES.iter().find(|c| c.0 == info.id) else {
            panic!("check {} has no cases in tests/checks.rs", info.id);
        };
        let flagged = |found: &[(String, Severity)]| {
            found
                .iter()
                .any(|(rule, sev)| rule == info.id && *sev >= Severity::Warning)
        };
        let on_fail = findings(fail);
        assert!(
            flagged(&on_fail),
            "{}: its failing case is not flagged: {on_fail:?}",
            info.id
        );
        let on_pass = findings(pass);
        assert!(
            !flagged(&on_pass),
            "{}: its passing case is flagged: {on_pass:?}",
            info.id
        );
    }
    assert_eq!(
        CASES.len(),
        CHECKS.len(),
        "a case for a check that is not registered"
    );
}

#[test]
fn check_ids_are_unique_and_described() {
    let mut ids: Vec<&str> = CHECKS.iter().map(|c| c.info().id).collect();
    for c in CHECKS {
        let i = c.info();
        assert!(
            i.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{}: ids are kebab-case",
            i.id
        );
        assert!(!i.name.is_empty() && !i.summary.is_empty(), "{}", i.id);
    }
    ids.sort_unstable();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate check ids");
}

/// Every message id the source gives to `Message::new` (and every id-like
/// literal in a file that builds messages) is in the catalog, or is a
/// check's id; every catalog id is used.
#[test]
fn every_message_is_in_the_catalog() {
    let catalog = crossfoot::message::catalog_ids();
    let checks: Vec<&str> = CHECKS.iter().map(|c| c.info().id).collect();
    let sources = rust_sources();
    let mut used = Vec::new();
    for (p, src) in &sources {
        if !["Message::new", " tr(\"", "counted(\""]
            .iter()
            .any(|m| src.contains(m))
        {
            continue;
        }
        // Unit tests name rule ids and the like, not messages.
        let src = src.split("#[cfg(test)]").next().unwrap_or_default();
        for lit in id_literals(src) {
            used.push((lit, p.display().to_string()));
        }
    }
    let not_ids = ["crossfoot-cache", "seed-total"];
    for (lit, file) in &used {
        let known = catalog.iter().any(|c| c == lit)
            || checks.contains(&lit.as_str())
            || not_ids.contains(&lit.as_str());
        assert!(
            known,
            "{file}: message id {lit:?} is not in src/locales/en.ftl"
        );
    }
    // The command line's texts are looked up by command and argument
    // (`tests/cli.rs` checks each is shown in the help).
    let sources: String = sources.into_iter().map(|(_, text)| text).collect();
    for id in catalog.iter().filter(|id| !id.starts_with("cli-")) {
        assert!(
            used.iter().any(|(l, _)| l == id) || sources.contains(&format!("\"{id}\"")),
            "catalog id {id} is never used"
        );
    }
}

/// Every Rust file of `src`, with its text.
fn rust_sources() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![crate::support::root().join("src")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                out.push((p, text));
            }
        }
    }
    out
}

/// Literals that look like message ids: `Message::new("both")`, and
/// hyphenated lowercase words (`"of-which-over"`).
fn id_literals(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in src.split('"').skip(1).step_by(2) {
        let id_like = !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && part.starts_with(|c: char| c.is_ascii_lowercase())
            && !part.ends_with('-');
        let called = ["Message::new", "tr", "counted", "t"].iter().any(|f| {
            let call = format!("{f}(\"{part}\"");
            src.match_indices(&call).any(|(i, _)| {
                !src[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.')
            })
        });
        if id_like && (part.contains('-') || called) {
            out.push(part.to_string());
        }
    }
    out
}

/// docs/checks.md is the registry as it is (`UPDATE_DOCS=1 cargo test`
/// rewrites it).
#[test]
fn docs_list_every_check() {
    let mut md = String::from(
        "# Checks\n\nThe checks crossfoot runs with no rule file, as the registry \
         (`src/checks/registry.rs`) lists them. Each check's file opens with what it does, \
         why it matters and an example. This page is generated: `UPDATE_DOCS=1 cargo test \
         docs_list_every_check`.\n\n| id | what | severity | finds |\n|---|---|---|---|\n",
    );
    for c in CHECKS {
        let i = c.info();
        md.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            i.id,
            i.name,
            i.severity.as_str(),
            i.summary
        ));
    }
    let path = crate::support::root().join("docs/checks.md");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &md).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        on_disk, md,
        "docs/checks.md is stale: run UPDATE_DOCS=1 cargo test docs_list_every_check"
    );
}

/// The two catalogs have the same ids, and each message the same
/// arguments in both.
#[test]
fn both_catalogs_have_every_message_with_the_same_arguments() {
    use crossfoot::message::{catalog_variables, Lang};
    let en = catalog_variables(Lang::En);
    let zh = catalog_variables(Lang::Zh);
    let ids = |c: &[(String, Vec<String>)]| {
        let mut v: Vec<String> = c.iter().map(|(id, _)| id.clone()).collect();
        v.sort();
        v
    };
    let (en_ids, zh_ids) = (ids(&en), ids(&zh));
    for id in &en_ids {
        assert!(zh_ids.contains(id), "{id} is missing from zh-CN.ftl");
    }
    for id in &zh_ids {
        assert!(en_ids.contains(id), "{id} is missing from en.ftl");
    }
    for (id, vars) in &en {
        let other = &zh.iter().find(|(z, _)| z == id).unwrap().1;
        assert_eq!(
            vars, other,
            "{id}: the arguments differ between en and zh-CN"
        );
    }
}

/// Every message, help line, label and suspect's reason of every fixture's
/// findings renders in both languages with every argument its catalog
/// text uses (Fluent reports one the code did not pass).
#[test]
fn every_finding_of_the_fixtures_renders_in_both_languages() {
    use crossfoot::message::{render_errors, Lang, Message};
    let files = crossfoot::collect_files(&[crate::support::root().join("fixtures")]);
    let run = crossfoot::check_files(&files, None);
    let mut seen = 0;
    for r in &run.reports {
        for f in &r.findings {
            let mut messages: Vec<&Message> = vec![&f.message];
            messages.extend(f.help.as_ref());
            messages.extend(
                f.excerpt
                    .iter()
                    .flat_map(|e| e.labels.iter().map(|(_, m)| m)),
            );
            let reasons: Vec<Message> = f.suspects.iter().map(|s| s.reason()).collect();
            messages.extend(reasons.iter());
            for m in messages {
                for lang in Lang::ALL {
                    let errors = render_errors(m, lang);
                    assert!(
                        errors.is_empty(),
                        "{}: {:?}: {errors:?}",
                        r.path.display(),
                        lang
                    );
                    seen += 1;
                }
            }
        }
    }
    assert!(seen > 100, "only {seen} messages rendered");
}
