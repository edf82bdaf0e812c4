//! Values of rule expressions and their exact arithmetic.
//!
//! Amounts are exact decimals: money in 元 (converted exactly from 万元 and
//! 亿元), percentages in percentage points, counts plain. Every value carries
//! its rounding tolerance (½ of the last shown decimal of each figure it is
//! made of), so `==` allows exactly what rounding explains unless the rule
//! sets its own tolerance. Every value also carries the cells it came from,
//! so a failure names them.

use crate::message::Message;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::expr::{ArithOp, CmpOp};
use super::{Quantity, Rule};
use crate::amount::half_unit as half;
use crate::amount::Unit;

/// A cell a value came from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Loc {
    /// Index of the file.
    pub file: usize,
    /// The sheet (empty for a position in a text: then row and col are its
    /// line and column).
    pub sheet: Arc<str>,
    /// Zero-based row.
    pub row: usize,
    /// Zero-based column.
    pub col: usize,
}

/// The cells a value came from: single cells, and runs of one column read
/// at once (kept as sheet rows, so a sum over a ledger does not make a
/// location per row unless a finding names them).
#[derive(Debug, Clone, Default)]
pub(super) struct Cells(Vec<Part>);

#[derive(Debug, Clone)]
enum Part {
    One(Loc),
    Column {
        file: usize,
        sheet: Arc<str>,
        col: usize,
        rows: Arc<[u32]>,
    },
}

impl Cells {
    /// One cell.
    pub fn one(loc: Loc) -> Cells {
        Cells(vec![Part::One(loc)])
    }

    /// Sheet rows `rows` of column `col`.
    pub fn column(file: usize, sheet: Arc<str>, col: usize, rows: Arc<[u32]>) -> Cells {
        Cells(vec![Part::Column {
            file,
            sheet,
            col,
            rows,
        }])
    }

    /// How many cells.
    pub fn len(&self) -> usize {
        self.0
            .iter()
            .map(|p| match p {
                Part::One(_) => 1,
                Part::Column { rows, .. } => rows.len(),
            })
            .sum()
    }

    /// No cells.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds `other`'s cells.
    pub fn extend(&mut self, other: &Cells) {
        self.0.extend(other.0.iter().cloned());
    }

    /// Every cell, in order.
    pub fn iter(&self) -> impl Iterator<Item = Loc> + '_ {
        self.0
            .iter()
            .flat_map(|p| -> Box<dyn Iterator<Item = Loc> + '_> {
                match p {
                    Part::One(l) => Box::new(std::iter::once(l.clone())),
                    Part::Column {
                        file,
                        sheet,
                        col,
                        rows,
                    } => Box::new(rows.iter().map(move |&row| Loc {
                        file: *file,
                        sheet: sheet.clone(),
                        row: row as usize,
                        col: *col,
                    })),
                }
            })
    }

    /// The first cell.
    pub fn first(&self) -> Option<Loc> {
        self.iter().next()
    }
}

/// What a number measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dim {
    /// Money, in 元.
    Money,
    /// A percentage, in percentage points.
    Percent,
    /// A count or a plain number.
    Plain,
}

impl Dim {
    /// The dimension in words, for messages.
    pub(super) fn name(self) -> Message {
        Message::new(match self {
            Dim::Money => "rf-dim-money",
            Dim::Percent => "rf-dim-percent",
            Dim::Plain => "rf-dim-plain",
        })
    }
}

/// A number with its tolerance, dimension and cells.
#[derive(Debug, Clone)]
pub(super) struct Q {
    pub v: Decimal,
    pub dim: Dim,
    pub tol: Decimal,
    /// The unit the figure was shown in (for messages).
    pub shown: Option<Unit>,
    pub cells: Cells,
}

impl Q {
    /// A figure shown with `decimals` decimals, in `unit` (money) or as a
    /// percentage or plain number; `exact` figures (counts) have no rounding.
    pub(super) fn figure(
        value: Decimal,
        decimals: u8,
        unit: Option<Unit>,
        percent: bool,
        exact: bool,
        cells: Cells,
    ) -> Q {
        let tol = if exact { Decimal::ZERO } else { half(decimals) };
        match (percent, unit) {
            (true, _) => Q {
                v: value,
                dim: Dim::Percent,
                tol,
                shown: None,
                cells,
            },
            (false, Some(u)) => Q {
                v: value * u.factor(),
                dim: Dim::Money,
                tol: tol * u.factor(),
                shown: Some(u),
                cells,
            },
            (false, None) => Q {
                v: value,
                dim: Dim::Plain,
                tol,
                shown: None,
                cells,
            },
        }
    }

    /// A plain count, exact.
    pub(super) fn count(n: usize, cells: Cells) -> Q {
        Q {
            v: Decimal::from(n),
            dim: Dim::Plain,
            tol: Decimal::ZERO,
            shown: None,
            cells,
        }
    }
}

/// Why a value is missing: the reason an item is undecided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// A blank cell.
    Blank(String),
    /// A cell whose text is not a number.
    Unreadable(String),
    /// A division by zero.
    DivisionByZero,
    /// No table, row, sheet or phrase to read a value from.
    NotFound(String),
    /// A query that could not be run, with polars' reason.
    Uncomputable(String),
}

impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Why::Blank(c) => write!(f, "blank cell {c}"),
            Why::Unreadable(c) => write!(f, "unreadable cell {c}"),
            Why::DivisionByZero => f.write_str("division by zero"),
            Why::NotFound(what) => f.write_str(what),
            Why::Uncomputable(e) => write!(f, "could not be computed: {e}"),
        }
    }
}

/// A value of an expression.
#[derive(Debug, Clone)]
pub(super) enum Val {
    Num(Q),
    Text(String),
    Bool(bool),
    /// Sums by key; a key with an unreadable figure is undecided.
    Groups(Vec<(String, Result<Q, Why>)>),
    /// Missing: whatever uses it is undecided.
    Null(Why),
}

/// A three-valued truth: `Err` says why it is undecided.
pub(super) type Truth = Result<bool, Why>;

/// Brings a plain number and money, or a ratio and a percentage, to the
/// same footing: a plain number beside money is money in the rule's unit
/// (else the money's own unit); a ratio beside a percentage is ×100.
pub(super) fn align(rule: &Rule, a: Q, b: Q) -> (Q, Q) {
    let lift = |mut x: Q, y: &Q| -> Q {
        if x.dim == Dim::Plain && (x.cells.is_empty() || rule.unit.is_some()) && y.dim == Dim::Money
        {
            let u = rule.unit.or(y.shown).unwrap_or(Unit::Yuan);
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
    let a2 = lift(a, &b);
    let b2 = lift(b, &a2);
    (a2, b2)
}

/// The tolerance of a comparison: the rule's own, converted, else the
/// rounding of both sides.
pub(super) fn tolerance(rule: &Rule, a: &Q, b: &Q) -> Decimal {
    match rule.tolerance {
        Some(Quantity {
            value,
            unit,
            percent,
        }) => {
            if !percent && a.dim == Dim::Money {
                value
                    * unit
                        .or(rule.unit)
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

/// Whether `a op b` holds within `tol`.
pub(super) fn holds(op: CmpOp, a: Decimal, b: Decimal, tol: Decimal) -> bool {
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

/// A mistake in how a rule combines values, seen against the data.
pub(super) type TypeError = Message;

/// Compares two numbers; an error names the dimensions that differ.
pub(super) fn compare_numbers(rule: &Rule, op: CmpOp, x: &Q, y: &Q) -> Result<bool, TypeError> {
    let (x, y) = align(rule, x.clone(), y.clone());
    if x.dim != y.dim {
        return Err(Message::new("rf-cannot-compare")
            .message("left", x.dim.name())
            .message("right", y.dim.name()));
    }
    Ok(holds(op, x.v, y.v, tolerance(rule, &x, &y)))
}

/// Compares two texts: equal when equal after normalising; ordered only
/// when both are ISO dates (`日期 between "2024-01-01" and "2024-12-31"`).
pub(super) fn compare_texts(op: CmpOp, x: &str, y: &str) -> Result<bool, TypeError> {
    let eq = crate::table::labels::normalize(x) == crate::table::labels::normalize(y);
    match op {
        CmpOp::Eq => Ok(eq),
        CmpOp::Ne => Ok(!eq),
        _ if is_iso_date(x) && is_iso_date(y) => {
            let (x, y) = (&x.trim()[..10], &y.trim()[..10]);
            Ok(match op {
                CmpOp::Lt => x < y,
                CmpOp::Le => x <= y,
                CmpOp::Gt => x > y,
                _ => x >= y,
            })
        }
        _ => Err(Message::new("rf-help-text-equality")),
    }
}

/// `2024-03-15` (optionally followed by a time); `2024/3/15` is not
/// accepted: dates in rules are written ISO-style.
pub(super) fn is_iso_date(s: &str) -> bool {
    let b = s.trim().as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
}

/// `a op b` on two numbers; `Ok(None)` for a division by zero.
pub(super) fn arith(rule: &Rule, op: ArithOp, a: Q, b: Q) -> Result<Option<Q>, TypeError> {
    let mut cells = a.cells.clone();
    cells.extend(&b.cells);
    let (a, b) = align(rule, a, b);
    let shown = a.shown.or(b.shown);
    Ok(Some(match op {
        ArithOp::Add | ArithOp::Sub => {
            if a.dim != b.dim {
                return Err(Message::new("rf-cannot-add"));
            }
            let v = if op == ArithOp::Add {
                a.v + b.v
            } else {
                a.v - b.v
            };
            Q {
                v,
                dim: a.dim,
                tol: a.tol + b.tol,
                shown,
                cells,
            }
        }
        ArithOp::Mul => Q {
            v: a.v * b.v,
            dim: if a.dim == Dim::Plain { b.dim } else { a.dim },
            tol: a.v.abs() * b.tol + b.v.abs() * a.tol,
            shown,
            cells,
        },
        ArithOp::Div => {
            if b.v.is_zero() {
                return Ok(None);
            }
            let tol = a.tol / b.v.abs() + a.v.abs() * b.tol / (b.v * b.v);
            let dim = if a.dim == b.dim { Dim::Plain } else { a.dim };
            Q {
                v: a.v / b.v,
                dim,
                tol,
                shown: if dim == Dim::Money { a.shown } else { None },
                cells,
            }
        }
    }))
}

/// A value shown in the unit it should be read in, and that unit.
pub(super) fn show(rule: &Rule, q: &Q) -> (String, Option<String>) {
    match q.dim {
        Dim::Money => {
            let u = rule.unit.or(q.shown).unwrap_or(Unit::Yuan);
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

/// `v`, an amount of the same kind as `q`, in the unit `q` is shown in.
pub(super) fn in_unit(rule: &Rule, q: &Q, v: Decimal) -> Decimal {
    match q.dim {
        Dim::Money => (v / rule.unit.or(q.shown).unwrap_or(Unit::Yuan).factor())
            .round_dp(6)
            .normalize(),
        _ => v.round_dp(6).normalize(),
    }
}
