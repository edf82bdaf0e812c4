//! The claims a report's sentences make, one check per file:
//!
//! - `text-sum` ([`sum`]): items listed with amounts, closed by a 共计/合计/
//!   总计/累计/总额 figure, sum to it (the rounding rule of tables).
//! - `text-unit-slip` ([`unit_slip`]): an item 10,000 times off its
//!   neighbours.
//! - `text-count` ([`count`]): `共 4 个项目` against the items listed.
//! - `text-ratio` ([`ratio`]): `部门数为 22 个 … 有 18 个部门` gives 81.8%;
//!   a stated percentage must match.
//! - `text-coverage` ([`coverage`]): 全覆盖/全部 beside a ratio below 100%.
//! - `text-score-*` ([`scores`]): scored sections and their items: each
//!   score within its maximum, items summing to their section, sections to
//!   the stated overall score; a heading that lost its maximum.
//! - `text-doubled` ([`doubled`]): a word typed twice (`绩效绩效`).
//! - `text-change` ([`change`]): `比上年增加 X 万元 / X% / 持平` against the
//!   figures the sentence gives.
//! - `text-compare` ([`compare`]): `决算数小于预算数` against the two
//!   figures the paragraph gives.
//! - `text-restated` ([`restated`]): an item's heading amount against the
//!   amount its paragraph gives it again (`2024年预算安排 …`).
//! - `text-share` ([`share`]): `其中：A 万元，占 X%` against the whole before
//!   其中; the shares of a whole add up to 100%.
//! - `text-row` ([`row`]): an amount named by its 类/款/项 path or code
//!   against its row in the document's own tables (a PDF).
//! - `text-name` ([`name`]): the 类/款 names of that path against the names
//!   the tables give the row's parents.
//!
//! Claims that hold are reported as `info`, so a reviewer sees what was
//! verified.

pub mod change;
pub mod compare;
pub mod count;
pub mod coverage;
pub mod doubled;
pub mod name;
pub mod ratio;
pub mod restated;
pub mod row;
pub mod scores;
pub mod share;
pub mod sum;
pub mod unit_slip;

use std::ops::Range;

use super::Doc;
use crate::checks::registry::CheckInfo;
use rust_decimal::Decimal;

use crate::finding::{Evidence, Excerpt, FigureUnit, Finding, Location, Message, RuleId, Severity};

/// A finding of text check `info` about bytes `span` of the joined text,
/// with the document drawn as its excerpt (the figure labelled `label`).
pub(crate) fn finding(
    doc: &Doc,
    info: &'static CheckInfo,
    severity: Severity,
    span: Range<usize>,
    message: Message,
    label: Message,
) -> Finding {
    let orig = doc.original_span(&span);
    let (line, column) = doc.line_col(orig.start);
    let location = Location::Text {
        line,
        column,
        span: (orig.start, orig.end),
    };
    let mut f = Finding::new(RuleId::Check(info), severity, location, message);
    f.excerpt = Some(Excerpt {
        text: doc.original.clone(),
        labels: vec![(orig, label)],
    });
    f
}

/// `line:column` of a figure, as a text finding names its inputs.
pub(crate) fn at(doc: &Doc, f: &super::claims::Fig) -> String {
    let (l, c) = super::claims::position(doc, f);
    format!("{l}:{c}")
}

/// A stated figure against the one computed, as a claim of a text states
/// it: compared exactly, so with no difference or tolerance shown.
pub(crate) fn stated_against(
    stated: Decimal,
    computed: Decimal,
    unit: Option<FigureUnit>,
) -> Evidence {
    Evidence {
        stated,
        computed: Some(computed),
        difference: None,
        tolerance: None,
        unit,
    }
}

/// True for a claim the text gives too little to decide (`…-undecided…`,
/// a change from a base of 0): shown, never counted as a check made.
pub fn is_undecided(f: &Finding) -> bool {
    let id = f.message.id.as_ref();
    id.starts_with("text-") && (id.contains("-undecided") || id == "text-change-from-zero")
}

/// True when two findings are the same claim's: one rule, one place, one
/// message.
pub fn same_finding(a: &Finding, b: &Finding) -> bool {
    a.rule.as_str() == b.rule.as_str() && a.location == b.location && a.message.id == b.message.id
}

/// The findings of check `id` on a text (for the checks' tests).
#[cfg(test)]
pub(crate) fn run_check(text: &str, id: &str) -> Vec<Finding> {
    super::claims::check(&Doc::new(text.to_string()))
        .into_iter()
        .filter(|f| f.rule.as_str() == id)
        .collect()
}
