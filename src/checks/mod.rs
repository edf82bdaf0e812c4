//! The checks auto mode runs on every detected table.
//!
//! Each check lives in its own module and states the relations it expects a
//! table to satisfy (`total = Σ parts`, or `Σ parts ≤ total`). Evaluation is
//! shared: figures are added as exact decimals, the rounding tolerance is the
//! XBRL round-to-nearest rule, and a relation that touches unreadable text is
//! undecided, never passed.

pub mod cross_footing;
pub mod excerpt;
pub mod footing;
pub mod formulas;
pub mod hierarchy;
pub mod locate;
pub mod of_which;
pub mod pdf_page;
pub mod registry;
pub mod score_cap;
pub mod two_sided;
pub mod undecided;

use rust_decimal::Decimal;

use crate::amount::rounding_tolerance;
use crate::finding::{Evidence, FigureUnit, Finding, Location, RuleId, Severity};
use crate::message::Message;
use crate::table::{Amount, Table};
use registry::{CheckInfo, Failed, CHECKS};

/// A cell of a table: data row `row`, column `col` (indices into the table's
/// rows and columns).
///
/// Stored as two 32-bit indices: a big ledger's relations hold millions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Term {
    r: u32,
    c: u32,
}

impl Term {
    /// The cell at data row `row`, column `col`.
    pub fn new(row: usize, col: usize) -> Term {
        Term {
            r: row as u32,
            c: col as u32,
        }
    }

    /// Index into `Table::rows`.
    pub fn row(&self) -> usize {
        self.r as usize
    }

    /// Index into `Table::columns`.
    pub fn col(&self) -> usize {
        self.c as usize
    }
}

/// How the stated figure relates to its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    /// `total = Σ parts`.
    Equal,
    /// `Σ parts ≤ total`.
    AtMost,
}

/// One expected relation between cells of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    /// The check that expects it.
    pub rule: &'static CheckInfo,
    /// The stated figure.
    pub total: Term,
    /// The figures it is checked against.
    pub parts: Vec<Term>,
    /// Equality or an upper bound.
    pub cmp: Cmp,
}

impl Relation {
    /// True when part `p` is taken away rather than added: a row labelled
    /// `减：…` among the rows a column total adds, or a column headed so
    /// among the columns a row's total column adds.
    pub fn subtracts(&self, table: &Table, p: Term) -> bool {
        if p.row() != self.total.row() {
            table.rows[p.row()].subtracts
        } else {
            p.col() != self.total.col() && table.columns[p.col()].subtracts
        }
    }
}

/// The result of evaluating a relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// The stated figure.
    pub stated: Decimal,
    /// Σ parts.
    pub computed: Decimal,
    /// The rounding tolerance.
    pub tolerance: Decimal,
}

impl Outcome {
    /// `stated − computed`.
    pub fn difference(&self) -> Decimal {
        self.stated - self.computed
    }

    /// True when the relation holds within tolerance.
    pub fn holds(&self, cmp: Cmp) -> bool {
        match cmp {
            Cmp::Equal => self.difference().abs() <= self.tolerance,
            Cmp::AtMost => self.computed <= self.stated + self.tolerance,
        }
    }
}

/// Evaluates a relation; `None` when it is undecided (unreadable text) or
/// does not apply (the stated cell is blank: a total left blank is not
/// footed).
pub fn evaluate(table: &Table, rel: &Relation) -> Option<Outcome> {
    evaluate_with(table, rel, |t| table.amount(t.row(), t.col()))
}

/// Evaluates a relation with the figures `amount` gives (used to test a
/// proposed correction).
pub fn evaluate_with(
    table: &Table,
    rel: &Relation,
    amount: impl Fn(Term) -> Amount,
) -> Option<Outcome> {
    let exact = table.columns[rel.total.col()].exact;
    // A nil mark states zero, exactly (no rounding of its own).
    let (stated, d_total) = match amount(rel.total) {
        Amount::Value(v, d) => (v, d),
        Amount::Nil => (Decimal::ZERO, 27),
        _ => return None,
    };
    let mut computed = Decimal::ZERO;
    let mut decimals = Vec::with_capacity(rel.parts.len());
    let mut any = false;
    for &p in &rel.parts {
        match amount(p) {
            Amount::Value(v, d) => {
                computed = if rel.subtracts(table, p) {
                    computed.checked_sub(v)?
                } else {
                    computed.checked_add(v)?
                };
                decimals.push(d);
                any = true;
            }
            Amount::Nil => any = true,
            Amount::Blank => {}
            Amount::Unreadable => return None,
        }
    }
    if !any && rel.cmp == Cmp::Equal && stated.is_zero() {
        // A zero total over blank parts: nothing to compare.
        return None;
    }
    let tolerance = if exact {
        Decimal::ZERO
    } else {
        rounding_tolerance(d_total, decimals)
    };
    Some(Outcome {
        stated,
        computed,
        tolerance,
    })
}

/// A finding of `info`'s check about the cell at data row `i`, column
/// `k`, with no relation behind it: its place, row label, column header,
/// message and help.
pub(crate) fn cell_finding(
    table: &Table,
    info: &'static CheckInfo,
    (i, k): (usize, usize),
    message: Message,
    help: Message,
) -> Finding {
    let location = crate::finding::Location::Cell {
        sheet: table.sheet.clone(),
        a1: table.a1(i, k),
    };
    let mut f = Finding::new(RuleId::Check(info), info.severity, location, message);
    f.help = Some(help);
    f.label = Some(table.row_name(i));
    f.header = Some(table.columns[k].short_name());
    f
}

/// What checking one table produced.
#[derive(Debug, Default)]
pub struct TableReport {
    /// Relations decided (held or failed).
    pub checks: usize,
    /// Findings.
    pub findings: Vec<Finding>,
}

/// Every relation auto mode expects of `table`.
pub fn relations(table: &Table) -> Vec<Relation> {
    let mut all = Vec::new();
    for check in CHECKS {
        check.relations(table, &mut all);
    }
    all
}

/// Runs every check on a table.
pub fn check_table(table: &Table) -> TableReport {
    let mut report = TableReport::default();
    use crate::timing::time;
    let all = time(" relations", || relations(table));
    let cells = table.rows.len() * table.columns.len();
    let outcomes = time(" evaluate", || {
        crate::table::map_cells(cells, &all, |r| evaluate(table, r))
    });
    let located = time(" locate", || locate::locate(table, &all, &outcomes));
    for (i, rel) in all.iter().enumerate() {
        let Some(outcome) = outcomes[i] else {
            continue;
        };
        report.checks += 1;
        let holds = outcome.holds(rel.cmp);
        if holds && (outcome.difference().is_zero() || rel.cmp == Cmp::AtMost) {
            continue;
        }
        let severity = if holds {
            Severity::Info
        } else {
            Severity::Error
        };
        let mut f = finding(table, rel, &outcome, severity);
        if let Some(s) = located.get(&i) {
            f.suspects = s.clone();
        }
        report.findings.push(f);
    }
    for check in CHECKS {
        check.after_relations(table, &all, &outcomes, &mut report.findings);
    }
    report
}

/// Every value `v` becomes when two adjacent, different digits are swapped.
pub fn adjacent_swaps(v: Decimal) -> Vec<Decimal> {
    let s = v.abs().to_string();
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    for i in 0..chars.len().saturating_sub(1) {
        if !(chars[i].is_ascii_digit() && chars[i + 1].is_ascii_digit()) || chars[i] == chars[i + 1]
        {
            continue;
        }
        let mut c = chars.clone();
        c.swap(i, i + 1);
        if c[0] == '0' && c.get(1).is_some_and(|d| d.is_ascii_digit()) {
            continue; // a leading zero is not how the figure would be typed
        }
        let t: String = c.into_iter().collect();
        if let Ok(d) = t.parse::<Decimal>() {
            out.push(if v.is_sign_negative() { -d } else { d });
        }
    }
    out
}

/// A list of A1 ranges for the parts of a relation.
pub fn inputs(table: &Table, parts: &[Term]) -> Vec<String> {
    let mut by_col: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    let mut by_row: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for p in parts {
        by_col
            .entry(table.columns[p.col()].col)
            .or_default()
            .push(table.rows[p.row()].row);
        by_row
            .entry(table.rows[p.row()].row)
            .or_default()
            .push(table.columns[p.col()].col);
    }
    if by_col.len() == 1 {
        let (col, mut rows) = by_col.into_iter().next().unwrap_or_default();
        rows.sort_unstable();
        crate::workbook::compress_rows(&rows, col)
    } else {
        let mut out = Vec::new();
        for (row, mut cols) in by_row {
            cols.sort_unstable();
            out.extend(crate::workbook::compress_cols(&cols, row));
        }
        out
    }
}

pub use crate::message::show;

/// The finding for a relation that does not hold (or holds only within
/// rounding), described by its check.
pub(crate) fn finding(table: &Table, rel: &Relation, o: &Outcome, severity: Severity) -> Finding {
    let check = registry::check_of(rel.rule);
    let unit = table.unit_of(rel.total.col()).map(FigureUnit::Money);
    let inputs = inputs(table, &rel.parts);
    let (mut message, help) = check.describe(&Failed {
        table,
        rel,
        outcome: o,
        inputs: &inputs,
    });
    if severity == Severity::Info {
        message = Message::new("within-rounding")
            .message("message", message)
            .amount("difference", o.difference(), unit)
            .figure("tolerance", o.tolerance);
    }
    let about_part = check.about_part();
    let kind = (RuleId::Check(rel.rule), severity);
    let mut f = finding_with(table, rel, o, about_part, kind, message, inputs);
    f.help = Some(help);
    f
}

/// A finding about relation `rel` with the check, severity and message
/// given: its place, figures, inputs, row and column names, formula and
/// excerpt. `parts` are the parts' cells as [`inputs`] gives them (worked
/// out once by the caller, which also names them in its message). With
/// `about_part`, the finding is about the relation's one part (a score
/// against its maximum), and the total is its input.
pub(crate) fn finding_with(
    table: &Table,
    rel: &Relation,
    o: &Outcome,
    about_part: bool,
    (rule, severity): (RuleId, Severity),
    message: Message,
    parts: Vec<String>,
) -> Finding {
    let unit = table.unit_of(rel.total.col()).map(FigureUnit::Money);
    let (stated_at, stated, computed, inputs) = if about_part {
        let total = table.a1(rel.total.row(), rel.total.col());
        (rel.parts[0], o.computed, o.stated, vec![total])
    } else {
        (rel.total, o.stated, o.computed, parts)
    };
    let location = Location::Cell {
        sheet: table.sheet.clone(),
        a1: table.a1(stated_at.row(), stated_at.col()),
    };
    let mut f = Finding::new(rule, severity, location, message);
    f.evidence = Some(Evidence::compared(stated, computed, o.tolerance, unit));
    f.inputs = inputs;
    f.label = Some(table.row_name(rel.total.row()));
    f.header = Some(table.columns[rel.total.col()].name());
    f.formula = table
        .formulas
        .get(&(rel.total.row(), rel.total.col()))
        .cloned();
    f.excerpt = Some(excerpt::build(table, rel, o, about_part));
    f
}

/// One `total = Σ members` relation per numeric column, blank members
/// standing for their children.
pub fn column_sums(
    table: &Table,
    rule: &'static CheckInfo,
    total: usize,
    members: &[usize],
    out: &mut Vec<Relation>,
) {
    for k in table.numeric_columns() {
        let mut parts = Vec::with_capacity(members.len());
        for &m in members {
            expand_blank(table, m, k, &mut parts);
        }
        out.push(Relation {
            rule,
            total: Term::new(total, k),
            parts,
            cmp: Cmp::Equal,
        });
    }
}

/// Replaces a blank part that has children in the hierarchy by its children,
/// recursively: a section row printed without figures stands for the sum of
/// its items.
pub fn expand_blank(table: &Table, row: usize, col: usize, out: &mut Vec<Term>) {
    if !table.children[row].is_empty() && table.amount(row, col) == Amount::Blank {
        for &c in &table.children[row] {
            expand_blank(table, c, col, out);
        }
    } else {
        out.push(Term::new(row, col));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swaps_of_adjacent_digits() {
        let v: Decimal = "1712.1".parse().unwrap();
        let got: Vec<String> = adjacent_swaps(v).iter().map(|d| d.to_string()).collect();
        assert_eq!(got, vec!["7112.1", "1172.1", "1721.1"]);
        let v: Decimal = "-105".parse().unwrap();
        let got: Vec<String> = adjacent_swaps(v).iter().map(|d| d.to_string()).collect();
        assert_eq!(got, vec!["-150"], "no leading zero");
    }
}
