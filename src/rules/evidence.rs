//! What a failed item shows: the stated and computed figures, their
//! difference and tolerance, the cells, and the message. [`finding`] is the
//! one place a rule's [`Finding`] is built.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::bind::{Bound, TableAt};
use super::expr::Expr;
use super::value::{in_unit, Cells, Dim, Loc, Q};
use super::Rule;
use crate::amount::Unit;
use crate::finding::{Evidence as FindingEvidence, FigureUnit, Finding, Location, Message, RuleId};
use crate::workbook::a1;

/// The evidence of a failed item.
#[derive(Debug, Clone)]
pub(super) struct Evidence {
    /// What is wrong.
    pub message: Message,
    /// The figure as stated (a single cell, else a constant, else the
    /// right side).
    pub stated: Option<Q>,
    /// The figure as computed.
    pub computed: Option<Q>,
    /// The tolerance the comparison allowed.
    pub tolerance: Option<Decimal>,
    /// The row or group the item is about.
    pub label: Option<String>,
    /// For an item that is one row: its figures as shown.
    pub row: Option<RowFigures>,
}

/// A row's figures: the first cell the rule names (text or figure), and
/// the other cells, if not the default.
#[derive(Debug, Clone)]
pub(super) struct RowFigures {
    /// The first cell's value.
    pub value: Option<Shown>,
    /// The other cells the rule reads, in A1 form.
    pub inputs: Option<Vec<String>>,
}

/// A cell's value in a row's evidence.
#[derive(Debug, Clone)]
pub(super) enum Shown {
    /// A figure.
    Figure(Q),
    /// Text, as shown (or a figure as it was matched).
    Text(String),
}

impl Evidence {
    /// Evidence with a message and figures.
    pub fn new(message: Message, stated: Option<Q>, computed: Option<Q>) -> Evidence {
        Evidence {
            message,
            stated,
            computed,
            tolerance: None,
            label: None,
            row: None,
        }
    }
}

/// The text of `e` in the rule file.
pub(super) fn src<'r>(rule: &'r Rule, e: &Expr) -> &'r str {
    rule.source.text.get(rule.file_span(&e.span)).unwrap_or("")
}

/// The finding of a failed item, and the index of the file it belongs to.
pub(super) fn finding(rule: &Rule, bound: &Bound, ev: Evidence) -> (usize, Finding) {
    let stated = ev.stated.as_ref();
    let computed = ev.computed.as_ref();
    let home: Option<Loc> = stated
        .filter(|q| q.cells.len() == 1)
        .and_then(|q| q.cells.first())
        .filter(|l| !l.sheet.is_empty());
    let mut inputs = computed.map(|q| q.cells.clone()).unwrap_or_default();
    if let (None, Some(s)) = (&home, stated) {
        inputs.extend(&s.cells);
    }
    let anchor = home.clone().or_else(|| inputs.first());
    let location = match (&anchor, &home) {
        (Some(l), Some(h)) => Location::Cell {
            sheet: l.sheet.to_string(),
            a1: a1(h.row, h.col),
        },
        (Some(l), None) => Location::Sheet {
            sheet: l.sheet.to_string(),
        },
        _ => Location::File,
    };
    let text = |t: String| Message::new("rule-text").text("text", t);
    let mut f = Finding::new(RuleId::rule(&rule.id), rule.severity, location, ev.message);
    f.evidence = stated.map(|s| FindingEvidence {
        stated: figure(rule, s).0,
        computed: computed.map(|c| figure(rule, c).0),
        difference: computed.map(|c| in_unit(rule, s, s.v - c.v)),
        tolerance: ev.tolerance.map(|t| in_unit(rule, s, t)),
        unit: figure(rule, s).1,
    });
    f.inputs = ranges(bound, &inputs, anchor.as_ref());
    f.help = rule.description.clone().map(text);
    f.label = ev.label;
    if let Some(row) = ev.row {
        f.evidence = None;
        match row.value {
            Some(Shown::Figure(q)) => {
                f.evidence = Some(FindingEvidence {
                    stated: figure(rule, &q).0,
                    computed: None,
                    difference: None,
                    tolerance: None,
                    unit: None,
                })
            }
            Some(Shown::Text(s)) => f.stated_text = Some(s),
            None => {}
        }
        if let Some(inputs) = row.inputs {
            f.inputs = inputs;
        }
    }
    (anchor.map_or(0, |l| l.file), f)
}

/// A figure in the unit it should be read in, with that unit.
fn figure(rule: &Rule, q: &Q) -> (Decimal, Option<FigureUnit>) {
    match q.dim {
        Dim::Money => {
            let u = rule.unit.or(q.shown).unwrap_or(Unit::Yuan);
            ((q.v / u.factor()).round_dp(6).normalize(), Some(u.into()))
        }
        Dim::Percent => (q.v.round_dp(4).normalize(), Some(FigureUnit::Percent)),
        Dim::Plain => (q.v.round_dp(6).normalize(), None),
    }
}

/// A1 ranges of cells, prefixed with the sheet (and file) when they are
/// not the finding's own.
pub(super) fn ranges(bound: &Bound, cells: &Cells, home: Option<&Loc>) -> Vec<String> {
    let file_name = |file: usize| {
        bound.files[file]
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let mut by: BTreeMap<(usize, std::sync::Arc<str>, usize), Vec<usize>> = BTreeMap::new();
    let mut out = Vec::new();
    for c in cells.iter() {
        if c.sheet.is_empty() {
            out.push(format!("{}:{}:{}", file_name(c.file), c.row, c.col));
        } else {
            by.entry((c.file, c.sheet, c.col)).or_default().push(c.row);
        }
    }
    for ((file, sheet, col), mut rows) in by {
        rows.sort_unstable();
        rows.dedup();
        let prefix = match home {
            Some(h) if h.file == file && h.sheet == sheet => String::new(),
            Some(h) if h.file == file => format!("'{sheet}'!"),
            _ => format!("[{}]'{sheet}'!", file_name(file)),
        };
        for r in crate::workbook::compress_rows(&rows, col) {
            out.push(format!("{prefix}{r}"));
        }
    }
    out
}

/// A failed comparison of two figures, `a` (value `x`) and `b` (`y`),
/// aligned; the stated side is a single cell, else a constant, else `b`.
pub(super) fn compared(rule: &Rule, a: &Expr, b: &Expr, x: Q, y: Q, tol: Decimal) -> Evidence {
    let single = |q: &Q| q.cells.len() == 1;
    let a_stated = single(&x) && !single(&y) || y.cells.len() > 1 && x.cells.is_empty();
    let (stated, computed, s_src, c_src) = if a_stated {
        (x, y, src(rule, a), src(rule, b))
    } else {
        (y, x, src(rule, b), src(rule, a))
    };
    let (sv, unit) = figure(rule, &stated);
    let (cv, _) = figure(rule, &computed);
    let head = if computed.cells.is_empty() {
        expects(s_src, sv, cv, unit)
    } else if stated.cells.is_empty() {
        expects(c_src, cv, sv, unit)
    } else {
        Message::new("rule-two-sides")
            .text("first", c_src)
            .amount("first_value", cv, unit)
            .text("second", s_src)
            .amount("second_value", sv, unit)
    };
    let message = Message::new("rule-compared")
        .text("id", rule.id.as_str())
        .message("head", head)
        .amount(
            "difference",
            in_unit(rule, &stated, stated.v - computed.v),
            unit,
        )
        .amount("tolerance", in_unit(rule, &stated, tol), unit);
    let mut ev = Evidence::new(message, Some(stated), Some(computed));
    ev.tolerance = Some(tol);
    ev
}

/// `{expr} is {value}, but the rule expects {expected}`.
fn expects(expr: &str, value: Decimal, expected: Decimal, unit: Option<FigureUnit>) -> Message {
    Message::new("rule-expects")
        .text("expr", expr)
        .amount("value", value, unit)
        .amount("expected", expected, unit)
}

/// A condition that does not hold; with the rule's id in front or not.
pub(super) fn not_holding(rule: &Rule, e: &Expr, with_id: bool) -> Evidence {
    let message = if with_id {
        Message::new("rule-does-not-hold").text("id", rule.id.as_str())
    } else {
        Message::new("rule-condition-fails")
    };
    Evidence::new(message.text("expr", src(rule, e)), None, None)
}

/// A group whose figures differ on the two sides of a tie-out.
pub(super) fn group_differs(
    rule: &Rule,
    key: &str,
    sides: (&Expr, &Expr),
    qa: Q,
    qb: Q,
    tol: Decimal,
) -> Evidence {
    let (sv, unit) = figure(rule, &qb);
    let (cv, _) = figure(rule, &qa);
    let head = Message::new("rule-two-sides")
        .text("first", src(rule, sides.0))
        .amount("first_value", cv, unit)
        .text("second", src(rule, sides.1))
        .amount("second_value", sv, unit);
    let message = Message::new("rule-group-differs")
        .text("id", rule.id.as_str())
        .text("key", key)
        .message("head", head)
        .amount("difference", in_unit(rule, &qb, qb.v - qa.v), unit)
        .amount("tolerance", in_unit(rule, &qb, tol), unit);
    let mut ev = Evidence::new(message, Some(qb), Some(qa));
    ev.tolerance = Some(tol);
    ev.label = Some(key.to_string());
    ev
}

/// A group on one side of a tie-out only: `q` is in `here`, not `there`;
/// `stated` when `here` is the right side.
pub(super) fn group_missing(
    rule: &Rule,
    key: &str,
    here: &Expr,
    there: &Expr,
    q: Q,
    stated: bool,
) -> Evidence {
    let message = Message::new("rule-group-missing")
        .text("id", rule.id.as_str())
        .text("key", key)
        .text("here", src(rule, here))
        .text("there", src(rule, there));
    let mut ev = if stated {
        Evidence::new(message, Some(q), None)
    } else {
        Evidence::new(message, None, Some(q))
    };
    ev.label = Some(key.to_string());
    ev
}

/// A cell of a row as a stated figure, for a row's evidence.
pub(super) fn row_cell(bound: &Bound, at: TableAt, i: usize, k: usize) -> Q {
    let t = bound.table(at);
    Q::count(
        0,
        Cells::one(Loc {
            file: at.0,
            sheet: bound.sheet(at).clone(),
            row: t.rows[i].row,
            col: t.columns[k].col,
        }),
    )
}
