//! ## What it does
//! `text-ratio`: a paragraph that gives a whole (`部门数为 22 个`) and a part
//! (`有 18 个部门`) makes a ratio (81.8%); a percentage stated after them
//! must match it at the decimals it is written with.
//!
//! ## Why is this bad?
//! Coverage and completion rates are quoted in summaries and headlines; a
//! rate that does not follow from its own figures is the first thing a
//! reviewer recomputes.
//!
//! ## Example
//! ```text
//! 部门数为22个，其中18个部门开展了自评，覆盖率为85%   ← 18 / 22 is 81.8%
//! ```
//! Use instead: 81.8%.

use std::ops::Range;

use rust_decimal::Decimal;

use super::{finding, stated_against};
use crate::amount::half_unit as half;
use crate::checks::registry::{Check, CheckInfo};
use crate::finding::{FigureUnit, Finding, Message, Severity};
use crate::text::claims::{before, figures, is_change_amount, Fig, Kind};
use crate::text::Doc;

/// The check.
pub struct TextRatio;

static INFO: CheckInfo = CheckInfo {
    id: "text-ratio",
    name: "stated percentage",
    summary: "a percentage does not follow from the part and the whole the paragraph gives",
    severity: Severity::Error,
};

impl Check for TextRatio {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn text(&self, doc: &Doc, out: &mut Vec<Finding>) {
        let figs = figures(doc);
        for r in ratios(doc, &figs) {
            out.push(judge(doc, &figs, &r));
        }
    }
}

/// A part of a whole in one paragraph: indices into the figures.
pub(crate) struct Ratio {
    /// The whole (`部门数为 22 个`).
    pub whole: usize,
    /// The part (`18 个部门`).
    pub part: usize,
    /// part ÷ whole × 100, exact.
    pub ratio: Decimal,
    /// What the part counts (`部门开展了自评`).
    pub subject: String,
    /// From the whole to the part, in the joined text.
    pub span: Range<usize>,
}

impl Ratio {
    /// The ratio as printed, to one decimal.
    pub fn shown(&self) -> Decimal {
        self.ratio.round_dp(1)
    }

    /// The message arguments shared by the ratio and coverage findings.
    pub fn args(&self, figs: &[Fig], m: Message) -> Message {
        m.figure("part", figs[self.part].value)
            .figure("whole", figs[self.whole].value)
            .text("subject", self.subject.clone())
            .figure("ratio", self.shown())
    }
}

/// Every whole-and-part pair of the document.
pub(crate) fn ratios(doc: &Doc, figs: &[Fig]) -> Vec<Ratio> {
    let mut out = Vec::new();
    for (k, base) in figs.iter().enumerate() {
        if base.kind != Kind::Count || base.value.is_zero() {
            continue;
        }
        let b = before(doc, base, 3);
        if !["数为", "总数", "共有", "数是"]
            .iter()
            .any(|w| b.contains(w))
        {
            continue;
        }
        let Some(p) =
            (k + 1..figs.len()).find(|&i| figs[i].para == base.para && figs[i].kind == Kind::Count)
        else {
            continue;
        };
        let sub = &figs[p];
        if sub.value >= base.value {
            continue;
        }
        // `52人，比上年减少3人`: a change, not a part of the whole.
        if is_change_amount(doc, sub) {
            continue;
        }
        let subject: String = doc.joined[sub.span.end..]
            .chars()
            .take_while(|c| !"，。；、（(,".contains(*c))
            .take(6)
            .collect();
        out.push(Ratio {
            whole: k,
            part: p,
            ratio: sub.value * Decimal::from(100) / base.value,
            subject,
            span: base.span.start..sub.span.end,
        });
    }
    out
}

fn judge(doc: &Doc, figs: &[Fig], r: &Ratio) -> Finding {
    let (base, sub) = (&figs[r.whole], &figs[r.part]);
    let stated = figs
        .iter()
        .find(|f| f.para == base.para && f.kind == Kind::Percent && f.span.start > sub.span.start);
    let computed = r.ratio.round_dp(4).normalize();
    match stated {
        Some(p) if (p.value - r.ratio).abs() > half(p.decimals) => {
            let message = r
                .args(figs, Message::new("text-ratio"))
                .figure("stated", p.value);
            let label = Message::new("label-ratio")
                .text("part", sub.value.to_string())
                .text("whole", base.value.to_string())
                .figure("ratio", r.shown());
            let mut f = finding(doc, &INFO, Severity::Error, p.span.clone(), message, label);
            f.evidence = Some(stated_against(p.value, computed, Some(FigureUnit::Percent)));
            f
        }
        _ => {
            let message = r.args(figs, Message::new("text-ratio-holds"));
            let label = Message::new("label-percent").figure("ratio", r.shown());
            // Nothing is stated: the ratio is in the message, not evidence.
            finding(doc, &INFO, Severity::Info, r.span.clone(), message, label)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::run_check;

    #[test]
    fn a_change_in_a_count_is_no_part_of_it() {
        let text = "本部门在职人数为52人，比上年减少3人，下降5.45%。";
        assert!(run_check(text, "text-ratio").is_empty());
        let part = "部门数为22个，其中18个部门开展了自评，覆盖率为81.8%。";
        assert_eq!(run_check(part, "text-ratio").len(), 1);
    }
}
