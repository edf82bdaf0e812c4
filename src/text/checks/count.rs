//! ## What it does
//! `text-count`: a count claim (`共 4 个项目`, `共四个`) against the items
//! with amounts listed after it in its paragraph, up to the first total.
//!
//! ## Why is this bad?
//! "共 5 个项目" followed by four is an item left out of the sentence, or a
//! count not updated when one was dropped.
//!
//! ## Example
//! ```text
//! 共5个项目：A 1721.1万元、B 2600万元、C 16333万元、D 586万元   ← 4 listed
//! ```
//! Use instead: the count of the items listed, or the missing item.

use std::ops::Range;

use rust_decimal::Decimal;

use super::{finding, stated_against};
use crate::checks::registry::{Check, CheckInfo};
use crate::finding::{Finding, Message, Severity};
use crate::text::claims::{cn_digit, cn_number, figures, is_total, Fig, Kind};
use crate::text::Doc;

/// The check.
pub struct TextCount;

static INFO: CheckInfo = CheckInfo {
    id: "text-count",
    name: "count claim",
    summary: "a count (共 N 个) differs from the items listed after it",
    severity: Severity::Error,
};

impl Check for TextCount {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn text(&self, doc: &Doc, out: &mut Vec<Finding>) {
        let figs = figures(doc);
        for (n, span) in count_claims(doc) {
            let items = listed_after(doc, &figs, &span);
            // A claim is checked against an enumeration: one amount after
            // `共25个` (`涉及项目预算资金11381.60万元`) is their sum, not a list.
            if items.is_empty() || (items.len() < 2 && n > 1) {
                continue;
            }
            out.push(judge(doc, n, span, items.len()));
        }
    }
}

/// `共 4 个项目`, `共四个`: (value, span) of count claims.
fn count_claims(doc: &Doc) -> Vec<(u32, Range<usize>)> {
    let t = &doc.joined;
    let mut out = Vec::new();
    for (i, _) in t.match_indices('共') {
        let rest = &t[i + '共'.len_utf8()..];
        if rest.starts_with('计') {
            continue;
        }
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        let (value, len) = if !digits.is_empty() {
            (digits.parse().ok(), digits.len())
        } else {
            let cn: String = rest
                .chars()
                .take_while(|c| cn_digit(*c).is_some() || *c == '十')
                .collect();
            (cn_number(&cn), cn.len())
        };
        let Some(value) = value else { continue };
        if rest[len..].starts_with(['个', '项']) {
            out.push((value, i..i + '共'.len_utf8() + len + 3));
        }
    }
    out
}

/// The money items after the claim in its paragraph, up to the first total.
fn listed_after<'a>(doc: &Doc, figs: &'a [Fig], span: &Range<usize>) -> Vec<&'a Fig> {
    let para = doc.paragraph_of(span.start);
    figs.iter()
        .filter(|f| f.para == para && f.span.start > span.end && matches!(f.kind, Kind::Money(_)))
        .take_while(|f| !is_total(doc, f))
        .collect()
}

fn judge(doc: &Doc, n: u32, span: Range<usize>, listed: usize) -> Finding {
    // The claim with the noun it counts: `共4个项目`.
    let noun: String = doc.joined[span.end..]
        .chars()
        .take_while(|c| !"，。；、：,".contains(*c))
        .take(2)
        .collect();
    let claim = format!("{}{}", &doc.joined[span.clone()], noun);
    if listed as u32 == n {
        let message = Message::new("text-count-holds")
            .text("claim", claim)
            .count("n", listed);
        let label = Message::new("label-as-many-as-stated");
        return finding(doc, &INFO, Severity::Info, span, message, label);
    }
    let message = Message::new("text-count")
        .text("claim", claim)
        .count("n", listed);
    let label = Message::new("label-stated-listed")
        .count("stated", n as usize)
        .count("n", listed);
    let mut f = finding(doc, &INFO, Severity::Error, span, message, label);
    f.help = Some(Message::new("hint-text-count"));
    f.evidence = Some(stated_against(
        Decimal::from(n),
        Decimal::from(listed),
        None,
    ));
    f
}

#[cfg(test)]
mod tests {
    use crate::finding::Severity;

    fn run(text: &str) -> Vec<crate::finding::Finding> {
        super::super::run_check(text, "text-count")
    }

    #[test]
    fn a_count_that_matches_holds() {
        let f = run("共4个项目：甲1721.1万元、乙2600万元、丙16333万元、丁586万元。");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Info);
    }

    #[test]
    fn a_count_that_does_not_is_an_error() {
        let f = run("共五个项目：甲1721.1万元、乙2600万元、丙16333万元、丁586万元。");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Error);
        assert_eq!(
            f[0].message.render(),
            "共五个项目, but 4 items are listed after it"
        );
    }

    /// `共25个，涉及项目预算资金11381.60万元`: one amount after the count
    /// is what the items come to, not a list of one; nothing is claimed.
    #[test]
    fn a_count_followed_by_one_sum_is_not_an_enumeration() {
        let f = run("2025年度，本部门编报绩效目标的项目共25个，涉及项目预算资金11381.60万元。");
        assert!(f.iter().all(|f| f.rule.as_str() != "text-count"), "{f:#?}");
    }
}
