//! The figures of a text report and the claims its sentences make.
//!
//! - `text-sum`: items listed with amounts, closed by a 共计/合计/总计/累计/
//!   总额 figure: the items must sum to it (the rounding rule of tables).
//! - `text-count`: `共 4 个项目` against the items actually listed.
//! - `text-ratio`: `部门数为 22 个 … 有 18 个部门` gives 81.8%; a stated
//!   percentage must match; 全覆盖/全部 beside a ratio below 100% is a warning.
//! - `text-score-*`: scored sections `（一）制度建设 2分（自评得分 2分）` and
//!   their items: each score within its maximum, items summing to their
//!   section, sections to the stated overall score; a heading that lost its
//!   maximum.
//! - `text-unit-slip`: an item 10,000 times off its neighbours.
//! - `text-doubled`: a word typed twice (`绩效绩效`).
//!
//! Checks that hold are reported as `info`, so a reviewer sees what was
//! verified.

use std::ops::Range;

use rust_decimal::Decimal;

use super::Doc;
use crate::amount::half_unit as half;
use crate::amount::{group_thousands, Unit};
use crate::finding::{Excerpt, Finding, Severity};

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

fn cn_digit(c: char) -> Option<u32> {
    CN_DIGITS.iter().find(|(d, _)| *d == c).map(|(_, v)| *v)
}

/// A Chinese numeral up to 99 (`四`, `十二`, `二十二`).
fn cn_number(s: &str) -> Option<u32> {
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

/// Every figure of the document.
pub fn figures(doc: &Doc) -> Vec<Fig> {
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
        let mut j = i;
        while j < chars.len() && (chars[j].1.is_ascii_digit() || matches!(chars[j].1, '.' | ',')) {
            j += 1;
        }
        while j > i && matches!(chars[j - 1].1, '.' | ',') {
            j -= 1;
        }
        let end = chars.get(j).map_or(t.len(), |(b, _)| *b);
        let text = &t[start..end];
        let prev = i.checked_sub(1).map(|k| chars[k].1);
        i = j.max(i + 1);
        let Some(n) = crate::amount::parse_number(text) else {
            continue;
        };
        let after = &t[end..];
        let (kind, unit_len) = if let Some(u) = ["亿元", "万元", "元"]
            .iter()
            .find(|u| after.starts_with(**u))
        {
            let unit = match *u {
                "亿元" => Unit::Yi,
                "万元" => Unit::Wan,
                _ => Unit::Yuan,
            };
            (Kind::Money(unit), u.len())
        } else if after.starts_with('分') {
            (Kind::Score, '分'.len_utf8())
        } else if after.starts_with(['个', '项', '家', '人']) {
            (Kind::Count, 3)
        } else if after.starts_with('%') {
            (Kind::Percent, 1)
        } else {
            (Kind::Other, 0)
        };
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

struct Ctx<'a> {
    doc: &'a Doc,
    out: Vec<Finding>,
}

impl Ctx<'_> {
    fn finding(
        &mut self,
        rule: &'static str,
        severity: Severity,
        span: Range<usize>,
        message: String,
        help: Option<String>,
    ) -> &mut Finding {
        let orig = self.doc.original_span(&span);
        let (line, column) = self.doc.line_col(orig.start);
        self.out.push(Finding {
            rule: rule.to_string(),
            severity,
            sheet: None,
            cell: None,
            stated: None,
            computed: None,
            difference: None,
            tolerance: None,
            unit: None,
            inputs: Vec::new(),
            suspects: Vec::new(),
            message,
            help,
            label: None,
            column: None,
            formula: None,
            line: Some(line),
            col: Some(column),
            span: Some((orig.start, orig.end)),
            excerpt: Some(Excerpt {
                text: self.doc.original.clone(),
                labels: vec![(orig, String::new())],
            }),
        });
        self.out.last_mut().expect("just pushed")
    }

    fn at(&self, f: &Fig) -> String {
        let o = self.doc.original_span(&f.span);
        let (l, c) = self.doc.line_col(o.start);
        format!("{l}:{c}")
    }

    fn label(&mut self, text: &str) {
        if let Some(f) = self.out.last_mut() {
            if let Some(e) = f.excerpt.as_mut() {
                if let Some(l) = e.labels.first_mut() {
                    l.1 = text.to_string();
                }
            }
        }
    }
}

fn show(v: Decimal) -> String {
    group_thousands(v.normalize())
}

fn in_yuan(f: &Fig) -> Decimal {
    match f.kind {
        Kind::Money(u) => f.value * u.factor(),
        _ => f.value,
    }
}

fn before<'a>(doc: &'a Doc, f: &Fig, chars: usize) -> &'a str {
    let t = &doc.joined[..f.span.start];
    let start = t
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &t[start..]
}

const TOTAL_WORDS: [&str; 6] = ["共计", "合计", "总计", "累计", "总额", "总共"];

fn is_total(doc: &Doc, f: &Fig) -> bool {
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
        .into_iter()
        .find(|f| f.span.start >= at && f.span.start <= at + 12 && f.kind != Kind::Other)
}

/// `line:column` of a figure in the original text.
pub fn position(doc: &Doc, f: &Fig) -> (usize, usize) {
    doc.line_col(doc.original_span(&f.span).start)
}

/// Checks every claim of a document.
pub fn check(doc: &Doc) -> Vec<Finding> {
    let figs = figures(doc);
    let mut ctx = Ctx {
        doc,
        out: Vec::new(),
    };
    sums(&mut ctx, &figs);
    counts(&mut ctx, &figs);
    ratios(&mut ctx, &figs);
    scores(&mut ctx);
    doubled(&mut ctx);
    ctx.out.sort_by_key(|f| f.span.map(|s| s.0));
    ctx.out
}

/// The items (money figures) before total `k` in its paragraph, after the
/// previous total.
fn items_before(doc: &Doc, figs: &[Fig], k: usize) -> Vec<usize> {
    let total = &figs[k];
    let mut items = Vec::new();
    for i in (0..k).rev() {
        let f = &figs[i];
        if f.para != total.para {
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

fn sums(ctx: &mut Ctx, figs: &[Fig]) {
    for k in 0..figs.len() {
        let total = &figs[k];
        if !matches!(total.kind, Kind::Money(_)) || !is_total(ctx.doc, total) {
            continue;
        }
        let items = items_before(ctx.doc, figs, k);
        if items.len() < 2 {
            continue;
        }
        let sum: Decimal = items.iter().map(|&i| in_yuan(&figs[i])).sum();
        let unit = match total.kind {
            Kind::Money(u) => u,
            _ => Unit::Yuan,
        };
        let tol = items
            .iter()
            .map(|&i| match figs[i].kind {
                Kind::Money(u) => half(figs[i].decimals) * u.factor(),
                _ => Decimal::ZERO,
            })
            .sum::<Decimal>()
            + half(total.decimals) * unit.factor();
        let stated = in_yuan(total);
        let computed_u = sum / unit.factor();
        let listed: Vec<String> = items
            .iter()
            .map(|&i| ctx.doc.joined[figs[i].span.clone()].to_string())
            .collect();
        let inputs: Vec<String> = items.iter().map(|&i| ctx.at(&figs[i])).collect();
        let n = items.len();
        if (stated - sum).abs() <= tol {
            let f = ctx.finding(
                "text-sum",
                Severity::Info,
                total.span.clone(),
                format!(
                    "the {n} items ({}) sum to {} {unit}, as stated",
                    listed.join(" + "),
                    show(computed_u)
                ),
                None,
            );
            f.stated = Some(total.value.normalize().to_string());
            f.computed = Some(computed_u.normalize().to_string());
            f.unit = Some(unit.as_str().into());
            f.inputs = inputs;
            ctx.label("the items sum to this");
        } else {
            let f = ctx.finding(
                "text-sum",
                Severity::Error,
                total.span.clone(),
                format!(
                    "the total is stated as {} {unit}, but the {n} items listed before it ({}) sum to {} {unit}: off by {} {unit}",
                    show(total.value),
                    listed.join(" + "),
                    show(computed_u),
                    show(total.value - computed_u)
                ),
                Some("check each amount against its source, and whether an item was left out of the sentence".into()),
            );
            f.stated = Some(total.value.normalize().to_string());
            f.computed = Some(computed_u.normalize().to_string());
            f.difference = Some((total.value - computed_u).normalize().to_string());
            f.tolerance = Some((tol / unit.factor()).normalize().to_string());
            f.unit = Some(unit.as_str().into());
            f.inputs = inputs;
            ctx.label(&format!(
                "stated {}, the items sum to {}",
                show(total.value),
                show(computed_u)
            ));
            // Which figure is probably wrong: one whose slip, undone,
            // makes the sum hold.
            let mut cands: Vec<(u8, bool, crate::finding::Suspect, Range<usize>)> = Vec::new();
            let diff = total.value - computed_u;
            let mut consider = |fig: &Fig, proposed: Decimal, is_total: bool, ctx: &Ctx| {
                if let Some(slip) = crate::checks::locate::value_slip(fig.value, proposed) {
                    cands.push((
                        crate::checks::locate::slip_rank(&slip),
                        is_total,
                        crate::finding::Suspect {
                            cell: ctx.at(fig),
                            proposed: Some(proposed.normalize().to_string()),
                            reason: crate::checks::locate::describe_slip(
                                &slip, fig.value, proposed,
                            ),
                        },
                        fig.span.clone(),
                    ));
                }
            };
            consider(total, computed_u, true, ctx);
            for &i in &items {
                let f = &figs[i];
                let item_unit = match f.kind {
                    Kind::Money(u) => u,
                    _ => unit,
                };
                let proposed = f.value + diff * unit.factor() / item_unit.factor();
                consider(f, proposed, false, ctx);
            }
            // On a tie, the stated total is the suspect: nothing points
            // at one item more than another.
            cands.sort_by_key(|(rank, is_total, _, _)| (*rank, !*is_total));
            let tied = cands.len() > 1 && cands[0].0 == cands[1].0;
            let first = cands
                .first()
                .filter(|c| !c.1)
                .map(|c| (ctx.doc.original_span(&c.3), c.2.proposed.clone()));
            let mut suspects: Vec<crate::finding::Suspect> =
                cands.into_iter().map(|(_, _, s, _)| s).collect();
            if let (Some((span, Some(p))), Some(f)) = (first, ctx.out.last_mut()) {
                if let Some(e) = f.excerpt.as_mut() {
                    e.labels.push((
                        span,
                        format!("probably {}", show(p.parse().unwrap_or_default())),
                    ));
                }
            }
            if tied {
                suspects[0].reason.push_str(
                    "; the evidence does not single out one figure, other candidates follow",
                );
            }
            if let Some(f) = ctx.out.last_mut() {
                f.suspects = suspects;
            }
        }
        // A unit slip: one item 10,000 times its neighbours.
        let values: Vec<Decimal> = items.iter().map(|&i| in_yuan(&figs[i]).abs()).collect();
        for (pos, &i) in items.iter().enumerate() {
            let others: Vec<Decimal> = values
                .iter()
                .enumerate()
                .filter(|(p, _)| *p != pos)
                .map(|(_, v)| *v)
                .collect();
            let max_other = others.iter().copied().max().unwrap_or_default();
            let min_other = others
                .iter()
                .copied()
                .filter(|v| !v.is_zero())
                .min()
                .unwrap_or_default();
            let v = values[pos];
            let big = !max_other.is_zero() && v >= max_other * Decimal::from(5000);
            let small =
                !v.is_zero() && !min_other.is_zero() && v * Decimal::from(5000) <= min_other;
            if big || small {
                let f = ctx.finding(
                    "text-unit-slip",
                    Severity::Warning,
                    figs[i].span.clone(),
                    format!(
                        "{} is about 10,000 times {} than the other items: probably 元 and 万元 confused",
                        &ctx.doc.joined[figs[i].span.clone()],
                        if big { "larger" } else { "smaller" }
                    ),
                    None,
                );
                f.unit = Some(unit.as_str().into());
                ctx.label("10,000 times off its neighbours");
            }
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

fn counts(ctx: &mut Ctx, figs: &[Fig]) {
    for (n, span) in count_claims(ctx.doc) {
        let para = ctx.doc.paragraph_of(span.start);
        // The money items after the claim, up to the first total.
        let mut items = Vec::new();
        for f in figs
            .iter()
            .filter(|f| f.para == para && f.span.start > span.end)
        {
            if !matches!(f.kind, Kind::Money(_)) {
                continue;
            }
            if is_total(ctx.doc, f) {
                break;
            }
            items.push(f);
        }
        if items.is_empty() {
            continue;
        }
        let listed = items.len();
        // The claim with the noun it counts: `共4个项目`.
        let noun: String = ctx.doc.joined[span.end..]
            .chars()
            .take_while(|c| !"，。；、：,".contains(*c))
            .take(2)
            .collect();
        let claim = format!("{}{}", &ctx.doc.joined[span.clone()], noun);
        if listed as u32 == n {
            ctx.finding(
                "text-count",
                Severity::Info,
                span,
                format!("{claim}: {listed} items are listed, as stated"),
                None,
            );
            ctx.label("as many items as stated");
        } else {
            let f = ctx.finding(
                "text-count",
                Severity::Error,
                span,
                format!(
                    "{claim}, but {listed} item{} listed after it",
                    if listed == 1 { " is" } else { "s are" }
                ),
                Some("an item may be missing from the sentence, or the count is wrong".into()),
            );
            f.stated = Some(n.to_string());
            f.computed = Some(listed.to_string());
            ctx.label(&format!("stated {n}, {listed} listed"));
        }
    }
}

fn ratios(ctx: &mut Ctx, figs: &[Fig]) {
    for (k, base) in figs.iter().enumerate() {
        if base.kind != Kind::Count || base.value.is_zero() {
            continue;
        }
        let b = before(ctx.doc, base, 3);
        if !["数为", "总数", "共有", "数是"]
            .iter()
            .any(|w| b.contains(w))
        {
            continue;
        }
        let Some(sub) = figs[k + 1..]
            .iter()
            .find(|f| f.para == base.para && f.kind == Kind::Count)
        else {
            continue;
        };
        if sub.value >= base.value {
            continue;
        }
        let ratio = sub.value * Decimal::from(100) / base.value;
        let shown = ratio.round_dp(1);
        let subject: String = ctx.doc.joined[sub.span.end..]
            .chars()
            .take_while(|c| !"，。；、（(,".contains(*c))
            .take(6)
            .collect();
        let para = ctx.doc.paragraphs[base.para].clone();
        let stated = figs.iter().find(|f| {
            f.para == base.para && f.kind == Kind::Percent && f.span.start > sub.span.start
        });
        let span = base.span.start..sub.span.end;
        match stated {
            Some(p) if (p.value - ratio).abs() > half(p.decimals) => {
                let f = ctx.finding(
                    "text-ratio",
                    Severity::Error,
                    p.span.clone(),
                    format!(
                        "{} of {} {subject} is {}%, not the {}% stated",
                        show(sub.value),
                        show(base.value),
                        show(shown),
                        show(p.value)
                    ),
                    None,
                );
                f.stated = Some(p.value.normalize().to_string());
                f.computed = Some(ratio.round_dp(4).normalize().to_string());
                f.unit = Some("%".into());
                ctx.label(&format!("{} / {} is {}%", sub.value, base.value, shown));
            }
            _ => {
                let f = ctx.finding(
                    "text-ratio",
                    Severity::Info,
                    span.clone(),
                    format!(
                        "{} of {} {subject} is {}%",
                        show(sub.value),
                        show(base.value),
                        show(shown)
                    ),
                    None,
                );
                f.computed = Some(ratio.round_dp(4).normalize().to_string());
                f.unit = Some("%".into());
                ctx.label(&format!("{}%", shown));
            }
        }
        let text = &ctx.doc.joined[para];
        if let Some(w) = ["全覆盖", "全部"].iter().find(|w| text.contains(**w)) {
            ctx.finding(
                "text-coverage",
                Severity::Warning,
                span,
                format!(
                    "the paragraph claims {w}, but {} of {} {subject} is {}%",
                    show(sub.value),
                    show(base.value),
                    show(shown)
                ),
                Some("say what the full coverage refers to, or state the ratio".into()),
            );
        }
    }
}

#[derive(Debug)]
struct Scored {
    label: String,
    max: Option<(Decimal, Range<usize>)>,
    score: Option<(Decimal, Range<usize>)>,
    span: Range<usize>,
    items: Vec<Scored>,
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

fn scores(ctx: &mut Ctx) {
    let doc = ctx.doc;
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
    if sections.is_empty() {
        return;
    }
    let (mut max_sum, mut score_sum) = (Decimal::ZERO, Decimal::ZERO);
    for sec in &sections {
        let item_max: Option<Decimal> =
            if sec.items.iter().all(|i| i.max.is_some()) && !sec.items.is_empty() {
                Some(
                    sec.items
                        .iter()
                        .filter_map(|i| i.max.as_ref().map(|m| m.0))
                        .sum(),
                )
            } else {
                None
            };
        let max = match &sec.max {
            Some(m) => Some(m.0),
            None => {
                let msg = match item_max {
                    Some(im) => format!("section {} has lost its maximum: the heading gives no points before “分” (its items give {})", sec.label, show(im)),
                    None => format!("section {} has lost its maximum: the heading gives no points before “分”", sec.label),
                };
                ctx.finding(
                    "text-score-missing-max",
                    Severity::Warning,
                    sec.span.clone(),
                    msg,
                    Some("write the section's maximum before 分, as the other headings do".into()),
                );
                ctx.label("no maximum here");
                item_max
            }
        };
        let score = sec.score.as_ref().map(|s| s.0);
        max_sum += max.unwrap_or_default();
        score_sum += score.unwrap_or_default();
        for s in std::iter::once(sec).chain(sec.items.iter()) {
            if let (Some(m), Some((sc, span))) = (
                s.max
                    .as_ref()
                    .map(|m| m.0)
                    .or(if std::ptr::eq(s, sec) { max } else { None }),
                &s.score,
            ) {
                if *sc > m {
                    let f = ctx.finding(
                        "text-score-cap",
                        Severity::Error,
                        span.clone(),
                        format!(
                            "{} scores {} points, above its maximum of {}",
                            s.label,
                            show(*sc),
                            show(m)
                        ),
                        None,
                    );
                    f.stated = Some(sc.normalize().to_string());
                    f.computed = Some(m.normalize().to_string());
                    ctx.label(&format!("above the maximum {}", show(m)));
                }
            }
        }
        if !sec.items.is_empty() {
            let items_score: Decimal = sec
                .items
                .iter()
                .filter_map(|i| i.score.as_ref().map(|s| s.0))
                .sum();
            if let (Some(sc), Some((_, span))) = (score, &sec.score) {
                if items_score != sc {
                    let f = ctx.finding(
                        "text-score-sum",
                        Severity::Error,
                        span.clone(),
                        format!(
                            "section {} is scored {}, but its items score {}",
                            sec.label,
                            show(sc),
                            show(items_score)
                        ),
                        None,
                    );
                    f.stated = Some(sc.normalize().to_string());
                    f.computed = Some(items_score.normalize().to_string());
                    ctx.label(&format!("the items give {}", show(items_score)));
                }
            }
            if let (Some(m), Some(im), Some((_, span))) =
                (sec.max.as_ref().map(|m| m.0), item_max, &sec.max)
            {
                if m != im {
                    let f = ctx.finding(
                        "text-score-sum",
                        Severity::Error,
                        span.clone(),
                        format!(
                            "section {} is worth {}, but its items are worth {}",
                            sec.label,
                            show(m),
                            show(im)
                        ),
                        None,
                    );
                    f.stated = Some(m.normalize().to_string());
                    f.computed = Some(im.normalize().to_string());
                }
            }
        }
    }
    // The overall score stated before the sections: `自评得分为 100 分`.
    let first = sections[0].span.start;
    let t = &doc.joined[..first];
    let overall = ["自评得分为", "得分为", "总得分", "总分为"]
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
        });
    let n = sections.len();
    match overall {
        Some((v, span)) if v != score_sum => {
            let f = ctx.finding(
                "text-score-total",
                Severity::Warning,
                span,
                format!(
                    "the report states an overall score of {}, but its {n} sections' maxima sum to {} and their scores to {}: a score out of {} stated as {} needs explaining",
                    show(v),
                    show(max_sum),
                    show(score_sum),
                    show(max_sum),
                    show(v)
                ),
                Some("state the score out of its real maximum, or say how it was converted".into()),
            );
            f.stated = Some(v.normalize().to_string());
            f.computed = Some(score_sum.normalize().to_string());
            ctx.label(&format!(
                "the sections give {} of {}",
                show(score_sum),
                show(max_sum)
            ));
        }
        Some((_, span)) => {
            ctx.finding(
                "text-score-total",
                Severity::Info,
                span,
                format!(
                    "the {n} sections' scores sum to {}, as stated (maxima sum to {})",
                    show(score_sum),
                    show(max_sum)
                ),
                None,
            );
        }
        None => {}
    }
}

/// A word typed twice in a row: `绩效绩效`.
fn doubled(ctx: &mut Ctx) {
    let t = &ctx.doc.joined;
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    let cjk = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
    let mut i = 0;
    while i < chars.len() {
        let mut hit = None;
        for len in (2..=4).rev() {
            if i + 2 * len > chars.len() {
                continue;
            }
            let a = &chars[i..i + len];
            let b = &chars[i + len..i + 2 * len];
            if a.iter().all(|(_, c)| cjk(*c)) && a.iter().map(|x| x.1).eq(b.iter().map(|x| x.1)) {
                hit = Some(len);
                break;
            }
        }
        if let Some(len) = hit {
            let start = chars[i + len].0;
            let end = chars.get(i + 2 * len).map_or(t.len(), |(b, _)| *b);
            let word: String = chars[i..i + len].iter().map(|(_, c)| c).collect();
            ctx.finding(
                "text-doubled",
                Severity::Warning,
                start..end,
                format!("“{word}” is typed twice in a row"),
                Some(format!("write “{word}” once")),
            );
            ctx.label("repeated");
            i += 2 * len;
        } else {
            i += 1;
        }
    }
}
