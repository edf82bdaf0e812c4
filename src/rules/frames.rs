//! Aggregates, `where` filters, `by` groups and tie-outs as polars lazy
//! queries over the tables' frames.
//!
//! A column a rule reads becomes, once per run, three polars columns over
//! its table's data rows: its figures in 元 (money) or as plain numbers,
//! as Int128 at a fixed scale of 18 decimals (exact: a mantissa at the
//! column's scale times a power of ten and the unit's factor); each
//! figure's rounding tolerance (½ of its last shown decimal) on the same
//! footing; and whether the cell held unreadable text. A text column
//! becomes its text as shown and its normalised text. Sums, counts and
//! distinct counts are polars aggregations, a filter a polars predicate
//! (where the rule's condition has one: else it is decided row by row),
//! and results come back as exact decimals.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use polars::prelude::*;
use rust_decimal::Decimal;

use super::bind::{Bound, TableAt};
use super::expr::{Agg, CmpOp, ColRef, Expr as RuleExpr, ExprKind};
use super::scalar::{cell_name, number_key, Env, RowAt, R};
use super::value::{align, tolerance, Cells, Dim, Val, Why, Q};
use crate::table::labels::normalize;
use crate::table::{Amount, RowKind};

/// The scale of the Int128 figures: 18 decimals.
const SCALE: u32 = 18;

/// What a polars column of a table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Role {
    /// Figures in 元 or plain, Int128 at [`SCALE`].
    Value,
    /// Their rounding tolerance, on the same footing (zero where blank).
    Tolerance,
    /// Unreadable text in a numeric cell.
    Unreadable,
    /// A text cell as shown (null when blank); for a numeric column, its
    /// figure as text (a grouping key).
    Text,
    /// The text normalised, for comparisons and distinct counts.
    Normal,
}

fn name(k: usize, role: Role) -> String {
    format!("{role:?}{k}")
}

/// The polars columns of the run's tables, built as rules ask for them.
pub(super) struct Frames<'a> {
    bound: &'a Bound<'a>,
    columns: RefCell<HashMap<(TableAt, usize, Role), Column>>,
    base: RefCell<HashMap<TableAt, Vec<Column>>>,
}

/// A polars query over one table: the columns it reads.
struct Query<'f> {
    frames: &'f Frames<'f>,
    at: TableAt,
    needs: Vec<(usize, Role)>,
    extra: Vec<Column>,
}

impl<'f> Query<'f> {
    fn new(frames: &'f Frames<'f>, at: TableAt) -> Query<'f> {
        Query {
            frames,
            at,
            needs: Vec::new(),
            extra: Vec::new(),
        }
    }

    fn col(&mut self, k: usize, role: Role) -> Expr {
        if !self.needs.contains(&(k, role)) {
            self.needs.push((k, role));
        }
        col(name(k, role))
    }

    fn lazy(&self) -> PolarsResult<LazyFrame> {
        let mut cols = self.frames.base(self.at);
        for &(k, role) in &self.needs {
            cols.push(self.frames.column(self.at, k, role));
        }
        cols.extend(self.extra.iter().cloned());
        let n = self.frames.bound.table(self.at).rows.len();
        Ok(DataFrame::new(n, cols)?.lazy())
    }
}

/// A value side of a vectorised comparison.
enum Side {
    /// Figures: values and tolerances, and what they measure (for a
    /// column, a figure of 1 with a tolerance of 1, so that aligning it
    /// gives the factor it is scaled by).
    Num {
        v: Expr,
        tol: Expr,
        meta: Q,
        column: bool,
    },
    /// Normalised text.
    Text(Expr),
}

impl<'a> Frames<'a> {
    /// No columns built yet.
    pub fn new(bound: &'a Bound<'a>) -> Frames<'a> {
        Frames {
            bound,
            columns: RefCell::new(HashMap::new()),
            base: RefCell::new(HashMap::new()),
        }
    }

    /// Frees the columns built, on the background thread: a ledger's are
    /// hundreds of megabytes.
    pub fn dispose(self) {
        crate::dispose::later((self.columns.into_inner(), self.base.into_inner()));
    }

    /// Every table's row index, sheet row and whether the row is a
    /// top-level item.
    fn base(&self, at: TableAt) -> Vec<Column> {
        if let Some(cols) = self.base.borrow().get(&at) {
            return cols.clone();
        }
        let t = self.bound.table(at);
        let n = t.rows.len() as u32;
        let cols = vec![
            UInt32Chunked::from_iter_values("__i".into(), 0..n).into_column(),
            UInt32Chunked::from_iter_values("__row".into(), t.rows.iter().map(|r| r.row as u32))
                .into_column(),
            BooleanChunked::from_iter_values(
                "__item".into(),
                t.rows
                    .iter()
                    .map(|r| r.kind == RowKind::Item && r.parent.is_none()),
            )
            .into_column(),
        ];
        self.base.borrow_mut().insert(at, cols.clone());
        cols
    }

    fn column(&self, at: TableAt, k: usize, role: Role) -> Column {
        if let Some(c) = self.columns.borrow().get(&(at, k, role)) {
            return c.clone();
        }
        let numeric = self.bound.table(at).columns[k].is_numeric();
        let built = match (numeric, role) {
            (true, Role::Text | Role::Normal) => self.number_keys(at, k),
            (true, _) => self.figures(at, k),
            (false, _) => self.texts(at, k, role),
        };
        let mut cache = self.columns.borrow_mut();
        for (r, c) in built {
            cache.insert((at, k, r), c);
        }
        cache[&(at, k, role)].clone()
    }

    /// A numeric column's figures, tolerances and unreadable cells.
    fn figures(&self, at: TableAt, k: usize) -> Vec<(Role, Column)> {
        let t = self.bound.table(at);
        let factor = t.unit_of(k).map_or(1, |u| integer(u.factor()).unwrap_or(1));
        let exact = t.columns[k].exact;
        let n = t.rows.len();
        let (mut v, mut tol, mut bad) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        for i in 0..n {
            let (x, rounding, unreadable) = match t.amount(i, k) {
                Amount::Value(x, _) if exact => (fixed(x).map(|m| m * factor), 0, false),
                Amount::Value(x, d) => (fixed(x).map(|m| m * factor), half(d) * factor, false),
                // A nil mark is zero, exactly.
                Amount::Nil => (Some(0), 0, false),
                Amount::Blank => (None, 0, false),
                Amount::Unreadable => (None, 0, true),
            };
            v.push(x);
            tol.push(rounding);
            bad.push(unreadable);
        }
        vec![
            (
                Role::Value,
                Int128Chunked::from_iter_options(name(k, Role::Value).into(), v.into_iter())
                    .into_column(),
            ),
            (
                Role::Tolerance,
                Int128Chunked::from_iter_values(name(k, Role::Tolerance).into(), tol.into_iter())
                    .into_column(),
            ),
            (
                Role::Unreadable,
                BooleanChunked::from_iter_values(name(k, Role::Unreadable).into(), bad.into_iter())
                    .into_column(),
            ),
        ]
    }

    /// A text column as shown, or normalised.
    fn texts(&self, at: TableAt, k: usize, role: Role) -> Vec<(Role, Column)> {
        let t = self.bound.table(at);
        let sheet = self.bound.files[at.0]
            .sheets
            .iter()
            .find(|s| s.name == t.sheet);
        let cells = (0..t.rows.len()).map(|i| {
            let text = sheet
                .and_then(|s| t.text(s, i, k))
                .filter(|s| !s.is_empty());
            match role {
                Role::Normal => text.map(|s| normalize(&s)),
                _ => text,
            }
        });
        let column = StringChunked::from_iter_options(name(k, role).into(), cells).into_column();
        vec![(role, column)]
    }

    /// A numeric column's figures as text: grouping keys.
    fn number_keys(&self, at: TableAt, k: usize) -> Vec<(Role, Column)> {
        let t = self.bound.table(at);
        let factor = t.unit_of(k).map_or(Decimal::ONE, |u| u.factor());
        let keys: Vec<Option<String>> = (0..t.rows.len())
            .map(|i| match t.amount(i, k) {
                Amount::Value(x, _) => Some(number_key(x * factor)),
                _ => None,
            })
            .collect();
        vec![
            (
                Role::Normal,
                StringChunked::from_iter_options(
                    name(k, Role::Normal).into(),
                    keys.iter().cloned(),
                )
                .into_column(),
            ),
            (
                Role::Text,
                StringChunked::from_iter_options(name(k, Role::Text).into(), keys.into_iter())
                    .into_column(),
            ),
        ]
    }

    /// The rows an aggregate over `name` keeps: top-level items for which
    /// `filter` holds (a polars predicate, else decided row by row).
    fn keep(&self, q: &mut Query, env: &Env, name: &str, filter: Option<&RuleExpr>) -> R<Expr> {
        let item = col("__item");
        let Some(f) = filter else { return Ok(item) };
        if let Some(p) = self.condition(q, env, name, f) {
            return Ok(item.and(p));
        }
        let t = self.bound.table(q.at);
        let mut keep = Vec::with_capacity(t.rows.len());
        for (i, r) in t.rows.iter().enumerate() {
            let row = RowAt { at: q.at, i };
            let item = r.kind == RowKind::Item && r.parent.is_none();
            keep.push(item && env.truth(f, Some(row))? == Ok(true));
        }
        q.extra.push(
            BooleanChunked::from_iter_values("__keep".into(), keep.into_iter()).into_column(),
        );
        Ok(col("__keep"))
    }

    /// Which rows of the table at `at` (named `name`) a row-wise condition
    /// holds for, by a polars predicate; `None` if it has none. A row it
    /// does not hold for is decided row by row, which says why.
    pub fn holding(&self, env: &Env, name: &str, at: TableAt, e: &RuleExpr) -> Option<Vec<bool>> {
        let mut q = Query::new(self, at);
        let p = self.condition(&mut q, env, name, e)?;
        let df = q
            .lazy()
            .and_then(|lf| lf.select([p.alias("holds")]).collect())
            .ok()?;
        let holds = df
            .column("holds")
            .ok()?
            .bool()
            .ok()?
            .iter()
            .map(|b| b == Some(true))
            .collect();
        Some(holds)
    }

    /// `e` as a polars predicate over a table named `name`, if it has one:
    /// comparisons of its columns with each other and with constants,
    /// joined by `and`, `or`, `not` and `between`. Where a value is
    /// missing the predicate is null and the row is not kept, as a row
    /// whose condition is undecided is not.
    fn condition(&self, q: &mut Query, env: &Env, name: &str, e: &RuleExpr) -> Option<Expr> {
        Some(match &e.kind {
            ExprKind::And(a, b) => self
                .condition(q, env, name, a)?
                .and(self.condition(q, env, name, b)?),
            ExprKind::Or(a, b) => self
                .condition(q, env, name, a)?
                .or(self.condition(q, env, name, b)?),
            ExprKind::Not(a) => self.condition(q, env, name, a)?.not(),
            ExprKind::Cmp(op, a, b) => self.comparison(q, env, name, *op, a, b)?,
            ExprKind::Between(x, lo, hi) => self
                .comparison(q, env, name, CmpOp::Ge, x, lo)?
                .and(self.comparison(q, env, name, CmpOp::Le, x, hi)?),
            _ => return None,
        })
    }

    fn comparison(
        &self,
        q: &mut Query,
        env: &Env,
        name: &str,
        op: CmpOp,
        a: &RuleExpr,
        b: &RuleExpr,
    ) -> Option<Expr> {
        match (self.side(q, env, name, a)?, self.side(q, env, name, b)?) {
            (Side::Text(x), Side::Text(y)) => match op {
                CmpOp::Eq => Some(x.eq(y)),
                CmpOp::Ne => Some(x.neq(y)),
                // Dates are ordered row by row.
                _ => None,
            },
            (
                Side::Num {
                    v: va,
                    tol: ta,
                    meta: ma,
                    column: ca,
                },
                Side::Num {
                    v: vb,
                    tol: tb,
                    meta: mb,
                    column: cb,
                },
            ) => {
                let rule = env.rule();
                let (ma, mb) = align(rule, ma, mb);
                if ma.dim != mb.dim {
                    return None;
                }
                let scaled = |v: Expr, tol: Expr, m: &Q, column: bool| -> Option<(Expr, Expr)> {
                    if column {
                        let by = lit(integer(m.v)?);
                        Some((v * by.clone(), tol * by))
                    } else {
                        Some((lit(fixed(m.v)?), lit(fixed(m.tol)?)))
                    }
                };
                let (va, ta) = scaled(va, ta, &ma, ca)?;
                let (vb, tb) = scaled(vb, tb, &mb, cb)?;
                let tol = match rule.tolerance {
                    Some(_) => lit(fixed(tolerance(rule, &ma, &mb))?),
                    None => ta + tb,
                };
                Some(holds(op, va, vb, tol))
            }
            // Text against a number: decided row by row, which names the mistake.
            _ => None,
        }
    }

    fn side(&self, q: &mut Query, env: &Env, name: &str, e: &RuleExpr) -> Option<Side> {
        match &e.kind {
            ExprKind::Column { col, by: None }
                if self.bound.table_name(env.rule(), col) == name =>
            {
                let k = env.plan.column(col, q.at)?;
                let t = self.bound.table(q.at);
                if !t.columns[k].is_numeric() {
                    return Some(Side::Text(q.col(k, Role::Normal)));
                }
                let mut meta = Q::figure(
                    Decimal::ONE,
                    0,
                    t.unit_of(k),
                    false,
                    false,
                    Cells::one(super::value::Loc {
                        file: 0,
                        sheet: "".into(),
                        row: 0,
                        col: 0,
                    }),
                );
                meta.tol = Decimal::ONE;
                Some(Side::Num {
                    v: q.col(k, Role::Value),
                    tol: q.col(k, Role::Tolerance),
                    meta,
                    column: true,
                })
            }
            ExprKind::Number { .. } | ExprKind::Neg(_) | ExprKind::Text(_) => {
                match env.eval(e, None).ok()? {
                    Val::Num(meta) => Some(Side::Num {
                        v: lit(0i128),
                        tol: lit(0i128),
                        meta,
                        column: false,
                    }),
                    Val::Text(s) => Some(Side::Text(lit(normalize(&s)))),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// An aggregate over a column of every table its name matches.
    pub fn aggregate(
        &self,
        env: &Env,
        agg: Agg,
        c: &ColRef,
        filter: Option<&RuleExpr>,
        by: Option<&ColRef>,
    ) -> R<Val> {
        if let Some(by) = by {
            return self.grouped(env, c, by, filter);
        }
        let name = self.bound.table_name(env.rule(), c);
        let mut parts = Vec::new();
        for &at in self.bound.matches(name) {
            if let Some(k) = env.plan.column(c, at) {
                match self.part(env, name, at, k, agg, filter)? {
                    Ok(p) => parts.push(p),
                    Err(why) => return Ok(Val::Null(why)),
                }
            }
        }
        Ok(combine(agg, c, parts))
    }

    /// One table's share of an aggregate.
    fn part(
        &self,
        env: &Env,
        name: &str,
        at: TableAt,
        k: usize,
        agg: Agg,
        filter: Option<&RuleExpr>,
    ) -> R<Result<Part, Why>> {
        let t = self.bound.table(at);
        let numeric = t.columns[k].is_numeric();
        let mut q = Query::new(self, at);
        let keep = self.keep(&mut q, env, name, filter)?;
        let value = q.col(k, if numeric { Role::Value } else { Role::Normal });
        let select = self.selection(&mut q, name, k, numeric, agg, value);
        let df = q
            .lazy()
            .and_then(|lf| lf.filter(keep).select(select).collect());
        Ok(df.map(|df| Part::read(env, at, k, &df)).map_err(computing))
    }

    /// What a part of an aggregate reads: the count and the rows counted;
    /// for a sum, mean, minimum or maximum the sum, tolerance and first
    /// unreadable cell; the row of the minimum or maximum; distinct values.
    fn selection(
        &self,
        q: &mut Query,
        name: &str,
        k: usize,
        numeric: bool,
        agg: Agg,
        value: Expr,
    ) -> Vec<Expr> {
        let mut select = vec![
            value.clone().count().alias("n"),
            col("__row")
                .filter(value.clone().is_not_null())
                .implode(true)
                .alias("rows"),
        ];
        if numeric && !matches!(agg, Agg::Count | Agg::CountDistinct) {
            select.extend([
                value.clone().sum().alias("sum"),
                q.col(k, Role::Tolerance).sum().alias("tol"),
                col("__i")
                    .filter(q.col(k, Role::Unreadable))
                    .first()
                    .alias("bad"),
            ]);
        }
        match agg {
            Agg::Min => select.push(
                col("__i")
                    .filter(value.clone().eq(value.min()))
                    .first()
                    .alias("min"),
            ),
            // The last of equal maxima, as a maximum by key keeps the last.
            Agg::Max => select.push(
                col("__i")
                    .filter(value.clone().eq(value.max()))
                    .last()
                    .alias("max"),
            ),
            Agg::CountDistinct if self.bound.matches(name).len() > 1 => {
                select.push(value.unique().drop_nulls().implode(true).alias("distinct"))
            }
            Agg::CountDistinct => select.push(value.drop_nulls().n_unique().alias("unique")),
            _ => {}
        }
        select
    }

    /// `sum(col by key)` and `col by key`: sums per key, with each key's
    /// cells, over the top-level items of every table the name matches.
    pub fn grouped(
        &self,
        env: &Env,
        c: &ColRef,
        key: &ColRef,
        filter: Option<&RuleExpr>,
    ) -> R<Val> {
        let name = self.bound.table_name(env.rule(), c);
        let mut groups: BTreeMap<String, Result<Q, Why>> = BTreeMap::new();
        for &at in self.bound.matches(name) {
            let (Some(k), Some(kb)) = (env.plan.column(c, at), env.plan.column(key, at)) else {
                continue;
            };
            let mut q = Query::new(self, at);
            let keep = self.keep(&mut q, env, name, filter)?;
            let (v, tol, bad) = (
                q.col(k, Role::Value),
                q.col(k, Role::Tolerance),
                q.col(k, Role::Unreadable),
            );
            let kc = q.col(kb, Role::Text);
            // Rows with a figure, or with text where a figure should be
            // (which makes the group undecided).
            let rows = keep
                .and(v.clone().is_not_null().or(bad.clone()))
                .and(kc.clone().is_not_null());
            let df = q.lazy().and_then(|lf| {
                lf.filter(rows)
                    .group_by([kc.alias("key")])
                    .agg([
                        v.clone().sum().alias("sum"),
                        tol.sum().alias("tol"),
                        col("__row").filter(v.is_not_null()).alias("rows"),
                        col("__i").filter(bad).first().alias("bad"),
                    ])
                    .collect()
            });
            let df = match df {
                Ok(df) => df,
                Err(e) => return Ok(Val::Null(computing(e))),
            };
            for (key, group) in read_groups(self.bound, at, k, &df) {
                match (groups.get_mut(&key), group) {
                    (Some(Ok(g)), Ok(q)) => {
                        g.v += q.v;
                        g.tol += q.tol;
                        g.cells.extend(&q.cells);
                    }
                    (Some(Err(_)), _) => {}
                    (_, group) => {
                        groups.insert(key, group);
                    }
                }
            }
        }
        Ok(Val::Groups(groups.into_iter().collect()))
    }
}

/// A query polars could not run: what uses it is undecided.
fn computing(e: PolarsError) -> Why {
    Why::Uncomputable(e.to_string())
}

/// One table's share of an aggregate, read back from polars.
struct Part {
    /// Values counted (non-blank).
    n: usize,
    /// Their sum and the sum of their tolerances (numeric columns).
    sum: Decimal,
    tol: Decimal,
    /// The first unreadable cell, the smallest and the largest figure.
    bad: Option<Val>,
    min: Option<Val>,
    max: Option<Val>,
    /// Distinct values (count_distinct), and the values themselves when
    /// they are to be merged with another table's.
    unique: usize,
    distinct: Vec<String>,
    dim: Dim,
    shown: Option<crate::amount::Unit>,
    cells: Cells,
}

impl Part {
    fn read(env: &Env, at: TableAt, k: usize, df: &DataFrame) -> Part {
        let t = env.bound.table(at);
        let i128_at = |c: &str| {
            df.column(c)
                .ok()
                .and_then(|c| c.i128().ok()?.get(0))
                .unwrap_or(0)
        };
        let index = |c: &str| df.column(c).ok().and_then(|c| c.u32().ok()?.get(0));
        let cell = |c: &str| index(c).map(|i| env.cell(at, i as usize, k));
        let rows = u32_list(df, "rows", 0);
        let numeric = t.columns[k].is_numeric();
        let distinct = df
            .column("distinct")
            .ok()
            .and_then(|c| c.list().ok()?.get_as_series(0))
            .map(|s| distinct_keys(&s))
            .unwrap_or_default();
        Part {
            n: df
                .column("n")
                .ok()
                .and_then(|c| c.u32().ok()?.get(0))
                .unwrap_or(0) as usize,
            sum: decimal(i128_at("sum")),
            tol: decimal(i128_at("tol")),
            bad: cell("bad"),
            min: cell("min"),
            max: cell("max"),
            unique: df
                .column("unique")
                .ok()
                .and_then(|c| c.u32().ok()?.get(0))
                .map_or(distinct.len(), |n| n as usize),
            distinct,
            dim: if numeric && t.unit_of(k).is_some() {
                Dim::Money
            } else {
                Dim::Plain
            },
            shown: if numeric { t.unit_of(k) } else { None },
            cells: Cells::column(at.0, env.bound.sheet(at).clone(), t.columns[k].col, rows),
        }
    }
}

/// Distinct keys of a column's values: normalised text, or figures as text.
fn distinct_keys(s: &Series) -> Vec<String> {
    if let Ok(text) = s.str() {
        return text.iter().flatten().map(str::to_string).collect();
    }
    s.i128()
        .map(|v| v.iter().flatten().map(|m| number_key(decimal(m))).collect())
        .unwrap_or_default()
}

/// The tables' shares of an aggregate, combined.
fn combine(agg: Agg, c: &ColRef, parts: Vec<Part>) -> Val {
    let mut cells = Cells::default();
    for p in &parts {
        cells.extend(&p.cells);
    }
    let n: usize = parts.iter().map(|p| p.n).sum();
    if !matches!(agg, Agg::Count | Agg::CountDistinct) {
        if let Some(bad) = parts.iter().find_map(|p| p.bad.clone()) {
            return match bad {
                Val::Null(why) => Val::Null(why),
                _ => Val::Null(Why::Unreadable(c.column.clone())),
            };
        }
    }
    let first = parts.iter().find(|p| p.n > 0);
    let (dim, shown) = first.map_or((Dim::Plain, None), |p| (p.dim, p.shown));
    let (sum, tol) = (
        parts.iter().map(|p| p.sum).sum::<Decimal>(),
        parts.iter().map(|p| p.tol).sum::<Decimal>(),
    );
    match agg {
        Agg::Count => Val::Num(Q::count(n, cells)),
        Agg::CountDistinct if parts.len() == 1 => Val::Num(Q::count(parts[0].unique, cells)),
        Agg::CountDistinct => {
            let keys: BTreeSet<&String> = parts.iter().flat_map(|p| &p.distinct).collect();
            Val::Num(Q::count(keys.len(), cells))
        }
        Agg::Sum => Val::Num(Q {
            v: sum,
            dim,
            tol,
            shown,
            cells,
        }),
        Agg::Mean if n == 0 => Val::Null(Why::NotFound(format!(
            "no figures in `{}` to average",
            c.column
        ))),
        Agg::Mean => {
            let n = Decimal::from(n);
            Val::Num(Q {
                v: sum / n,
                dim,
                tol: tol / n,
                shown,
                cells,
            })
        }
        Agg::Min | Agg::Max => extreme(agg, c, parts),
    }
}

/// The smallest (first of equals) or largest (last of equals) figure.
fn extreme(agg: Agg, c: &ColRef, parts: Vec<Part>) -> Val {
    let mut best: Option<Q> = None;
    for p in parts {
        let Some(Val::Num(q)) = (if agg == Agg::Min { p.min } else { p.max }) else {
            continue;
        };
        let better = best.as_ref().is_none_or(|b| {
            if agg == Agg::Min {
                q.v < b.v
            } else {
                q.v >= b.v
            }
        });
        if better {
            best = Some(q);
        }
    }
    match best {
        Some(q) => Val::Num(q),
        None => Val::Null(Why::NotFound(format!("no figures in `{}`", c.column))),
    }
}

/// Groups read back from polars: key, sum, tolerance and sheet rows.
fn read_groups(
    bound: &Bound,
    at: TableAt,
    k: usize,
    df: &DataFrame,
) -> Vec<(String, Result<Q, Why>)> {
    let t = bound.table(at);
    let (Ok(keys), Ok(sums), Ok(tols), Ok(bad)) = (
        df.column("key"),
        df.column("sum"),
        df.column("tol"),
        df.column("bad"),
    ) else {
        return Vec::new();
    };
    let (Ok(keys), Ok(sums), Ok(tols), Ok(bad)) = (keys.str(), sums.i128(), tols.i128(), bad.u32())
    else {
        return Vec::new();
    };
    let unit = t.unit_of(k);
    let group = |g: usize| -> Result<Q, Why> {
        if let Some(i) = bad.get(g) {
            return Err(Why::Unreadable(cell_name(bound, at, i as usize, k)));
        }
        let rows = u32_list(df, "rows", g);
        Ok(Q {
            v: decimal(sums.get(g).unwrap_or(0)),
            dim: if unit.is_some() {
                Dim::Money
            } else {
                Dim::Plain
            },
            tol: decimal(tols.get(g).unwrap_or(0)),
            shown: unit,
            cells: Cells::column(at.0, bound.sheet(at).clone(), t.columns[k].col, rows),
        })
    };
    (0..df.height())
        .filter_map(|g| Some((keys.get(g)?.to_string(), group(g))))
        .collect()
}

/// Row `i` of a list column of u32.
fn u32_list(df: &DataFrame, c: &str, i: usize) -> Arc<[u32]> {
    df.column(c)
        .ok()
        .and_then(|c| c.list().ok()?.get_as_series(i))
        .and_then(|s| s.u32().ok().map(|v| v.iter().flatten().collect()))
        .unwrap_or_else(|| Arc::from([]))
}

/// `a op b` within `tol`, on Int128 figures (see [`super::value::holds`]).
fn holds(op: CmpOp, a: Expr, b: Expr, tol: Expr) -> Expr {
    match op {
        CmpOp::Eq => (a.clone() - b.clone())
            .lt_eq(tol.clone())
            .and((b - a).lt_eq(tol)),
        CmpOp::Ne => (a.clone() - b.clone()).gt(tol.clone()).or((b - a).gt(tol)),
        CmpOp::Lt => a.lt(b),
        CmpOp::Le => a.lt_eq(b + tol),
        CmpOp::Gt => a.gt(b),
        CmpOp::Ge => (a + tol).gt_eq(b),
    }
}

/// `d` as an Int128 at [`SCALE`], if exact.
fn fixed(d: Decimal) -> Option<i128> {
    let scale = d.scale();
    if scale > SCALE {
        let d = d.normalize();
        return (d.scale() <= SCALE).then(|| d.mantissa() * 10i128.pow(SCALE - d.scale()));
    }
    d.mantissa().checked_mul(10i128.pow(SCALE - scale))
}

/// ½ of the last of `d` decimals, as an Int128 at [`SCALE`].
fn half(d: u8) -> i128 {
    match SCALE.checked_sub(u32::from(d) + 1) {
        Some(e) => 5 * 10i128.pow(e),
        None => 0,
    }
}

/// A whole number as an i128 (a unit's factor, ×100).
fn integer(d: Decimal) -> Option<i128> {
    let d = d.normalize();
    (d.scale() == 0).then(|| d.mantissa())
}

/// An Int128 at [`SCALE`] as a decimal, exactly (trailing zeros dropped
/// first, as a decimal holds 96 bits).
fn decimal(mut m: i128) -> Decimal {
    let mut scale = SCALE;
    while scale > 0 && m % 10 == 0 {
        m /= 10;
        scale -= 1;
    }
    while Decimal::try_from_i128_with_scale(m, scale).is_err() && scale > 0 {
        m /= 10;
        scale -= 1;
    }
    Decimal::try_from_i128_with_scale(m, scale).unwrap_or(Decimal::MAX)
}

/// Keys on either side of a tie-out, matched by a polars full join:
/// each key once, sorted, with its index on each side.
pub(super) fn full_join(
    a: &[&str],
    b: &[&str],
) -> PolarsResult<Vec<(String, Option<usize>, Option<usize>)>> {
    let side = |keys: &[&str], index: &str| {
        DataFrame::new(
            keys.len(),
            vec![
                StringChunked::from_iter_values("key".into(), keys.iter().copied()).into_column(),
                UInt32Chunked::from_iter_values(index.into(), 0..keys.len() as u32).into_column(),
            ],
        )
    };
    let joined = side(a, "ia")?
        .lazy()
        .join(
            side(b, "ib")?.lazy(),
            [col("key")],
            [col("key")],
            JoinArgs::new(JoinType::Full).with_coalesce(JoinCoalesce::CoalesceColumns),
        )
        .sort(["key"], Default::default())
        .collect()?;
    let (k, ia, ib) = (
        joined.column("key")?.str()?,
        joined.column("ia")?.u32()?,
        joined.column("ib")?.u32()?,
    );
    Ok((0..joined.height())
        .map(|i| {
            let key = k.get(i).unwrap_or("").to_string();
            (
                key,
                ia.get(i).map(|x| x as usize),
                ib.get(i).map(|x| x as usize),
            )
        })
        .collect())
}
