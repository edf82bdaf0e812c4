//! ## What it does
//! `text-sum`: items listed with amounts in a sentence, closed by a 共计 /
//! 合计 / 总计 / 累计 / 总额 figure, must sum to it, allowing only for the
//! rounding of the figures as written. Where the sum fails, the figure whose
//! known slip (two digits swapped, one digit wrong, a unit slip, a sign)
//! explains the difference is named.
//!
//! ## Why is this bad?
//! A total retyped into prose is where a report drifts from its own items:
//! the seed report's four items of 1,721.1 + 2,600 + 16,333 + 586 万元 must
//! make its "共计 21,240.1 万元".
//!
//! ## Example
//! ```text
//! 一般公共预算 1712.1 万元、政府性基金 2600 万元……共计 21240.1 万元   ← items sum to 21,231.1
//! ```
//! Use instead: the item as in its source (1721.1), or the total the items make.

use std::ops::Range;

use rust_decimal::Decimal;

use super::{at, finding, stated_against};
use crate::amount::half_unit as half;
use crate::amount::Unit;
use crate::checks::locate::value_slip;
use crate::checks::registry::{Check, CheckInfo};
use crate::finding::{Evidence, Finding, Message, Severity, Suspect, SuspectKind};
use crate::text::claims::{figures, in_yuan, is_total, items_before, Fig, Kind};
use crate::text::Doc;

/// The check.
pub struct TextSum;

static INFO: CheckInfo = CheckInfo {
    id: "text-sum",
    name: "sentence total",
    summary: "the items a sentence lists do not sum to the total it states",
    severity: Severity::Error,
};

impl Check for TextSum {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn text(&self, doc: &Doc, out: &mut Vec<Finding>) {
        let figs = figures(doc);
        for t in Totalled::all(doc, &figs) {
            out.push(t.finding(doc, &figs));
        }
    }
}

/// A total of a sentence and the items before it.
pub(crate) struct Totalled {
    /// Index of the total in the figures.
    pub total: usize,
    /// Indices of the items.
    pub items: Vec<usize>,
    /// The total's unit.
    pub unit: Unit,
}

impl Totalled {
    /// Every figure of `figs` that totals items before it.
    pub fn all<'a>(doc: &'a Doc, figs: &'a [Fig]) -> impl Iterator<Item = Totalled> + 'a {
        (0..figs.len()).filter_map(move |k| Totalled::new(doc, figs, k))
    }

    /// Figure `k` as the total of at least two items before it, if it is one.
    pub fn new(doc: &Doc, figs: &[Fig], k: usize) -> Option<Totalled> {
        let unit = match figs[k].kind {
            Kind::Money(u) => u,
            _ => return None,
        };
        if !is_total(doc, &figs[k]) {
            return None;
        }
        let items = items_before(doc, figs, k);
        (items.len() >= 2).then_some(Totalled {
            total: k,
            items,
            unit,
        })
    }

    /// The total against its items: an info finding when they sum to it
    /// within rounding, else an error naming the likely wrong figure.
    fn finding(&self, doc: &Doc, figs: &[Fig]) -> Finding {
        let total = &figs[self.total];
        let sum: Decimal = self.items.iter().map(|&i| in_yuan(&figs[i])).sum();
        let tol = self.tolerance(figs);
        let computed = sum / self.unit.factor();
        let listed: Vec<String> = self
            .items
            .iter()
            .map(|&i| doc.joined[figs[i].span.clone()].to_string())
            .collect();
        let mut f = if (in_yuan(total) - sum).abs() <= tol {
            self.holds(doc, total, listed, computed)
        } else {
            let mut f = self.fails(doc, total, listed, computed, tol);
            self.locate(doc, figs, computed, &mut f);
            f
        };
        f.inputs = self.items.iter().map(|&i| at(doc, &figs[i])).collect();
        f
    }

    /// The difference rounding explains, in 元: half the last shown digit
    /// of each item and of the total.
    fn tolerance(&self, figs: &[Fig]) -> Decimal {
        self.items
            .iter()
            .map(|&i| match figs[i].kind {
                Kind::Money(u) => half(figs[i].decimals) * u.factor(),
                _ => Decimal::ZERO,
            })
            .sum::<Decimal>()
            + half(figs[self.total].decimals) * self.unit.factor()
    }

    /// The info finding of a sum that holds.
    fn holds(&self, doc: &Doc, total: &Fig, listed: Vec<String>, computed: Decimal) -> Finding {
        let u = Some(self.unit.into());
        let message = Message::new("text-sum-holds")
            .count("n", self.items.len())
            .terms("items", listed)
            .amount("computed", computed, u);
        let label = Message::new("label-items-sum-to-this");
        let mut f = finding(
            doc,
            &INFO,
            Severity::Info,
            total.span.clone(),
            message,
            label,
        );
        f.evidence = Some(stated_against(
            total.value.normalize(),
            computed.normalize(),
            u,
        ));
        f
    }

    /// The error finding of a sum that fails by more than `tol` (in 元).
    fn fails(
        &self,
        doc: &Doc,
        total: &Fig,
        listed: Vec<String>,
        computed: Decimal,
        tol: Decimal,
    ) -> Finding {
        let u = Some(self.unit.into());
        let message = Message::new("text-sum")
            .amount("stated", total.value, u)
            .count("n", self.items.len())
            .terms("items", listed)
            .amount("computed", computed, u)
            .amount("difference", total.value - computed, u);
        let label = Message::new("label-stated-items-sum")
            .figure("stated", total.value)
            .figure("computed", computed);
        let mut f = finding(
            doc,
            &INFO,
            Severity::Error,
            total.span.clone(),
            message,
            label,
        );
        f.help = Some(Message::new("hint-text-sum"));
        f.evidence = Some(Evidence::compared(
            total.value,
            computed,
            tol / self.unit.factor(),
            u,
        ));
        f
    }

    /// Which figure is probably wrong: one whose slip, undone, makes the
    /// sum hold. On a tie, the stated total is the suspect: nothing points
    /// at one item more than another.
    fn locate(&self, doc: &Doc, figs: &[Fig], computed: Decimal, f: &mut Finding) {
        let total = &figs[self.total];
        let diff = total.value - computed;
        let mut cands: Vec<(u8, bool, Suspect, Range<usize>)> = Vec::new();
        let mut consider = |fig: &Fig, proposed: Decimal, is_total: bool| {
            if let Some(slip) = value_slip(fig.value, proposed) {
                let suspect = Suspect {
                    cell: at(doc, fig),
                    proposed: Some(proposed.normalize()),
                    slip: Some(slip.clone()),
                    failing: 1,
                    tied: false,
                    kind: SuspectKind::Figure,
                };
                cands.push((slip.rank(), is_total, suspect, fig.span.clone()));
            }
        };
        consider(total, computed, true);
        for &i in &self.items {
            let item_unit = match figs[i].kind {
                Kind::Money(u) => u,
                _ => self.unit,
            };
            let proposed = figs[i].value + diff * self.unit.factor() / item_unit.factor();
            consider(&figs[i], proposed, false);
        }
        cands.sort_by_key(|(rank, is_total, _, _)| (*rank, !*is_total));
        let tied = cands.len() > 1 && cands[0].0 == cands[1].0;
        if let Some((_, false, s, span)) = cands.first() {
            if let (Some(p), Some(e)) = (s.proposed, f.excerpt.as_mut()) {
                let label = Message::new("label-probably").figure("proposed", p);
                e.labels.push((doc.original_span(span), label));
            }
        }
        f.suspects = cands.into_iter().map(|(_, _, s, _)| s).collect();
        if let Some(first) = f.suspects.first_mut() {
            first.tied = tied;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::Severity;

    fn run(text: &str) -> Vec<crate::finding::Finding> {
        super::super::run_check(text, "text-sum")
    }

    #[test]
    fn the_seed_sentence_holds() {
        let f = run("评价了四个项目：1721.1万元、2600万元、16333万元、586万元，共计21240.1万元。");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Info);
    }

    #[test]
    fn a_swapped_item_is_named() {
        let f = run("评价了四个项目：1712.1万元、2600万元、16333万元、586万元，共计21240.1万元。");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Error);
        assert_eq!(f[0].suspects[0].proposed, Some("1721.1".parse().unwrap()));
        assert_eq!(
            f[0].message.render(),
            "the total is stated as 21,240.1 万元, but the 4 items listed before it \
             (1712.1万元 + 2600万元 + 16333万元 + 586万元) sum to 21,231.1 万元: off by 9 万元"
        );
    }
}

#[cfg(test)]
mod sentence_tests {
    use super::super::run_check;
    use crate::finding::Severity;

    #[test]
    fn a_total_takes_its_items_from_its_own_sentence() {
        // Two paragraphs' sentences on consecutive lines: the 支出 total
        // is not the sum of the 收入 items.
        let text = "本年收入合计2,946.25万元，其中：财政拨款收入2,940.05万元，占99.79%；其他收入6.20万元，占0.21%。\n本年支出合计2,940.05万元，其中：基本支出2,336.91万元，占79.49%；项目支出603.14万元，占20.51%。";
        assert!(run_check(text, "text-sum")
            .iter()
            .all(|f| f.severity == Severity::Info));
    }
}
