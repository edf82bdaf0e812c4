//! ## What it does
//! `text-compare`: a sentence that says how two of the paragraph's figures
//! compare (`决算数小于预算数`, `决算数大于年初预算数`, `决算数与预算数持平`)
//! is checked against those figures (`年初预算为 1560.05 万元，支出决算为
//! 1511.89 万元`): 大于/超过/高于/多于 need the first larger, 小于/低于/少于
//! the first smaller, 等于/持平/一致/相等 the two equal, each at the
//! decimals printed (two printed figures that could round from values in
//! the stated order pass). 基本持平 is no exact claim and is skipped. A
//! comparison whose paragraph does not give both figures is shown as
//! undecided, never passed.
//!
//! ## Why is this bad?
//! Each item of a 部门决算's 情况说明 explains why its 决算 differs from its
//! budget, and the explanation starts by saying which way: "决算数小于预算数
//! 的主要原因". Copied from the item above, it says 小于 beside a 决算 larger
//! than the budget, and the reason given explains a difference that is not
//! there.
//!
//! ## Example
//! ```text
//! 年初预算为 135.90 万元，支出决算为 136.25 万元。决算数小于预算数的主要原因：…
//!                                                ← 136.25 is more than 135.90: 大于
//! ```
//! Use instead: 决算数大于预算数, with the reason for the excess.
//!
//! Source: `../shared/DOMAIN.md`, "The prose repeats the tables".

use std::ops::Range;

use rust_decimal::Decimal;

use super::{at, finding};
use crate::checks::registry::{Check, CheckInfo};
use crate::finding::{FigureUnit, Finding, Message, Severity};
use crate::text::claims::{before, figures, half_in_yuan, in_yuan, Fig, Kind};
use crate::text::Doc;

/// The check.
pub struct TextCompare;

static INFO: CheckInfo = CheckInfo {
    id: "text-compare",
    name: "stated comparison",
    summary: "a sentence says one figure is larger, smaller or equal to another (决算数小于预算数), and the paragraph's figures say otherwise",
    severity: Severity::Error,
};

impl Check for TextCompare {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn text(&self, doc: &Doc, out: &mut Vec<Finding>) {
        let figs = figures(doc);
        let all = comparisons(doc);
        for c in &all {
            out.push(judge(doc, figs, c, &all));
        }
    }
}

/// The order a sentence states between its two quantities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    /// 大于, 超过, 高于, 多于.
    More,
    /// 小于, 低于, 少于.
    Less,
    /// 等于, 持平, 一致, 相等, 相同.
    Equal,
}

/// Comparison words written between the two quantities (`A小于B`).
const BETWEEN: [(&str, Order); 8] = [
    ("大于", Order::More),
    ("超过", Order::More),
    ("高于", Order::More),
    ("多于", Order::More),
    ("小于", Order::Less),
    ("低于", Order::Less),
    ("少于", Order::Less),
    ("等于", Order::Equal),
];

/// Words after `A与B` that state the two equal.
const EQUAL_AFTER: [&str; 5] = ["持平", "一致", "相等", "相同", "相符"];

/// The quantities a comparison can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quantity {
    /// 决算, 决算数, 支出决算.
    Final,
    /// 预算, 预算数, 年初预算 (the budget a 决算 is held against).
    Budget,
    /// 调整预算, 调整后预算.
    Adjusted,
}

impl Quantity {
    /// The quantity a short name gives (`决算数`, `年初预算数`), if any.
    fn named(s: &str) -> Option<Quantity> {
        if s.contains("决算") {
            Some(Quantity::Final)
        } else if s.contains("调整预算") || s.contains("调整后预算") {
            Some(Quantity::Adjusted)
        } else if s.contains("预算") && !s.contains("执行") {
            Some(Quantity::Budget)
        } else {
            None
        }
    }

    /// Words right before a figure that make it this quantity's.
    fn leads(self) -> &'static [&'static str] {
        match self {
            Quantity::Final => &[
                "决算为",
                "决算数为",
                "决算数是",
                "决算支出为",
                "实际支出为",
                "决算数",
                "决算",
            ],
            Quantity::Budget => &[
                "年初预算为",
                "年初预算数为",
                "预算数为",
                "预算为",
                "预算数",
                "年初预算",
            ],
            Quantity::Adjusted => &[
                "调整预算为",
                "调整预算数为",
                "调整后预算为",
                "调整后预算数为",
            ],
        }
    }

    /// Whether the words before a figure make it this quantity's.
    fn leads_to(self, lead: &str) -> bool {
        self.leads().iter().any(|w| lead.ends_with(w))
            // (`调整预算为` ends as `预算为` does: it is not the 年初 budget.)
            && !(self == Quantity::Budget && Quantity::Adjusted.leads_to(lead))
    }

    fn word(self) -> &'static str {
        match self {
            Quantity::Final => "决算数",
            Quantity::Budget => "预算数",
            Quantity::Adjusted => "调整预算数",
        }
    }
}

/// A stated comparison: `left order right`.
#[derive(Debug, Clone)]
struct Comparison {
    left: Quantity,
    right: Quantity,
    order: Order,
    /// The words of the claim (bytes of the joined text).
    span: Range<usize>,
    /// The paragraph it is in.
    para: usize,
}

/// The name written right before byte `at` (up to six characters back to
/// a punctuation mark), as a quantity.
fn name_before(t: &str, at: usize) -> Option<Quantity> {
    Quantity::named(&t[at - name_window(t, at)..at])
}

/// How many bytes back from `at` a name can reach: up to six characters,
/// back to a punctuation mark.
fn name_window(t: &str, at: usize) -> usize {
    t[..at]
        .chars()
        .rev()
        .take_while(|c| !matches!(c, '，' | '。' | '；' | '：' | ',' | ';' | ':' | '\n'))
        .take(6)
        .map(char::len_utf8)
        .sum()
}

/// The name written right after byte `at` (up to six characters, cut at
/// 的 or a punctuation mark), as a quantity, with its end.
fn name_after(t: &str, at: usize) -> Option<(Quantity, usize)> {
    let mut end = at;
    let mut n = 0;
    for (i, c) in t[at..].char_indices() {
        let rest = &t[at + i..];
        let stop = matches!(
            c,
            '的' | '，' | '。' | '；' | '：' | ',' | ';' | ':' | '\n' | '与' | '和'
        ) || rest.starts_with("基本")
            || EQUAL_AFTER.iter().any(|w| rest.starts_with(w));
        if stop || n == 6 {
            break;
        }
        end = at + i + c.len_utf8();
        n += 1;
    }
    Quantity::named(&t[at..end]).map(|q| (q, end))
}

/// Every comparison the document states between a 决算 and a 预算.
fn comparisons(doc: &Doc) -> Vec<Comparison> {
    let t = &doc.joined;
    let mut out = Vec::new();
    for (p, para) in doc.paragraphs.iter().enumerate() {
        let text = &t[para.clone()];
        for (i, _) in text.char_indices() {
            let at = para.start + i;
            // `A小于B`
            if let Some((w, order)) = BETWEEN.iter().find(|(w, _)| text[i..].starts_with(w)) {
                // `大于（小于）`, `大于/小于`, `大于或小于`: a template's
                // choice, not a claim.
                let after: String = text[i + w.len()..].chars().take(4).collect();
                let before: String = text[..i]
                    .chars()
                    .rev()
                    .take(4)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let inside_brackets = text[..i].ends_with(['（', '(', '/', '／']);
                let choice = |s: &str| BETWEEN.iter().any(|(o, _)| s.contains(o));
                if inside_brackets || choice(&after) || choice(&before) {
                    continue;
                }
                let (Some(left), Some((right, end))) =
                    (name_before(t, at), name_after(t, at + w.len()))
                else {
                    continue;
                };
                if left == right {
                    continue;
                }
                let start = start_of_name(t, at);
                out.push(Comparison {
                    left,
                    right,
                    order: *order,
                    span: start..end,
                    para: p,
                });
            }
            // `A与B持平`
            if text[i..].starts_with('与') {
                let Some(left) = name_before(t, at) else {
                    continue;
                };
                let Some((right, end)) = name_after(t, at + '与'.len_utf8()) else {
                    continue;
                };
                let rest = &t[end..para.end];
                if rest.starts_with("基本") || left == right {
                    continue;
                }
                if let Some(w) = EQUAL_AFTER.iter().find(|w| rest.starts_with(*w)) {
                    out.push(Comparison {
                        left,
                        right,
                        order: Order::Equal,
                        span: start_of_name(t, at)..end + w.len(),
                        para: p,
                    });
                }
            }
        }
    }
    out
}

/// The bytes of every comparison between two quantities the document
/// states (`决算数与预算数持平`): `text-change` leaves their 持平 to this check.
pub(crate) fn claimed_spans(doc: &Doc) -> Vec<Range<usize>> {
    comparisons(doc).into_iter().map(|c| c.span).collect()
}

/// Where the name before byte `at` starts: at its 决算/预算 word (with a
/// 年初/调整 before it), within six characters back.
fn start_of_name(t: &str, at: usize) -> usize {
    let back = name_window(t, at);
    let window = &t[at - back..at];
    let word = ["年初预算", "调整预算", "决算", "预算"]
        .iter()
        .filter_map(|w| window.find(w))
        .min()
        .unwrap_or(0);
    at - back + word
}

/// The two figures a comparison is about: the last of each quantity
/// before the claim, back to the previous comparison in its paragraph (the
/// item it closes); else the first after it, up to the next comparison.
/// Within those, a figure named with a year or 上年 (`2023年度决算数为`) is
/// another year's and is taken only when there is no other; and the
/// whole's figure before a `其中` is taken over its parts' after it.
fn figures_of(
    doc: &Doc,
    figs: &[Fig],
    c: &Comparison,
    all: &[Comparison],
) -> Option<(usize, usize)> {
    let t = &doc.joined;
    let para = &doc.paragraphs[c.para];
    let prev_end = all
        .iter()
        .filter(|o| o.para == c.para && o.span.end <= c.span.start)
        .map(|o| o.span.end)
        .max()
        .unwrap_or(para.start);
    let next_start = all
        .iter()
        .filter(|o| o.para == c.para && o.span.start >= c.span.end)
        .map(|o| o.span.start)
        .min()
        .unwrap_or(para.end);
    let dated = |i: usize| {
        let lead = before(doc, &figs[i], 10);
        let clause = lead.rsplit(['，', ',', '；', '。']).next().unwrap_or(&lead);
        clause.contains("上年") || {
            let b = clause.as_bytes();
            clause.contains('年') && b.windows(4).any(|w| w.iter().all(u8::is_ascii_digit))
        }
    };
    let pick = |q: Quantity, from: usize, to: usize, last: bool| -> Option<usize> {
        let mut found: Vec<usize> = (0..figs.len())
            .filter(|&i| {
                figs[i].para == c.para
                    && figs[i].span.start >= from
                    && figs[i].span.end <= to
                    && matches!(figs[i].kind, Kind::Money(_))
                    && q.leads_to(before(doc, &figs[i], 8).trim_end())
            })
            .collect();
        if found.iter().any(|&i| !dated(i)) {
            found.retain(|&i| !dated(i));
        }
        // The whole before a 其中, not its parts after it.
        if let Some(k) = t[from..to].find("其中").map(|k| from + k) {
            if found.iter().any(|&i| figs[i].span.end <= k) {
                found.retain(|&i| figs[i].span.end <= k);
                return found.last().copied();
            }
        }
        if last {
            found.last().copied()
        } else {
            found.first().copied()
        }
    };
    let pair = |from: usize, to: usize, last: bool| -> Option<(usize, usize)> {
        let right = pick(c.right, from, to, last).or_else(|| {
            // `决算数小于预算数` with only an adjusted budget given.
            (c.right == Quantity::Budget)
                .then(|| pick(Quantity::Adjusted, from, to, last))
                .flatten()
        })?;
        Some((pick(c.left, from, to, last)?, right))
    };
    pair(prev_end, c.span.start, true).or_else(|| pair(c.span.end, next_start, false))
}

/// A money figure's unit, for the message.
fn unit_of(f: &Fig) -> Option<FigureUnit> {
    match f.kind {
        Kind::Money(u) => Some(FigureUnit::Money(u)),
        _ => None,
    }
}

fn word_of(o: Order) -> &'static str {
    match o {
        Order::More => "大于",
        Order::Less => "小于",
        Order::Equal => "等于",
    }
}

fn judge(doc: &Doc, figs: &[Fig], c: &Comparison, all: &[Comparison]) -> Finding {
    let claim = doc.joined[c.span.clone()].to_string();
    let Some((l, r)) = figures_of(doc, figs, c, all) else {
        let m = Message::new("text-compare-undecided").text("claim", claim);
        return finding(
            doc,
            &INFO,
            Severity::Info,
            c.span.clone(),
            m,
            Message::new("label-undecided"),
        );
    };
    let (a, b) = (&figs[l], &figs[r]);
    let (av, bv) = (in_yuan(a), in_yuan(b));
    let slack = half_in_yuan(a) + half_in_yuan(b);
    // What the printed figures allow.
    let can_be_more = av - bv + slack > Decimal::ZERO;
    let can_be_less = av - bv - slack < Decimal::ZERO;
    let can_be_equal = (av - bv).abs() <= slack;
    let holds = match c.order {
        Order::More => can_be_more,
        Order::Less => can_be_less,
        Order::Equal => can_be_equal,
    };
    let right = if can_be_equal {
        "等于"
    } else if av > bv {
        "大于"
    } else {
        "小于"
    };
    let m = Message::new(if holds {
        "text-compare-holds"
    } else {
        "text-compare"
    })
    .text("claim", claim)
    .text("left", c.left.word())
    .text("right_name", c.right.word())
    .amount("a", a.value, unit_of(a))
    .amount("b", b.value, unit_of(b))
    .text("word", word_of(c.order))
    .text("right", right);
    if holds {
        let mut f = finding(
            doc,
            &INFO,
            Severity::Info,
            c.span.clone(),
            m,
            Message::new("label-change-holds"),
        );
        f.inputs = vec![at(doc, a), at(doc, b)];
        return f;
    }
    let label = Message::new("label-compare").text("right", right);
    let mut f = finding(doc, &INFO, Severity::Error, c.span.clone(), m, label);
    f.inputs = vec![at(doc, a), at(doc, b)];
    f.help = Some(Message::new("hint-text-compare"));
    f
}

#[cfg(test)]
mod tests {
    use super::super::run_check;
    use crate::finding::Severity;

    fn ids(text: &str) -> Vec<(Severity, String)> {
        run_check(text, "text-compare")
            .into_iter()
            .map(|f| (f.severity, f.message.id.to_string()))
            .collect()
    }

    const ITEM: &str = "3、一般公共服务支出（类）财政事务（款）信息化建设（项）。主要用于：信息化系统日常维护费等支出。年初预算为135.90万元，支出决算为135.25万元。决算数小于预算数的主要原因：项目进度调减。";

    #[test]
    fn the_stated_order_is_the_figures_order() {
        assert_eq!(ids(ITEM), [(Severity::Info, "text-compare-holds".into())]);
        let bad = ITEM.replace("135.25", "136.25");
        let f = run_check(&bad, "text-compare");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Error);
        assert_eq!(f[0].inputs.len(), 2);
        let more = bad.replace("小于", "大于");
        assert_eq!(ids(&more), [(Severity::Info, "text-compare-holds".into())]);
    }

    #[test]
    fn equal_and_about_equal() {
        let eq = "年初预算为10.00万元，支出决算为10.00万元。决算数与预算数持平。";
        assert_eq!(ids(eq), [(Severity::Info, "text-compare-holds".into())]);
        let ne = eq.replace("支出决算为10.00", "支出决算为9.00");
        assert_eq!(ids(&ne), [(Severity::Error, "text-compare".into())]);
        // 基本持平 is no exact claim.
        let about = ne.replace("持平", "基本持平");
        assert!(ids(&about).is_empty());
    }

    #[test]
    fn the_figures_of_the_first_sentence_giving_both() {
        let text = "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%，其中：因公出国（境）费决算为0.00万元；公务接待费支出决算为0.00万元。2024年度“三公”经费支出决算数小于预算数的主要原因：当年度无支出。";
        assert_eq!(ids(text), [(Severity::Info, "text-compare-holds".into())]);
        // Figures after the claim, in its paragraph.
        let after =
            "决算数小于预算数的主要原因：调减。年初预算为450.52万元，支出决算为449.52万元。";
        assert_eq!(ids(after), [(Severity::Info, "text-compare-holds".into())]);
    }

    #[test]
    fn the_figures_of_the_claims_own_item() {
        // Two items in one sentence: each claim takes the figures before it.
        let two = "其中，基本支出年初预算为2,200.00万元，支出决算为2,336.91万元，决算数大于预算数，项目支出年初预算为793.92万元，支出决算为603.14万元，决算数小于预算数，主要原因是项目调减。";
        assert_eq!(
            ids(two),
            [
                (Severity::Info, "text-compare-holds".into()),
                (Severity::Info, "text-compare-holds".into())
            ]
        );
        let copied = two.replace("决算数小于预算数", "决算数大于预算数");
        assert_eq!(ids(&copied)[1], (Severity::Error, "text-compare".into()));
        // The claim before its figures, after another item's.
        let after = "行政运行（项）年初预算为1560.05万元，支出决算为1511.89万元，决算数小于预算数的主要原因：人员变化。财政委托业务支出（项）决算数大于预算数的主要原因：追加审计项目，年初预算为450.52万元，支出决算为460.52万元。";
        assert!(
            ids(after).iter().all(|(s, _)| *s == Severity::Info),
            "{:?}",
            ids(after)
        );
        // Another year's 决算 and 上年's budget are not this item's.
        let years = "年初预算为2993.92万元，2023年度决算数为3003.19万元，上年预算为3100.00万元，支出决算为2940.05万元。决算数小于预算数的主要原因：调减。";
        assert_eq!(ids(years), [(Severity::Info, "text-compare-holds".into())]);
        // 调整预算 when the claim names it.
        let adjusted = "年初预算为100.00万元，调整预算为130.00万元，支出决算为120.00万元。决算数小于调整预算数的主要原因：结转。";
        assert_eq!(
            ids(adjusted),
            [(Severity::Info, "text-compare-holds".into())]
        );
        // 决算 in 元 against a budget in 万元: each in its unit.
        let units =
            "年初预算为120.00万元，支出决算为1,215,000.00元。决算数大于预算数的主要原因：追加。";
        let f = run_check(units, "text-compare");
        assert_eq!(f[0].severity, Severity::Info);
        assert!(
            f[0].message.render().contains("元"),
            "{}",
            f[0].message.render()
        );
    }

    #[test]
    fn no_figures_is_undecided() {
        assert_eq!(
            ids("决算数小于预算数的主要原因：项目调减。"),
            [(Severity::Info, "text-compare-undecided".into())]
        );
        // Not a comparison of two quantities.
        assert!(ids("支出大于收入。").is_empty());
        // A template's choice of words.
        assert!(ids("决算数大于（小于）预算数的主要原因：……").is_empty());
        assert!(ids("决算数大于/小于预算数的主要原因：……").is_empty());
        assert!(ids("决算（大于/小于）预算的主要原因：……").is_empty());
        assert!(ids("决算数大于或小于预算数的主要原因：……").is_empty());
    }
}
