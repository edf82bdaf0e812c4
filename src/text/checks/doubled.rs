//! ## What it does
//! `text-doubled`: a word of two to four Chinese characters typed twice in
//! a row (`绩效绩效`).
//!
//! ## Why is this bad?
//! A doubled word is a slip of the keyboard or of a paste; in a published
//! report it reads as carelessness, and in a sentence with figures it may
//! mean a figure was pasted twice as well.
//!
//! ## Example
//! ```text
//! 开展绩效绩效评价   ← “绩效” twice
//! ```
//! Use instead: 开展绩效评价.

use super::finding;
use crate::checks::registry::{Check, CheckInfo};
use crate::finding::{Finding, Message, Severity};
use crate::text::Doc;

/// The check.
pub struct TextDoubled;

static INFO: CheckInfo = CheckInfo {
    id: "text-doubled",
    name: "doubled word",
    summary: "a word is typed twice in a row",
    severity: Severity::Warning,
};

impl Check for TextDoubled {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn text(&self, doc: &Doc, out: &mut Vec<Finding>) {
        let t = &doc.joined;
        let chars: Vec<(usize, char)> = t.char_indices().collect();
        let ends_element = short_lines(&doc.original);
        let mut i = 0;
        while i < chars.len() {
            let Some(len) = doubled_at(&chars, i) else {
                i += 1;
                continue;
            };
            // Across the end of a short line (a title or heading, then the
            // line that starts the next element: `…部门预算` / `预算主管部门`)
            // the two words are not one sentence's.
            let (a, b) = (
                doc.original_span(&(chars[i + len - 1].0..chars[i + len].0)),
                doc.original_span(&(chars[i + len].0..chars[i + len].0 + 1)),
            );
            let between = doc.original.get(a.start..b.start).unwrap_or("");
            if between.contains('\n') && ends_element(a.start) {
                i += len;
                continue;
            }
            let start = chars[i + len].0;
            let end = chars.get(i + 2 * len).map_or(t.len(), |(b, _)| *b);
            let word: String = chars[i..i + len].iter().map(|(_, c)| c).collect();
            let message = Message::new("text-doubled").text("word", word.clone());
            let label = Message::new("label-repeated");
            let mut f = finding(doc, &INFO, Severity::Warning, start..end, message, label);
            f.help = Some(Message::new("hint-text-doubled").text("word", word));
            out.push(f);
            i += 2 * len;
        }
    }
}

/// Whether the line of the original holding byte `at` is short: four
/// fifths of a typical line or less (the last line of a paragraph, a title,
/// a heading), as [`Doc`] measures lines.
fn short_lines(original: &str) -> impl Fn(usize) -> bool + '_ {
    let mut widths: Vec<usize> = original
        .lines()
        .map(|l| l.trim().chars().count())
        .filter(|&w| w > 0)
        .collect();
    widths.sort_unstable();
    let typical = widths.get(widths.len() * 3 / 4).copied().unwrap_or(0);
    move |at: usize| {
        let start = original[..at.min(original.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let end = original[start..]
            .find('\n')
            .map_or(original.len(), |i| start + i);
        original[start..end].trim().chars().count() * 5 <= typical * 4
    }
}

/// The length of a CJK word (4 down to 2 characters) that starts at `i`
/// and is repeated right after.
fn doubled_at(chars: &[(usize, char)], i: usize) -> Option<usize> {
    let cjk = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
    (2..=4).rev().find(|&len| {
        if i + 2 * len > chars.len() {
            return false;
        }
        let a = &chars[i..i + len];
        let b = &chars[i + len..i + 2 * len];
        a.iter().all(|(_, c)| cjk(*c)) && a.iter().map(|x| x.1).eq(b.iter().map(|x| x.1))
    })
}

#[cfg(test)]
mod tests {
    use crate::text::{claims::check, Doc};

    #[test]
    fn a_doubled_word_is_found_and_a_single_one_is_not() {
        let f = check(&Doc::new("开展绩效绩效评价。".into()));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].rule.as_str(), "text-doubled");
        assert!(check(&Doc::new("开展绩效评价。".into())).is_empty());
    }

    /// A title ending in 预算 and the next line starting with 预算 are two
    /// elements, not a doubled word; a word doubled across the wrap of a
    /// full line is still found.
    #[test]
    fn not_across_the_end_of_a_title() {
        let doubled = |text: &str| {
            check(&Doc::new(text.into()))
                .iter()
                .filter(|f| f.rule.as_str() == "text-doubled")
                .count()
        };
        let body =
            "本部门二〇二五年度收支预算按照区财政局统一部署编制完成，收入和支出均已纳入预算管理。";
        assert_eq!(
            doubled(&format!("上海市普陀区2025年区级部门预算\n预算主管部门：上海市普陀区商务委员会\n{body}\n{body}")),
            0
        );
        assert_eq!(
            doubled(&format!("{body}\n{body}\n本部门按照区财政局的统一要求，全面及时地将部门整体支出和项目支出的绩效\n绩效目标、绩效自评结果在门户网站上予以公开。\n{body}")),
            1
        );
    }
}
