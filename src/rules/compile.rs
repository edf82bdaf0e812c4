//! Stage one: a rule compiled against the tables of a run. Its tables are
//! bound and its column names resolved once, and what can be type-checked
//! without reading a figure is checked once, with the rule file's spans.

use crate::message::Message;
use std::collections::HashMap;

use super::bind::{tables_of, Bound, TableAt};
use super::expr::{Agg, ColRef, Expr, ExprKind, RowCheck};
use super::{did_you_mean, Rule, RuleError};

/// What a rule's items are.
pub(super) enum Shape<'r> {
    /// `unique(…)` / `required(…)`: each top-level row of the column.
    RowCheck(RowCheck, &'r ColRef),
    /// Bare columns outside aggregates: each row of this table.
    RowWise(String),
    /// The conjuncts of a top-level `and`, each an item (a grouped
    /// comparison: each group).
    Conjuncts(Vec<&'r Expr>),
}

/// A rule bound to the run's tables.
pub(super) struct Compiled<'r> {
    /// The rule.
    pub rule: &'r Rule,
    /// What its items are.
    pub shape: Shape<'r>,
    /// The file its findings belong to when they name no cell.
    pub home: usize,
    /// Declared tables the rule uses that matched no table.
    pub unbound: Vec<String>,
    /// Each column reference's column in each table it is read from, by
    /// the reference's position in the expression.
    columns: HashMap<usize, Vec<(TableAt, usize)>>,
}

impl Compiled<'_> {
    /// The column `c` means in table `at`.
    pub fn column(&self, c: &ColRef, at: TableAt) -> Option<usize> {
        self.columns
            .get(&c.column_span.start)?
            .iter()
            .find(|(t, _)| *t == at)
            .map(|&(_, k)| k)
    }
}

/// Binds `rule` to the tables of the run and type-checks it.
pub(super) fn compile<'r>(rule: &'r Rule, bound: &Bound) -> Result<Compiled<'r>, RuleError> {
    let names = tables_of(rule);
    let unbound: Vec<String> = names
        .iter()
        .filter(|n| bound.matches(n).is_empty())
        .cloned()
        .collect();
    let home = names
        .first()
        .and_then(|n| bound.matches(n).first())
        .map_or(0, |m| m.0);
    let mut plan = Compiled {
        rule,
        shape: shape(rule, bound),
        home,
        unbound,
        columns: HashMap::new(),
    };
    if !plan.unbound.is_empty() {
        return Ok(plan);
    }
    let mut first_error = None;
    rule.expr.walk(&mut |e| {
        if first_error.is_none() {
            first_error = check_node(&mut plan.columns, rule, bound, e).err();
        }
    });
    if let Some(e) = first_error {
        return Err(e);
    }
    check_row_tables(&plan, bound)?;
    Ok(plan)
}

fn shape<'r>(rule: &'r Rule, bound: &Bound) -> Shape<'r> {
    if let ExprKind::RowCheck { check, col } = &rule.expr.kind {
        return Shape::RowCheck(*check, col);
    }
    if let Some(c) = bare_columns(&rule.expr).first() {
        return Shape::RowWise(bound.table_name(rule, c).to_string());
    }
    let mut parts = Vec::new();
    conjuncts(&rule.expr, &mut parts);
    Shape::Conjuncts(parts)
}

fn conjuncts<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
    match &e.kind {
        ExprKind::And(a, b) => {
            conjuncts(a, out);
            conjuncts(b, out);
        }
        _ => out.push(e),
    }
}

/// Bare columns outside aggregates, in order: they make a rule row-wise.
fn bare_columns(e: &Expr) -> Vec<&ColRef> {
    let mut out = Vec::new();
    visit_row_level(e, &mut |c| out.push(c));
    out
}

/// Visits the bare columns of `e` that are read row by row (not those
/// inside an aggregate or a grouped column).
fn visit_row_level<'e>(e: &'e Expr, f: &mut impl FnMut(&'e ColRef)) {
    match &e.kind {
        ExprKind::Column { col, by: None } => f(col),
        ExprKind::Neg(a) | ExprKind::Not(a) => visit_row_level(a, f),
        ExprKind::Arith(_, a, b)
        | ExprKind::Cmp(_, a, b)
        | ExprKind::And(a, b)
        | ExprKind::Or(a, b) => {
            visit_row_level(a, f);
            visit_row_level(b, f);
        }
        ExprKind::Between(a, b, c) => {
            visit_row_level(a, f);
            visit_row_level(b, f);
            visit_row_level(c, f);
        }
        ExprKind::If(a, b, c) => {
            visit_row_level(a, f);
            visit_row_level(b, f);
            if let Some(c) = c {
                visit_row_level(c, f);
            }
        }
        _ => {}
    }
}

/// Resolves the columns a node names and checks what it does with them.
fn check_node(
    columns: &mut HashMap<usize, Vec<(TableAt, usize)>>,
    rule: &Rule,
    bound: &Bound,
    e: &Expr,
) -> Result<(), RuleError> {
    let mut bind = |c: &ColRef| -> Result<(), RuleError> {
        let found = bind_column(rule, bound, c)?;
        columns.insert(c.column_span.start, found);
        Ok(())
    };
    match &e.kind {
        ExprKind::Column { col, by } => {
            bind(col)?;
            by.iter().try_for_each(&mut bind)
        }
        ExprKind::RowCheck { col, .. } if std::ptr::eq(e, &rule.expr) => bind(col),
        ExprKind::RowCheck { .. } => Err(rule.error(
            &e.span,
            Message::new("rf-row-check-alone"),
            super::here(),
            None,
        )),
        ExprKind::Aggregate {
            agg,
            col,
            by,
            filter,
        } => {
            bind(col)?;
            by.iter().try_for_each(&mut bind)?;
            check_aggregate(rule, bound, e, *agg, col, by.is_some())?;
            filter.as_deref().map_or(Ok(()), |f| {
                one_table(rule, bound, f, bound.table_name(rule, col))
            })
        }
        _ => Ok(()),
    }
}

/// The column `c` names in each table its table name matches; an error
/// names the first table (with rows) that lacks it.
fn bind_column(rule: &Rule, bound: &Bound, c: &ColRef) -> Result<Vec<(TableAt, usize)>, RuleError> {
    let name = bound.table_name(rule, c);
    let mut found = Vec::new();
    for &at in bound.matches(name) {
        let t = bound.table(at);
        match super::bind::find_column(t, &c.column) {
            Some(k) => found.push((at, k)),
            None if t.rows.is_empty() => {}
            None => return Err(unknown_column(rule, bound, c, at)),
        }
    }
    Ok(found)
}

/// The error for a column a table does not have, with its headers.
pub(super) fn unknown_column(rule: &Rule, bound: &Bound, c: &ColRef, at: TableAt) -> RuleError {
    let t = bound.table(at);
    let headers: Vec<String> = t.columns.iter().map(|c| c.short_name()).collect();
    let help = match did_you_mean(&c.column, headers.iter().map(String::as_str)) {
        Some(n) => Message::new("rf-help-column-near")
            .text("near", n.to_string())
            .cells("headers", headers.clone()),
        None => Message::new("rf-help-headers").cells("headers", headers.clone()),
    };
    rule.error(
        &c.column_span,
        Message::new("rf-unknown-column")
            .text("column", c.column.clone())
            .text("table", bound.table_name(rule, c).to_string())
            .text("file", bound.files[at.0].path.display().to_string())
            .text("sheet", t.sheet.clone()),
        Message::new("rf-label-no-such-column"),
        Some(help),
    )
}

/// Sums, means, minima and maxima need amounts; only sums are grouped.
fn check_aggregate(
    rule: &Rule,
    bound: &Bound,
    e: &Expr,
    agg: Agg,
    col: &ColRef,
    grouped: bool,
) -> Result<(), RuleError> {
    let counts = matches!(agg, Agg::Count | Agg::CountDistinct);
    let text = bound
        .matches(bound.table_name(rule, col))
        .iter()
        .any(|&at| {
            let t = bound.table(at);
            super::bind::find_column(t, &col.column).is_some_and(|k| !t.columns[k].is_numeric())
        });
    if !counts && text {
        return Err(rule.error(
            &col.column_span,
            Message::new("rf-text-column-summed").text("column", col.column.clone()),
            Message::new("rf-label-text-column"),
            Some(Message::new("rf-help-count-it").text("column", col.column.clone())),
        ));
    }
    if grouped && agg != Agg::Sum {
        return Err(rule.error(
            &e.span,
            Message::new("rf-only-sum-grouped"),
            super::here(),
            None,
        ));
    }
    Ok(())
}

/// A row-wise rule, and a `where` filter, read the columns of one table.
fn check_row_tables(plan: &Compiled, bound: &Bound) -> Result<(), RuleError> {
    match &plan.shape {
        Shape::RowWise(name) => one_table(plan.rule, bound, &plan.rule.expr, name),
        _ => Ok(()),
    }
}

fn one_table(rule: &Rule, bound: &Bound, e: &Expr, name: &str) -> Result<(), RuleError> {
    let mut error = None;
    visit_row_level(e, &mut |c| {
        if error.is_none() && bound.table_name(rule, c) != name {
            error = Some(c);
        }
    });
    let Some(c) = error else { return Ok(()) };
    let mut span = c.column_span.clone();
    if let Some((_, t)) = &c.table {
        span.start = t.start;
    }
    Err(rule.error(
        &span,
        Message::new("rf-row-wise-one-table"),
        Message::new("rf-label-another-table"),
        None,
    ))
}
