//! What a label or a header says about its row or column: total words,
//! outline numbering, 其中, classification codes, columns never to foot.

use crate::amount::normalize_width;

/// Normalises a label for matching: half-width forms, no whitespace, no
/// trailing colon, no trailing unit in brackets (`合 计（万元）` → `合计`).
pub fn normalize(label: &str) -> String {
    let s: String = normalize_width(label)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut s = s.trim_end_matches([':', '：']).to_string();
    if s.ends_with(')') {
        if let Some(open) = s.rfind('(') {
            let inner = &s[open + 1..s.len() - 1];
            if inner.contains('元') || inner.contains('%') || inner.contains('分') {
                s.truncate(open);
            }
        }
    }
    s
}

/// How high a total row stands: a 小计 closes a group, a 合计 closes a
/// table, a 总计 may add further rows to a 合计.
pub fn total_level(label: &str) -> Option<u8> {
    // Every total word has 计, 额 or a t (total, subtotal, full width
    // too): most labels have none, and need no normalising.
    if !has_total_letter(label) {
        return None;
    }
    let n = normalize(label).to_lowercase();
    if n.is_empty() || n.starts_with("其中") {
        return None;
    }
    let n = strip_outline(&n).to_string();
    match n.as_str() {
        "小计" | "subtotal" | "sub-total" | "分计" => return Some(1),
        "合计" | "共计" | "total" | "合计数" | "累计" => return Some(2),
        "总计" | "grandtotal" | "总合计" | "总额" => return Some(3),
        _ => {}
    }
    if n.ends_with("小计") || n.ends_with("subtotal") {
        Some(1)
    } else if n.ends_with("合计") || n.ends_with("共计") || n.ends_with(" total") {
        Some(2)
    } else if n.ends_with("总计") {
        Some(3)
    } else {
        None
    }
}

/// True when `label` has 计, 额 or a t (either case, either width): one pass
/// over the bytes (this runs for every row of a table).
fn has_total_letter(label: &str) -> bool {
    let b = label.as_bytes();
    b.iter().enumerate().any(|(i, &x)| match x {
        b't' | b'T' => true,
        // 计 E8 AE A1, 额 E9 A2 9D, ｔ EF BD 94, Ｔ EF BC B4
        0xE8 => b.get(i + 1..i + 3) == Some(&[0xAE, 0xA1]),
        0xE9 => b.get(i + 1..i + 3) == Some(&[0xA2, 0x9D]),
        0xEF => matches!(b.get(i + 1..i + 3), Some(&[0xBD, 0x94] | &[0xBC, 0xB4])),
        _ => false,
    })
}

/// True when `s` contains `c`, by comparing its bytes (`str::contains` with a
/// char scans for the char's last byte, which in CJK text matches almost
/// every third byte).
fn has_char(s: &str, c: char) -> bool {
    let mut buf = [0u8; 4];
    let needle = c.encode_utf8(&mut buf).as_bytes();
    s.as_bytes().windows(needle.len()).any(|w| w == needle)
}

/// True for a header that names a total column (`合计`, `小计`, `总计`,
/// `本年收入合计`).
pub fn is_total_header(header: &str) -> bool {
    total_level(header).is_some()
}

/// The outline level of a label's numbering: `一、` 1, `（一）` 2, `1.` / `1、`
/// 3, `(1)` 4, `①` 5.
pub fn outline_level(label: &str) -> Option<u8> {
    // Outline numbering starts with a numeral, a digit, a bracket or a
    // circled number, in either width: anything else needs no normalising.
    let lead = label.trim_start().chars().next()?;
    if !(lead.is_ascii_digit()
        || matches!(
            lead,
            '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '(' | '（'
        )
        || ('０'..='９').contains(&lead)
        || ('\u{2460}'..='\u{2473}').contains(&lead))
    {
        return None;
    }
    let s = normalize_width(label);
    let s = s.trim_start();
    let mut chars = s.chars().peekable();
    let first = *chars.peek()?;
    const HAN: &str = "一二三四五六七八九十";
    if HAN.contains(first) {
        let rest: String = s.chars().skip_while(|c| HAN.contains(*c)).take(1).collect();
        return matches!(rest.as_str(), "、" | "." | "，").then_some(1);
    }
    if first == '(' {
        let inner: String = s.chars().skip(1).take_while(|c| *c != ')').collect();
        if !inner.is_empty() && s.chars().skip(1).nth(inner.chars().count()) == Some(')') {
            if inner.chars().all(|c| HAN.contains(c)) {
                return Some(2);
            }
            if inner.chars().all(|c| c.is_ascii_digit()) {
                return Some(4);
            }
        }
        return None;
    }
    if first.is_ascii_digit() {
        let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
        if digits.len() > 2 {
            return None;
        }
        let mut rest = s[digits.len()..].chars();
        return match (rest.next(), rest.next()) {
            (Some('、'), _) => Some(3),
            (Some('.'), next) if !next.is_some_and(|c| c.is_ascii_digit()) => Some(3),
            _ => None,
        };
    }
    if ('\u{2460}'..='\u{2473}').contains(&first) {
        return Some(5);
    }
    None
}

/// A label without its outline numbering: `一、制度建设` → `制度建设`.
pub fn strip_outline(s: &str) -> &str {
    if outline_level(s).is_none() {
        return s;
    }
    let end = s
        .char_indices()
        .find(|(_, c)| matches!(c, '、' | '.' | ')' | '，'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    &s[end..]
}

/// True for a label that opens an "of which" breakdown (`其中：购置费`).
pub fn is_of_which(label: &str) -> bool {
    has_char(label, '其') && normalize(label).starts_with("其中")
}

/// The label without a leading `其中：`.
pub fn strip_of_which(label: &str) -> String {
    let n = normalize(label);
    n.strip_prefix("其中")
        .unwrap_or(&n)
        .trim_start_matches([':', '：', ',', '，'])
        .to_string()
}

/// A government classification code (3, 5, 7 or 9 digits) at the start of
/// a label: `2101101 行政单位医疗` → `2101101`.
pub fn leading_code(label: &str) -> Option<String> {
    let s = label.trim_start();
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = &s[digits.len()..];
    if matches!(digits.len(), 3 | 5 | 7 | 9)
        && (rest.is_empty()
            || rest.starts_with(|c: char| !c.is_ascii_digit() && c != '.' && c != '、'))
    {
        Some(digits)
    } else {
        None
    }
}

/// A cell's text as a classification code, if it is one.
pub fn as_code(text: &str, allowed_len: &[usize]) -> Option<String> {
    let t = text.trim();
    (!t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) && allowed_len.contains(&t.len()))
        .then(|| t.to_string())
}

/// Why a column is never footed, if it is one of those: sequence numbers,
/// years, rates and percentages, unit prices, remarks.
pub fn excluded_column(header: &str) -> Option<&'static str> {
    let h = normalize(header);
    if h.is_empty() {
        return None;
    }
    let seq = ["序号", "行次", "栏次", "编号", "序"];
    if seq.contains(&h.as_str()) || h.starts_with("序号") {
        return Some("sequence number");
    }
    if ["年度", "年份", "年", "月份", "日期"].contains(&h.as_str()) {
        return Some("year or date");
    }
    for w in ["率", "%", "占比", "比例", "比重", "增长", "百分比", "系数"] {
        if h.contains(w) {
            return Some("rate or percentage");
        }
    }
    // Per head, averages, standards and quotas: a ratio, not a sum (the
    // total row's figure is the ratio of two totals). A score's maximum
    // (标准分) is a score column, not a standard.
    if !is_score_max(header) {
        let per_head = [
            "人均",
            "平均",
            "均值",
            "生均",
            "户均",
            "元/人",
            "万元/人",
            "元／人",
            "每人",
        ]
        .iter()
        .any(|w| h.contains(w));
        // A standard or quota names the column (补助标准, 定额), not a
        // spending line that starts with the word (标准化建设支出, 定额补助).
        let standard = ["标准", "定额"].iter().any(|w| h.ends_with(w));
        if per_head || standard {
            return Some("per head, average or standard");
        }
    }
    for w in [
        "单价", "备注", "说明", "排名", "名次", "电话", "代码", "编码", "账号",
    ] {
        if h.contains(w) {
            return Some("not an amount");
        }
    }
    None
}

/// A column header naming a score's maximum (分值, 满分, 标准分).
pub fn is_score_max(header: &str) -> bool {
    let h = normalize(header);
    ["分值", "满分", "标准分", "权重分", "指标分值", "总分值"]
        .iter()
        .any(|w| h.contains(w))
}

/// A column header naming a score (得分, 自评得分, 评分).
pub fn is_score(header: &str) -> bool {
    let h = normalize(header);
    !is_score_max(header) && ["得分", "评分", "自评分"].iter().any(|w| h.contains(w))
}

/// A row that numbers the columns under a header: `栏次 1 2 3`, `行次`,
/// `甲 乙 1 2 3` (its texts are such words or nil marks, its numbers the
/// whole numbers 1, 2, 3, … left to right, at least two of them). Source:
/// the 决算 templates (DOMAIN.md) print one under every header.
pub fn is_column_numbering(texts: &[&str], numbers: &[rust_decimal::Decimal]) -> bool {
    const WORDS: [&str; 9] = ["栏次", "行次", "栏号", "列次", "甲", "乙", "丙", "丁", "栏"];
    if numbers.len() < 2 {
        return false;
    }
    let named = texts.iter().any(|t| WORDS.contains(&normalize(t).as_str()));
    let texts_ok = texts.iter().all(|t| {
        let n = normalize(t);
        WORDS.contains(&n.as_str()) || crate::amount::is_nil_mark(t)
    });
    let counting = numbers
        .iter()
        .enumerate()
        .all(|(i, n)| *n == rust_decimal::Decimal::from(i as u64 + 1));
    texts_ok && counting && (named || numbers.len() >= 3)
}

/// The outline level of the number in a 序号/编号 column: as in a label
/// (`一、`, `（一）`, `1.`), and bare: `一` is level 1, like `一、`.
pub fn sequence_level(number: &str) -> Option<u8> {
    const HAN: &str = "一二三四五六七八九十";
    let t = number.trim();
    if !t.is_empty() && t.chars().all(|c| HAN.contains(c)) {
        return Some(1);
    }
    outline_level(t)
}

/// The label header of one side of a two-sided table: `收入项目`,
/// `支出项目`, `收入` or `支出` (the 收支总表 of every 部门预算 and
/// 部门决算, income on the left, spending on the right; DOMAIN.md).
pub fn is_side_label_header(header: &str) -> bool {
    let h = normalize(header);
    [
        "收入项目",
        "支出项目",
        "收入",
        "支出",
        "收入科目",
        "支出科目",
        "项目（收入）",
        "项目（支出）",
    ]
    .contains(&h.as_str())
        || (h.starts_with("收入") || h.starts_with("支出")) && h.ends_with("项目")
}

/// A row that heads a block of statistics under a money table: `二、相关
/// 统计数`, `统计数`, `相关统计数据` (the 三公 tables print counts of trips,
/// people and cars there).
pub fn starts_count_block(label: &str) -> bool {
    let h = normalize(label);
    let body = h.trim_start_matches(|c: char| {
        !('\u{4e00}'..='\u{9fff}').contains(&c) || "一二三四五六七八九十、".contains(c)
    });
    ["相关统计数", "统计数", "相关统计数据", "统计数据"].contains(&body)
}

/// A row label that says the row is taken away from the total it stands
/// in: `减：上解上级支出`, `减:…`, `扣除…`, `减去…` (a `加：` row adds, as
/// any row does). Source: the 可用财力 and 收支平衡 tables of DOMAIN.md.
pub fn subtracts(label: &str) -> bool {
    let l = normalize_width(label.trim());
    let l = l.trim_start();
    l.starts_with("减:") || l.starts_with("减：") || l.starts_with("扣除") || l.starts_with("减去")
}

/// A header naming a count (项目数, 人数, 个数): its figures are exact.
pub fn is_count_header(header: &str) -> bool {
    let h = normalize(header);
    // A unit of things in brackets: 数量（台）, 车辆（辆）, 采购（台/套）.
    if let Some(inner) = h
        .strip_suffix(')')
        .and_then(|s| s.rsplit_once('('))
        .map(|(_, inner)| inner)
    {
        const THINGS: [&str; 12] = [
            "台", "套", "辆", "个", "批", "人", "项", "家", "户", "件", "次", "台/套",
        ];
        if THINGS.contains(&inner) {
            return true;
        }
    }
    [
        "个数",
        "项目数",
        "人数",
        "户数",
        "家数",
        "次数",
        "单位数",
        "部门数",
        "件数",
        "数量",
        "人次",
    ]
    .iter()
    .any(|w| h.ends_with(w))
}

/// Which part of a split classification code a header names: 类, 款 or 项.
pub fn code_part(header: &str) -> Option<u8> {
    let h = normalize(header);
    let last = h.rsplit('/').next().unwrap_or(&h);
    match last {
        "类" => Some(1),
        "款" => Some(2),
        "项" => Some(3),
        _ => None,
    }
}

/// A header naming a code column (`科目编码`, `功能分类科目编码`).
pub fn is_code_header(header: &str) -> bool {
    let h = normalize(header);
    code_part(&h).is_some() || h.contains("编码") || h.contains("代码")
}

/// A line that starts a note below a table.
pub fn is_note(text: &str) -> bool {
    // A note line names itself and goes on after a colon (`注：…`,
    // `数据来源：…`, `制表人：…`); the same words alone are column headers.
    // Each of those words starts with one of these characters.
    let lead = text.chars().find(|c| !c.is_whitespace());
    if !lead.is_some_and(|c| {
        matches!(
            c,
            '注' | '说' | '备' | '填' | '数' | '资' | '制' | '审' | '负' | '单'
        )
    }) {
        return false;
    }
    let t: String = normalize_width(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if t.starts_with("注")
        && t.chars()
            .nth(1)
            .is_some_and(|c| c == ':' || c.is_ascii_digit() || c == '(' || c == '、')
    {
        return true;
    }
    [
        "说明",
        "备注",
        "注释",
        "填报说明",
        "数据来源",
        "资料来源",
        "制表",
        "填表",
        "审核",
        "负责人",
        "单位负责人",
    ]
    .iter()
    .any(|w| t.starts_with(w) && t[w.len()..].trim_start_matches('人').starts_with(':'))
}

#[cfg(test)]
mod tests {

    #[test]
    fn per_head_and_standard_columns_are_not_footed_but_spending_lines_are() {
        for h in [
            "人均人员经费",
            "生均标准（元/人）",
            "补助标准",
            "支出定额",
            "平均工资",
        ] {
            assert!(excluded_column(h).is_some(), "{h}");
        }
        for h in ["标准化建设支出", "定额补助", "公用经费", "标准分"] {
            assert_eq!(excluded_column(h), None, "{h}");
        }
    }
    use super::*;

    #[test]
    fn byte_scans_agree_with_char_searches() {
        let samples = [
            "合计",
            "合　计",
            "本年收入合计",
            "Total",
            "subTOTAL",
            "ｔｏｔａｌ",
            "Ｔotal",
            "总额",
            "预算额",
            "其中：购置费",
            "其他",
            "项目",
            "一、制度建设",
            "衬衫",
            "认证",
            "",
            "t",
            "额",
            "訂",
            "颐",
            "ｓ",
            "Ｓ",
            "其",
            "中其",
            "基本支出（万元）",
        ];
        for s in samples {
            assert_eq!(
                has_total_letter(s),
                s.contains(['计', '额', 't', 'T', 'ｔ', 'Ｔ']),
                "{s}"
            );
            assert_eq!(has_char(s, '其'), s.contains('其'), "{s}");
        }
        // Every three-byte character whose lead byte is one of those tested.
        for c in ('\u{8000}'..='\u{9FFF}').chain('\u{FF00}'..='\u{FFEF}') {
            let s = format!("a{c}b");
            assert_eq!(
                has_total_letter(&s),
                s.contains(['计', '额', 't', 'T', 'ｔ', 'Ｔ']),
                "{c}"
            );
        }
    }

    /// `level` gives each label the level it is paired with.
    fn assert_levels(level: fn(&str) -> Option<u8>, cases: &[(&str, Option<u8>)]) {
        for &(label, want) in cases {
            assert_eq!(level(label), want, "{label}");
        }
    }

    #[test]
    fn total_words() {
        let cases = [
            ("合计", Some(2)),
            ("合　计", Some(2)),
            (" 合 计 ", Some(2)),
            ("总计", Some(3)),
            ("小计", Some(1)),
            ("Total", Some(2)),
            ("Subtotal", Some(1)),
            ("人员经费合计", Some(2)),
            ("合计（万元）", Some(2)),
            ("其中：小计", None),
            ("合计收入来源说明书", None),
            ("一般公共预算", None),
        ];
        assert_levels(total_level, &cases);
    }

    #[test]
    fn outline() {
        let cases = [
            ("一、基本支出", Some(1)),
            ("（一）工资福利支出", Some(2)),
            ("(二)商品和服务支出", Some(2)),
            ("1.基本工资", Some(3)),
            ("2、津贴补贴", Some(3)),
            ("(1)办公费", Some(4)),
            ("1.5万元", None),
            ("2024年", None),
            ("一般公共预算", None),
        ];
        assert_levels(outline_level, &cases);
    }

    #[test]
    fn codes_and_columns() {
        assert_eq!(leading_code("2101101 行政单位医疗"), Some("2101101".into()));
        assert_eq!(leading_code("2024年"), None);
        assert_eq!(excluded_column("序号"), Some("sequence number"));
        assert_eq!(excluded_column("执行率(%)"), Some("rate or percentage"));
        assert_eq!(excluded_column("预算数"), None);
        assert!(is_score_max("分值"));
        assert!(is_score("自评得分"));
        assert!(!is_score("分值"));
        assert_eq!(code_part("科目编码/款"), Some(2));
        assert!(is_of_which("其中：购置费"));
        assert_eq!(strip_of_which("其中：公务用车购置费"), "公务用车购置费");
        assert!(is_note("注：本表为空表"));
        assert!(is_note("注1.数据来源于评价报告"));
        assert!(is_note("制表人：张三"));
        assert!(is_note("数据来源：县财政局"));
        // The same words alone are column headers.
        assert!(!is_note("负责人"));
        assert!(!is_note("说明"));
        assert!(!is_note("注册资本"));
    }
}
