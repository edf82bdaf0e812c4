//! The human report, rendered without colour at a fixed width, against
//! files in `tests/snapshots/`. Set `UPDATE_SNAPSHOTS=1` to rewrite them.

use std::path::Path;

use crossfoot::message::{with_lang, Lang};
use crossfoot::report::human;

fn snapshot(name: &str, fixture: &str) {
    snapshot_in(Lang::En, name, fixture);
}

/// [`snapshot`] in `lang`.
fn snapshot_in(lang: Lang, name: &str, fixture: &str) {
    // A relative path, so the snapshot does not depend on the checkout.
    let report = crossfoot::check_file(Path::new("fixtures").join(fixture).as_path());
    let got = with_lang(lang, || {
        human::render_file(&report, &human::Options::default())
    });
    let path = crate::support::root()
        .join("tests/snapshots")
        .join(format!("{name}.txt"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &got).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing snapshot {}; run with UPDATE_SNAPSHOTS=1",
            path.display()
        )
    });
    assert_eq!(
        got, want,
        "snapshot {name} differs:\n--- got ---\n{got}\n--- want ---\n{want}"
    );
}

#[test]
fn seed_total_typo() {
    snapshot("seed-total-typo", "seed/total-typo.xlsx");
}

#[test]
fn seed_swapped_digits() {
    snapshot("seed-swapped-digits", "seed/swapped-digits.xlsx");
}

#[test]
fn three_public_parent_zero() {
    snapshot("three-public-parent-zero", "three-public/parent-zero.xlsx");
}

#[test]
fn departments_cross_footing() {
    snapshot(
        "departments-row-total-typo",
        "departments/row-total-typo.xlsx",
    );
}

#[test]
fn score_over_max() {
    snapshot("scores-over-max", "scores/over-max.xlsx");
}

#[test]
fn clean_file() {
    snapshot("function-clean", "function/clean.xlsx");
}

/// The same findings in Chinese: the seed fixtures, a report's prose, a
/// three-level table.
#[test]
fn in_chinese() {
    for (name, fixture) in [
        ("zh-seed-total-typo", "seed/total-typo.xlsx"),
        ("zh-seed-swapped-digits", "seed/swapped-digits.xlsx"),
        ("zh-seed-unit-slip", "seed/unit-slip.xlsx"),
        ("zh-seed-miscount", "seed/miscount.xlsx"),
        ("zh-seed-report", "text/seed.txt"),
        (
            "zh-three-public-parent-zero",
            "three-public/parent-zero.xlsx",
        ),
        ("zh-scores-over-max", "scores/over-max.xlsx"),
    ] {
        snapshot_in(Lang::Zh, name, fixture);
    }
    for (name, fixture) in [
        ("seed-unit-slip", "seed/unit-slip.xlsx"),
        ("seed-miscount", "seed/miscount.xlsx"),
        ("seed-report", "text/seed.txt"),
    ] {
        snapshot(name, fixture);
    }
}

/// No English sentence in the Chinese report of the seed fixtures (file
/// names, cells, rule ids and numbers aside): no run of three ASCII
/// letters outside them.
#[test]
fn the_chinese_report_has_no_english_sentence() {
    for fixture in [
        "seed/total-typo.xlsx",
        "seed/swapped-digits.xlsx",
        "seed/unit-slip.xlsx",
        "text/seed.txt",
    ] {
        let report = crossfoot::check_file(Path::new("fixtures").join(fixture).as_path());
        let text = with_lang(Lang::Zh, || {
            human::render_file(&report, &human::Options::default())
        });
        for line in text.lines() {
            // Rule ids (`crossfoot::footing`) and the file's own name.
            if line.trim_start().starts_with("crossfoot::") {
                continue;
            }
            let line = line.replace(&format!("fixtures/{fixture}"), "");
            let mut run = 0;
            for c in line.chars() {
                run = if c.is_ascii_alphabetic() { run + 1 } else { 0 };
                assert!(run < 3, "{fixture}: English in {line:?}");
            }
        }
    }
}

/// A malformed rule file's diagnostics, in both languages.
#[test]
fn malformed_rule_files_in_both_languages() {
    for lang in [Lang::En, Lang::Zh] {
        let mut got = String::new();
        for bad in [
            "04-single-equals",
            "05-unknown-function",
            "10-text-vs-number",
            "19-between-without-and",
        ] {
            let path = Path::new("fixtures/rules-bad").join(format!("{bad}.toml"));
            let errors = crossfoot::rules::RuleSet::load(&[path]).expect_err(bad);
            with_lang(lang, || {
                for e in &errors {
                    got.push_str(&e.render());
                }
            });
        }
        let name = match lang {
            Lang::En => "rules-bad",
            Lang::Zh => "zh-rules-bad",
        };
        let path = crate::support::root().join(format!("tests/snapshots/{name}.txt"));
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            std::fs::write(&path, &got).unwrap();
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(got, want, "snapshot {name} differs:\n{got}");
    }
}

/// The terminal report keeps a figure with its unit on one line, with a
/// plain space between them (what is copied and searched): no no-break
/// space is left in it.
#[test]
fn the_report_has_plain_spaces() {
    let report = crossfoot::check_file(Path::new("fixtures/seed/total-typo.xlsx"));
    for lang in [Lang::En, Lang::Zh] {
        let text = with_lang(lang, || {
            human::render_file(&report, &human::Options::default())
        });
        assert!(!text.contains('\u{a0}'), "{text}");
        assert!(text.contains("21,349.1 万元"), "{text}");
    }
}
