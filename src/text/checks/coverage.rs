//! ## What it does
//! `text-coverage`: a paragraph that claims 全覆盖 or 全部 while the part and
//! whole it gives make a ratio below 100%.
//!
//! ## Why is this bad?
//! "全覆盖" beside 18 of 22 departments overstates what was done; a reviewer
//! reads the headline word, not the figures.
//!
//! ## Example
//! ```text
//! 实现了绩效自评全覆盖。部门数为22个，18个部门开展了自评   ← 81.8%
//! ```
//! Use instead: say what the full coverage refers to, or state the ratio.

use super::finding;
use super::ratio::ratios;
use crate::checks::registry::{Check, CheckInfo};
use crate::finding::{Finding, Message, Severity};
use crate::text::claims::figures;
use crate::text::Doc;

/// The check.
pub struct TextCoverage;

static INFO: CheckInfo = CheckInfo {
    id: "text-coverage",
    name: "full-coverage claim",
    summary: "全覆盖 / 全部 is claimed beside a ratio below 100%",
    severity: Severity::Warning,
};

impl Check for TextCoverage {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn text(&self, doc: &Doc, out: &mut Vec<Finding>) {
        let figs = figures(doc);
        for r in ratios(doc, &figs) {
            let para = doc.paragraphs[figs[r.whole].para].clone();
            let text = &doc.joined[para];
            let Some(w) = ["全覆盖", "全部"].iter().find(|w| text.contains(**w)) else {
                continue;
            };
            let message = r
                .args(&figs, Message::new("text-coverage"))
                .text("word", *w);
            let mut f = finding(
                doc,
                &INFO,
                Severity::Warning,
                r.span.clone(),
                message,
                Message::empty(),
            );
            f.help = Some(Message::new("hint-text-coverage"));
            out.push(f);
        }
    }
}
