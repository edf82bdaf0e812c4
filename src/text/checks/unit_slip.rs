//! ## What it does
//! `text-unit-slip`: among the items a sentence totals, one about 10,000
//! times larger or smaller than all the others.
//!
//! ## Why is this bad?
//! 元 and 万元 confused: `5860000` among figures in 万元 is 586 万元 typed in
//! 元, and the sentence's total is off by almost all of it.
//!
//! ## Example
//! ```text
//! 1721.1万元、2600万元、16333万元、5860000万元，共计……   ← 10,000 times its neighbours
//! ```
//! Use instead: the figure in the sentence's unit (586 万元).

use rust_decimal::Decimal;

use super::finding;
use super::sum::Totalled;
use crate::checks::registry::{Check, CheckInfo};
use crate::finding::{Evidence, Finding, Message, Severity};
use crate::text::claims::{figures, in_yuan, Fig};
use crate::text::Doc;

/// The check.
pub struct TextUnitSlip;

static INFO: CheckInfo = CheckInfo {
    id: "text-unit-slip",
    name: "元 and 万元 confused",
    summary: "an item of a sentence is about 10,000 times off its neighbours",
    severity: Severity::Warning,
};

impl Check for TextUnitSlip {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn text(&self, doc: &Doc, out: &mut Vec<Finding>) {
        let figs = figures(doc);
        for t in Totalled::all(doc, &figs) {
            slips(doc, &figs, &t, out);
        }
    }
}

/// An item 10,000 times off its neighbours (5,000 times, to allow for
/// ordinary spread).
fn slips(doc: &Doc, figs: &[Fig], t: &Totalled, out: &mut Vec<Finding>) {
    let values: Vec<Decimal> = t.items.iter().map(|&i| in_yuan(&figs[i]).abs()).collect();
    for (pos, &i) in t.items.iter().enumerate() {
        let others = values
            .iter()
            .enumerate()
            .filter(|(p, _)| *p != pos)
            .map(|(_, v)| *v);
        let max_other = others.clone().max().unwrap_or_default();
        let min_other = others.filter(|v| !v.is_zero()).min().unwrap_or_default();
        let v = values[pos];
        let big = !max_other.is_zero() && v >= max_other * Decimal::from(5000);
        let small = !v.is_zero() && !min_other.is_zero() && v * Decimal::from(5000) <= min_other;
        if !(big || small) {
            continue;
        }
        let message = Message::new(if big {
            "text-unit-slip-large"
        } else {
            "text-unit-slip-small"
        })
        .text("figure", &doc.joined[figs[i].span.clone()]);
        let label = Message::new("label-unit-slip");
        let mut f = finding(
            doc,
            &INFO,
            Severity::Warning,
            figs[i].span.clone(),
            message,
            label,
        );
        // Only the unit is known: the figure's place says the rest.
        f.evidence = Some(Evidence {
            stated: figs[i].value,
            computed: None,
            difference: None,
            tolerance: None,
            unit: Some(t.unit.into()),
        });
        out.push(f);
    }
}
