//! ## What it does
//! `text-restated`: a paragraph that opens with an item and its amount
//! (`“住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元`) and
//! later gives the year's amount again (`2024年预算安排352.67万元`) must
//! give the same amount both times, at the precision of the coarser of the
//! two.
//!
//! ## Why is this bad?
//! The 预算编制说明 of a 部门预算 states each item twice: in its heading and
//! in the sentence that compares it with last year. When one of the two is
//! retyped, the reader cannot tell which is the budget; the change stated
//! beside them follows one and not the other.
//!
//! ## Example
//! ```text
//! “…住房公积金（项）”350.35万元，主要用于住房公积金。2023年当年预算执行数为348.52万元，
//! 2024年预算安排352.67万元，比2023年预算执行数增加0.53%。      ← 350.35 or 352.67?
//! ```
//! Use instead: the amount of the table row, in both places.
//!
//! Source: `../shared/DOMAIN.md`, "The prose repeats the tables".

use super::{at, finding, stated_against};
use crate::amount::half_unit as half;
use crate::checks::registry::{Check, CheckInfo};
use crate::finding::{FigureUnit, Finding, Message, Severity};
use crate::text::claims::{before, figures, in_yuan, Fig, Kind};
use crate::text::Doc;

/// The check.
pub struct TextRestated;

static INFO: CheckInfo = CheckInfo {
    id: "text-restated",
    name: "item stated twice",
    summary:
        "an item's amount in its heading differs from the amount the same paragraph gives it again",
    severity: Severity::Error,
};

impl Check for TextRestated {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn text(&self, doc: &Doc, out: &mut Vec<Finding>) {
        let figs = figures(doc);
        for (head, again) in restatements(doc, figs) {
            out.push(judge(doc, figs, head, again));
        }
    }
}

/// Words before a figure that give the item's amount for the year again.
const AGAIN: [&str; 5] = [
    "预算安排",
    "年预算数为",
    "年预算为",
    "决算数为",
    "支出决算为",
];

/// Words that make a figure last year's, not the item's.
const EARLIER: [&str; 4] = ["执行数", "上年", "年初", "比"];

/// (heading figure, restated figure) pairs: indices into the figures. An
/// item's block runs from its heading figure to the next heading or the
/// paragraph's end (items numbered `1.` `2.` on lines of their own can
/// arrive in one paragraph).
pub fn restatements(doc: &Doc, figs: &[Fig]) -> Vec<(usize, usize)> {
    let t = &doc.joined;
    let money: Vec<usize> = (0..figs.len())
        .filter(|&i| matches!(figs[i].kind, Kind::Money(_)))
        .collect();
    // Headings: right after the item's name (a quoted name, or a code or
    // level in brackets) at the start of a sentence.
    let is_heading = |i: usize| {
        let para = &doc.paragraphs[figs[i].para];
        let lead = &t[para.start..figs[i].span.start];
        let lead = lead.rsplit(['。', '；', '\n']).next().unwrap_or(lead);
        let lead = lead.strip_suffix("科目").unwrap_or(lead);
        lead.ends_with(['”', '）', ')', '"', '」']) && lead.chars().count() <= 80
    };
    let heads: Vec<usize> = money.iter().copied().filter(|&i| is_heading(i)).collect();
    let mut out = Vec::new();
    for (k, &head) in heads.iter().enumerate() {
        let next = heads.get(k + 1).copied().unwrap_or(figs.len());
        for &i in money
            .iter()
            .filter(|&&i| i > head && i < next && figs[i].para == figs[head].para)
        {
            let before = before(doc, &figs[i], 6);
            let before = before.trim_end();
            let again = AGAIN.iter().any(|w| before.ends_with(w));
            let earlier = EARLIER.iter().any(|w| {
                before
                    .rsplit(['，', '。', '；', ',', '\n'])
                    .next()
                    .is_some_and(|clause| clause.contains(w))
            });
            // `2024年预算数为 338.00` beside `2025年预算数为 350.35`: a
            // clause dated earlier than the paragraph's latest year is last
            // year's figure.
            let wide = super::super::claims::before(doc, &figs[i], 16);
            let clause = wide
                .rsplit(['，', '。', '；', ',', '\n'])
                .next()
                .unwrap_or(&wide);
            let para = &doc.paragraphs[figs[i].para];
            let latest = years(&t[para.clone()]).into_iter().max();
            let dated_earlier = years(clause)
                .into_iter()
                .max()
                .is_some_and(|y| latest.is_some_and(|l| y < l));
            if again && !earlier && !dated_earlier {
                out.push((head, i));
                break;
            }
        }
    }
    out
}

/// The years a text names (`2024年`).
fn years(text: &str) -> Vec<u32> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(4))
        .filter(|&i| {
            b[i..i + 4].iter().all(u8::is_ascii_digit)
                && (i == 0 || !b[i - 1].is_ascii_digit())
                && text[i + 4..].starts_with('年')
        })
        .filter_map(|i| text[i..i + 4].parse().ok())
        .collect()
}

fn judge(doc: &Doc, figs: &[Fig], head: usize, again: usize) -> Finding {
    let (h, a) = (&figs[head], &figs[again]);
    let unit = |f: &Fig| match f.kind {
        Kind::Money(u) => u,
        _ => crate::amount::Unit::Yuan,
    };
    // Equal at the precision of the coarser of the two.
    let tolerance = (half(h.decimals) * unit(h).factor()).max(half(a.decimals) * unit(a).factor());
    let differ = (in_yuan(h) - in_yuan(a)).abs() > tolerance;
    if differ {
        let m = Message::new("text-restated")
            .figure("heading", h.value)
            .figure("again", a.value);
        let label = Message::new("label-restated").figure("heading", h.value);
        let mut f = finding(doc, &INFO, Severity::Error, a.span.clone(), m, label);
        let u = unit(a);
        f.evidence = Some(stated_against(
            a.value,
            in_yuan(h) / u.factor(),
            Some(FigureUnit::Money(u)),
        ));
        f.inputs = vec![at(doc, h)];
        f.help = Some(Message::new("hint-text-restated"));
        f
    } else {
        let m = Message::new("text-restated-holds").figure("heading", h.value);
        let label = Message::new("label-restated-holds");
        finding(doc, &INFO, Severity::Info, a.span.clone(), m, label)
    }
}

#[cfg(test)]
mod tests {
    use super::super::run_check;
    use crate::finding::Severity;

    const ITEM: &str = "31. “住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元，主要用于住房公积金。2023年当年预算执行数为348.52万元，2024年预算安排350.35万元，比2023年预算执行数增加0.53%。";

    #[test]
    fn the_same_amount_twice_holds() {
        let f = run_check(ITEM, "text-restated");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Info);
    }

    #[test]
    fn a_retyped_amount_is_named_against_the_heading() {
        let text = ITEM.replace("预算安排350.35", "预算安排352.67");
        let f = run_check(&text, "text-restated");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Error);
        assert_eq!(f[0].message.id, "text-restated");
        // Last year's figure (执行数) is never the item's.
        let no_again = ITEM.replace("2024年预算安排350.35万元，", "");
        assert!(run_check(&no_again, "text-restated").is_empty());
    }

    #[test]
    fn last_years_figure_is_not_the_item_again() {
        let text = "1. “住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元。2024年预算数为338.00万元，2025年预算数为350.35万元，比2024年预算数增加12.35万元，增长3.65%。";
        let f = run_check(text, "text-restated");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].severity, Severity::Info);
    }

    #[test]
    fn precision_is_the_coarser_ones() {
        let text = "（一）住房公积金（01项）96.4万元。2026年预算安排96.42万元，与上年持平。";
        let f = run_check(text, "text-restated");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Info, "{f:?}");
    }
}
