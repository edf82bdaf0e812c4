//! Evaluating an expression to a value: once for a rule's whole tables, or
//! for one row of a row-wise rule (a `where` filter polars cannot run is
//! such a rule too). Aggregates and grouped columns are handed to
//! [`super::frames`]; their values are computed once per rule.

use crate::message::Message;
use std::cell::RefCell;
use std::collections::HashMap;

use rust_decimal::Decimal;

use super::bind::{Bound, TableAt};
use super::compile::{unknown_column, Compiled};
use super::expr::{CmpOp, ColRef, Expr, ExprKind};
use super::frames::Frames;
use super::value::{arith, compare_numbers, compare_texts, Cells, Loc, Truth, Val, Why, Q};
use super::RuleError;
use crate::table::labels::{normalize, strip_outline};
use crate::table::{Amount, RowKind};

/// A rule mistake seen against the data.
pub(super) type R<T> = Result<T, RuleError>;

/// A data row of a bound table.
#[derive(Debug, Clone, Copy)]
pub(super) struct RowAt {
    /// The table.
    pub at: TableAt,
    /// The data row.
    pub i: usize,
}

/// What a rule is confronted with: the run's tables, its compiled plan,
/// and the frames of the tables.
pub(super) struct Env<'a> {
    pub bound: &'a Bound<'a>,
    pub plan: &'a Compiled<'a>,
    pub frames: &'a Frames<'a>,
    /// Values that do not depend on the row, computed once.
    memo: RefCell<HashMap<usize, Val>>,
}

impl<'a> Env<'a> {
    /// An environment for one rule.
    pub fn new(bound: &'a Bound<'a>, plan: &'a Compiled<'a>, frames: &'a Frames<'a>) -> Env<'a> {
        Env {
            bound,
            plan,
            frames,
            memo: RefCell::new(HashMap::new()),
        }
    }

    /// The rule.
    pub fn rule(&self) -> &'a super::Rule {
        self.plan.rule
    }

    /// The value of `e`, for `row` if given.
    pub fn eval(&self, e: &Expr, row: Option<RowAt>) -> R<Val> {
        Ok(match &e.kind {
            ExprKind::Number {
                value,
                decimals,
                unit,
                percent,
            } => {
                let exact = !percent && unit.is_none() && *decimals == 0;
                Val::Num(Q::figure(
                    *value,
                    *decimals,
                    *unit,
                    *percent,
                    exact,
                    Cells::default(),
                ))
            }
            ExprKind::Text(s) => Val::Text(s.clone()),
            ExprKind::TextFigure(phrase) => self.text_figure(phrase),
            ExprKind::Column { col, by: None } => self.row_column(e, col, row)?,
            ExprKind::Lookup { .. } | ExprKind::Cell { .. } => {
                self.once(e, |env| env.cell_of(e))?
            }
            ExprKind::Column { col, by: Some(by) } => {
                self.once(e, |env| env.frames.grouped(env, col, by, None))?
            }
            ExprKind::Aggregate {
                agg,
                col,
                filter,
                by,
            } => self.once(e, |env| {
                env.frames
                    .aggregate(env, *agg, col, filter.as_deref(), by.as_ref())
            })?,
            ExprKind::RowCheck { .. } => {
                return Err(self.type_error(e, Message::new("rf-row-check-alone")))
            }
            _ => self.combine(e, row)?,
        })
    }

    /// Operators: arithmetic, comparisons and logic.
    fn combine(&self, e: &Expr, row: Option<RowAt>) -> R<Val> {
        let truth = |t: Truth| t.map_or_else(Val::Null, Val::Bool);
        Ok(match &e.kind {
            ExprKind::Neg(a) => match self.eval(a, row)? {
                Val::Num(mut q) => {
                    q.v = -q.v;
                    Val::Num(q)
                }
                Val::Null(why) => Val::Null(why),
                _ => return Err(self.type_error(e, Message::new("rf-negate-numbers"))),
            },
            ExprKind::Arith(op, a, b) => match (self.eval(a, row)?, self.eval(b, row)?) {
                (Val::Num(x), Val::Num(y)) => match arith(self.rule(), *op, x, y) {
                    Ok(Some(q)) => Val::Num(q),
                    Ok(None) => Val::Null(Why::DivisionByZero),
                    Err(msg) => return Err(self.type_error(e, msg)),
                },
                (Val::Null(why), _) | (_, Val::Null(why)) => Val::Null(why),
                _ => return Err(self.type_error(e, Message::new("rf-arith-numbers"))),
            },
            ExprKind::Cmp(op, a, b) => {
                let (va, vb) = (self.eval(a, row)?, self.eval(b, row)?);
                truth(self.compare(e, *op, &va, &vb)?)
            }
            ExprKind::Between(x, lo, hi) => {
                let (vx, vlo, vhi) = (self.eval(x, row)?, self.eval(lo, row)?, self.eval(hi, row)?);
                let above = self.compare(e, CmpOp::Ge, &vx, &vlo)?;
                let below = self.compare(e, CmpOp::Le, &vx, &vhi)?;
                truth(above.and_then(|a| below.map(|b| a && b)))
            }
            ExprKind::And(a, b) => truth(match (self.truth(a, row)?, self.truth(b, row)?) {
                (Ok(false), _) | (_, Ok(false)) => Ok(false),
                (Ok(true), Ok(true)) => Ok(true),
                (Err(why), _) | (_, Err(why)) => Err(why),
            }),
            ExprKind::Or(a, b) => truth(match (self.truth(a, row)?, self.truth(b, row)?) {
                (Ok(true), _) | (_, Ok(true)) => Ok(true),
                (Ok(false), Ok(false)) => Ok(false),
                (Err(why), _) | (_, Err(why)) => Err(why),
            }),
            ExprKind::Not(a) => truth(self.truth(a, row)?.map(|b| !b)),
            ExprKind::If(c, a, b) => match self.truth(c, row)? {
                Ok(true) => self.eval(a, row)?,
                Ok(false) => match b {
                    Some(b) => self.eval(b, row)?,
                    None => Val::Bool(true),
                },
                Err(why) => Val::Null(why),
            },
            _ => unreachable!("values are evaluated by `eval`"),
        })
    }

    /// A row-independent value, computed once per rule.
    fn once(&self, e: &Expr, f: impl FnOnce(&Self) -> R<Val>) -> R<Val> {
        let key = e as *const Expr as usize;
        if let Some(v) = self.memo.borrow().get(&key) {
            return Ok(v.clone());
        }
        let v = f(self)?;
        self.memo.borrow_mut().insert(key, v.clone());
        Ok(v)
    }

    /// The truth of a condition.
    pub fn truth(&self, e: &Expr, row: Option<RowAt>) -> R<Truth> {
        match self.eval(e, row)? {
            Val::Bool(b) => Ok(Ok(b)),
            Val::Null(why) => Ok(Err(why)),
            _ => Err(self.type_error(e, Message::new("rf-condition-not-value"))),
        }
    }

    /// `a op b`; undecided when either is missing.
    pub fn compare(&self, e: &Expr, op: CmpOp, a: &Val, b: &Val) -> R<Truth> {
        match (a, b) {
            (Val::Null(why), _) | (_, Val::Null(why)) => Ok(Err(why.clone())),
            (Val::Num(x), Val::Num(y)) => compare_numbers(self.rule(), op, x, y)
                .map(Ok)
                .map_err(|msg| self.type_error(e, msg)),
            (Val::Text(x), Val::Text(y)) => compare_texts(op, x, y)
                .map(Ok)
                .map_err(|msg| self.type_error(e, msg)),
            (Val::Text(..), Val::Num(_)) | (Val::Num(_), Val::Text(..)) => {
                Err(self.type_error(e, Message::new("rf-text-vs-amount")))
            }
            _ => Err(self.type_error(e, Message::new("rf-cannot-be-compared"))),
        }
    }

    /// A mistake in the rule at `e`.
    pub fn type_error(&self, e: &Expr, msg: Message) -> RuleError {
        self.rule().error(&e.span, msg, super::here(), None)
    }

    fn row_column(&self, e: &Expr, col: &ColRef, row: Option<RowAt>) -> R<Val> {
        let Some(row) = row else {
            return Err(self.rule().error(
                &e.span,
                Message::new("rf-column-needs-aggregate"),
                Message::new("rf-label-whole-column"),
                Some(Message::new("rf-help-aggregate").text("column", col.column.clone())),
            ));
        };
        match self.plan.column(col, row.at) {
            Some(k) => Ok(self.cell(row.at, row.i, k)),
            None => Err(unknown_column(self.rule(), self.bound, col, row.at)),
        }
    }

    /// The cell of a bound table: data row `i`, column `k`.
    pub fn cell(&self, at: TableAt, i: usize, k: usize) -> Val {
        let t = self.bound.table(at);
        let loc = Loc {
            file: at.0,
            sheet: self.bound.sheet(at).clone(),
            row: t.rows[i].row,
            col: t.columns[k].col,
        };
        let name = || cell_name(self.bound, at, i, k);
        if !t.columns[k].is_numeric() {
            let text = self.bound.files[at.0]
                .sheets
                .iter()
                .find(|s| s.name == t.sheet)
                .and_then(|sheet| t.text(sheet, i, k));
            return match text {
                Some(s) if !s.is_empty() => Val::Text(s),
                _ => Val::Null(Why::Blank(name())),
            };
        }
        match t.amount(i, k) {
            Amount::Value(v, d) => Val::Num(Q::figure(
                v,
                d,
                t.unit_of(k),
                false,
                t.columns[k].exact,
                Cells::one(loc),
            )),
            // A nil mark (—) is zero, exactly.
            Amount::Nil => Val::Num(Q::figure(
                Decimal::ZERO,
                0,
                t.unit_of(k),
                false,
                true,
                Cells::one(loc),
            )),
            // A blank the rule file reads as 0 (`blank = "zero"`).
            Amount::Blank if self.bound.blank_is_zero(at) => Val::Num(Q::figure(
                Decimal::ZERO,
                0,
                t.unit_of(k),
                false,
                true,
                Cells::one(loc),
            )),
            Amount::Blank => Val::Null(Why::Blank(name())),
            Amount::Unreadable => Val::Null(Why::Unreadable(name())),
        }
    }

    /// `表["合计"].列` or `'sheet'!A1`.
    fn cell_of(&self, e: &Expr) -> R<Val> {
        match &e.kind {
            ExprKind::Lookup {
                table,
                label,
                column,
                column_span,
            } => {
                let col = ColRef {
                    table: Some(table.clone()),
                    column: column.clone(),
                    column_span: column_span.clone(),
                };
                self.lookup(&table.0, label, &col)
            }
            ExprKind::Cell { sheet, at } => Ok(self.sheet_cell(sheet, *at)),
            _ => unreachable!("only lookups and cells"),
        }
    }

    fn lookup(&self, name: &str, label: &str, col: &ColRef) -> R<Val> {
        // `表["一般公共预算资金|一般公共预算拨款收入"]`: the first label a row
        // has (templates name one line differently).
        if label.contains('|') {
            let mut last = None;
            for one in label.split('|').map(str::trim).filter(|l| !l.is_empty()) {
                match self.lookup(name, one, col)? {
                    Val::Null(Why::NotFound(w)) => last = Some(w),
                    v => return Ok(v),
                }
            }
            return Ok(Val::Null(Why::NotFound(last.unwrap_or_else(|| {
                format!("no row labelled \"{label}\" in `{name}`")
            }))));
        }
        let want = normalize(label);
        for &at in self.bound.matches(name) {
            let t = self.bound.table(at);
            // A label can only normalise to `want` if it has each of its
            // characters that normalising leaves as they are (all but ASCII).
            let may = |l: &str| want.chars().all(|c| c.is_ascii() || l.contains(c));
            let found = t.rows.iter().position(|r| {
                if !may(&r.label) && r.code.as_deref() != Some(label) {
                    return false;
                }
                let l = normalize(&r.label);
                l == want || strip_outline(&l) == want || r.code.as_deref() == Some(label)
            });
            if let Some(i) = found {
                return match super::bind::find_column(t, &col.column) {
                    Some(k) => Ok(self.cell(at, i, k)),
                    None => Err(unknown_column(self.rule(), self.bound, col, at)),
                };
            }
        }
        Ok(Val::Null(Why::NotFound(format!(
            "no row labelled \"{label}\" in `{name}`"
        ))))
    }

    fn sheet_cell(&self, sheet: &str, at: (usize, usize)) -> Val {
        for (f, file) in self.bound.files.iter().enumerate() {
            for (ti, tab) in file.tables.iter().enumerate() {
                if tab.sheet != sheet {
                    continue;
                }
                if let (Some(i), Some(k)) = (tab.row_index(at.0), tab.column_index(at.1)) {
                    return self.cell((f, ti), i, k);
                }
            }
            let Some(s) = file.sheets.iter().find(|s| s.name == sheet) else {
                continue;
            };
            let cell = s.cell(at.0, at.1);
            let loc = Loc {
                file: f,
                sheet: sheet.into(),
                row: at.0,
                col: at.1,
            };
            return match (cell.number, cell.text()) {
                (Some(n), _) => Val::Num(Q::figure(
                    n.value,
                    cell.shown_decimals().unwrap_or(0),
                    None,
                    false,
                    false,
                    Cells::one(loc),
                )),
                (None, Some(t)) => Val::Text(t.to_string()),
                _ => Val::Null(Why::Blank(format!(
                    "{sheet}!{}",
                    crate::workbook::a1(at.0, at.1)
                ))),
            };
        }
        Val::Null(Why::NotFound(format!("no sheet `{sheet}`")))
    }

    /// `text("…")`: the figure after a phrase in a report of the run.
    fn text_figure(&self, phrase: &str) -> Val {
        use crate::text::claims::{figure_after, position, Kind};
        for (fi, file) in self.bound.files.iter().enumerate() {
            for doc in &file.docs {
                let Some(fig) = figure_after(doc, phrase) else {
                    continue;
                };
                let (line, column) = position(doc, &fig);
                // A text location: no sheet; row and col are line and column.
                let loc = Loc {
                    file: fi,
                    sheet: "".into(),
                    row: line,
                    col: column,
                };
                let (unit, percent) = match fig.kind {
                    Kind::Money(u) => (Some(u), false),
                    Kind::Percent => (None, true),
                    _ => (None, false),
                };
                let exact = !percent && unit.is_none() && fig.decimals == 0;
                let q = Q::figure(
                    fig.value,
                    fig.decimals,
                    unit,
                    percent,
                    exact,
                    Cells::one(loc),
                );
                return Val::Num(q);
            }
        }
        Val::Null(Why::NotFound(format!(
            "no figure after \"{phrase}\" in a text"
        )))
    }

    /// The data rows a row-wise rule runs over: every row but totals.
    pub fn rows_of(&self, name: &'a str) -> impl Iterator<Item = RowAt> + 'a {
        let bound = self.bound;
        bound.matches(name).iter().flat_map(move |&at| {
            let t = bound.table(at);
            (0..t.rows.len())
                .filter(move |&i| !matches!(t.rows[i].kind, RowKind::Total(_)))
                .map(move |i| RowAt { at, i })
        })
    }

    /// The top-level item rows of a table (a parent stands for its
    /// children): what aggregates and row checks run over.
    pub fn items_of(&self, name: &'a str) -> impl Iterator<Item = RowAt> + 'a {
        let bound = self.bound;
        bound.matches(name).iter().flat_map(move |&at| {
            let t = bound.table(at);
            (0..t.rows.len())
                .filter(move |&i| t.rows[i].kind == RowKind::Item && t.rows[i].parent.is_none())
                .map(move |i| RowAt { at, i })
        })
    }
}

/// A cell of a bound table as a reason names it: `Sheet!D5`.
pub(super) fn cell_name(bound: &Bound, at: TableAt, i: usize, k: usize) -> String {
    let t = bound.table(at);
    format!("{}!{}", t.sheet, t.a1(i, k))
}

/// A number's key for grouping and distinct counts.
pub(super) fn number_key(v: Decimal) -> String {
    v.normalize().to_string()
}
