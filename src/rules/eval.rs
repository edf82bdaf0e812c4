//! Evaluating rules against the tables of every file in a run.
//!
//! Amounts are exact decimals: money in 元 (converted exactly from 万元 and
//! 亿元), percentages in percentage points, counts plain. Every value carries
//! its rounding tolerance (½ of the last shown decimal of each figure it is
//! made of), so `==` allows exactly what rounding explains unless the rule
//! sets its own tolerance. Every value also carries the cells it came from,
//! so a failure names them. Grouped comparisons run as polars group-by and
//! full joins.

use std::collections::BTreeMap;
use std::path::PathBuf;

use polars::prelude::*;
use rust_decimal::Decimal;

use super::expr::{Agg, ArithOp, CmpOp, ColRef, Expr, ExprKind, RowCheck};
use super::{did_you_mean, glob_match, Quantity, Rule, RuleError, RuleSet, TableSpec};
use crate::amount::half_unit as half;
use crate::amount::{group_thousands, Unit};
use crate::finding::{Evidence, FigureUnit, Finding, Location, Message, RuleId};
use crate::table::{Amount, ColumnRole, RowKind, Table};
use crate::workbook::{a1, Sheet};

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
    /// Rules decided, by file index of their first table.
    pub checks: Vec<(usize, usize)>,
    /// Rules whose tables were not found, by id.
    pub not_applicable: Vec<String>,
}

/// A cell a value came from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Loc {
    /// Index of the file.
    pub file: usize,
    /// The sheet.
    pub sheet: String,
    /// Zero-based row.
    pub row: usize,
    /// Zero-based column.
    pub col: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dim {
    /// Money, in 元.
    Money,
    /// A percentage, in percentage points.
    Percent,
    /// A count or a plain number.
    Plain,
}

#[derive(Debug, Clone)]
struct Q {
    v: Decimal,
    dim: Dim,
    tol: Decimal,
    /// The unit the figure was shown in (for messages).
    shown: Option<Unit>,
    cells: Vec<Loc>,
}

#[derive(Debug, Clone)]
enum Val {
    Num(Q),
    Text(String, Vec<Loc>),
    Bool(bool),
    Groups(Vec<(String, Q)>),
    Null,
}

/// The tables a binding matches: (file, table) indices.
type Matched = Vec<(usize, usize)>;

struct Ctx<'a> {
    files: &'a [Loaded],
    bound: BTreeMap<String, Matched>,
    rule: &'a Rule,
    row: Option<(String, usize, usize, usize)>,
}

#[derive(Debug)]
enum Fail {
    /// The rule does not apply or cannot be decided (no data).
    Undecided,
    /// A mistake in the rule, seen against the data.
    Rule(RuleError),
}

type R<T> = Result<T, Fail>;

fn spec_matches(spec: &TableSpec, file: &Loaded, table: &Table) -> bool {
    if let Some(g) = &spec.file {
        let name = file
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let full = file.path.to_string_lossy().replace('\\', "/");
        let ok = if g.contains('/') {
            glob_match(&format!("*{g}"), &full, false)
        } else {
            glob_match(g, &name, false)
        };
        if !ok {
            return false;
        }
    }
    if let Some(s) = &spec.sheet {
        if !glob_match(s, &table.sheet, false) {
            return false;
        }
    }
    if let Some(t) = &spec.title {
        if !table
            .title
            .as_deref()
            .is_some_and(|title| glob_match(t, title, true))
        {
            return false;
        }
    }
    spec.headers.iter().all(|h| {
        let n = crate::table::labels::normalize(h);
        table.columns.iter().any(|c| {
            c.path
                .iter()
                .any(|p| crate::table::labels::normalize(p) == n)
        })
    })
}

/// The column of `table` a rule's column name means: its lowest header or
/// whole header, normalised (width, spaces, a unit suffix).
pub fn find_column(table: &Table, name: &str) -> Option<usize> {
    let n = crate::table::labels::normalize(name);
    let norm = |s: &str| crate::table::labels::normalize(s);
    table
        .columns
        .iter()
        .position(|c| norm(&c.short_name()) == n || norm(&c.name()) == n)
        .or_else(|| {
            let hits: Vec<usize> = (0..table.columns.len())
                .filter(|&k| table.columns[k].path.iter().any(|p| norm(p) == n))
                .collect();
            if hits.len() == 1 {
                return Some(hits[0]);
            }
            // A group header (公务用车购置及运行费 over 小计/购置费/运行费)
            // means the group's own total column.
            let totals: Vec<usize> = hits
                .into_iter()
                .filter(|&k| {
                    table.columns[k]
                        .path
                        .last()
                        .is_some_and(|p| crate::table::labels::is_total_header(p))
                })
                .collect();
            (totals.len() == 1).then(|| totals[0])
        })
}

/// Evaluates every rule against the files.
pub fn evaluate(rules: &RuleSet, files: &[Loaded]) -> Outcome {
    let mut out = Outcome::default();
    let mut bound: BTreeMap<String, Matched> = BTreeMap::new();
    for (name, spec) in &rules.tables {
        let mut m = Vec::new();
        for (fi, f) in files.iter().enumerate() {
            for (ti, t) in f.tables.iter().enumerate() {
                if spec_matches(spec, f, t) {
                    m.push((fi, ti));
                }
            }
        }
        bound.insert(name.clone(), m);
    }
    for rule in &rules.rules {
        let ctx = Ctx {
            files,
            bound: bound.clone(),
            rule,
            row: None,
        };
        match run_rule(&ctx) {
            Ok((file, findings)) => {
                out.checks.push((file, 1));
                out.findings
                    .extend(findings.into_iter().map(|f| (f.0, f.1)));
            }
            Err(Fail::Undecided) => out.not_applicable.push(rule.id.clone()),
            Err(Fail::Rule(e)) => out.errors.push(e),
        }
    }
    out
}

/// Names of tables a rule refers to (explicitly or as its default table).
fn tables_of(rule: &Rule) -> Vec<String> {
    let mut names = Vec::new();
    rule.expr.walk(&mut |e| {
        let mut add = |c: &ColRef| {
            if let Some((t, _)) = &c.table {
                names.push(t.clone());
            } else if let Some(t) = &rule.table {
                names.push(t.clone());
            }
        };
        match &e.kind {
            ExprKind::Column { col, by } | ExprKind::Aggregate { col, by, .. } => {
                add(col);
                if let Some(b) = by {
                    add(b);
                }
            }
            ExprKind::RowCheck { col, .. } => add(col),
            ExprKind::Lookup { table, .. } => names.push(table.0.clone()),
            _ => {}
        }
    });
    names.sort();
    names.dedup();
    names
}

fn table_name<'a>(ctx: &'a Ctx, c: &'a ColRef) -> &'a str {
    c.table
        .as_ref()
        .map(|(t, _)| t.as_str())
        .or(ctx.rule.table.as_deref())
        .unwrap_or_else(|| ctx.bound.keys().next().map(String::as_str).unwrap_or(""))
}

fn run_rule(ctx: &Ctx) -> R<(usize, Vec<(usize, Finding)>)> {
    let names = tables_of(ctx.rule);
    for n in &names {
        if ctx.bound.get(n).is_none_or(Vec::is_empty) {
            return Err(Fail::Undecided);
        }
    }
    let home = names
        .first()
        .and_then(|n| ctx.bound.get(n))
        .and_then(|m| m.first())
        .map_or(0, |m| m.0);
    // Row checks: unique / required over a whole column.
    if let ExprKind::RowCheck { check, col } = &ctx.rule.expr.kind {
        return Ok((home, row_check(ctx, *check, col)?));
    }
    // Row-wise rules: bare columns outside aggregates.
    if let Some(t) = rowwise_table(ctx) {
        return Ok((home, rowwise(ctx, &t)?));
    }
    // Each conjunct of a top-level `and` is reported on its own, so that
    // a failure names its cells.
    fn conjuncts<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
        match &e.kind {
            ExprKind::And(a, b) => {
                conjuncts(a, out);
                conjuncts(b, out);
            }
            _ => out.push(e),
        }
    }
    let mut parts = Vec::new();
    conjuncts(&ctx.rule.expr, &mut parts);
    let mut findings = Vec::new();
    for part in parts {
        match &part.kind {
            ExprKind::Cmp(op, a, b) => {
                let (va, vb) = (eval(ctx, a)?, eval(ctx, b)?);
                findings.extend(compare_top(ctx, part, *op, a, b, va, vb)?);
            }
            _ => match eval(ctx, part)? {
                Val::Bool(true) | Val::Null => {}
                Val::Bool(false) => findings.push(scalar_finding(
                    ctx,
                    None,
                    None,
                    None,
                    format!("rule {}: `{}` does not hold", ctx.rule.id, src(ctx, part)),
                )),
                _ => {
                    return Err(Fail::Rule(ctx.rule.error(
                        &part.span,
                        "an assertion must be a condition, not a value",
                        "a value",
                        None,
                    )))
                }
            },
        }
    }
    Ok((home, findings))
}

fn src<'a>(ctx: &'a Ctx, e: &Expr) -> &'a str {
    ctx.rule
        .source
        .text
        .get(ctx.rule.file_span(&e.span))
        .unwrap_or("")
}

/// The table whose rows a row-wise rule runs over, if the rule has bare
/// columns outside aggregates.
fn rowwise_table(ctx: &Ctx) -> Option<String> {
    fn find(ctx: &Ctx, e: &Expr, out: &mut Option<String>) {
        match &e.kind {
            ExprKind::Column { col, by: None } => {
                out.get_or_insert_with(|| table_name(ctx, col).to_string());
            }
            ExprKind::Aggregate { .. } | ExprKind::RowCheck { .. } | ExprKind::Column { .. } => {}
            ExprKind::Neg(a) | ExprKind::Not(a) => find(ctx, a, out),
            ExprKind::Arith(_, a, b)
            | ExprKind::Cmp(_, a, b)
            | ExprKind::And(a, b)
            | ExprKind::Or(a, b) => {
                find(ctx, a, out);
                find(ctx, b, out);
            }
            ExprKind::Between(a, b, c) => {
                find(ctx, a, out);
                find(ctx, b, out);
                find(ctx, c, out);
            }
            ExprKind::If(a, b, c) => {
                find(ctx, a, out);
                find(ctx, b, out);
                if let Some(c) = c {
                    find(ctx, c, out);
                }
            }
            _ => {}
        }
    }
    let mut out = None;
    find(ctx, &ctx.rule.expr, &mut out);
    out
}

fn column_of(ctx: &Ctx, file: usize, table: usize, c: &ColRef) -> R<usize> {
    let t = &ctx.files[file].tables[table];
    find_column(t, &c.column).ok_or_else(|| {
        let headers: Vec<String> = t.columns.iter().map(|c| c.short_name()).collect();
        let near = did_you_mean(&c.column, headers.iter().map(String::as_str));
        let help = match near {
            Some(n) => format!(
                "did you mean {n}? the table's headers: {}",
                headers.join(", ")
            ),
            None => format!("the table's headers: {}", headers.join(", ")),
        };
        Fail::Rule(ctx.rule.error(
            &c.column_span,
            format!(
                "unknown column `{}` in table `{}` ({} › {})",
                c.column,
                table_name(ctx, c),
                ctx.files[file].path.display(),
                t.sheet
            ),
            "no such column",
            Some(help),
        ))
    })
}

fn loc(ctx: &Ctx, file: usize, table: usize, i: usize, k: usize) -> Loc {
    let t = &ctx.files[file].tables[table];
    Loc {
        file,
        sheet: t.sheet.clone(),
        row: t.rows[i].row,
        col: t.columns[k].col,
    }
}

/// A cell's value.
fn cell_val(ctx: &Ctx, file: usize, table: usize, i: usize, k: usize) -> Val {
    let t = &ctx.files[file].tables[table];
    let l = loc(ctx, file, table, i, k);
    if !t.columns[k].is_numeric() {
        let file = &ctx.files[file];
        let text = file
            .sheets
            .iter()
            .find(|s| s.name == t.sheet)
            .and_then(|sheet| t.text(sheet, i, k));
        return match text {
            Some(s) if !s.is_empty() => Val::Text(s, vec![l]),
            _ => Val::Null,
        };
    }
    match t.amount(i, k) {
        Amount::Value(v, d) => {
            let unit = t.unit_of(k);
            let (v, tol, dim) = match unit {
                Some(u) => (v * u.factor(), half(d) * u.factor(), Dim::Money),
                None => (
                    v,
                    if t.columns[k].exact {
                        Decimal::ZERO
                    } else {
                        half(d)
                    },
                    Dim::Plain,
                ),
            };
            Val::Num(Q {
                v,
                dim,
                tol,
                shown: unit,
                cells: vec![l],
            })
        }
        _ => Val::Null,
    }
}

fn rows_of(ctx: &Ctx, name: &str) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for &(f, t) in ctx.bound.get(name).map(Vec::as_slice).unwrap_or(&[]) {
        let table = &ctx.files[f].tables[t];
        for (i, r) in table.rows.iter().enumerate() {
            // Top-level items only: a parent already stands for its children.
            let _ = i;
            if r.kind == RowKind::Item && r.parent.is_none() {
                out.push((f, t, i));
            }
        }
    }
    out
}

fn eval(ctx: &Ctx, e: &Expr) -> R<Val> {
    Ok(match &e.kind {
        ExprKind::Number {
            value,
            decimals,
            unit,
            percent,
        } => {
            let tol = half(*decimals);
            if *percent {
                Val::Num(Q {
                    v: *value,
                    dim: Dim::Percent,
                    tol,
                    shown: None,
                    cells: vec![],
                })
            } else if let Some(u) = unit.or(ctx.rule.unit).filter(|_| unit.is_some()) {
                Val::Num(Q {
                    v: *value * u.factor(),
                    dim: Dim::Money,
                    tol: tol * u.factor(),
                    shown: Some(u),
                    cells: vec![],
                })
            } else {
                Val::Num(Q {
                    v: *value,
                    dim: Dim::Plain,
                    tol: if *decimals == 0 { Decimal::ZERO } else { tol },
                    shown: None,
                    cells: vec![],
                })
            }
        }
        ExprKind::Text(s) => Val::Text(s.clone(), vec![]),
        ExprKind::TextFigure(phrase) => {
            for (fi, file) in ctx.files.iter().enumerate() {
                for doc in &file.docs {
                    let Some(fig) = crate::text::claims::figure_after(doc, phrase) else {
                        continue;
                    };
                    let (line, column) = crate::text::claims::position(doc, &fig);
                    // A text location: no sheet; row and col are line and column.
                    let l = Loc {
                        file: fi,
                        sheet: String::new(),
                        row: line,
                        col: column,
                    };
                    let tol = half(fig.decimals);
                    use crate::text::claims::Kind as K;
                    return Ok(Val::Num(match fig.kind {
                        K::Money(u) => Q {
                            v: fig.value * u.factor(),
                            dim: Dim::Money,
                            tol: tol * u.factor(),
                            shown: Some(u),
                            cells: vec![l],
                        },
                        K::Percent => Q {
                            v: fig.value,
                            dim: Dim::Percent,
                            tol,
                            shown: None,
                            cells: vec![l],
                        },
                        _ => Q {
                            v: fig.value,
                            dim: Dim::Plain,
                            tol: if fig.decimals == 0 {
                                Decimal::ZERO
                            } else {
                                tol
                            },
                            shown: None,
                            cells: vec![l],
                        },
                    }));
                }
            }
            return Err(Fail::Undecided);
        }
        ExprKind::Column { col, by: None } => {
            let Some((name, f, t, i)) = ctx.row.clone() else {
                return Err(Fail::Rule(ctx.rule.error(
                    &e.span,
                    "a column needs an aggregate here",
                    "a whole column",
                    Some(format!(
                        "use sum({0}), count({0}), … or compare it row by row",
                        col.column
                    )),
                )));
            };
            if table_name(ctx, col) != name {
                return Err(Fail::Rule(ctx.rule.error(
                    &e.span,
                    "a row-wise rule can use the columns of one table only",
                    "another table",
                    None,
                )));
            }
            let k = column_of(ctx, f, t, col)?;
            cell_val(ctx, f, t, i, k)
        }
        ExprKind::Column { col, by: Some(by) } => grouped_column(ctx, col, by)?,
        ExprKind::Lookup {
            table,
            label,
            column,
            column_span,
        } => {
            let want = crate::table::labels::normalize(label);
            let matched = ctx.bound.get(&table.0).cloned().unwrap_or_default();
            for (f, t) in matched {
                let tab = &ctx.files[f].tables[t];
                if let Some(i) = tab.rows.iter().position(|r| {
                    let l = crate::table::labels::normalize(&r.label);
                    l == want
                        || crate::table::labels::strip_outline(&l) == want
                        || r.code.as_deref() == Some(label.as_str())
                }) {
                    let k = column_of(
                        ctx,
                        f,
                        t,
                        &ColRef {
                            table: Some(table.clone()),
                            column: column.clone(),
                            column_span: column_span.clone(),
                        },
                    )?;
                    return Ok(cell_val(ctx, f, t, i, k));
                }
            }
            return Err(Fail::Undecided);
        }
        ExprKind::Cell { sheet, at } => {
            for (f, file) in ctx.files.iter().enumerate() {
                for (ti, tab) in file.tables.iter().enumerate() {
                    if tab.sheet != *sheet {
                        continue;
                    }
                    if let (Some(i), Some(k)) = (tab.row_index(at.0), tab.column_index(at.1)) {
                        return Ok(cell_val(ctx, f, ti, i, k));
                    }
                }
                if let Some(s) = file.sheets.iter().find(|s| s.name == *sheet) {
                    let cell = s.cell(at.0, at.1);
                    let l = Loc {
                        file: f,
                        sheet: sheet.clone(),
                        row: at.0,
                        col: at.1,
                    };
                    return Ok(match (cell.number, cell.text()) {
                        (Some(n), _) => Val::Num(Q {
                            v: n.value,
                            dim: Dim::Plain,
                            tol: half(cell.shown_decimals().unwrap_or(0)),
                            shown: None,
                            cells: vec![l],
                        }),
                        (None, Some(t)) => Val::Text(t.to_string(), vec![l]),
                        _ => Val::Null,
                    });
                }
            }
            return Err(Fail::Undecided);
        }
        ExprKind::Aggregate {
            agg,
            col,
            filter,
            by,
        } => aggregate(ctx, *agg, col, filter.as_deref(), by.as_ref(), e)?,
        ExprKind::RowCheck { .. } => {
            return Err(Fail::Rule(ctx.rule.error(
                &e.span,
                "unique() and required() stand alone as a rule's assertion",
                "here",
                None,
            )))
        }
        ExprKind::Neg(a) => match eval(ctx, a)? {
            Val::Num(mut q) => {
                q.v = -q.v;
                Val::Num(q)
            }
            Val::Null => Val::Null,
            _ => return Err(type_error(ctx, e, "only numbers can be negated")),
        },
        ExprKind::Arith(op, a, b) => arith(ctx, e, *op, eval(ctx, a)?, eval(ctx, b)?)?,
        ExprKind::Cmp(op, a, b) => {
            let (va, vb) = (eval(ctx, a)?, eval(ctx, b)?);
            match cmp(ctx, e, *op, &va, &vb)? {
                Some(b) => Val::Bool(b),
                None => Val::Null,
            }
        }
        ExprKind::Between(x, lo, hi) => {
            let (vx, vlo, vhi) = (eval(ctx, x)?, eval(ctx, lo)?, eval(ctx, hi)?);
            match (
                cmp(ctx, e, CmpOp::Ge, &vx, &vlo)?,
                cmp(ctx, e, CmpOp::Le, &vx, &vhi)?,
            ) {
                (Some(a), Some(b)) => Val::Bool(a && b),
                _ => Val::Null,
            }
        }
        ExprKind::And(a, b) => match (truth(ctx, a)?, truth(ctx, b)?) {
            (Some(false), _) | (_, Some(false)) => Val::Bool(false),
            (Some(true), Some(true)) => Val::Bool(true),
            _ => Val::Null,
        },
        ExprKind::Or(a, b) => match (truth(ctx, a)?, truth(ctx, b)?) {
            (Some(true), _) | (_, Some(true)) => Val::Bool(true),
            (Some(false), Some(false)) => Val::Bool(false),
            _ => Val::Null,
        },
        ExprKind::Not(a) => match truth(ctx, a)? {
            Some(b) => Val::Bool(!b),
            None => Val::Null,
        },
        ExprKind::If(c, a, b) => match truth(ctx, c)? {
            Some(true) => eval(ctx, a)?,
            Some(false) => match b {
                Some(b) => eval(ctx, b)?,
                None => Val::Bool(true),
            },
            None => Val::Null,
        },
    })
}

fn truth(ctx: &Ctx, e: &Expr) -> R<Option<bool>> {
    match eval(ctx, e)? {
        Val::Bool(b) => Ok(Some(b)),
        Val::Null => Ok(None),
        _ => Err(type_error(ctx, e, "expected a condition, found a value")),
    }
}

fn type_error(ctx: &Ctx, e: &Expr, msg: &str) -> Fail {
    Fail::Rule(ctx.rule.error(&e.span, msg, "here", None))
}

fn aggregate(
    ctx: &Ctx,
    agg: Agg,
    col: &ColRef,
    filter: Option<&Expr>,
    by: Option<&ColRef>,
    e: &Expr,
) -> R<Val> {
    let name = table_name(ctx, col).to_string();
    let mut items: Vec<(Option<String>, Val)> = Vec::new();
    for (f, t, i) in rows_of(ctx, &name) {
        if let Some(flt) = filter {
            let row_ctx = Ctx {
                files: ctx.files,
                bound: ctx.bound.clone(),
                rule: ctx.rule,
                row: Some((name.clone(), f, t, i)),
            };
            if truth(&row_ctx, flt)? != Some(true) {
                continue;
            }
        }
        let k = column_of(ctx, f, t, col)?;
        if !matches!(agg, Agg::Count | Agg::CountDistinct)
            && !ctx.files[f].tables[t].columns[k].is_numeric()
        {
            return Err(Fail::Rule(ctx.rule.error(
                &col.column_span,
                format!(
                    "`{}` holds text, not amounts: it cannot be summed or averaged",
                    col.column
                ),
                "a text column",
                Some(format!(
                    "count it with count({0}) or count_distinct({0})",
                    col.column
                )),
            )));
        }
        let key = match by {
            Some(b) => {
                let kb = column_of(ctx, f, t, b)?;
                match cell_val(ctx, f, t, i, kb) {
                    Val::Text(s, _) => Some(s),
                    Val::Num(q) => Some(q.v.normalize().to_string()),
                    _ => continue,
                }
            }
            None => None,
        };
        items.push((key, cell_val(ctx, f, t, i, k)));
    }
    if let Some(b) = by {
        let _ = b;
        // Grouped: sums per key through polars.
        let rows: Vec<(String, Q)> = items
            .into_iter()
            .filter_map(|(k, v)| match v {
                Val::Num(q) => Some((k?, q)),
                _ => None,
            })
            .collect();
        if agg != Agg::Sum {
            return Err(Fail::Rule(ctx.rule.error(
                &e.span,
                "only sum(… by …) can be grouped",
                "here",
                None,
            )));
        }
        return Ok(Val::Groups(group_sum(rows)));
    }
    let mut cells = Vec::new();
    let nums: Vec<Q> = items
        .iter()
        .filter_map(|(_, v)| match v {
            Val::Num(q) => Some(q.clone()),
            _ => None,
        })
        .collect();
    for (_, v) in &items {
        match v {
            Val::Num(q) => cells.extend(q.cells.iter().cloned()),
            Val::Text(_, c) => cells.extend(c.iter().cloned()),
            _ => {}
        }
    }
    let non_null = items
        .iter()
        .filter(|(_, v)| !matches!(v, Val::Null))
        .count();
    let dim = nums.first().map_or(Dim::Plain, |q| q.dim);
    let shown = nums.first().and_then(|q| q.shown);
    let plain = |v: Decimal| {
        Val::Num(Q {
            v,
            dim: Dim::Plain,
            tol: Decimal::ZERO,
            shown: None,
            cells: cells.clone(),
        })
    };
    Ok(match agg {
        Agg::Count => plain(Decimal::from(non_null)),
        Agg::CountDistinct => {
            let mut keys: Vec<String> = items
                .iter()
                .filter_map(|(_, v)| match v {
                    Val::Text(s, _) => Some(crate::table::labels::normalize(s)),
                    Val::Num(q) => Some(q.v.normalize().to_string()),
                    _ => None,
                })
                .collect();
            keys.sort();
            keys.dedup();
            plain(Decimal::from(keys.len()))
        }
        Agg::Sum => Val::Num(Q {
            v: nums.iter().map(|q| q.v).sum(),
            dim,
            tol: nums.iter().map(|q| q.tol).sum(),
            shown,
            cells,
        }),
        Agg::Min | Agg::Max => {
            let pick = if agg == Agg::Min {
                nums.iter().min_by_key(|q| q.v)
            } else {
                nums.iter().max_by_key(|q| q.v)
            };
            match pick {
                Some(q) => Val::Num(q.clone()),
                None => Val::Null,
            }
        }
        Agg::Mean => {
            if nums.is_empty() {
                Val::Null
            } else {
                let n = Decimal::from(nums.len());
                Val::Num(Q {
                    v: nums.iter().map(|q| q.v).sum::<Decimal>() / n,
                    dim,
                    tol: nums.iter().map(|q| q.tol).sum::<Decimal>() / n,
                    shown,
                    cells,
                })
            }
        }
    })
}

/// Sums `rows` by key with a polars group-by; keeps each group's cells.
fn group_sum(rows: Vec<(String, Q)>) -> Vec<(String, Q)> {
    if rows.is_empty() {
        return Vec::new();
    }
    let scale = rows
        .iter()
        .map(|(_, q)| q.v.scale().max(q.tol.scale()))
        .max()
        .unwrap_or(0)
        .min(18);
    let mantissa = |d: Decimal| {
        let mut d = d;
        d.rescale(scale);
        d.mantissa()
    };
    let keys: Vec<&str> = rows.iter().map(|(k, _)| k.as_str()).collect();
    let df = DataFrame::new(
        rows.len(),
        vec![
            StringChunked::from_iter_values("key".into(), keys.iter().copied())
                .into_series()
                .into_column(),
            Int128Chunked::from_iter_values("v".into(), rows.iter().map(|(_, q)| mantissa(q.v)))
                .into_series()
                .into_column(),
            Int128Chunked::from_iter_values(
                "tol".into(),
                rows.iter().map(|(_, q)| mantissa(q.tol)),
            )
            .into_series()
            .into_column(),
        ],
    );
    let summed = df.and_then(|df| {
        df.lazy()
            .group_by([col("key")])
            .agg([col("v").sum(), col("tol").sum()])
            .sort(["key"], Default::default())
            .collect()
    });
    let mut cells: BTreeMap<String, (Vec<Loc>, Dim, Option<Unit>)> = BTreeMap::new();
    for (k, q) in &rows {
        let e = cells
            .entry(k.clone())
            .or_insert_with(|| (Vec::new(), q.dim, q.shown));
        e.0.extend(q.cells.iter().cloned());
    }
    let Ok(summed) = summed else {
        return Vec::new();
    };
    let (Ok(k), Ok(v), Ok(t)) = (
        summed.column("key"),
        summed.column("v"),
        summed.column("tol"),
    ) else {
        return Vec::new();
    };
    let (Ok(k), Ok(v), Ok(t)) = (k.str(), v.i128(), t.i128()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for i in 0..summed.height() {
        let (Some(key), Some(v), Some(t)) = (k.get(i), v.get(i), t.get(i)) else {
            continue;
        };
        let (locs, dim, shown) = cells.remove(key).unwrap_or((Vec::new(), Dim::Plain, None));
        out.push((
            key.to_string(),
            Q {
                v: Decimal::from_i128_with_scale(v, scale),
                dim,
                tol: Decimal::from_i128_with_scale(t, scale),
                shown,
                cells: locs,
            },
        ));
    }
    out
}

fn grouped_column(ctx: &Ctx, col: &ColRef, by: &ColRef) -> R<Val> {
    let name = table_name(ctx, col).to_string();
    let mut rows = Vec::new();
    for (f, t, i) in rows_of(ctx, &name) {
        let (k, kb) = (column_of(ctx, f, t, col)?, column_of(ctx, f, t, by)?);
        let key = match cell_val(ctx, f, t, i, kb) {
            Val::Text(s, _) => s,
            Val::Num(q) => q.v.normalize().to_string(),
            _ => continue,
        };
        if let Val::Num(q) = cell_val(ctx, f, t, i, k) {
            rows.push((key, q));
        }
    }
    Ok(Val::Groups(group_sum(rows)))
}

fn arith(ctx: &Ctx, e: &Expr, op: ArithOp, a: Val, b: Val) -> R<Val> {
    let (a, b) = match (a, b) {
        (Val::Num(a), Val::Num(b)) => (a, b),
        (Val::Null, _) | (_, Val::Null) => return Ok(Val::Null),
        _ => return Err(type_error(ctx, e, "arithmetic needs numbers on both sides")),
    };
    let mut cells = a.cells.clone();
    cells.extend(b.cells.iter().cloned());
    let (a, b) = align(ctx, a, b);
    let q = match op {
        ArithOp::Add | ArithOp::Sub => {
            if a.dim != b.dim {
                return Err(type_error(
                    ctx,
                    e,
                    "cannot add money, percentages and counts together",
                ));
            }
            Q {
                v: if op == ArithOp::Add {
                    a.v + b.v
                } else {
                    a.v - b.v
                },
                dim: a.dim,
                tol: a.tol + b.tol,
                shown: a.shown.or(b.shown),
                cells,
            }
        }
        ArithOp::Mul => Q {
            v: a.v * b.v,
            dim: if a.dim == Dim::Plain { b.dim } else { a.dim },
            tol: a.v.abs() * b.tol + b.v.abs() * a.tol,
            shown: a.shown.or(b.shown),
            cells,
        },
        ArithOp::Div => {
            if b.v.is_zero() {
                return Ok(Val::Null);
            }
            let v = a.v / b.v;
            let tol = a.tol / b.v.abs() + a.v.abs() * b.tol / (b.v * b.v);
            let dim = if a.dim == b.dim { Dim::Plain } else { a.dim };
            Q {
                v,
                dim,
                tol,
                shown: if dim == Dim::Money { a.shown } else { None },
                cells,
            }
        }
    };
    Ok(Val::Num(q))
}

/// Brings a plain number and money, or a ratio and a percentage, to the
/// same footing: a plain number beside money is money in the rule's unit
/// (else the money's own unit); a ratio beside a percentage is ×100.
fn align(ctx: &Ctx, a: Q, b: Q) -> (Q, Q) {
    let lift = |ctx: &Ctx, mut x: Q, y: &Q| -> Q {
        if x.dim == Dim::Plain
            && (x.cells.is_empty() || ctx.rule.unit.is_some())
            && y.dim == Dim::Money
        {
            let u = ctx.rule.unit.or(y.shown).unwrap_or(Unit::Yuan);
            x.v *= u.factor();
            x.tol *= u.factor();
            x.dim = Dim::Money;
            x.shown = Some(u);
        } else if x.dim == Dim::Plain && y.dim == Dim::Percent {
            x.v *= Decimal::from(100);
            x.tol *= Decimal::from(100);
            x.dim = Dim::Percent;
        }
        x
    };
    let a2 = lift(ctx, a, &b);
    let b2 = lift(ctx, b, &a2);
    (a2, b2)
}

/// The tolerance of a comparison: the rule's own, converted, else the
/// rounding of both sides.
fn tolerance(ctx: &Ctx, a: &Q, b: &Q) -> Decimal {
    match ctx.rule.tolerance {
        Some(Quantity {
            value,
            unit,
            percent,
        }) => {
            if percent || a.dim == Dim::Percent {
                value
            } else if a.dim == Dim::Money {
                value
                    * unit
                        .or(ctx.rule.unit)
                        .or(a.shown)
                        .unwrap_or(Unit::Yuan)
                        .factor()
            } else {
                value
            }
        }
        None => a.tol + b.tol,
    }
}

fn holds(op: CmpOp, a: Decimal, b: Decimal, tol: Decimal) -> bool {
    match op {
        CmpOp::Eq => (a - b).abs() <= tol,
        CmpOp::Ne => (a - b).abs() > tol,
        // Strict comparisons are exact: `金额 > 0` must not pass a zero.
        CmpOp::Lt => a < b,
        CmpOp::Le => a <= b + tol,
        CmpOp::Gt => a > b,
        CmpOp::Ge => a + tol >= b,
    }
}

fn cmp(ctx: &Ctx, e: &Expr, op: CmpOp, a: &Val, b: &Val) -> R<Option<bool>> {
    match (a, b) {
        (Val::Null, _) | (_, Val::Null) => Ok(None),
        (Val::Num(x), Val::Num(y)) => {
            let (x, y) = align(ctx, x.clone(), y.clone());
            if x.dim != y.dim {
                return Err(type_error(
                    ctx,
                    e,
                    &format!(
                        "cannot compare {} with {}",
                        dim_name(x.dim),
                        dim_name(y.dim)
                    ),
                ));
            }
            Ok(Some(holds(op, x.v, y.v, tolerance(ctx, &x, &y))))
        }
        (Val::Text(x, _), Val::Text(y, _)) => {
            let eq = crate::table::labels::normalize(x) == crate::table::labels::normalize(y);
            match op {
                CmpOp::Eq => Ok(Some(eq)),
                CmpOp::Ne => Ok(Some(!eq)),
                // Dates order as ISO text: `日期 between "2024-01-01" and "2024-12-31"`.
                _ if is_iso_date(x) && is_iso_date(y) => {
                    let (x, y) = (&x.trim()[..10], &y.trim()[..10]);
                    Ok(Some(match op {
                        CmpOp::Lt => x < y,
                        CmpOp::Le => x <= y,
                        CmpOp::Gt => x > y,
                        _ => x >= y,
                    }))
                }
                _ => Err(type_error(
                    ctx,
                    e,
                    "text can only be compared with == or !=",
                )),
            }
        }
        (Val::Text(..), Val::Num(_)) | (Val::Num(_), Val::Text(..)) => {
            Err(type_error(ctx, e, "text compared with an amount"))
        }
        _ => Err(type_error(ctx, e, "these cannot be compared")),
    }
}

/// `2024-03-15` (optionally followed by a time); also `2024/3/15` is not
/// accepted: dates in rules are written ISO-style.
fn is_iso_date(s: &str) -> bool {
    let b = s.trim().as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
}

fn dim_name(d: Dim) -> &'static str {
    match d {
        Dim::Money => "money",
        Dim::Percent => "a percentage",
        Dim::Plain => "a plain number",
    }
}

/// Evidence of a figure with nothing to compare it with.
fn stated_only(stated: Decimal) -> Evidence {
    Evidence {
        stated,
        computed: None,
        difference: None,
        tolerance: None,
        unit: None,
    }
}

/// A value in the unit it should be read in, with that unit.
fn figure_q(ctx: &Ctx, q: &Q) -> (Decimal, Option<FigureUnit>) {
    match q.dim {
        Dim::Money => {
            let u = ctx.rule.unit.or(q.shown).unwrap_or(Unit::Yuan);
            ((q.v / u.factor()).round_dp(6).normalize(), Some(u.into()))
        }
        Dim::Percent => (q.v.round_dp(4).normalize(), Some(FigureUnit::Percent)),
        Dim::Plain => (q.v.round_dp(6).normalize(), None),
    }
}

/// Shows a value in the unit it should be read in.
fn show_q(ctx: &Ctx, q: &Q) -> (String, Option<String>) {
    match q.dim {
        Dim::Money => {
            let u = ctx.rule.unit.or(q.shown).unwrap_or(Unit::Yuan);
            let v = q.v / u.factor();
            (
                v.round_dp(6).normalize().to_string(),
                Some(u.as_str().to_string()),
            )
        }
        Dim::Percent => (q.v.round_dp(4).normalize().to_string(), Some("%".into())),
        Dim::Plain => (q.v.round_dp(6).normalize().to_string(), None),
    }
}

fn in_unit(ctx: &Ctx, q: &Q, v: Decimal) -> Decimal {
    match q.dim {
        Dim::Money => (v / ctx.rule.unit.or(q.shown).unwrap_or(Unit::Yuan).factor())
            .round_dp(6)
            .normalize(),
        _ => v.round_dp(6).normalize(),
    }
}

/// A1 ranges of cells, prefixed with the sheet (and file) when they are
/// not the finding's own.
fn ranges(ctx: &Ctx, cells: &[Loc], home: Option<&Loc>) -> Vec<String> {
    let mut by: BTreeMap<(usize, String, usize), Vec<usize>> = BTreeMap::new();
    let mut out = Vec::new();
    for c in cells.iter().filter(|c| c.sheet.is_empty()) {
        let name = ctx.files[c.file]
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.push(format!("{name}:{}:{}", c.row, c.col));
    }
    for c in cells.iter().filter(|c| !c.sheet.is_empty()) {
        by.entry((c.file, c.sheet.clone(), c.col))
            .or_default()
            .push(c.row);
    }
    for ((file, sheet, col), mut rows) in by {
        rows.sort_unstable();
        rows.dedup();
        let prefix = match home {
            Some(h) if h.file == file && h.sheet == sheet => String::new(),
            Some(h) if h.file == file => format!("'{sheet}'!"),
            _ => format!(
                "[{}]'{sheet}'!",
                ctx.files[file]
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            ),
        };
        for r in crate::workbook::compress_rows(&rows, col) {
            out.push(format!("{prefix}{r}"));
        }
    }
    out
}

fn scalar_finding(
    ctx: &Ctx,
    stated: Option<&Q>,
    computed: Option<&Q>,
    tol: Option<Decimal>,
    message: String,
) -> (usize, Finding) {
    let home: Option<Loc> = stated
        .filter(|q| q.cells.len() == 1 && !q.cells[0].sheet.is_empty())
        .map(|q| q.cells[0].clone());
    let mut inputs_cells: Vec<Loc> = computed.map(|q| q.cells.clone()).unwrap_or_default();
    if home.is_none() {
        if let Some(s) = stated {
            inputs_cells.extend(s.cells.iter().cloned());
        }
    }
    let anchor = home.clone().or_else(|| inputs_cells.first().cloned());
    let file = anchor.as_ref().map_or(0, |l| l.file);
    let location = match (&anchor, &home) {
        (Some(l), Some(h)) => Location::Cell {
            sheet: l.sheet.clone(),
            a1: a1(h.row, h.col),
        },
        (Some(l), None) => Location::Sheet {
            sheet: l.sheet.clone(),
        },
        _ => Location::File,
    };
    let mut f = Finding::new(
        RuleId::rule(&ctx.rule.id),
        ctx.rule.severity,
        location,
        Message::new("rule-text").text("text", message),
    );
    f.evidence = stated.map(|s| Evidence {
        stated: figure_q(ctx, s).0,
        computed: computed.map(|c| figure_q(ctx, c).0),
        difference: computed.map(|c| in_unit(ctx, s, s.v - c.v)),
        tolerance: tol.map(|t| in_unit(ctx, s, t)),
        unit: figure_q(ctx, s).1,
    });
    f.inputs = ranges(ctx, &inputs_cells, anchor.as_ref());
    f.help = ctx
        .rule
        .description
        .as_ref()
        .map(|d| Message::new("rule-text").text("text", d.clone()));
    (file, f)
}

#[allow(clippy::too_many_arguments)]
fn compare_top(
    ctx: &Ctx,
    whole: &Expr,
    op: CmpOp,
    a: &Expr,
    b: &Expr,
    va: Val,
    vb: Val,
) -> R<Vec<(usize, Finding)>> {
    match (&va, &vb) {
        (Val::Groups(ga), Val::Groups(gb)) => return Ok(grouped(ctx, op, a, b, ga, gb)),
        (Val::Groups(_), _) | (_, Val::Groups(_)) => {
            return Err(type_error(
                ctx,
                whole,
                "a grouped side must be compared with another grouped side (… by KEY)",
            ));
        }
        _ => {}
    }
    let Some(ok) = cmp(ctx, whole, op, &va, &vb)? else {
        return Ok(Vec::new());
    };
    if ok {
        return Ok(Vec::new());
    }
    let (Val::Num(x), Val::Num(y)) = (va, vb) else {
        return Ok(vec![scalar_finding(
            ctx,
            None,
            None,
            None,
            format!("`{}` does not hold", src(ctx, whole)),
        )]);
    };
    let (x, y) = align(ctx, x, y);
    let tol = tolerance(ctx, &x, &y);
    // The stated side: a single cell, else a constant, else the right.
    let single = |q: &Q| q.cells.len() == 1;
    let (stated, computed, s_src, c_src) =
        if single(&x) && !single(&y) || y.cells.len() > 1 && x.cells.is_empty() {
            (&x, &y, src(ctx, a), src(ctx, b))
        } else {
            (&y, &x, src(ctx, b), src(ctx, a))
        };
    let (sv, unit) = show_q(ctx, stated);
    let (cv, _) = show_q(ctx, computed);
    let u = unit
        .map(|u| if u == "%" { u } else { format!(" {u}") })
        .unwrap_or_default();
    let fmt = |v: &str| group_thousands(v.parse().unwrap_or_default());
    let head = if computed.cells.is_empty() {
        format!(
            "{s_src} is {}{u}, but the rule expects {}{u}",
            fmt(&sv),
            fmt(&cv)
        )
    } else if stated.cells.is_empty() {
        format!(
            "{c_src} is {}{u}, but the rule expects {}{u}",
            fmt(&cv),
            fmt(&sv)
        )
    } else {
        format!("{c_src} is {}{u}, but {s_src} is {}{u}", fmt(&cv), fmt(&sv))
    };
    let message = format!(
        "rule {}: {head} (difference {}{u}, tolerance {}{u})",
        ctx.rule.id,
        in_unit(ctx, stated, stated.v - computed.v),
        in_unit(ctx, stated, tol),
    );
    Ok(vec![scalar_finding(
        ctx,
        Some(stated),
        Some(computed),
        Some(tol),
        message,
    )])
}

fn grouped(
    ctx: &Ctx,
    op: CmpOp,
    a: &Expr,
    b: &Expr,
    ga: &[(String, Q)],
    gb: &[(String, Q)],
) -> Vec<(usize, Finding)> {
    // Full join on the key through polars: keys on either side only are
    // reported too.
    let keys_a: Vec<&str> = ga.iter().map(|(k, _)| k.as_str()).collect();
    let keys_b: Vec<&str> = gb.iter().map(|(k, _)| k.as_str()).collect();
    let joined = (|| -> PolarsResult<DataFrame> {
        let left = DataFrame::new(
            ga.len(),
            vec![
                StringChunked::from_iter_values("key".into(), keys_a.iter().copied())
                    .into_series()
                    .into_column(),
                UInt32Chunked::from_iter_values("ia".into(), 0..ga.len() as u32)
                    .into_series()
                    .into_column(),
            ],
        )?;
        let right = DataFrame::new(
            gb.len(),
            vec![
                StringChunked::from_iter_values("key".into(), keys_b.iter().copied())
                    .into_series()
                    .into_column(),
                UInt32Chunked::from_iter_values("ib".into(), 0..gb.len() as u32)
                    .into_series()
                    .into_column(),
            ],
        )?;
        left.lazy()
            .join(
                right.lazy(),
                [col("key")],
                [col("key")],
                JoinArgs::new(JoinType::Full).with_coalesce(JoinCoalesce::CoalesceColumns),
            )
            .sort(["key"], Default::default())
            .collect()
    })();
    let Ok(joined) = joined else {
        return Vec::new();
    };
    let (Ok(k), Ok(ia), Ok(ib)) = (
        joined.column("key"),
        joined.column("ia"),
        joined.column("ib"),
    ) else {
        return Vec::new();
    };
    let (Ok(k), Ok(ia), Ok(ib)) = (k.str(), ia.u32(), ib.u32()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for i in 0..joined.height() {
        let key = k.get(i).unwrap_or("").to_string();
        match (ia.get(i), ib.get(i)) {
            (Some(x), Some(y)) => {
                let (qa, qb) = align(ctx, ga[x as usize].1.clone(), gb[y as usize].1.clone());
                let tol = tolerance(ctx, &qa, &qb);
                if qa.dim == qb.dim && holds(op, qa.v, qb.v, tol) {
                    continue;
                }
                let (sv, unit) = show_q(ctx, &qb);
                let (cv, _) = show_q(ctx, &qa);
                let u = unit
                    .map(|u| if u == "%" { u } else { format!(" {u}") })
                    .unwrap_or_default();
                let message = format!(
                    "rule {} for {key}: {} is {}{u} but {} is {}{u} (difference {}{u}, tolerance {}{u})",
                    ctx.rule.id,
                    src(ctx, a),
                    group_thousands(cv.parse().unwrap_or_default()),
                    src(ctx, b),
                    group_thousands(sv.parse().unwrap_or_default()),
                    in_unit(ctx, &qb, qb.v - qa.v),
                    in_unit(ctx, &qb, tol)
                );
                let mut f = scalar_finding(ctx, Some(&qb), Some(&qa), Some(tol), message);
                f.1.label = Some(key);
                out.push(f);
            }
            (Some(x), None) => {
                let q = &ga[x as usize].1;
                let message = format!(
                    "rule {}: {key} appears in {} but not in {}",
                    ctx.rule.id,
                    src(ctx, a),
                    src(ctx, b)
                );
                let mut f = scalar_finding(ctx, None, Some(q), None, message);
                f.1.label = Some(key);
                out.push(f);
            }
            (None, Some(y)) => {
                let q = &gb[y as usize].1;
                let message = format!(
                    "rule {}: {key} appears in {} but not in {}",
                    ctx.rule.id,
                    src(ctx, b),
                    src(ctx, a)
                );
                let mut f = scalar_finding(ctx, Some(q), None, None, message);
                f.1.label = Some(key);
                out.push(f);
            }
            (None, None) => {}
        }
    }
    out
}

fn rowwise(ctx: &Ctx, name: &str) -> R<Vec<(usize, Finding)>> {
    let mut out = Vec::new();
    let matched = ctx.bound.get(name).cloned().unwrap_or_default();
    for (f, t) in matched {
        let tab = &ctx.files[f].tables[t];
        for (i, r) in tab.rows.iter().enumerate() {
            if matches!(r.kind, RowKind::Total(_)) {
                continue;
            }
            let row_ctx = Ctx {
                files: ctx.files,
                bound: ctx.bound.clone(),
                rule: ctx.rule,
                row: Some((name.to_string(), f, t, i)),
            };
            if truth(&row_ctx, &ctx.rule.expr)? != Some(false) {
                continue;
            }
            // Point at the first column the rule names, with the row's values.
            let mut first: Option<usize> = None;
            let mut shown = Vec::new();
            let mut cols = Vec::new();
            ctx.rule.expr.walk(&mut |e| {
                if let ExprKind::Column { col, by: None } = &e.kind {
                    cols.push(col.clone());
                }
            });
            for c in &cols {
                let k = column_of(ctx, f, t, c)?;
                first.get_or_insert(k);
                let v = match cell_val(ctx, f, t, i, k) {
                    Val::Num(q) => show_q(ctx, &q).0,
                    Val::Text(s, _) => s,
                    _ => "(blank)".into(),
                };
                shown.push(format!("{} = {v}", c.column));
            }
            shown.dedup();
            let k = first.unwrap_or(0);
            let l = loc(ctx, f, t, i, k);
            let message = format!(
                "rule {}: `{}` does not hold for {} (row {}): {}",
                ctx.rule.id,
                src(ctx, &ctx.rule.expr),
                tab.row_name(i),
                r.row + 1,
                shown.join(", ")
            );
            let q = Q {
                v: Decimal::ZERO,
                dim: Dim::Plain,
                tol: Decimal::ZERO,
                shown: None,
                cells: vec![l.clone()],
            };
            let mut finding = scalar_finding(ctx, Some(&q), None, None, message);
            finding.1.evidence = None;
            match cell_val(ctx, f, t, i, k) {
                Val::Num(q) => finding.1.evidence = Some(stated_only(figure_q(ctx, &q).0)),
                Val::Text(s, _) => finding.1.stated_text = Some(s),
                _ => {}
            }
            finding.1.label = Some(tab.row_name(i));
            finding.1.inputs = cols
                .iter()
                .filter_map(|c| column_of(ctx, f, t, c).ok())
                .filter(|&kk| kk != k)
                .map(|kk| a1(r.row, tab.columns[kk].col))
                .collect();
            out.push(finding);
        }
    }
    Ok(out)
}

fn row_check(ctx: &Ctx, check: RowCheck, col: &ColRef) -> R<Vec<(usize, Finding)>> {
    let name = table_name(ctx, col).to_string();
    let mut out = Vec::new();
    let mut seen: BTreeMap<String, Loc> = BTreeMap::new();
    for (f, t, i) in rows_of(ctx, &name) {
        let k = column_of(ctx, f, t, col)?;
        let tab = &ctx.files[f].tables[t];
        let l = loc(ctx, f, t, i, k);
        let v = match cell_val(ctx, f, t, i, k) {
            Val::Text(s, _) => Some(s),
            Val::Num(q) => Some(show_q(ctx, &q).0),
            _ => None,
        };
        let q = Q {
            v: Decimal::ZERO,
            dim: Dim::Plain,
            tol: Decimal::ZERO,
            shown: None,
            cells: vec![l.clone()],
        };
        match (check, v) {
            (RowCheck::Required, None) => {
                let message = format!(
                    "rule {}: {} of {} (row {}) is blank but required",
                    ctx.rule.id,
                    col.column,
                    tab.row_name(i),
                    l.row + 1
                );
                let mut fd = scalar_finding(ctx, Some(&q), None, None, message);
                fd.1.evidence = None;
                fd.1.label = Some(tab.row_name(i));
                out.push(fd);
            }
            (RowCheck::Unique, Some(v)) => {
                let key = crate::table::labels::normalize(&v);
                if let Some(first) = seen.get(&key) {
                    let message = format!(
                        "rule {}: {} {v} of {} (row {}) repeats row {}",
                        ctx.rule.id,
                        col.column,
                        tab.row_name(i),
                        l.row + 1,
                        first.row + 1
                    );
                    let mut fd = scalar_finding(ctx, Some(&q), None, None, message);
                    fd.1.evidence = None;
                    fd.1.stated_text = Some(v);
                    fd.1.inputs = ranges(ctx, std::slice::from_ref(first), Some(&l));
                    fd.1.label = Some(tab.row_name(i));
                    out.push(fd);
                } else {
                    seen.insert(key, l);
                }
            }
            _ => {}
        }
    }
    let _ = ColumnRole::Label;
    Ok(out)
}
