//! Evaluating rules against the tables of every file in a run, in R
//! validate's three stages: each rule is compiled against the run's tables
//! ([`super::compile`]), confronted with the data item by item
//! ([`super::confront`]), and its verdicts summarised
//! ([`super::summary`]). A failed item becomes a finding; an undecided one
//! is counted as undecided, never as passed.

use std::path::PathBuf;

use super::bind::Bound;
use super::confront::{confront, Verdict};
use super::frames::Frames;
use super::scalar::Env;
use super::summary::RuleSummary;
use super::{RuleError, RuleSet};
use crate::finding::Finding;
use crate::table::Table;
use crate::workbook::Sheet;

pub use super::bind::find_column;
pub use super::value::Loc;

/// One checked file's tables and sheets.
#[derive(Debug)]
pub struct Loaded {
    /// The file.
    pub path: PathBuf,
    /// Its detected tables.
    pub tables: Vec<Table>,
    /// Its sheets.
    pub sheets: Vec<Sheet>,
    /// Its text, for a report.
    pub docs: Vec<crate::text::Doc>,
}

impl Loaded {
    /// True when freeing it is worth a hand-over (see [`crate::dispose`]).
    pub fn is_big(&self) -> bool {
        self.sheets
            .iter()
            .map(|s| s.rows() * s.cols())
            .sum::<usize>()
            >= crate::dispose::BIG_SHEET
    }
}

/// What evaluating a rule set produced.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Findings, each with the index of the file it belongs to.
    pub findings: Vec<(usize, Finding)>,
    /// Mistakes in rules found only against the data (unknown columns,
    /// text compared with amounts).
    pub errors: Vec<RuleError>,
    /// Rules that decided at least one item, by file index of their first
    /// table.
    pub checks: Vec<(usize, usize)>,
    /// Rules that found nothing to read (no table matched, or no row,
    /// sheet or phrase they name), by id.
    pub not_applicable: Vec<String>,
    /// Each rule's items, passes, fails and undecided, in rule order (a
    /// rule with a mistake has none: it is in `errors`).
    pub summaries: Vec<RuleSummary>,
    /// Rules written for another variant of a template (`variant = …`)
    /// that do not fit these tables, with why.
    pub variants: Vec<(String, RuleError)>,
}

/// Evaluates every rule against the files.
pub fn evaluate(rules: &RuleSet, files: &[Loaded]) -> Outcome {
    let bound = crate::timing::time("bind tables", || Bound::new(rules, files));
    let frames = Frames::new(&bound);
    let mut out = Outcome::default();
    for rule in &rules.rules {
        // Each rule's time, under its own name (`rule ID`).
        let start = std::time::Instant::now();
        let verdicts = super::compile::compile(rule, &bound).and_then(|plan| {
            let env = Env::new(&bound, &plan, &frames);
            confront(&env).map(|v| (plan.home, v))
        });
        let (home, verdicts) = match verdicts {
            Ok(v) => v,
            // A rule for another variant of a template, whose columns this
            // table does not have, does not apply.
            Err(e) if rule.variant.is_some() => {
                out.not_applicable.push(rule.id.clone());
                out.variants.push((rule.id.clone(), e));
                continue;
            }
            Err(e) => {
                out.errors.push(e);
                continue;
            }
        };
        crate::timing::note(&format!("rule {}", rule.id), start);
        let summary = RuleSummary::of(&rule.id, &verdicts);
        if summary.decided() > 0 {
            out.checks.push((home, 1));
        }
        if summary.not_applicable {
            out.not_applicable.push(rule.id.clone());
        }
        out.summaries.push(summary);
        for v in verdicts {
            if let Verdict::Fail(ev) = v {
                out.findings
                    .push(super::evidence::finding(rule, &bound, *ev));
            }
        }
    }
    frames.dispose();
    out
}
