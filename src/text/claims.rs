//! The figures of a text report, and the entry that checks the claims its
//! sentences make (each claim is a check of its own in `text::checks`):
//! figures with their kind (money in a unit, points, counts, percentages),
//! enumerations closed by a total, and where a figure is.

use std::ops::Range;

use rust_decimal::Decimal;

use super::Doc;
use crate::amount::Unit;
use crate::finding::{Finding, Location};

/// What a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Money in a unit.
    Money(Unit),
    /// Points (分).
    Score,
    /// A count (个, 项, 家, 人).
    Count,
    /// A percentage.
    Percent,
    /// Anything else (years, document numbers).
    Other,
}

/// A figure in the joined text.
#[derive(Debug, Clone)]
pub struct Fig {
    /// Its value.
    pub value: Decimal,
    /// Decimals as written.
    pub decimals: u8,
    /// What it counts.
    pub kind: Kind,
    /// Bytes of `joined`, number and unit.
    pub span: Range<usize>,
    /// Its paragraph.
    pub para: usize,
}

const CN_DIGITS: [(char, u32); 11] = [
    ('零', 0),
    ('一', 1),
    ('二', 2),
    ('两', 2),
    ('三', 3),
    ('四', 4),
    ('五', 5),
    ('六', 6),
    ('七', 7),
    ('八', 8),
    ('九', 9),
];

pub(crate) fn cn_digit(c: char) -> Option<u32> {
    CN_DIGITS.iter().find(|(d, _)| *d == c).map(|(_, v)| *v)
}

/// A Chinese numeral up to 99 (`四`, `十二`, `二十二`).
pub(crate) fn cn_number(s: &str) -> Option<u32> {
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [a] => cn_digit(*a),
        ['十', b] => Some(10 + cn_digit(*b)?),
        [a, '十'] => Some(cn_digit(*a)? * 10),
        [a, '十', b] => Some(cn_digit(*a)? * 10 + cn_digit(*b)?),
        _ => None,
    }
}

/// Every figure of the document, read once and kept with it (each claim
/// check reads them).
pub fn figures(doc: &Doc) -> &[Fig] {
    doc.figures.get_or_init(|| read_figures(doc))
}

fn read_figures(doc: &Doc) -> Vec<Fig> {
    let t = &doc.joined;
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if !c.is_ascii_digit() {
            i += 1;
            continue;
        }
        let j = number_end(&chars, i);
        let end = chars.get(j).map_or(t.len(), |(b, _)| *b);
        let prev = i.checked_sub(1).map(|k| chars[k].1);
        i = j.max(i + 1);
        let Some(n) = crate::amount::parse_number(&t[start..end]) else {
            continue;
        };
        let after = &t[end..];
        let (kind, unit_len) = kind_after(after);
        // Years, document numbers and bracketed numbers are not figures.
        let kind = if after.starts_with(['年', '号', '月', '日'])
            || prev == Some('（')
            || prev == Some('(')
            || prev == Some('第')
        {
            Kind::Other
        } else {
            kind
        };
        // A figure beyond any budget (10²⁰ 元, a percentage past 10¹²) is
        // no amount a claim is made of; kept out, the arithmetic on the
        // others cannot overflow.
        let kind = match kind {
            Kind::Money(u)
                if n.value
                    .abs()
                    .checked_mul(u.factor())
                    .is_none_or(|y| y > Decimal::from(10u64.pow(19)) * Decimal::TEN) =>
            {
                Kind::Other
            }
            Kind::Percent if n.value.abs() > Decimal::from(10u64.pow(12)) => Kind::Other,
            k => k,
        };
        out.push(Fig {
            value: n.value,
            decimals: n.written_decimals,
            kind,
            span: start..end + unit_len,
            para: doc.paragraph_of(start),
        });
    }
    out
}

/// Where the number starting at char `i` ends: after its digits, points and
/// commas, less trailing points and commas.
fn number_end(chars: &[(usize, char)], i: usize) -> usize {
    let mut j = i;
    while j < chars.len() && (chars[j].1.is_ascii_digit() || matches!(chars[j].1, '.' | ',')) {
        j += 1;
    }
    while j > i && matches!(chars[j - 1].1, '.' | ',') {
        j -= 1;
    }
    j
}

/// What a figure counts, by the unit written after it, and the unit's
/// length in bytes.
fn kind_after(after: &str) -> (Kind, usize) {
    if let Some((unit, rest)) = Unit::strip_prefix(after) {
        (Kind::Money(unit), after.len() - rest.len())
    } else if after.starts_with('分') {
        (Kind::Score, '分'.len_utf8())
    } else if after.starts_with(['个', '项', '家', '人']) {
        (Kind::Count, 3)
    } else if after.starts_with('%') {
        (Kind::Percent, 1)
    } else if after.starts_with('％') {
        (Kind::Percent, '％'.len_utf8())
    } else {
        (Kind::Other, 0)
    }
}

pub(crate) fn in_yuan(f: &Fig) -> Decimal {
    match f.kind {
        Kind::Money(u) => f.value * u.factor(),
        _ => f.value,
    }
}

pub(crate) fn before<'a>(doc: &'a Doc, f: &Fig, chars: usize) -> &'a str {
    let t = &doc.joined[..f.span.start];
    let start = t
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &t[start..]
}

/// Words that make the money figure right after them a change, not an
/// amount (`比上年增加 120.5 万元`).
pub(crate) const CHANGE_WORDS: [&str; 7] = ["增加", "减少", "增长", "下降", "上升", "降低", "提高"];

/// True for a figure right after a change word: a change, never the amount
/// compared, a part or a whole.
pub(crate) fn is_change_amount(doc: &Doc, f: &Fig) -> bool {
    let b = before(doc, f, 2);
    CHANGE_WORDS.iter().any(|w| b.ends_with(w))
}

/// Half a unit of a figure as printed, in 元 for money (the rounding it
/// may carry).
pub(crate) fn half_in_yuan(f: &Fig) -> Decimal {
    let half = crate::amount::half_unit(f.decimals);
    match f.kind {
        Kind::Money(u) => half * u.factor(),
        _ => half,
    }
}

const TOTAL_WORDS: [&str; 6] = ["共计", "合计", "总计", "累计", "总额", "总共"];

pub(crate) fn is_total(doc: &Doc, f: &Fig) -> bool {
    let b = before(doc, f, 4);
    TOTAL_WORDS.iter().any(|w| b.contains(w))
}

/// Items listed with amounts and the total that closes them.
#[derive(Debug, Clone)]
pub struct Enumeration {
    /// Each item: the words before its amount (`一般公共预算类资金评价了一个项目`) and the amount.
    pub items: Vec<(String, Fig)>,
    /// The stated total.
    pub total: Fig,
}

/// Every enumeration closed by a total in the document.
pub fn enumerations(doc: &Doc) -> Vec<Enumeration> {
    let figs = figures(doc);
    let mut out = Vec::new();
    for k in 0..figs.len() {
        if !matches!(figs[k].kind, Kind::Money(_)) || !is_total(doc, &figs[k]) {
            continue;
        }
        let items = items_before(doc, &figs, k);
        if items.len() < 2 {
            continue;
        }
        let labelled = items
            .iter()
            .map(|&i| {
                let f = &figs[i];
                let floor = if i == 0 {
                    doc.paragraphs[f.para].start
                } else {
                    figs[i - 1].span.end.max(doc.paragraphs[f.para].start)
                };
                let seg = &doc.joined[floor..f.span.start];
                let seg = seg
                    .rsplit(['，', '、', '；', '。', '：', ',', ';'])
                    .next()
                    .unwrap_or(seg);
                (seg.to_string(), f.clone())
            })
            .collect();
        out.push(Enumeration {
            items: labelled,
            total: figs[k].clone(),
        });
    }
    out
}

/// The first figure after `phrase` (spaces ignored), within a few
/// characters: how a rule finds `text("财政重点绩效评价共计")`.
pub fn figure_after(doc: &Doc, phrase: &str) -> Option<Fig> {
    let phrase: String = phrase.chars().filter(|c| !c.is_whitespace()).collect();
    let at = doc.joined.find(&phrase)? + phrase.len();
    figures(doc)
        .iter()
        .find(|f| f.span.start >= at && f.span.start <= at + 12 && f.kind != Kind::Other)
        .cloned()
}

/// `line:column` of a figure in the original text.
pub fn position(doc: &Doc, f: &Fig) -> (usize, usize) {
    doc.line_col(doc.original_span(&f.span).start)
}

/// Checks every claim of a document: every text check of the registry,
/// findings in the order of the text.
pub fn check(doc: &Doc) -> Vec<Finding> {
    let mut out = Vec::new();
    for c in crate::checks::registry::CHECKS {
        c.text(doc, &mut out);
    }
    out.sort_by_key(|f| match f.location {
        Location::Text { span, .. } => Some(span.0),
        _ => None,
    });
    out
}

/// The items (money figures) before total `k` in its paragraph, after the
/// previous total.
pub(crate) fn items_before(doc: &Doc, figs: &[Fig], k: usize) -> Vec<usize> {
    let total = &figs[k];
    // The items of a total are in its own sentence (`…本年收入合计…。
    // 本年支出合计…` are two).
    let sentence_start = doc.joined[..total.span.start]
        .rfind('。')
        .map_or(0, |i| i + '。'.len_utf8());
    let mut items = Vec::new();
    for i in (0..k).rev() {
        let f = &figs[i];
        if f.para != total.para || f.span.start < sentence_start {
            break;
        }
        if matches!(f.kind, Kind::Money(_)) {
            if is_total(doc, f) {
                break;
            }
            items.push(i);
        }
    }
    items.reverse();
    items
}
