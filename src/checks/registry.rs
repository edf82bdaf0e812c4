//! The one registry of built-in checks.
//!
//! Every check crossfoot runs without a rule file is listed in [`CHECKS`],
//! once. The engine runs them from here; the SARIF rule list, the JSON's
//! rule ids, the docs (`docs/checks.md`) and the tests iterate it. A new
//! check is one new file (its doc block, its [`Check`] impl, its pass and
//! fail cases) plus one line below.

use std::fmt;

use crate::checks::{Outcome, Relation};
use crate::finding::{Finding, Message, Severity};
use crate::table::Table;
use crate::text::Doc;

/// What a check is: its id, name, one-line summary and default severity.
/// The long documentation is the doc block of the check's file.
#[derive(Debug)]
pub struct CheckInfo {
    /// The id in findings (`footing`).
    pub id: &'static str,
    /// A name for people (`total row`).
    pub name: &'static str,
    /// One line: what it finds.
    pub summary: &'static str,
    /// The severity of what it finds.
    pub severity: Severity,
}

impl PartialEq for CheckInfo {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}
impl Eq for CheckInfo {}
impl std::hash::Hash for CheckInfo {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.id.hash(h)
    }
}
impl PartialOrd for CheckInfo {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for CheckInfo {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.id.cmp(other.id)
    }
}

/// What a failed relation's diagnostic is built from.
pub struct Failed<'a> {
    /// The table.
    pub table: &'a Table,
    /// The relation.
    pub rel: &'a Relation,
    /// Its evaluation.
    pub outcome: &'a Outcome,
    /// The parts' cells, as A1 ranges.
    pub inputs: &'a [String],
}

/// A check. A table check states the relations it expects
/// ([`Check::relations`]) and the diagnostic of one that fails
/// ([`Check::describe`]); a check over a table's formulas adds findings
/// after the relations are evaluated ([`Check::after_relations`]); a text
/// check reads a report ([`Check::text`]). A check implements what it is.
pub trait Check: Sync {
    /// Its id, name, summary and severity.
    fn info(&self) -> &'static CheckInfo;

    /// The relations it expects of `table`.
    fn relations(&self, _table: &Table, _out: &mut Vec<Relation>) {}

    /// The message and help of a relation of this check that does not hold.
    fn describe(&self, failed: &Failed) -> (Message, Message) {
        let _ = failed;
        (
            Message::new("relation-fails"),
            Message::new("hint-check-inputs"),
        )
    }

    /// True when the finding is about the relation's part, not its total
    /// (a score against its maximum: the score is the figure in question).
    fn about_part(&self) -> bool {
        false
    }

    /// Findings from a table once every relation is evaluated.
    fn after_relations(
        &self,
        _table: &Table,
        _rels: &[Relation],
        _outcomes: &[Option<Outcome>],
        _out: &mut Vec<Finding>,
    ) {
    }

    /// Findings in a report's text.
    fn text(&self, _doc: &Doc, _out: &mut Vec<Finding>) {}
}

impl fmt::Debug for dyn Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.info().id)
    }
}

use crate::checks::{
    cross_footing, footing, formulas, hierarchy, of_which, pdf_page, score_cap, two_sided,
    undecided,
};
use crate::text::checks as text;

/// Every built-in check, in the order they run.
pub static CHECKS: &[&dyn Check] = &[
    &footing::Footing,
    &hierarchy::Hierarchy,
    &cross_footing::CrossFooting,
    &of_which::OfWhich,
    &score_cap::ScoreCap,
    &formulas::stale::FormulaStale,
    &formulas::range::FormulaRange,
    &formulas::hardcoded::FormulaHardcoded,
    &formulas::uncached::FormulaUncached,
    &formulas::hidden::FormulaHidden,
    &undecided::Undecided,
    &two_sided::TwoSided,
    &pdf_page::PdfPageUnread,
    &text::sum::TextSum,
    &text::unit_slip::TextUnitSlip,
    &text::count::TextCount,
    &text::ratio::TextRatio,
    &text::coverage::TextCoverage,
    &text::scores::TextScoreMissingMax,
    &text::scores::TextScoreCap,
    &text::scores::TextScoreSum,
    &text::scores::TextScoreTotal,
    &text::doubled::TextDoubled,
    &text::change::TextChange,
    &text::compare::TextCompare,
    &text::restated::TextRestated,
    &text::share::TextShare,
    &text::row::TextRow,
    &text::name::TextName,
    &crate::text::tie::TextTie,
    &crate::disclosure::TemplateMissing,
    &crate::disclosure::TemplateEmpty,
    &crate::disclosure::TemplateUndecided,
];

/// The check with this id.
pub fn find(id: &str) -> Option<&'static CheckInfo> {
    CHECKS.iter().map(|c| c.info()).find(|i| i.id == id)
}

/// The check a relation belongs to.
pub fn check_of(info: &'static CheckInfo) -> &'static dyn Check {
    *CHECKS
        .iter()
        .find(|c| std::ptr::eq(c.info(), info) || c.info().id == info.id)
        .expect("a relation's check is registered")
}
