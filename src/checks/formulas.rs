//! ## What it does
//! Reads the formulas behind totals (calamine gives formulas as well as
//! cached values) and reports:
//! - `formula-range`: a total whose `SUM` range leaves out rows of its own
//!   block (`=SUM(D4:D9)` while the items run D4:D10), or reaches outside it
//!   (into another block, a 小计 beside its items, or 其中 rows);
//! - `formula-hardcoded`: a total typed in as a number where the totals
//!   beside it are formulas;
//! - `formula-stale`: a cached value that disagrees with its own formula's
//!   inputs (a workbook saved without recalculation).
//!
//! ## Why is this bad?
//! A `SUM` range that misses the last row is the error behind famous
//! published mistakes; a hard-coded total stops following its rows the
//! moment one of them is edited.
//!
//! ## Example
//! ```text
//! D4:D9  items
//! D10    =SUM(D4:D8)   ← leaves out D9
//! ```

use std::collections::HashSet;

use rust_decimal::Decimal;

use super::{show, Cmp, Outcome, Relation, Rule, Term};
use crate::finding::{Finding, Severity};
use crate::table::{Amount, RowKind, Table};
use crate::workbook::{a1, compress_rows, parse_a1};

/// Cells a simple formula adds, with their signs: `SUM(D4:D9,D11)`,
/// `D4+D5-D6`. `None` for anything else (other functions, other sheets).
pub fn parse_sum(formula: &str) -> Option<Vec<(i8, (usize, usize))>> {
    let f: String = formula
        .trim()
        .trim_start_matches('=')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let f = f.to_ascii_uppercase();
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

/// Findings about the formulas of a table's totals.
pub fn check(table: &Table, rels: &[Relation], outcomes: &[Option<Outcome>]) -> Vec<Finding> {
    let mut out = Vec::new();
    if table.formulas.is_empty() {
        return out;
    }
    stale(table, &mut out);
    for (i, rel) in rels.iter().enumerate() {
        if rel.rule != Rule::Footing {
            continue;
        }
        let Some(o) = outcomes[i] else { continue };
        match table.formulas.get(&(rel.total.row(), rel.total.col())) {
            Some(f) => range(table, rel, o, f, &mut out),
            None => hardcoded(table, rel, o, &mut out),
        }
    }
    out
}

fn base(
    table: &Table,
    rel: &Relation,
    o: &Outcome,
    rule: &'static str,
    severity: Severity,
) -> Finding {
    let mut f = super::finding(table, rel, o, severity);
    f.rule = rule.to_string();
    f
}

fn range(table: &Table, rel: &Relation, o: Outcome, formula: &str, out: &mut Vec<Finding>) {
    let Some(refs) = parse_sum(formula) else {
        return;
    };
    let col = table.columns[rel.total.col()].col;
    if refs.iter().any(|&(s, (_, c))| s < 0 || c != col) {
        return;
    }
    let referenced: HashSet<usize> = refs.iter().map(|&(_, (r, _))| r).collect();
    // A part is covered when it, or all of its descendants, are referenced.
    fn covered(table: &Table, i: usize, refs: &HashSet<usize>) -> bool {
        refs.contains(&table.rows[i].row)
            || (!table.children[i].is_empty()
                && table.children[i].iter().all(|&c| covered(table, c, refs)))
    }
    let mut allowed: HashSet<usize> = HashSet::new();
    let mut stack: Vec<usize> = rel.parts.iter().map(|p| p.row()).collect();
    while let Some(i) = stack.pop() {
        if allowed.insert(table.rows[i].row) {
            stack.extend(table.children[i].iter().copied());
        }
    }
    let missing: Vec<usize> = rel
        .parts
        .iter()
        .filter(|p| !covered(table, p.row(), &referenced))
        .map(|p| table.rows[p.row()].row)
        .collect();
    let has_value = |sheet_row: usize| match table.row_index(sheet_row) {
        Some(i) => !matches!(table.amount(i, rel.total.col()), Amount::Blank),
        None => false,
    };
    let mut extra: Vec<usize> = referenced
        .iter()
        .copied()
        .filter(|r| !allowed.contains(r) && *r != table.rows[rel.total.row()].row && has_value(*r))
        .collect();
    extra.sort_unstable();
    let mut missing = missing;
    missing.sort_unstable();
    if missing.is_empty() && extra.is_empty() {
        return;
    }
    let cell = table.a1(rel.total.row(), rel.total.col());
    let label = table.row_name(rel.total.row());
    let mut what = Vec::new();
    if !missing.is_empty() {
        let names: Vec<String> = missing
            .iter()
            .filter_map(|r| table.row_index(*r).map(|i| table.row_name(i)))
            .take(3)
            .collect();
        what.push(format!(
            "leaves out {} ({})",
            compress_rows(&missing, col).join(", "),
            names.join(", ")
        ));
    }
    if !extra.is_empty() {
        let kinds: Vec<String> = extra
            .iter()
            .filter_map(|r| table.row_index(*r).map(|i| table.row_name(i)))
            .take(3)
            .collect();
        let inside_of_which = extra.iter().any(|r| {
            table.row_index(*r).is_some_and(|i| {
                matches!(
                    table.rows[i].kind,
                    RowKind::OfWhich { .. } | RowKind::Total(_)
                )
            })
        });
        let whose = if inside_of_which {
            "rows already counted elsewhere"
        } else {
            "rows outside its block"
        };
        what.push(format!(
            "also adds {whose}: {} ({})",
            compress_rows(&extra, col).join(", "),
            kinds.join(", ")
        ));
    }
    let severity = if o.holds(Cmp::Equal) {
        Severity::Warning
    } else {
        Severity::Error
    };
    let mut f = base(table, rel, &o, "formula-range", severity);
    f.message = format!(
        "{label} ({cell}) is ={formula}, which {}; the rows it totals are {}",
        what.join(" and "),
        f.inputs.join(", ")
    );
    f.help = Some(format!(
        "make the formula cover exactly the rows of its block: {}",
        suggested_sum(&f.inputs)
    ));
    out.push(f);
}

fn suggested_sum(inputs: &[String]) -> String {
    format!("=SUM({})", inputs.join(","))
}

fn hardcoded(table: &Table, rel: &Relation, o: Outcome, out: &mut Vec<Finding>) {
    // Neighbours: the other numeric cells of the same total row.
    let neighbours: Vec<usize> = table
        .numeric_columns()
        .filter(|&k| k != rel.total.col() && table.formulas.contains_key(&(rel.total.row(), k)))
        .collect();
    if neighbours.is_empty() {
        return;
    }
    let cells: Vec<String> = neighbours
        .iter()
        .map(|&k| table.a1(rel.total.row(), k))
        .collect();
    let mut f = base(table, rel, &o, "formula-hardcoded", Severity::Warning);
    f.message = format!(
        "{} of {} ({}) is typed in as the number {}, while the totals beside it ({}) are formulas: it will not follow its rows when they change",
        table.row_name(rel.total.row()),
        table.columns[rel.total.col()].short_name(),
        table.a1(rel.total.row(), rel.total.col()),
        show(o.stated),
        cells.join(", ")
    );
    f.help = Some(format!(
        "replace it with a formula: {}",
        suggested_sum(&f.inputs)
    ));
    out.push(f);
}

fn stale(table: &Table, out: &mut Vec<Finding>) {
    let mut cells: Vec<(&(usize, usize), &String)> = table.formulas.iter().collect();
    cells.sort();
    for (&(i, k), formula) in cells {
        let Some(refs) = parse_sum(formula) else {
            continue;
        };
        let Amount::Value(cached, d) = table.amount(i, k) else {
            continue;
        };
        let mut sum = Decimal::ZERO;
        let mut decimals = Vec::new();
        let mut parts = Vec::new();
        let mut decided = true;
        for &(sign, (r, c)) in &refs {
            let (Some(ri), Some(ci)) = (table.row_index(r), table.column_index(c)) else {
                decided = false;
                break;
            };
            match table.amount(ri, ci) {
                Amount::Value(v, dv) => {
                    sum += if sign < 0 { -v } else { v };
                    decimals.push(dv);
                }
                Amount::Blank => {}
                Amount::Unreadable => {
                    decided = false;
                    break;
                }
            }
            parts.push(Term::new(ri, ci));
        }
        if !decided {
            continue;
        }
        let tolerance = crate::amount::rounding_tolerance(d, decimals);
        if (cached - sum).abs() <= tolerance {
            continue;
        }
        let rel = Relation {
            rule: Rule::Footing,
            total: Term::new(i, k),
            parts,
            cmp: Cmp::Equal,
        };
        let o = Outcome {
            stated: cached,
            computed: sum,
            tolerance,
        };
        let mut f = base(table, &rel, &o, "formula-stale", Severity::Error);
        f.message = format!(
            "{} shows {} but its formula ={formula} gives {} from the cells as saved: the workbook was saved without recalculating",
            a1(table.rows[i].row, table.columns[k].col),
            show(cached),
            show(sum)
        );
        f.help = Some("recalculate the workbook (F9 in Excel) and check the figures again".into());
        out.push(f);
    }
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
