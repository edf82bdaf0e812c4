//! The human report, rendered without colour at a fixed width, against
//! files in `tests/snapshots/`. Set `UPDATE_SNAPSHOTS=1` to rewrite them.

use std::path::Path;

use crossfoot::report::human;

fn snapshot(name: &str, fixture: &str) {
    // A relative path, so the snapshot does not depend on the checkout.
    let report = crossfoot::check_file(Path::new("fixtures").join(fixture).as_path());
    let got = human::render_file(&report, &human::Options::default());
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
