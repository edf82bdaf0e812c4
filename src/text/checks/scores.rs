//! ## What it does
//! A self-evaluation report scores its sections in headings such as
//! `（一）制度建设 2分（自评得分 2分）` and their items in sub-headings.
//! Four checks read them:
//! - `text-score-missing-max`: a section heading that lost its maximum
//!   (no points before “分”);
//! - `text-score-cap`: a section or item scored above its maximum;
//! - `text-score-sum`: a section's score or maximum differs from the sum of
//!   its items';
//! - `text-score-total`: the overall score stated before the sections
//!   differs from the sum of the sections' scores.
//!
//! ## Why is this bad?
//! The overall score decides a department's rating; a section scored above
//! its maximum, or an overall score the sections do not make, inflates it.
//!
//! ## Example
//! ```text
//! 自评得分为 95 分
//! （一）制度建设 2分（自评得分 3分）   ← above its maximum of 2
//! ```
//! Use instead: a score within the section's maximum, and an overall score
//! the sections make.

use std::ops::Range;

use rust_decimal::Decimal;

use super::{finding, stated_against};
use crate::checks::registry::{Check, CheckInfo};
use crate::finding::{Evidence, Finding, Message, Severity};
use crate::text::Doc;

/// A scored heading: a section or one of its items.
#[derive(Debug)]
struct Scored {
    label: String,
    max: Option<(Decimal, Range<usize>)>,
    score: Option<(Decimal, Range<usize>)>,
    span: Range<usize>,
    items: Vec<Scored>,
}

impl Scored {
    /// The items' maxima summed, when every item has one.
    fn item_max(&self) -> Option<Decimal> {
        (!self.items.is_empty() && self.items.iter().all(|i| i.max.is_some())).then(|| {
            self.items
                .iter()
                .filter_map(|i| i.max.as_ref().map(|m| m.0))
                .sum()
        })
    }

    /// The section's maximum: its own, else its items'.
    fn max_or_items(&self) -> Option<Decimal> {
        self.max.as_ref().map(|m| m.0).or_else(|| self.item_max())
    }

    fn score_value(&self) -> Option<Decimal> {
        self.score.as_ref().map(|s| s.0)
    }
}

/// The scored sections of a document (level-2 headings) and their items
/// (level-3 headings).
fn sections(doc: &Doc) -> Vec<Scored> {
    let mut sections: Vec<Scored> = Vec::new();
    for p in &doc.paragraphs {
        let text = &doc.joined[p.clone()];
        let level = crate::table::labels::outline_level(text);
        let Some(s) = parse_scored(doc, p) else {
            continue;
        };
        match level {
            Some(2) => sections.push(s),
            Some(3) => {
                if let Some(sec) = sections.last_mut() {
                    sec.items.push(s);
                }
            }
            _ => {}
        }
    }
    sections
}

/// `制度建设2分（自评得分2分）`: the label, the maximum (if written) and
/// the score, for a heading paragraph.
fn parse_scored(doc: &Doc, para: &Range<usize>) -> Option<Scored> {
    let text = &doc.joined[para.clone()];
    let line_end = text.find(['。', '\n']).unwrap_or(text.len());
    let head = &text[..line_end];
    let open = head.find("（自评得").or_else(|| head.find("(自评得"))?;
    let inner = &head[open..];
    let digits_at = inner.find(|c: char| c.is_ascii_digit())?;
    let num: String = inner[digits_at..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let score_start = para.start + open + digits_at;
    let score = (
        num.parse::<Decimal>().ok()?,
        score_start..score_start + num.len(),
    );
    let before = head[..open].trim_end();
    let before = before.strip_suffix('分')?;
    let max_digits: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let max = if max_digits.is_empty() {
        None
    } else {
        let s = para.start + before.len() - max_digits.len();
        Some((max_digits.parse::<Decimal>().ok()?, s..s + max_digits.len()))
    };
    let label_end = before.len() - max_digits.len();
    Some(Scored {
        label: before[..label_end].to_string(),
        max,
        score: Some(score),
        span: para.start..para.start + line_end,
        items: Vec::new(),
    })
}

macro_rules! score_check {
    ($name:ident, $id:literal, $title:literal, $summary:literal, $severity:expr, $run:ident) => {
        /// The check.
        pub struct $name;

        impl Check for $name {
            fn info(&self) -> &'static CheckInfo {
                static INFO: CheckInfo = CheckInfo {
                    id: $id,
                    name: $title,
                    summary: $summary,
                    severity: $severity,
                };
                &INFO
            }

            fn text(&self, doc: &Doc, out: &mut Vec<Finding>) {
                let sections = sections(doc);
                if !sections.is_empty() {
                    $run(self.info(), doc, &sections, out);
                }
            }
        }
    };
}

score_check!(
    TextScoreMissingMax,
    "text-score-missing-max",
    "section without its maximum",
    "a scored section heading gives no maximum before 分",
    Severity::Warning,
    missing_max
);
score_check!(
    TextScoreCap,
    "text-score-cap",
    "score above its maximum",
    "a section or item of a report is scored above its maximum",
    Severity::Error,
    over_max
);
score_check!(
    TextScoreSum,
    "text-score-sum",
    "section against its items",
    "a section's score or maximum differs from the sum of its items'",
    Severity::Error,
    section_sums
);
score_check!(
    TextScoreTotal,
    "text-score-total",
    "overall score",
    "the overall score stated differs from the sum of the sections' scores",
    Severity::Warning,
    overall
);

fn missing_max(info: &'static CheckInfo, doc: &Doc, sections: &[Scored], out: &mut Vec<Finding>) {
    for sec in sections.iter().filter(|s| s.max.is_none()) {
        let message = match sec.item_max() {
            Some(im) => Message::new("text-score-missing-max-items")
                .text("label", sec.label.clone())
                .figure("items", im),
            None => Message::new("text-score-missing-max").text("label", sec.label.clone()),
        };
        let label = Message::new("label-no-maximum");
        let mut f = finding(
            doc,
            info,
            Severity::Warning,
            sec.span.clone(),
            message,
            label,
        );
        f.help = Some(Message::new("hint-text-score-missing-max"));
        out.push(f);
    }
}

/// Stated against computed, nothing else known.
fn stated_computed(stated: Decimal, computed: Decimal) -> Option<Evidence> {
    Some(stated_against(
        stated.normalize(),
        computed.normalize(),
        None,
    ))
}

fn over_max(info: &'static CheckInfo, doc: &Doc, sections: &[Scored], out: &mut Vec<Finding>) {
    for sec in sections {
        let section = std::iter::once((sec, sec.max_or_items()));
        let items = sec.items.iter().map(|i| (i, i.max.as_ref().map(|m| m.0)));
        for (s, max) in section.chain(items) {
            let (Some(m), Some((sc, span))) = (max, &s.score) else {
                continue;
            };
            if *sc <= m {
                continue;
            }
            let message = Message::new("text-score-cap")
                .text("label", s.label.clone())
                .figure("score", *sc)
                .figure("maximum", m);
            let label = Message::new("label-above-maximum").figure("maximum", m);
            let mut f = finding(doc, info, Severity::Error, span.clone(), message, label);
            f.evidence = stated_computed(*sc, m);
            out.push(f);
        }
    }
}

fn section_sums(info: &'static CheckInfo, doc: &Doc, sections: &[Scored], out: &mut Vec<Finding>) {
    for sec in sections.iter().filter(|s| !s.items.is_empty()) {
        let items_score: Decimal = sec.items.iter().filter_map(Scored::score_value).sum();
        if let Some((sc, span)) = &sec.score {
            if items_score != *sc {
                let message = Message::new("text-score-sum")
                    .text("label", sec.label.clone())
                    .figure("score", *sc)
                    .figure("items", items_score);
                let label = Message::new("label-items-give").figure("items", items_score);
                let mut f = finding(doc, info, Severity::Error, span.clone(), message, label);
                f.evidence = stated_computed(*sc, items_score);
                out.push(f);
            }
        }
        if let (Some((m, span)), Some(im)) = (&sec.max, sec.item_max()) {
            if *m != im {
                let message = Message::new("text-score-sum-max")
                    .text("label", sec.label.clone())
                    .figure("maximum", *m)
                    .figure("items", im);
                let mut f = finding(
                    doc,
                    info,
                    Severity::Error,
                    span.clone(),
                    message,
                    Message::empty(),
                );
                f.evidence = stated_computed(*m, im);
                out.push(f);
            }
        }
    }
}

/// The overall score stated before the sections: `自评得分为 100 分`.
fn stated_overall(doc: &Doc, first: usize) -> Option<(Decimal, Range<usize>)> {
    let t = &doc.joined[..first];
    ["自评得分为", "得分为", "总得分", "总分为"]
        .iter()
        .find_map(|w| {
            let i = t.rfind(w)? + w.len();
            let digits: String = t[i..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let v: Decimal = digits.parse().ok()?;
            t[i + digits.len()..]
                .starts_with('分')
                .then_some((v, i..i + digits.len() + '分'.len_utf8()))
        })
}

fn overall(info: &'static CheckInfo, doc: &Doc, sections: &[Scored], out: &mut Vec<Finding>) {
    let max_sum: Decimal = sections.iter().filter_map(Scored::max_or_items).sum();
    let score_sum: Decimal = sections.iter().filter_map(Scored::score_value).sum();
    let Some((v, span)) = stated_overall(doc, sections[0].span.start) else {
        return;
    };
    let n = sections.len();
    if v == score_sum {
        let message = Message::new("text-score-total-holds")
            .count("n", n)
            .figure("scores", score_sum)
            .figure("maxima", max_sum);
        out.push(finding(
            doc,
            info,
            Severity::Info,
            span,
            message,
            Message::empty(),
        ));
        return;
    }
    let message = Message::new("text-score-total")
        .figure("stated", v)
        .count("n", n)
        .figure("maxima", max_sum)
        .figure("scores", score_sum);
    let label = Message::new("label-sections-give")
        .figure("scores", score_sum)
        .figure("maxima", max_sum);
    let mut f = finding(doc, info, Severity::Warning, span, message, label);
    f.help = Some(Message::new("hint-text-score-total"));
    f.evidence = stated_computed(v, score_sum);
    out.push(f);
}
