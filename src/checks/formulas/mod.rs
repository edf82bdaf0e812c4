//! Checks of the formulas behind totals (calamine gives formulas as well as
//! cached values), one per file:
//! - `formula-range`: a total whose `SUM` range leaves out rows of its own
//!   block (`=SUM(D4:D9)` while the items run D4:D10), or reaches outside it
//!   (into another block, a 小计 beside its items, or 其中 rows);
//! - `formula-hardcoded`: a total typed in as a number where the totals
//!   beside it are formulas;
//! - `formula-stale`: a cached value that disagrees with its own formula's
//!   inputs (a workbook saved without recalculation);
//! - `formula-uncached`: formulas saved with no calculated value at all.
//!
//! A `SUM` range that misses the last row is the error behind famous
//! published mistakes; a hard-coded total stops following its rows the
//! moment one of them is edited.
//!
//! ```text
//! D4:D9  items
//! D10    =SUM(D4:D8)   ← leaves out D9
//! ```

pub mod hardcoded;
pub mod hidden;
pub mod range;
pub mod stale;
pub mod uncached;

use crate::checks::registry::CheckInfo;
use crate::checks::{finding_with, Outcome, Relation};
use crate::finding::{Finding, Message, RuleId, Severity};
use crate::table::Table;
use crate::workbook::parse_a1;

/// A formula as these checks read it: without `=` or spaces, upper case.
pub fn normalized(formula: &str) -> String {
    let f: String = formula
        .trim()
        .trim_start_matches('=')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    f.to_ascii_uppercase()
}

/// True for a `SUM(…)` call, which (as Excel has it) skips numbers stored
/// as text in the ranges it adds, where `+` converts them.
pub fn is_sum_call(formula: &str) -> bool {
    normalized(formula).starts_with("SUM(")
}

/// True for `SUBTOTAL(101…111, …)` and `AGGREGATE(f, 1|3|5|7, …)`: totals
/// that leave out the rows hidden in the workbook.
pub fn skips_hidden(formula: &str) -> bool {
    let f = normalized(formula);
    let arg = |name: &str, n: usize| {
        f.strip_prefix(name)
            .and_then(|rest| rest.split(',').nth(n))
            .and_then(|a| a.trim_end_matches(')').parse::<u32>().ok())
    };
    arg("SUBTOTAL(", 0).is_some_and(|k| (101..=111).contains(&k))
        || arg("AGGREGATE(", 1).is_some_and(|k| matches!(k, 1 | 3 | 5 | 7))
}

/// Cells a simple formula adds, with their signs: `SUM(D4:D9,D11)`,
/// `D4+D5-D6`. `None` for anything else (other functions, other sheets).
pub fn parse_sum(formula: &str) -> Option<Vec<(i8, (usize, usize))>> {
    let f = normalized(formula);
    if f.contains('!') {
        return None;
    }
    let mut out = Vec::new();
    if let Some(inner) = f.strip_prefix("SUM(").and_then(|r| r.strip_suffix(')')) {
        for arg in inner.split(',') {
            out.extend(expand(arg)?.into_iter().map(|c| (1, c)));
        }
        return Some(out);
    }
    let mut sign = 1i8;
    let mut term = String::new();
    for ch in f.chars().chain(['+']) {
        match ch {
            '+' | '-' => {
                if !term.is_empty() {
                    out.extend(expand(&term)?.into_iter().map(|c| (sign, c)));
                    term.clear();
                } else if ch == '-' {
                    sign = -sign;
                    continue;
                }
                sign = if ch == '-' { -1 } else { 1 };
            }
            _ => term.push(ch),
        }
    }
    (!out.is_empty()).then_some(out)
}

fn expand(arg: &str) -> Option<Vec<(usize, usize)>> {
    let arg = arg
        .strip_prefix("SUM(")
        .and_then(|a| a.strip_suffix(')'))
        .unwrap_or(arg);
    match arg.split_once(':') {
        Some((a, b)) => {
            let (r0, c0) = parse_a1(a)?;
            let (r1, c1) = parse_a1(b)?;
            let (r0, r1, c0, c1) = (r0.min(r1), r0.max(r1), c0.min(c1), c0.max(c1));
            if (r1 - r0 + 1).saturating_mul(c1 - c0 + 1) > 1_000_000 {
                return None;
            }
            Some(
                (r0..=r1)
                    .flat_map(|r| (c0..=c1).map(move |c| (r, c)))
                    .collect(),
            )
        }
        None => Some(vec![parse_a1(arg)?]),
    }
}

/// What a formula finding says: its check, severity, message, help, and
/// the parts' cells (as [`crate::checks::inputs`] gives them).
struct Said {
    info: &'static CheckInfo,
    severity: Severity,
    message: Message,
    help: Message,
    inputs: Vec<String>,
}

/// A finding of a formula check about relation `rel`.
fn finding(table: &Table, rel: &Relation, o: &Outcome, said: Said) -> Finding {
    let kind = (RuleId::Check(said.info), said.severity);
    let mut f = finding_with(table, rel, o, false, kind, said.message, said.inputs);
    f.help = Some(said.help);
    f
}

/// `=SUM(D4:D9,D11)` over the inputs given.
fn suggested_sum(inputs: &[String]) -> String {
    format!("=SUM({})", inputs.join(","))
}

/// The footing relations of a table that has formulas, with their outcomes
/// and the formula of their total, if it has one.
fn footings<'a>(
    table: &'a Table,
    rels: &'a [Relation],
    outcomes: &'a [Option<Outcome>],
) -> impl Iterator<Item = (&'a Relation, Outcome, Option<&'a String>)> + 'a {
    let any = !table.formulas.is_empty();
    rels.iter()
        .zip(outcomes)
        .filter(move |(r, _)| any && r.rule == crate::checks::footing::info())
        .filter_map(|(r, o)| o.map(|o| (r, o)))
        .map(|(r, o)| (r, o, table.formulas.get(&(r.total.row(), r.total.col()))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_simple_sums() {
        assert_eq!(parse_sum("SUM(D4:D6)").unwrap().len(), 3);
        assert_eq!(parse_sum("=sum(D4:D5, D7)").unwrap().len(), 3);
        let v = parse_sum("D4+D5-D6").unwrap();
        assert_eq!(v, vec![(1, (3, 3)), (1, (4, 3)), (-1, (5, 3))]);
        assert!(parse_sum("AVERAGE(D4:D6)").is_none());
        assert!(parse_sum("Sheet2!D4+D5").is_none());
    }
}
