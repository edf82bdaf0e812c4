//! ## What it does
//! `text-share`: a part given with its share of a whole (`本年收入合计
//! 2946.25万元，其中：财政拨款收入2940.05万元，占99.79%`) must have that
//! share: the part over the whole before `其中`, at the percentage's printed
//! decimals, allowing for the rounding of the two amounts. The shares of
//! parts that make up the whole add up to 100% (within their rounding).
//!
//! ## Why is this bad?
//! The 收入决算/支出决算 paragraphs of a 部门决算 give each source and each
//! kind of spending with its share. A share copied from last year's text,
//! or computed on another total, reads as plausibly as the right one.
//!
//! ## Example
//! ```text
//! 本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.94%   ← 2336.91 / 2940.05 is 79.49%
//! ```
//! Use instead: 79.49%.
//!
//! Source: `../shared/DOMAIN.md`, "The prose repeats the tables".

use rust_decimal::Decimal;

use super::{finding, stated_against};
use crate::amount::half_unit as half;
use crate::checks::registry::{Check, CheckInfo};
use crate::finding::{FigureUnit, Finding, Message, Severity};
use crate::text::claims::{before, figures, half_in_yuan, in_yuan, is_change_amount, Fig, Kind};
use crate::text::Doc;

/// The check.
pub struct TextShare;

static INFO: CheckInfo = CheckInfo {
    id: "text-share",
    name: "stated share",
    summary: "a share (占 X%) is not the part over the whole the paragraph gives, or the shares of a whole do not add to 100%",
    severity: Severity::Error,
};

impl Check for TextShare {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn text(&self, doc: &Doc, out: &mut Vec<Finding>) {
        let figs = figures(doc);
        let shares = shares(doc, figs);
        for s in &shares {
            out.push(judge(doc, figs, s));
        }
        for group in by_whole(&shares) {
            if let Some(f) = judge_sum(doc, figs, &group) {
                out.push(f);
            }
        }
    }
}

/// A part with its stated share: indices into the figures.
#[derive(Debug, Clone)]
pub struct Share {
    /// The part (`财政拨款收入2940.05万元`).
    pub part: usize,
    /// The stated percentage.
    pub percent: usize,
    /// The whole: the money figure before the paragraph's `其中`, if any.
    pub whole: Option<usize>,
}

/// Every `占 X%` of the document with the part before it.
pub fn shares(doc: &Doc, figs: &[Fig]) -> Vec<Share> {
    let t = &doc.joined;
    let mut out = Vec::new();
    // `分别为 A、B、C万元，分别占 D%、E%、F%`: a list of shares, paired with
    // the list of parts before it in order.
    let mut listed: std::collections::HashMap<usize, usize> = Default::default();
    let gap = |a: &Fig, b: &Fig| t[a.span.end..b.span.start].trim().to_string();
    let mut p = 0;
    while p < figs.len() {
        if figs[p].kind != Kind::Percent {
            p += 1;
            continue;
        }
        let mut end = p + 1;
        while end < figs.len()
            && figs[end].kind == Kind::Percent
            && gap(&figs[end - 1], &figs[end]) == "、"
        {
            end += 1;
        }
        let n = end - p;
        if n >= 2 {
            // The parts: `、`-separated money figures ending right before
            // `，分别占` / `，占`.
            let mut parts: Vec<usize> = Vec::new();
            let mut k = p;
            while k > 0 && parts.len() < n {
                let i = k - 1;
                if !matches!(figs[i].kind, Kind::Money(_)) || figs[i].para != figs[p].para {
                    break;
                }
                let next_start = match parts.last() {
                    Some(&j) => figs[j].span.start,
                    None => figs[p].span.start,
                };
                let between = t[figs[i].span.end..next_start].trim();
                let ok = if parts.is_empty() {
                    ["，分别占", "，占", "分别占", "占", "，分别占了"].contains(&between)
                } else {
                    between == "、"
                };
                if !ok {
                    break;
                }
                parts.push(i);
                k = i;
            }
            if parts.len() == n {
                parts.reverse();
                for (q, part) in (p..end).zip(parts) {
                    listed.insert(q, part);
                }
            }
        }
        p = end;
    }
    for (p, f) in figs.iter().enumerate() {
        if f.kind != Kind::Percent {
            continue;
        }
        if let Some(&part) = listed.get(&p) {
            let whole = whole_of(doc, figs, part, p);
            out.push(Share {
                part,
                percent: p,
                whole,
            });
            continue;
        }
        // `占 X%`, `占比 X%`, `占…的 X%`: 占 within a few characters.
        let head_start = (0..=f.span.start.saturating_sub(30))
            .rev()
            .find(|&i| t.is_char_boundary(i))
            .unwrap_or(0)
            .max(doc.paragraphs[f.para].start);
        let head = &t[head_start..f.span.start];
        // 占 X%, 占…的 X%, 完成…的 X%.
        let Some((zhan, marker)) = ["占", "完成"]
            .iter()
            .filter_map(|m| head.rfind(m).map(|k| (head_start + k, m.len())))
            .max()
        else {
            continue;
        };
        if t[zhan..f.span.start].contains(['，', '。', '；']) {
            continue;
        }
        // The part: the money figure right before the marker, or before a
        // change stated between them (`2940.05万元，比上年减少63.14万元，
        // 占…`).
        let Some(part) = (0..p).rev().find(|&i| {
            figs[i].para == f.para
                && matches!(figs[i].kind, Kind::Money(_))
                && figs[i].span.end <= zhan
                && !is_change_amount(doc, &figs[i])
                && {
                    let between = &t[figs[i].span.end..zhan];
                    between.chars().count() <= 2
                        || (!between.contains(['。', '；'])
                            && (i + 1..p).any(|j| figs[j].span.end <= zhan)
                            && (i + 1..p).filter(|&j| figs[j].span.end <= zhan).all(|j| {
                                is_change_amount(doc, &figs[j]) || figs[j].kind == Kind::Percent
                            })
                            && between.chars().count() <= 24)
                }
        }) else {
            continue;
        };
        // The whole: named after the marker (`占本年支出合计的`,
        // `完成年初预算的`) and given earlier with that name; or the money
        // figure before the 其中 (or the list) the part is in.
        let name = t[zhan + marker..f.span.start]
            .trim_start_matches(['比', '了'])
            .trim_end_matches(['的', '为', ' ']);
        let named = (name.chars().count() >= 2).then(|| {
            (0..part).rev().find(|&i| {
                matches!(figs[i].kind, Kind::Money(_)) && {
                    let lead = before(doc, &figs[i], name.chars().count() + 3);
                    lead.trim_end_matches(['为', '是', '：', ':', ' '])
                        .ends_with(name)
                }
            })
        });
        let whole = match named {
            Some(found) => found,
            None => whole_of(doc, figs, part, p),
        };
        out.push(Share {
            part,
            percent: p,
            whole,
        });
    }
    out
}

/// The whole a part is of: the money figure before the 其中 (or the list:
/// 主要用于, 包括, a colon) the part is in, in its paragraph.
fn whole_of(doc: &Doc, figs: &[Fig], part: usize, percent: usize) -> Option<usize> {
    let t = &doc.joined;
    let para_index = figs[percent].para;
    let para = &doc.paragraphs[para_index];
    let head = &t[para.start..figs[part].span.start];
    // A nested 其中 (`基本支出…，其中人员经费…；项目支出…`) is closed by the
    // `；` after it: a part after that belongs to the outer one.
    let first = head.find("其中");
    let open_qz = head
        .match_indices("其中")
        .map(|(k, _)| k)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .find(|&k| Some(k) == first || !head[k..].contains('；'));
    ["主要用于", "包括", "："]
        .iter()
        .filter_map(|w| head.rfind(w))
        .chain(open_qz)
        .max()
        .map(|k| para.start + k)
        .and_then(|qz| {
            (0..part).rev().find(|&i| {
                figs[i].para == para_index
                    && matches!(figs[i].kind, Kind::Money(_))
                    && figs[i].span.end <= qz
                    && !is_change_amount(doc, &figs[i])
            })
        })
}

/// The shares of each whole, in order.
fn by_whole(shares: &[Share]) -> Vec<Vec<&Share>> {
    let mut out: Vec<Vec<&Share>> = Vec::new();
    for s in shares.iter().filter(|s| s.whole.is_some()) {
        match out.iter_mut().find(|g| g[0].whole == s.whole) {
            Some(g) => g.push(s),
            None => out.push(vec![s]),
        }
    }
    out
}

/// The share's interval from the rounding of part and whole.
fn range(part: &Fig, whole: &Fig) -> Option<(Decimal, Decimal)> {
    let hundred = Decimal::from(100);
    let (a, ha) = (in_yuan(part), half_in_yuan(part));
    let (w, hw) = (in_yuan(whole), half_in_yuan(whole));
    if w - hw <= Decimal::ZERO {
        return None;
    }
    Some((
        ((a - ha).max(Decimal::ZERO) * hundred).checked_div(w + hw)?,
        ((a + ha) * hundred).checked_div(w - hw)?,
    ))
}

fn judge(doc: &Doc, figs: &[Fig], s: &Share) -> Finding {
    let p = &figs[s.percent];
    let part = &figs[s.part];
    let undecided = |id: &'static str| {
        let m = Message::new(id).figure("part", part.value);
        let label = Message::new("label-undecided");
        finding(doc, &INFO, Severity::Info, p.span.clone(), m, label)
    };
    let Some(whole) = s.whole.map(|i| &figs[i]) else {
        return undecided("text-share-undecided");
    };
    // A share of nothing: no percentage follows.
    if in_yuan(whole).is_zero() {
        return undecided("text-share-undecided-zero");
    }
    let computed = (in_yuan(part) * Decimal::from(100))
        .checked_div(in_yuan(whole))
        .unwrap_or_default()
        .round_dp(p.decimals.max(2) as u32);
    let args = |m: Message| {
        m.figure("part", part.value)
            .figure("whole", whole.value)
            .figure("computed", computed)
    };
    let holds = range(part, whole).is_some_and(|(lo, hi)| {
        let h = half(p.decimals);
        p.value + h >= lo && p.value - h <= hi
    });
    if holds {
        let label = Message::new("label-percent").figure("ratio", computed);
        finding(
            doc,
            &INFO,
            Severity::Info,
            p.span.clone(),
            args(Message::new("text-share-holds")),
            label,
        )
    } else {
        let m = args(Message::new("text-share")).figure("stated", p.value);
        let label = Message::new("label-stated-computed")
            .figure("stated", p.value)
            .figure("computed", computed);
        let mut f = finding(doc, &INFO, Severity::Error, p.span.clone(), m, label);
        f.evidence = Some(stated_against(p.value, computed, Some(FigureUnit::Percent)));
        f
    }
}

/// The shares of parts that make up their whole add to 100%, within the
/// rounding of each. Parts that do not make up the whole (a 其中 that
/// lists only some) are not judged.
fn judge_sum(doc: &Doc, figs: &[Fig], group: &[&Share]) -> Option<Finding> {
    if group.len() < 2 {
        return None;
    }
    let whole = &figs[group[0].whole?];
    let parts: Decimal = group.iter().map(|s| in_yuan(&figs[s.part])).sum();
    let slack: Decimal = group
        .iter()
        .map(|s| half_in_yuan(&figs[s.part]))
        .sum::<Decimal>()
        + half_in_yuan(whole);
    if (parts - in_yuan(whole)).abs() > slack {
        return None;
    }
    let stated: Decimal = group.iter().map(|s| figs[s.percent].value).sum();
    let tolerance: Decimal = group.iter().map(|s| half(figs[s.percent].decimals)).sum();
    let hundred = Decimal::from(100);
    if (stated - hundred).abs() <= tolerance {
        return None;
    }
    let last = &figs[group[group.len() - 1].percent];
    let m = Message::new("text-share-sum")
        .figure("stated", stated)
        .text("n", group.len().to_string());
    let label = Message::new("label-shares-sum").figure("stated", stated);
    let mut f = finding(doc, &INFO, Severity::Error, last.span.clone(), m, label);
    f.evidence = Some(stated_against(stated, hundred, Some(FigureUnit::Percent)));
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::super::run_check;
    use crate::finding::Severity;

    const INCOME: &str = "二、收入决算情况说明\n本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他收入6.2万元，占0.21%。";

    fn errors(text: &str) -> Vec<String> {
        run_check(text, "text-share")
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.message.id.to_string())
            .collect()
    }

    #[test]
    fn shares_of_the_whole_before_qizhong_hold() {
        let f = run_check(INCOME, "text-share");
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(f.iter().all(|f| f.severity == Severity::Info));
    }

    #[test]
    fn a_wrong_share_is_found_and_the_shares_no_longer_add_up() {
        let bad = INCOME.replace("99.79%", "97.79%");
        assert_eq!(errors(&bad), ["text-share", "text-share-sum"]);
    }

    #[test]
    fn a_whole_named_after_the_marker_or_before_a_list() {
        let text = "本年支出合计2940.05万元。一般公共预算财政拨款支出2940.05万元，占本年支出合计的100.00%。\n一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。\n一般公共预算财政拨款支出2940.05万元，主要用于以下方面：一般公共服务支出（类）2106.66万元，占71.65%；社会保障和就业支出（类）326.72万元，占11.11%；卫生健康支出（类）60.99万元，占2.07%；住房保障支出（类）445.69万元，占15.16%。";
        assert!(
            errors(text).is_empty(),
            "{:?}",
            run_check(text, "text-share")
        );
        assert_eq!(run_check(text, "text-share").len(), 6);
        // The published 71.73% (2106.66 / 2940.05 is 71.65%).
        let bad = text.replace("71.65%", "71.73%");
        assert_eq!(errors(&bad), ["text-share", "text-share-sum"]);
        assert_eq!(errors(&text.replace("98.20%", "98.02%")), ["text-share"]);
    }

    #[test]
    fn a_list_of_shares_is_paired_with_the_list_of_parts() {
        let ok = "本年支出合计3,000.00万元，其中：基本支出、项目支出和上缴上级支出分别为1,200.00万元、600.00万元、1,200.00万元，分别占40.00%、20.00%、40.00%。";
        let f = run_check(ok, "text-share");
        assert_eq!(f.len(), 3, "{f:?}");
        assert!(
            f.iter().all(|f| f.message.id == "text-share-holds"),
            "{f:?}"
        );
        assert_eq!(
            errors(&ok.replace("20.00%、40.00%", "30.00%、40.00%")),
            ["text-share", "text-share-sum"]
        );
    }

    #[test]
    fn a_share_without_a_whole_is_undecided() {
        let f = run_check("基本支出2336.91万元，占79.49%。", "text-share");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Info);
        assert_eq!(f[0].message.id, "text-share-undecided");
        // A whole of 0 gives no share.
        let f = run_check(
            "支出年初预算为0.00万元，支出决算为0.00万元，完成年初预算的0%。",
            "text-share",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].message.id, "text-share-undecided-zero");
    }

    #[test]
    fn a_nested_of_which_closes_at_its_semicolon() {
        let text = "本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%，其中人员经费2152.26万元，占基本支出的92.10%；项目支出603.14万元，占20.51%。";
        let f = run_check(text, "text-share");
        assert!(f.iter().all(|f| f.severity == Severity::Info), "{f:?}");
    }

    #[test]
    fn a_change_between_the_part_and_its_share_is_not_the_part() {
        let text = "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，比上年减少63.14万元，占本年收入合计的99.79%；其他收入6.20万元，占0.21%。";
        let f = run_check(text, "text-share");
        assert!(f.iter().all(|f| f.severity == Severity::Info), "{f:?}");
        assert!(
            f.iter().all(|f| !f.message.id.contains("undecided")),
            "{f:?}"
        );
        let wrong = text.replace("99.79%", "97.99%");
        let f = run_check(&wrong, "text-share");
        assert!(f.iter().any(|f| f.severity == Severity::Error), "{f:?}");
    }
}
