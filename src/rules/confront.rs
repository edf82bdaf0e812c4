//! Stage two: a compiled rule confronted with the data. Each item — a
//! conjunct of the assertion, a row of a row-wise rule or a row check, a
//! group of a grouped comparison — gets a verdict: it passes, it fails with
//! evidence, or it is undecided, with the reason (no table matched, a blank
//! or unreadable cell, a row label not found…). An undecided item is never
//! a pass.

use std::collections::BTreeMap;

use super::compile::Shape;
use super::evidence::{self, row_cell, Evidence, RowFigures, Shown};
use super::expr::{CmpOp, ColRef, Expr, ExprKind, RowCheck};
use super::scalar::{cell_name, Env, RowAt, R};
use super::value::{align, holds, show, tolerance, Cells, Loc, Val, Why, Q};
use crate::message::{Arg, Message};
use crate::table::labels::normalize;
use crate::workbook::a1;

/// The verdict on one item of a rule.
#[derive(Debug, Clone)]
pub(super) enum Verdict {
    /// It holds.
    Pass,
    /// It does not hold: the evidence.
    Fail(Box<Evidence>),
    /// It cannot be decided: why.
    Undecided(Why),
}

impl From<Why> for Verdict {
    fn from(why: Why) -> Verdict {
        Verdict::Undecided(why)
    }
}

fn fail(ev: Evidence) -> Verdict {
    Verdict::Fail(Box::new(ev))
}

/// Every item's verdict; an error is a mistake in the rule seen against
/// the data.
pub(super) fn confront(env: &Env) -> R<Vec<Verdict>> {
    let plan = env.plan;
    if !plan.unbound.is_empty() {
        return Ok(plan
            .unbound
            .iter()
            .map(|n| Why::NotFound(format!("no table matched `{n}`")).into())
            .collect());
    }
    match &plan.shape {
        Shape::RowCheck(check, col) => row_check(env, *check, col),
        Shape::RowWise(name) => row_wise(env, name),
        Shape::Conjuncts(parts) => {
            let mut out = Vec::new();
            for part in parts {
                conjunct(env, part, &mut out)?;
            }
            Ok(out)
        }
    }
}

/// One conjunct: a comparison (of groups: an item per group), or another
/// condition.
fn conjunct(env: &Env, part: &Expr, out: &mut Vec<Verdict>) -> R<()> {
    let rule = env.rule();
    let ExprKind::Cmp(op, a, b) = &part.kind else {
        out.push(match env.eval(part, None)? {
            Val::Bool(true) => Verdict::Pass,
            Val::Bool(false) => fail(evidence::not_holding(rule, part, true)),
            Val::Null(why) => why.into(),
            _ => {
                return Err(rule.error(
                    &part.span,
                    Message::new("rf-assert-not-condition"),
                    Message::new("rf-label-a-value"),
                    None,
                ))
            }
        });
        return Ok(());
    };
    let (va, vb) = (env.eval(a, None)?, env.eval(b, None)?);
    match (va, vb) {
        (Val::Groups(ga), Val::Groups(gb)) => {
            out.extend(grouped(env, *op, (a, b), &ga, &gb));
            Ok(())
        }
        (Val::Groups(_), _) | (_, Val::Groups(_)) => {
            Err(env.type_error(part, Message::new("rf-grouped-sides")))
        }
        (va, vb) => {
            out.push(match env.compare(part, *op, &va, &vb)? {
                Ok(true) => Verdict::Pass,
                Err(why) => why.into(),
                Ok(false) => match (va, vb) {
                    (Val::Num(x), Val::Num(y)) => {
                        let (x, y) = align(rule, x, y);
                        let tol = tolerance(rule, &x, &y);
                        fail(evidence::compared(rule, a, b, x, y, tol))
                    }
                    _ => fail(evidence::not_holding(rule, part, false)),
                },
            });
            Ok(())
        }
    }
}

/// A grouped comparison: each key on either side is an item, matched by a
/// polars full join; a key on one side only fails.
fn grouped(
    env: &Env,
    op: CmpOp,
    sides: (&Expr, &Expr),
    ga: &[(String, Result<Q, Why>)],
    gb: &[(String, Result<Q, Why>)],
) -> Vec<Verdict> {
    let rule = env.rule();
    let keys_a: Vec<&str> = ga.iter().map(|(k, _)| k.as_str()).collect();
    let keys_b: Vec<&str> = gb.iter().map(|(k, _)| k.as_str()).collect();
    let Ok(joined) = super::frames::full_join(&keys_a, &keys_b) else {
        return vec![Why::Uncomputable("the groups could not be matched".into()).into()];
    };
    let (a, b) = sides;
    // A key's figure on one side: none when the key is not there.
    let side =
        |groups: &[(String, Result<Q, Why>)], i: Option<usize>| i.map(|i| groups[i].1.clone());
    joined
        .into_iter()
        .map(|(key, ia, ib)| match (side(ga, ia), side(gb, ib)) {
            (Some(Err(why)), _) | (_, Some(Err(why))) => why.into(),
            (Some(Ok(qa)), Some(Ok(qb))) => {
                let (qa, qb) = align(rule, qa, qb);
                let tol = tolerance(rule, &qa, &qb);
                if qa.dim == qb.dim && holds(op, qa.v, qb.v, tol) {
                    Verdict::Pass
                } else {
                    fail(evidence::group_differs(rule, &key, sides, qa, qb, tol))
                }
            }
            (Some(Ok(q)), None) => fail(evidence::group_missing(rule, &key, a, b, q, false)),
            (None, Some(Ok(q))) => fail(evidence::group_missing(rule, &key, b, a, q, true)),
            (None, None) => Why::NotFound(format!("no group {key}")).into(),
        })
        .collect()
}

/// A row-wise rule: each row of the table but totals is an item.
fn row_wise(env: &Env, name: &str) -> R<Vec<Verdict>> {
    let rule = env.rule();
    let mut cols: Vec<&ColRef> = Vec::new();
    rule.expr.walk(&mut |e| {
        if let ExprKind::Column { col, by: None } = &e.kind {
            cols.push(col);
        }
    });
    // Rows polars finds the rule holds for pass; the others are decided
    // one by one.
    let mut holding = std::collections::HashMap::new();
    let mut out = Vec::new();
    for row in env.rows_of(name) {
        let holds = holding
            .entry(row.at)
            .or_insert_with(|| env.frames.holding(env, name, row.at, &rule.expr));
        if holds.as_ref().is_some_and(|h| h[row.i]) {
            out.push(Verdict::Pass);
            continue;
        }
        out.push(match env.truth(&rule.expr, Some(row))? {
            Ok(true) => Verdict::Pass,
            Ok(false) => fail(row_failure(env, row, &cols)?),
            Err(why) => why.into(),
        });
    }
    Ok(out)
}

/// A row that fails: the first column the rule names, with the row's
/// values.
fn row_failure(env: &Env, row: RowAt, cols: &[&ColRef]) -> R<Evidence> {
    let rule = env.rule();
    let t = env.bound.table(row.at);
    let mut ks = Vec::new();
    let mut shown = Vec::new();
    for c in cols {
        let Some(k) = env.plan.column(c, row.at) else {
            return Err(super::compile::unknown_column(rule, env.bound, c, row.at));
        };
        ks.push(k);
        shown.push(match shown_value(env, row, k) {
            Some(v) => Message::new("rule-cell-value")
                .text("column", c.column.as_str())
                .text("value", v),
            None => Message::new("rule-cell-blank").text("column", c.column.as_str()),
        });
    }
    // Cells the rule looks up (`基本支出表["合计"].公用经费`), with their
    // values: the other side of the comparison, named like the row's.
    let mut lookups: Vec<&Expr> = Vec::new();
    rule.expr.walk(&mut |e| {
        if matches!(e.kind, ExprKind::Lookup { .. } | ExprKind::Cell { .. }) {
            lookups.push(e);
        }
    });
    let mut looked_up = super::value::Cells::default();
    for e in lookups {
        if let Val::Num(q) = env.eval(e, Some(row))? {
            shown.push(
                Message::new("rule-cell-value")
                    .text("column", evidence::src(rule, e))
                    .text("value", show(rule, &q).0),
            );
            looked_up.extend(&q.cells);
        }
    }
    shown.dedup();
    let k = ks.first().copied().unwrap_or(0);
    let sheet_row = t.rows[row.i].row;
    let message = Message::new("rule-row-fails")
        .text("id", rule.id.as_str())
        .text("expr", evidence::src(rule, &rule.expr))
        .text("label", t.row_name(row.i))
        .count("row", sheet_row + 1)
        .arg("values", Arg::Messages(shown));
    let mut ev = Evidence::new(message, Some(row_cell(env.bound, row.at, row.i, k)), None);
    ev.label = Some(t.row_name(row.i));
    let value = match env.cell(row.at, row.i, k) {
        Val::Num(q) => Some(Shown::Figure(q)),
        Val::Text(s) => Some(Shown::Text(s)),
        _ => None,
    };
    let home = super::value::Loc {
        file: row.at.0,
        sheet: env.bound.sheet(row.at).clone(),
        row: sheet_row,
        col: t.columns[k].col,
    };
    let mut inputs: Vec<String> = ks
        .iter()
        .filter(|&&kk| kk != k)
        .map(|&kk| a1(sheet_row, t.columns[kk].col))
        .collect();
    inputs.extend(evidence::ranges(env.bound, &looked_up, Some(&home)));
    inputs.dedup();
    ev.row = Some(RowFigures {
        value,
        inputs: Some(inputs),
    });
    Ok(ev)
}

/// A cell's value as shown: its text, or its figure in the rule's unit.
fn shown_value(env: &Env, row: RowAt, k: usize) -> Option<String> {
    match env.cell(row.at, row.i, k) {
        Val::Num(q) => Some(show(env.rule(), &q).0),
        Val::Text(s) => Some(s),
        _ => None,
    }
}

/// `unique(…)` and `required(…)`: each top-level row is an item.
fn row_check(env: &Env, check: RowCheck, col: &ColRef) -> R<Vec<Verdict>> {
    let rule = env.rule();
    let name = env.bound.table_name(rule, col);
    let mut seen: BTreeMap<String, Loc> = BTreeMap::new();
    let mut out = Vec::new();
    for row in env.items_of(name) {
        let Some(k) = env.plan.column(col, row.at) else {
            return Err(super::compile::unknown_column(rule, env.bound, col, row.at));
        };
        let t = env.bound.table(row.at);
        let cell = row_cell(env.bound, row.at, row.i, k);
        let Some(loc) = cell.cells.first() else {
            continue;
        };
        // "rule ID: 列[ value] of 行 (row n) …".
        let about = |message: Message| {
            let message = message
                .text("id", rule.id.as_str())
                .text("column", col.column.as_str())
                .text("label", t.row_name(row.i))
                .count("row", loc.row + 1);
            let mut ev = Evidence::new(message, Some(cell.clone()), None);
            ev.label = Some(t.row_name(row.i));
            ev
        };
        out.push(match (check, shown_value(env, row, k)) {
            (RowCheck::Required, Some(_)) => Verdict::Pass,
            (RowCheck::Required, None) => {
                let mut ev = about(Message::new("rule-required-blank"));
                ev.row = Some(RowFigures {
                    value: None,
                    inputs: None,
                });
                fail(ev)
            }
            (RowCheck::Unique, None) => Why::Blank(cell_name(env.bound, row.at, row.i, k)).into(),
            (RowCheck::Unique, Some(v)) => match seen.get(&normalize(&v)) {
                None => {
                    seen.insert(normalize(&v), loc);
                    Verdict::Pass
                }
                Some(first) => {
                    let inputs =
                        evidence::ranges(env.bound, &Cells::one(first.clone()), Some(&loc));
                    let repeats = Message::new("rule-repeats")
                        .text("value", v.as_str())
                        .count("first", first.row + 1);
                    let mut ev = about(repeats);
                    ev.row = Some(RowFigures {
                        value: Some(Shown::Text(v)),
                        inputs: Some(inputs),
                    });
                    fail(ev)
                }
            },
        });
    }
    Ok(out)
}
