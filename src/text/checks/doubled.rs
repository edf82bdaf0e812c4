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
        let mut i = 0;
        while i < chars.len() {
            let Some(len) = doubled_at(&chars, i) else {
                i += 1;
                continue;
            };
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
}
