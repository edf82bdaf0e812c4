//! ## What it does
//! `text-change`: a sentence that compares an amount with an earlier one
//! (`比2024年预算执行数增加 3.10%`, `比上年减少 876.75 万元`, `与上年持平`)
//! is recomputed from the figures it gives:
//! - with the base stated (`2023年当年预算执行数为 60.13 万元，2024年预算安排
//!   25.77 万元，比2023年预算执行数减少 57.14%`): the direction word against
//!   the sign of the difference, the amount of the change against the
//!   difference, and the percentage against the difference over the base;
//! - with the amount of the change and the percentage both stated
//!   (`3,104.6 万元，比上年增加 120.5 万元，增长 4.04%`): the percentage
//!   against the change over the base they imply (3,104.6 − 120.5).
//!
//! Each figure is compared at the decimals it is printed with, allowing for
//! the rounding of the figures it is computed from: a percentage passes when
//! some values the printed inputs round from give it. A comparison whose
//! sentence gives too little (no base, or only the change) is counted as
//! undecided and shown as such, never passed.
//!
//! ## Why is this bad?
//! The prose of a 部门预算 or 部门决算 repeats each item with its change on
//! last year. A base typed with a digit too many turns a fall of ninety per
//! cent into a rise of a dozen; a direction word left from last year's text
//! says 增加 beside a smaller amount. Reviewers recompute these first.
//!
//! ## Example
//! ```text
//! 2023年当年预算执行数为 60.13 万元，2024年预算安排 25.77 万元，比2023年预算执行数增加 57.14%
//!                                                                 ← 25.77 is less than 60.13: 减少
//! ```
//! Use instead: 减少 57.14%.
//!
//! Source: `../shared/DOMAIN.md`, "The prose repeats the tables".

use std::ops::Range;

use rust_decimal::Decimal;

use super::{finding, stated_against};
use crate::amount::half_unit as half;
use crate::checks::registry::{Check, CheckInfo};
use crate::finding::{FigureUnit, Finding, Message, Severity};
use crate::table::{Amount, Table};
use crate::text::claims::{before, figures, half_in_yuan, in_yuan, is_change_amount, Fig, Kind};
use crate::text::Doc;

/// The check.
pub struct TextChange;

static INFO: CheckInfo = CheckInfo {
    id: "text-change",
    name: "stated change",
    summary: "a change on an earlier year (增加/减少 X 万元, X%, 持平) does not follow from the figures the sentence gives",
    severity: Severity::Error,
};

impl Check for TextChange {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn text(&self, doc: &Doc, out: &mut Vec<Finding>) {
        let figs = figures(doc);
        for c in changes(doc, figs) {
            out.push(judge(doc, figs, &c));
        }
    }
}

/// Which way a sentence says the amount moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// 增加, 增长, 上升, 提高.
    Up,
    /// 减少, 下降, 降低.
    Down,
    /// 持平.
    Flat,
}

/// The words of each direction, longest first where one contains another.
const WORDS: [(&str, Direction); 11] = [
    ("增幅", Direction::Up),
    ("降幅", Direction::Down),
    ("减幅", Direction::Down),
    ("增加", Direction::Up),
    ("增长", Direction::Up),
    ("上升", Direction::Up),
    ("提高", Direction::Up),
    ("减少", Direction::Down),
    ("下降", Direction::Down),
    ("降低", Direction::Down),
    ("持平", Direction::Flat),
];

/// Words that make a sentence a comparison with an earlier figure.
const COMPARED: [&str; 6] = ["比", "较", "相比", "同比", "相较", "与"];

/// What a comparison names as its base (`比年初预算`), and the words
/// before the figure that is that base (`年初预算为`).
const BASE_NAMES: [&str; 5] = ["年初预算", "执行数", "决算", "预算数", "上年"];

/// Words before a figure that make it the base of a comparison.
const BASE_WORDS: [&str; 10] = [
    "决算为",
    "决算数为",
    "执行数为",
    "执行数是",
    "上年为",
    "上年数为",
    "上年度为",
    "上年预算为",
    "年初预算为",
    "预算数为",
];

/// A comparison a sentence makes: indices into the document's figures.
#[derive(Debug, Clone)]
pub struct Change {
    /// The direction its word gives.
    pub direction: Direction,
    /// Where the word is (bytes of the joined text).
    pub word: Range<usize>,
    /// The amount compared (`2024年预算安排 25.77 万元`).
    pub amount: Option<usize>,
    /// The base (`预算执行数为 60.13 万元`).
    pub base: Option<usize>,
    /// The change as an amount (`增加 876.75 万元`).
    pub by: Option<usize>,
    /// The change as a percentage (`减少 57.14%`).
    pub percent: Option<usize>,
    /// A word of the other direction given to the same change
    /// (`减少 120.5 万元，增长 4.04%`).
    pub contradicted: Option<Range<usize>>,
}

/// Every comparison the document makes, in text order.
pub fn changes(doc: &Doc, figs: &[Fig]) -> Vec<Change> {
    let t = &doc.joined;
    let mut out: Vec<Change> = Vec::new();
    // `决算数与预算数持平` compares two quantities, not two years.
    let compared = super::compare::claimed_spans(doc);
    for para in &doc.paragraphs {
        let text = &t[para.clone()];
        for (sentence_start, sentence) in sentences(text) {
            let s0 = para.start + sentence_start;
            let s1 = s0 + sentence.len();
            // The direction words of the sentence.
            let mut words: Vec<(Range<usize>, Direction)> = Vec::new();
            for (at, _) in sentence.char_indices() {
                if let Some((w, d)) = WORDS.iter().find(|(w, _)| sentence[at..].starts_with(w)) {
                    let span = s0 + at..s0 + at + w.len();
                    if compared
                        .iter()
                        .any(|c| c.start <= span.start && span.end <= c.end)
                    {
                        continue;
                    }
                    words.push((span, *d));
                }
            }
            let in_sentence: Vec<usize> = (0..figs.len())
                .filter(|&i| figs[i].span.start >= s0 && figs[i].span.end <= s1)
                .collect();
            let mut used: Vec<usize> = Vec::new();
            let mut used_by: Vec<usize> = Vec::new();
            // A word's direction as its figure's sign leaves it (`增加-2.00`
            // is a decrease).
            let eff = |w: &Range<usize>, d: Direction| {
                let negative = in_sentence.iter().any(|&i| {
                    figs[i].span.start >= w.end
                        && t[w.end..figs[i].span.start].chars().count() <= 2
                        && (figs[i].value.is_sign_negative()
                            || t[..figs[i].span.start].ends_with(['-', '－', '−']))
                });
                match (negative, d) {
                    (true, Direction::Up) => Direction::Down,
                    (true, Direction::Down) => Direction::Up,
                    (_, d) => d,
                }
            };
            for (k, (word, direction)) in words.iter().enumerate() {
                // A comparison word before it in the sentence.
                let head = &t[s0..word.start];
                let Some(marker) = COMPARED.iter().filter_map(|m| head.rfind(m)).max() else {
                    continue;
                };
                let marker = s0 + marker;
                // `分别比上年增加 A、减少 B`: a list of changes for a list of
                // amounts, not paired here; shown as undecided.
                if t[s0..marker].ends_with("分别") {
                    out.push(Change {
                        direction: *direction,
                        word: word.clone(),
                        amount: None,
                        base: None,
                        by: None,
                        percent: None,
                        contradicted: None,
                    });
                    continue;
                }
                // Figures right after the word: the change (万元, %).
                let next_word = words.get(k + 1).map_or(s1, |(w, _)| w.start);
                let after: Vec<usize> = in_sentence
                    .iter()
                    .copied()
                    .filter(|&i| figs[i].span.start >= word.end && figs[i].span.start < next_word)
                    .filter(|&i| t[word.end..figs[i].span.start].chars().count() <= 2)
                    .collect();
                let by = after
                    .iter()
                    .copied()
                    .find(|&i| matches!(figs[i].kind, Kind::Money(_)));
                let mut percent = after
                    .iter()
                    .copied()
                    .find(|&i| figs[i].kind == Kind::Percent);
                // 基本持平 (about flat) is no exact claim.
                if *direction == Direction::Flat && head.ends_with("基本") {
                    continue;
                }
                if *direction != Direction::Flat && by.is_none() && percent.is_none() {
                    // A word with no figure after it (`主要原因是…减少`).
                    continue;
                }
                // `减少 120.5 万元，增长 4.04%`: two directions for one change.
                if let (Some(_), None, Some((w2, d2))) = (by, percent, words.get(k + 1)) {
                    let between = &t[word.end..w2.start];
                    let opposite = matches!(
                        (eff(word, *direction), eff(w2, *d2)),
                        (Direction::Up, Direction::Down) | (Direction::Down, Direction::Up)
                    );
                    if opposite && !between.contains(COMPARED[0]) && between.chars().count() <= 14 {
                        out.push(Change {
                            direction: *direction,
                            word: word.clone(),
                            amount: None,
                            base: None,
                            by,
                            percent: None,
                            contradicted: Some(w2.clone()),
                        });
                        // The second word's percentage is this claim's.
                        used.extend(in_sentence.iter().copied().filter(|&i| {
                            figs[i].kind == Kind::Percent
                                && figs[i].span.start >= w2.end
                                && t[w2.end..figs[i].span.start].chars().count() <= 2
                        }));
                        continue;
                    }
                }
                // `增加 120.5 万元，增长 4.04%`: the second word gives the
                // percentage of the same change.
                if let (Some(_), None, Some((w2, d2))) = (by, percent, words.get(k + 1)) {
                    let between = &t[word.end..w2.start];
                    if eff(w2, *d2) == eff(word, *direction)
                        && !between.contains(COMPARED[0])
                        && between.chars().count() <= 14
                    {
                        percent = in_sentence.iter().copied().find(|&i| {
                            figs[i].kind == Kind::Percent
                                && figs[i].span.start >= w2.end
                                && t[w2.end..figs[i].span.start].chars().count() <= 2
                        });
                    }
                }
                // `下降 1.80%，减少 53.87 万元`: the amount follows the
                // percentage under a second word of the same direction.
                let mut by = by;
                if let (None, Some(_), Some((w2, d2))) = (by, percent, words.get(k + 1)) {
                    let between = &t[word.end..w2.start];
                    if d2 == direction
                        && !between.contains(COMPARED[0])
                        && between.chars().count() <= 14
                    {
                        by = in_sentence.iter().copied().find(|&i| {
                            matches!(figs[i].kind, Kind::Money(_))
                                && figs[i].span.start >= w2.end
                                && t[w2.end..figs[i].span.start].chars().count() <= 2
                        });
                        if let Some(b) = by {
                            used_by.push(b);
                        }
                    }
                }
                // `增加-2.00万元`: a negative increase is a decrease.
                let direction = &eff(word, *direction);
                // (The amount already paired with a percentage before it.)
                if percent.is_none() && by.is_some_and(|b| used_by.contains(&b)) {
                    continue;
                }
                if let Some(p) = percent {
                    if used.contains(&p) {
                        continue;
                    }
                    used.push(p);
                }
                // The amount compared: the last money figure before the
                // comparison word, in the sentence.
                let amount = in_sentence.iter().copied().rfind(|&i| {
                    matches!(figs[i].kind, Kind::Money(_))
                        && figs[i].span.end <= marker
                        && !is_change_amount(doc, &figs[i])
                });
                // `总计2995.39万元。与2023年度相比，收入支出总计减少…`: the
                // amount is in the sentence before, under the subject's name.
                let amount = amount.or_else(|| {
                    let subject = t[s0..word.start].rsplit(['，', ',']).next().unwrap_or("");
                    let stem: String = subject
                        .chars()
                        .rev()
                        .take(2)
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .collect();
                    if stem.chars().count() < 2 || stem.chars().any(|c| c.is_ascii_digit()) {
                        return None;
                    }
                    (0..figs.len()).rev().find(|&i| {
                        figs[i].para == doc.paragraph_of(s0)
                            && figs[i].span.end <= s0
                            && matches!(figs[i].kind, Kind::Money(_))
                            && before(doc, &figs[i], 8).contains(&stem)
                    })
                });
                // The base: a money figure before the amount, named as one;
                // of several, the one the comparison names (比年初预算 takes
                // 年初预算为, 比上年执行数 takes 执行数为).
                let compared = &t[marker..word.start];
                let bases: Vec<usize> = amount.map_or(Vec::new(), |a| {
                    in_sentence
                        .iter()
                        .copied()
                        .filter(|&i| {
                            i < a
                                && matches!(figs[i].kind, Kind::Money(_))
                                && BASE_WORDS
                                    .iter()
                                    .any(|w| t[s0..figs[i].span.start].trim_end().ends_with(w))
                        })
                        .collect()
                });
                let named = |i: &usize| {
                    let lead = before(doc, &figs[*i], 8);
                    BASE_NAMES
                        .iter()
                        .any(|w| compared.contains(w) && lead.contains(w))
                };
                let names_one = BASE_NAMES.iter().any(|w| compared.contains(w));
                // `较2024年预算数11,250.00万元增加…`: the base in the comparison.
                let inside = in_sentence.iter().copied().find(|&i| {
                    matches!(figs[i].kind, Kind::Money(_))
                        && figs[i].span.start > marker
                        && figs[i].span.end <= word.start
                });
                let base = match (inside, bases.iter().rev().find(|i| named(i))) {
                    (Some(i), _) => Some(i),
                    (None, Some(&i)) => Some(i),
                    // A comparison that names its base takes no other.
                    (None, None) if names_one => None,
                    (None, None) => bases.last().copied(),
                };
                out.push(Change {
                    direction: *direction,
                    word: word.clone(),
                    amount,
                    base,
                    by,
                    percent,
                    contradicted: None,
                });
            }
        }
    }
    out
}

/// Changes whose sentence gives no base, decided from the tables: the
/// item the paragraph names (`“…（类）…（款）…（项）”`, or a code in
/// brackets) is found as a row, and its table's column for the year or
/// the figure the comparison names (`比2024年预算数` takes a column headed
/// `2024年预算数`; `比上年` one headed `上年…`) gives the base. Returns
/// (the undecided finding it replaces, the decided one), the base's cell
/// named among the inputs (`[budget.xlsx]'支出'!C7`, by `files` as
/// [`super::row::check_in`] names them).
pub fn with_tables(doc: &Doc, tables: &[&Table], files: &[String]) -> Vec<(Finding, Finding)> {
    if tables.is_empty() {
        return Vec::new();
    }
    let t = &doc.joined;
    let figs = figures(doc);
    let named = super::row::named_amounts(doc, figs);
    let mut out = Vec::new();
    for c in changes(doc, figs) {
        let Some(a) = c.amount else { continue };
        // (A change and its percentage imply a base; the table's decides
        // the amount of the change as well.)
        if c.base.is_some() {
            continue;
        }
        // The item: the last one named before the claim, in its paragraph.
        let Some((_, item)) = named
            .iter()
            .rev()
            .find(|(i, _)| figs[*i].para == figs[a].para && figs[*i].span.start < c.word.start)
        else {
            continue;
        };
        let Some((ti, ri)) = super::row::row_of(tables, item) else {
            continue;
        };
        let table = tables[ti];
        let total = super::row::total_column(table);
        // What the comparison names: `比2024年预算执行数`.
        let head = &t[doc.paragraphs[figs[a].para].start..c.word.start];
        let Some(marker) = COMPARED.iter().filter_map(|m| head.rfind(m)).max() else {
            continue;
        };
        let compared = &head[marker..];
        let year: String = compared
            .split('年')
            .next()
            .unwrap_or("")
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let names_column = |k: usize| {
            let header: String = table.columns[k].path.concat();
            let when = if year.len() == 4 {
                header.contains(&year)
            } else {
                compared.contains("上年") && header.contains("上年")
            };
            // Of 预算/执行/决算, the ones the comparison names.
            let kind = ["执行", "决算", "年初"]
                .iter()
                .all(|w| compared.contains(w) == header.contains(w));
            when && kind
        };
        let columns: Vec<usize> = table
            .numeric_columns()
            .filter(|&k| Some(k) != total && table.unit_of(k).is_some() && names_column(k))
            .collect();
        let [k] = columns[..] else { continue };
        let Amount::Value(v, d) = table.amount(ri, k) else {
            continue;
        };
        // The base in the amount's unit, its rounding kept (3,380,000.00 元
        // is 338.000000 万元).
        let unit = table.unit_of(k).expect("a column with a unit");
        let shown_in = match figs[a].kind {
            Kind::Money(u) => u,
            _ => unit,
        };
        let (value, decimals) = if unit.factor() < shown_in.factor() {
            let shift = (shown_in.factor() / unit.factor())
                .normalize()
                .to_string()
                .len() as u8
                - 1;
            (v * unit.factor() / shown_in.factor(), d + shift)
        } else {
            (v * unit.factor() / shown_in.factor(), d)
        };
        let mut with_base = figs.to_vec();
        with_base.push(Fig {
            value,
            decimals,
            kind: Kind::Money(shown_in),
            span: c.word.clone(),
            para: figs[a].para,
        });
        let decided = Change {
            base: Some(with_base.len() - 1),
            ..c.clone()
        };
        let file = files.get(ti).map_or("", String::as_str);
        let cell = format!("{file}'{}'!{}", table.sheet, table.a1(ri, k));
        let mut f = judge(doc, &with_base, &decided);
        f.inputs.push(cell);
        out.push((judge(doc, figs, &c), f));
    }
    out
}

/// The sentences of a paragraph, each with its byte offset: split after
/// 。；; and before a new outline number.
fn sentences(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '；' | ';') {
            let end = i + c.len_utf8();
            out.push((start, &text[start..end]));
            start = end;
        }
    }
    if start < text.len() {
        out.push((start, &text[start..]));
    }
    out
}

/// What the figures make of a claim.
#[derive(Debug, Clone)]
enum Verdict {
    /// The claim holds; the change and the percentage it has.
    Holds {
        change: Decimal,
        percent: Option<Decimal>,
    },
    /// The direction word is the wrong one.
    Direction {
        change: Decimal,
        hint: Option<&'static str>,
    },
    /// The stated amount of the change is not the difference.
    By { stated: Decimal, change: Decimal },
    /// The stated percentage is not the change over the base.
    Percent {
        stated: Decimal,
        computed: Decimal,
        hint: Option<&'static str>,
    },
    /// A change from a base of zero has no percentage.
    FromZero,
}

/// Interval of (a − b) / b × 100 over the values `a ± ha`, `b ± hb`
/// (b > 0), exact.
fn percent_range(a: Decimal, ha: Decimal, b: Decimal, hb: Decimal) -> Option<(Decimal, Decimal)> {
    let hundred = Decimal::from(100);
    let lo_b = b + hb;
    let hi_b = b - hb;
    if hi_b <= Decimal::ZERO {
        return None;
    }
    let lo = ((a - ha) - lo_b).checked_mul(hundred)?.checked_div(lo_b)?;
    let hi = ((a + ha) - hi_b).checked_mul(hundred)?.checked_div(hi_b)?;
    Some((lo, hi))
}

/// Whether a printed figure (value, decimals) can be the rounding of some
/// value in `[lo, hi]`.
fn allows(stated: Decimal, decimals: u8, (lo, hi): (Decimal, Decimal)) -> bool {
    let h = half(decimals);
    stated + h >= lo && stated - h <= hi
}

fn verdict(c: &Change, figs: &[Fig]) -> Option<Verdict> {
    let hundred = Decimal::from(100);
    let a = &figs[c.amount?];
    let (av, ha) = (in_yuan(a), half_in_yuan(a));
    if let Some(b) = c.base.map(|i| &figs[i]) {
        let (bv, hb) = (in_yuan(b), half_in_yuan(b));
        let change = av - bv;
        // The direction, where the rounding of the two cannot flip it.
        let sure_up = change - ha - hb > Decimal::ZERO;
        let sure_down = change + ha + hb < Decimal::ZERO;
        let bare = c.by.is_none() && c.percent.is_none();
        let wrong = match c.direction {
            Direction::Up => sure_down || (change.is_zero() && bare),
            Direction::Down => sure_up || (change.is_zero() && bare),
            Direction::Flat => sure_up || sure_down,
        };
        if wrong {
            let hint = c
                .percent
                .map(|i| &figs[i])
                .and_then(|p| base_slip(av, bv, p.value.abs(), p.decimals));
            return Some(Verdict::Direction { change, hint });
        }
        if let Some(d) = c.by.map(|i| &figs[i]) {
            let (lo, hi) = (change.abs() - ha - hb, change.abs() + ha + hb);
            if !allows(in_yuan(d).abs(), d.decimals, (lo, hi)) {
                return Some(Verdict::By {
                    stated: in_yuan(d).abs(),
                    change,
                });
            }
        }
        if let Some(p) = c.percent.map(|i| &figs[i]) {
            if bv.is_zero() {
                return Some(Verdict::FromZero);
            }
            let (lo, hi) = percent_range(av, ha, bv, hb)?;
            let (lo, hi) = if change < Decimal::ZERO {
                (-hi, -lo)
            } else {
                (lo, hi)
            };
            if !allows(p.value.abs(), p.decimals, (lo, hi)) {
                let computed = (change * hundred / bv).abs();
                let hint = base_slip(av, bv, p.value.abs(), p.decimals);
                return Some(Verdict::Percent {
                    stated: p.value.abs(),
                    computed,
                    hint,
                });
            }
        }
        let percent = (!bv.is_zero()).then(|| (change * hundred / bv).abs());
        return Some(Verdict::Holds { change, percent });
    }
    // No base: the change and its percentage imply one.
    let (d, p) = (&figs[c.by?], &figs[c.percent?]);
    let (dv, hd) = (in_yuan(d).abs(), half_in_yuan(d).abs());
    let sign = match c.direction {
        Direction::Up => Decimal::ONE,
        Direction::Down => -Decimal::ONE,
        Direction::Flat => return None,
    };
    let base = av - sign * dv;
    if base <= Decimal::ZERO {
        return None;
    }
    // d / (a − s·d), increasing in d and decreasing in a.
    let f = |a: Decimal, d: Decimal| -> Option<Decimal> {
        let b = a - sign * d;
        (b > Decimal::ZERO).then(|| d * hundred / b)
    };
    let lo = f(av + ha, dv - hd)?;
    let hi = f(av - ha, dv + hd)?;
    let computed = dv * hundred / base;
    if !allows(p.value.abs(), p.decimals, (lo, hi)) {
        return Some(Verdict::Percent {
            stated: p.value.abs(),
            computed,
            hint: None,
        });
    }
    Some(Verdict::Holds {
        change: sign * dv,
        percent: Some(computed),
    })
}

/// A base typed ten times too large or too small gives the stated
/// percentage: the likely slip.
fn base_slip(a: Decimal, b: Decimal, stated: Decimal, decimals: u8) -> Option<&'static str> {
    let hundred = Decimal::from(100);
    let ten = Decimal::from(10);
    let gives = |b: Decimal| -> bool {
        !b.is_zero() && ((a - b) * hundred / b).abs().round_dp(decimals as u32) == stated
    };
    if gives(b / ten) {
        Some("hint-text-change-base-digit-added")
    } else if gives(b * ten) {
        Some("hint-text-change-base-digit-dropped")
    } else {
        None
    }
}

/// Another amount of the same paragraph (the item's heading figure) that
/// gives the stated percentage against the base: the amount compared was
/// probably retyped.
fn other_amount(figs: &[Fig], c: &Change, p: &Fig) -> Option<Message> {
    let (a, b) = (&figs[c.amount?], &figs[c.base?]);
    let bv = in_yuan(b);
    if bv.is_zero() {
        return None;
    }
    let hundred = Decimal::from(100);
    figs.iter()
        .enumerate()
        .filter(|(i, f)| {
            f.para == a.para
                && Some(*i) != c.amount
                && Some(*i) != c.base
                && matches!(f.kind, Kind::Money(_))
                && in_yuan(f) != in_yuan(a)
        })
        .find(|(_, f)| {
            let (lo, hi) = match percent_range(in_yuan(f), half_in_yuan(f), bv, half_in_yuan(b)) {
                Some(r) => r,
                None => return false,
            };
            let (lo, hi) = if in_yuan(f) < bv {
                (-hi, -lo)
            } else {
                (lo, hi)
            };
            ((in_yuan(f) - bv) * hundred / bv).abs() > Decimal::ZERO
                && allows(p.value.abs(), p.decimals, (lo, hi))
        })
        .map(|(_, f)| {
            Message::new("hint-text-change-other-amount")
                .figure("other", f.value)
                .figure("amount", a.value)
        })
}

fn word_of(d: Direction) -> &'static str {
    match d {
        Direction::Up => "增加",
        Direction::Down => "减少",
        Direction::Flat => "持平",
    }
}

fn judge(doc: &Doc, figs: &[Fig], c: &Change) -> Finding {
    let amount = c.amount.map(|i| figs[i].value);
    // The base the sentence states, or the one its change implies.
    let base = c.base.map(|i| figs[i].value).or_else(|| {
        let (a, d) = (&figs[c.amount?], &figs[c.by?]);
        let sign = match c.direction {
            Direction::Up => Decimal::ONE,
            Direction::Down => -Decimal::ONE,
            Direction::Flat => return None,
        };
        let factor = match a.kind {
            Kind::Money(u) => u.factor(),
            _ => Decimal::ONE,
        };
        Some(((in_yuan(a) - sign * in_yuan(d).abs()) / factor).normalize())
    });
    let with = |m: Message| {
        let m = match amount {
            Some(a) => m.figure("amount", a),
            None => m.text("amount", "—"),
        };
        match base {
            Some(b) => m.figure("base", b),
            None => m.text("base", "—"),
        }
    };
    let span = c.word.start..c.percent.or(c.by).map_or(c.word.end, |i| figs[i].span.end);
    if let Some(w2) = &c.contradicted {
        let m = Message::new("text-change-contradiction")
            .text("word", doc.joined[c.word.clone()].to_string())
            .text("other", doc.joined[w2.clone()].to_string());
        let label = Message::new("label-change-contradiction")
            .text("word", doc.joined[c.word.clone()].to_string());
        return finding(doc, &INFO, Severity::Error, w2.clone(), m, label);
    }
    match verdict(c, figs) {
        None => {
            let id = if c.amount.is_none() {
                "text-change-undecided-amount"
            } else {
                "text-change-undecided-base"
            };
            let message = Message::new(id).text("claim", doc.joined[span.clone()].to_string());
            let label = Message::new("label-undecided");
            finding(doc, &INFO, Severity::Info, span, message, label)
        }
        Some(Verdict::Holds { change, percent }) => {
            let factor = c.amount.map_or(Decimal::ONE, |i| match figs[i].kind {
                Kind::Money(u) => u.factor(),
                _ => Decimal::ONE,
            });
            let m = with(Message::new("text-change-holds"))
                .text("claim", doc.joined[span.clone()].to_string())
                .figure("change", (change / factor).normalize());
            let m = match percent {
                Some(p) => m.figure("percent", p.round_dp(2)),
                None => m.text("percent", "—"),
            };
            finding(
                doc,
                &INFO,
                Severity::Info,
                span,
                m,
                Message::new("label-change-holds"),
            )
        }
        Some(Verdict::FromZero) => {
            let m = with(Message::new("text-change-from-zero"))
                .text("claim", doc.joined[span.clone()].to_string());
            let mut f = finding(
                doc,
                &INFO,
                Severity::Info,
                span,
                m,
                Message::new("label-from-zero"),
            );
            f.help = Some(Message::new("hint-text-change-from-zero"));
            f
        }
        Some(Verdict::Direction { change, hint }) => {
            let right = if change.is_zero() {
                Direction::Flat
            } else if change > Decimal::ZERO {
                Direction::Up
            } else {
                Direction::Down
            };
            let factor = c.amount.map_or(Decimal::ONE, |i| match figs[i].kind {
                Kind::Money(u) => u.factor(),
                _ => Decimal::ONE,
            });
            let m = with(Message::new("text-change-direction"))
                .text("word", word_of(c.direction))
                .text("right", word_of(right))
                .figure("change", (change / factor).normalize());
            let label = Message::new("label-change-direction").text("right", word_of(right));
            let mut f = finding(doc, &INFO, Severity::Error, c.word.clone(), m, label);
            f.help = hint.map(Message::new).or_else(|| {
                // The item's other amount may give the stated percentage.
                c.percent.and_then(|p| other_amount(figs, c, &figs[p]))
            });
            f
        }
        Some(Verdict::By { stated, change }) => {
            let d = &figs[c.by.expect("a stated change")];
            let unit = match d.kind {
                Kind::Money(u) => u,
                _ => crate::amount::Unit::Yuan,
            };
            let shown = (change.abs() / unit.factor())
                .round_dp(d.decimals as u32 + 2)
                .normalize();
            let m = with(Message::new("text-change-by"))
                .figure("stated", d.value)
                .figure("computed", shown);
            let label = Message::new("label-stated-computed")
                .figure("stated", d.value)
                .figure("computed", shown);
            let mut f = finding(doc, &INFO, Severity::Error, d.span.clone(), m, label);
            f.evidence = Some(stated_against(
                stated / unit.factor(),
                shown,
                Some(FigureUnit::Money(unit)),
            ));
            f
        }
        Some(Verdict::Percent {
            stated,
            computed,
            hint,
        }) => {
            let p = &figs[c.percent.expect("a stated percentage")];
            let shown = computed.round_dp(p.decimals.max(2) as u32);
            let m = with(Message::new("text-change-percent"))
                .figure("stated", stated)
                .figure("computed", shown);
            let label = Message::new("label-stated-computed")
                .figure("stated", stated)
                .figure("computed", shown);
            let mut f = finding(doc, &INFO, Severity::Error, p.span.clone(), m, label);
            f.evidence = Some(stated_against(stated, shown, Some(FigureUnit::Percent)));
            f.help = hint.map(Message::new).or_else(|| other_amount(figs, c, p));
            f
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::run_check;
    use crate::finding::Severity;

    fn errors(text: &str) -> Vec<String> {
        run_check(text, "text-change")
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.message.id.to_string())
            .collect()
    }

    #[test]
    fn a_stated_base_decides_direction_amount_and_percent() {
        let ok = "2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数减少57.14%。";
        assert!(errors(ok).is_empty());
        let up = ok.replace("减少57.14%", "增加57.14%");
        assert_eq!(errors(&up), ["text-change-direction"]);
        let pct = ok.replace("57.14%", "57.41%");
        assert_eq!(errors(&pct), ["text-change-percent"]);
        let flat = "上年预算为20.00万元，2024年预算安排24.31万元，与上年持平。";
        assert_eq!(errors(flat), ["text-change-direction"]);
    }

    #[test]
    fn the_items_other_amount_that_gives_the_percent_is_named() {
        let text = "31. “住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元，主要用于住房公积金。2023年当年预算执行数为348.52万元，2024年预算安排352.67万元，比2023年预算执行数增加0.53%。";
        let f = run_check(text, "text-change");
        let e: Vec<_> = f.iter().filter(|f| f.severity == Severity::Error).collect();
        assert_eq!(e.len(), 1, "{f:?}");
        let help = e[0].help.as_ref().expect("a hint");
        assert_eq!(help.id, "hint-text-change-other-amount");
        // Retyped so that the direction turns: the same hint.
        let down = text.replace("352.67", "340.00");
        let f = run_check(&down, "text-change");
        assert_eq!(f[0].message.id, "text-change-direction");
        assert_eq!(
            f[0].help.as_ref().map(|h| h.id.as_ref()),
            Some("hint-text-change-other-amount")
        );
    }

    #[test]
    fn a_printed_percent_passes_within_the_rounding_of_its_inputs() {
        // 1/3 = 33.33…%; printed inputs 0.03 and 0.04 allow 14.3% … 60%.
        let ok = "上年预算为0.03万元，本年预算0.04万元，比上年增加33%。";
        assert!(errors(ok).is_empty());
    }

    #[test]
    fn change_and_percent_imply_the_base() {
        let ok = "收入预算3,104.6万元，比上年增加120.5万元，增长4.04%。";
        assert!(errors(ok).is_empty());
        let bad = ok.replace("4.04%", "40.4%");
        assert_eq!(errors(&bad), ["text-change-percent"]);
    }

    #[test]
    fn a_base_with_a_digit_too_many_is_named() {
        // Base 31,046 for 3,104.6: the figures give a fall of 90%.
        let text = "上年预算为31046万元，本年预算3477万元，比上年增加12.00%。";
        let f = run_check(text, "text-change");
        let e: Vec<_> = f.iter().filter(|f| f.severity == Severity::Error).collect();
        assert_eq!(e.len(), 1, "{f:?}");
        assert_eq!(e[0].message.id, "text-change-direction");
        assert_eq!(
            e[0].help.as_ref().map(|h| h.id.as_ref()),
            Some("hint-text-change-base-digit-added")
        );
    }

    #[test]
    fn the_amount_can_be_in_the_sentence_before_under_its_name() {
        let ok = "2024年度收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元，下降1.87%。";
        let f = run_check(ok, "text-change");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].message.id, "text-change-holds", "{f:?}");
        assert_eq!(
            errors(&ok.replace("1.87%", "1.78%")),
            ["text-change-percent"]
        );
    }

    #[test]
    fn a_second_comparison_is_of_the_same_amount_and_its_own_base() {
        let ok = "一般公共预算财政拨款支出年初预算为2993.92万元，2024年上年决算为3003.19万元，支出决算为2940.05万元，比年初预算减少53.87万元，下降1.80%，比上年决算减少63.14万元，下降2.10%。";
        assert!(errors(ok).is_empty(), "{:?}", run_check(ok, "text-change"));
        assert_eq!(
            errors(&ok.replace("下降2.10%", "下降2.20%")),
            ["text-change-percent"]
        );
    }

    #[test]
    fn a_base_inside_the_comparison() {
        let ok =
            "2025年收入预算12,000.00万元，较2024年预算数11,250.00万元增加750.00万元，增长6.67%。";
        let f = run_check(ok, "text-change");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].message.id, "text-change-holds");
        assert_eq!(
            errors(&ok.replace("6.67%", "6.76%")),
            ["text-change-percent"]
        );
    }

    #[test]
    fn two_directions_for_one_change_are_named() {
        let text = "收入预算3,104.60万元，比上年减少120.50万元，增长4.04%。";
        assert_eq!(errors(text), ["text-change-contradiction"]);
        assert_eq!(run_check(text, "text-change").len(), 1);
    }

    #[test]
    fn other_phrasings_of_a_change() {
        // The percentage first, then the amount.
        let rev = "收入预算3,104.60万元，比上年增长4.04%，增加120.50万元。";
        let f = run_check(rev, "text-change");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].message.id, "text-change-holds");
        assert_eq!(
            errors(&rev.replace("4.04%", "4.40%")),
            ["text-change-percent"]
        );
        // 增幅, and a full-width ％.
        let fw = "2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数降幅为57.14％。";
        assert!(errors(fw).is_empty(), "{:?}", run_check(fw, "text-change"));
        assert_eq!(
            errors(&fw.replace("降幅", "增幅")),
            ["text-change-direction"]
        );
    }

    #[test]
    fn a_change_with_no_base_is_undecided_and_shown() {
        let f = run_check(
            "财政拨款收入15621.11万元，比2023年预算减少876.75万元。",
            "text-change",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Info);
        assert_eq!(f[0].message.id, "text-change-undecided-base");
        // A reason with no figure is no claim.
        assert!(run_check("主要原因是项目调整，经费减少。", "text-change").is_empty());
        // A negative increase is a decrease.
        let neg = "上年预算为40.00万元，2025年预算数为38.00万元，比上年增加-2.00万元，增长-5.00%。";
        assert!(
            errors(neg).is_empty(),
            "{:?}",
            run_check(neg, "text-change")
        );
        assert_eq!(
            errors(&neg.replace("-5.00%", "-5.50%")),
            ["text-change-percent"]
        );
        // Signs and words together: 减少 2.00, 增长 -5.00% agree; 增加 -2.00,
        // 增长 5.00% do not.
        let agree =
            "上年预算为40.00万元，2025年预算数为38.00万元，比上年减少2.00万元，增长-5.00%。";
        assert!(
            errors(agree).is_empty(),
            "{:?}",
            run_check(agree, "text-change")
        );
        let clash = "2025年预算数为38.00万元，比上年增加-2.00万元，增长5.00%。";
        assert_eq!(errors(clash), ["text-change-contradiction"]);
        // A list of changes for a list of amounts is not paired: undecided.
        let list = "2025年基本支出2,336.91万元、项目支出603.14万元，分别比上年增加12.00万元、减少75.14万元。";
        let f = run_check(list, "text-change");
        assert!(f.iter().all(|f| f.severity == Severity::Info), "{f:?}");
        assert!(
            f.iter().all(|f| f.message.id.contains("undecided")),
            "{f:?}"
        );
        // Two quantities compared is text-compare's, not a change.
        assert!(run_check(
            "年初预算为88.50万元，支出决算为88.50万元。决算数与预算数持平。",
            "text-change"
        )
        .is_empty());
    }
}
