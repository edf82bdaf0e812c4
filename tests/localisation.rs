//! Data-driven test of error localisation and correction hints.
//!
//! Generates tables of every fixture family, plants one error of each kind
//! in each, and measures: how often the planted cell is the first suspect,
//! how often the right hint is given, and how many error findings the clean
//! twins get. The rates are asserted so that they cannot regress.

use crossfoot::workbook::{a1, csv};
use crossfoot::Severity;

use crate::support::Rng;

/// A generated table: its grid (figures in hundredths), the cells that may
/// take a slip of value, the total cells, and pairs of total cells in
/// neighbouring columns.
struct Gen {
    rows: Vec<Vec<Cell>>,
    details: Vec<(usize, usize)>,
    totals: Vec<(usize, usize)>,
    neighbours: Vec<((usize, usize), (usize, usize))>,
    decimals: u32,
    text_numbers: bool,
    /// Figures are small whole numbers (scores): no unit slips.
    scores: bool,
}

#[derive(Clone)]
enum Cell {
    Text(String),
    /// A figure in hundredths.
    Num(i64),
    Empty,
}

fn t(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

impl Gen {
    fn render(&self) -> String {
        let mut out = String::new();
        for row in &self.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    Cell::Text(s) => s.clone(),
                    Cell::Empty => String::new(),
                    Cell::Num(v) => {
                        let s = fmt(*v, self.decimals);
                        if self.text_numbers {
                            format!("\"{}\"", group(&s))
                        } else {
                            s
                        }
                    }
                })
                .collect();
            out.push_str(&cells.join(","));
            out.push('\n');
        }
        out
    }
    fn num(&self, (r, c): (usize, usize)) -> i64 {
        match self.rows[r][c] {
            Cell::Num(v) => v,
            _ => 0,
        }
    }
    fn set(&mut self, (r, c): (usize, usize), v: i64) {
        self.rows[r][c] = Cell::Num(v);
    }
}

fn fmt(hundredths: i64, decimals: u32) -> String {
    let sign = if hundredths < 0 { "-" } else { "" };
    let v = hundredths.abs();
    match decimals {
        0 => format!("{sign}{}", v / 100),
        1 => format!("{sign}{}.{}", v / 100, (v % 100) / 10),
        _ => format!("{sign}{}.{:02}", v / 100, v % 100),
    }
}

fn group(s: &str) -> String {
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let (sign, int) = int.strip_prefix('-').map_or(("", int), |i| ("-", i));
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

/// A random figure in hundredths shown with `decimals`.
fn amount(rng: &mut Rng, decimals: u32) -> i64 {
    let unit = 10i64.pow(2 - decimals);
    rng.range(100, 90_000) * unit
}

fn project_list(rng: &mut Rng, title: bool, text_numbers: bool) -> Gen {
    let decimals = 1;
    let mut rows = Vec::new();
    if title {
        rows.push(vec![t("2024年项目支出表"), Cell::Empty, Cell::Empty]);
        rows.push(vec![Cell::Empty, Cell::Empty, t("单位：万元")]);
    }
    rows.push(vec![t("序号"), t("项目"), t("金额")]);
    let n = rng.range(4, 9) as usize;
    let mut details = Vec::new();
    let mut sum = 0;
    for i in 0..n {
        let v = amount(rng, decimals);
        sum += v;
        details.push((rows.len(), 2));
        rows.push(vec![
            t(&(i + 1).to_string()),
            t(&format!("项目{i}")),
            Cell::Num(v),
        ]);
    }
    let totals = vec![(rows.len(), 2)];
    rows.push(vec![Cell::Empty, t("合计"), Cell::Num(sum)]);
    Gen {
        rows,
        details,
        totals,
        neighbours: vec![],
        decimals,
        text_numbers,
        scores: false,
    }
}

fn codes(rng: &mut Rng, split: bool) -> Gen {
    let decimals = 2;
    let mut rows = Vec::new();
    let header: Vec<Cell> = if split {
        vec![
            t("类"),
            t("款"),
            t("项"),
            t("科目名称"),
            t("合计"),
            t("基本支出"),
            t("项目支出"),
        ]
    } else {
        vec![
            t("科目编码"),
            t("科目名称"),
            t("合计"),
            t("基本支出"),
            t("项目支出"),
        ]
    };
    let off = if split { 4 } else { 2 };
    rows.push(header);
    let total_row = rows.len();
    rows.push(vec![]);
    let mut details = Vec::new();
    let mut grand = [0i64; 2];
    for lei in 0..2 {
        let lei_row = rows.len();
        rows.push(vec![]);
        let mut lei_sum = [0i64; 2];
        for kuan in 0..2 {
            let kuan_row = rows.len();
            rows.push(vec![]);
            let mut kuan_sum = [0i64; 2];
            for xiang in 0..2 {
                let a = amount(rng, decimals);
                let b = amount(rng, decimals);
                kuan_sum[0] += a;
                kuan_sum[1] += b;
                let code = (
                    format!("{}", 201 + lei * 4),
                    format!("{:02}", kuan + 1),
                    format!("{:02}", xiang + 1),
                );
                let mut row = if split {
                    vec![
                        t(&format!("'{}", code.0)),
                        t(&code.1),
                        t(&code.2),
                        t(&format!("项{lei}{kuan}{xiang}")),
                    ]
                } else {
                    vec![
                        t(&format!("{}{}{}", code.0, code.1, code.2)),
                        t(&format!("项{lei}{kuan}{xiang}")),
                    ]
                };
                row.extend([Cell::Num(a + b), Cell::Num(a), Cell::Num(b)]);
                details.push((rows.len(), off + 1));
                details.push((rows.len(), off + 2));
                rows.push(row);
            }
            let code = format!("{}{:02}", 201 + lei * 4, kuan + 1);
            let mut row = if split {
                vec![
                    t(&format!("{}", 201 + lei * 4)),
                    t(&format!("{:02}", kuan + 1)),
                    Cell::Empty,
                    t(&format!("款{lei}{kuan}")),
                ]
            } else {
                vec![t(&code), t(&format!("款{lei}{kuan}"))]
            };
            row.extend([
                Cell::Num(kuan_sum[0] + kuan_sum[1]),
                Cell::Num(kuan_sum[0]),
                Cell::Num(kuan_sum[1]),
            ]);
            rows[kuan_row] = row;
            lei_sum[0] += kuan_sum[0];
            lei_sum[1] += kuan_sum[1];
        }
        let mut row = if split {
            vec![
                t(&format!("{}", 201 + lei * 4)),
                Cell::Empty,
                Cell::Empty,
                t(&format!("类{lei}")),
            ]
        } else {
            vec![t(&format!("{}", 201 + lei * 4)), t(&format!("类{lei}"))]
        };
        row.extend([
            Cell::Num(lei_sum[0] + lei_sum[1]),
            Cell::Num(lei_sum[0]),
            Cell::Num(lei_sum[1]),
        ]);
        rows[lei_row] = row;
        grand[0] += lei_sum[0];
        grand[1] += lei_sum[1];
    }
    let mut row: Vec<Cell> = (0..off - 1).map(|_| Cell::Empty).collect();
    row.push(t("合计"));
    row.extend([
        Cell::Num(grand[0] + grand[1]),
        Cell::Num(grand[0]),
        Cell::Num(grand[1]),
    ]);
    rows[total_row] = row;
    // Split codes are text: a leading apostrophe is not CSV; strip it.
    for r in rows.iter_mut() {
        for c in r.iter_mut() {
            if let Cell::Text(s) = c {
                *s = s.trim_start_matches('\'').to_string();
            }
        }
    }
    let totals = vec![(total_row, off), (total_row, off + 1), (total_row, off + 2)];
    let neighbours = vec![
        ((total_row, off + 1), (total_row, off + 2)),
        ((total_row, off + 2), (total_row, off + 1)),
    ];
    Gen {
        rows,
        details,
        totals,
        neighbours,
        decimals,
        text_numbers: false,
        scores: false,
    }
}

fn outline(rng: &mut Rng) -> Gen {
    let decimals = 2;
    let mut rows = vec![vec![t("项目"), t("金额")]];
    let mut details = Vec::new();
    let mut grand = 0;
    for (s, sec) in ["一、", "二、"].iter().enumerate() {
        let sec_row = rows.len();
        rows.push(vec![]);
        let mut sec_sum = 0;
        for (k, sub) in ["（一）", "（二）"].iter().enumerate() {
            let sub_row = rows.len();
            rows.push(vec![]);
            let mut sub_sum = 0;
            for i in 1..=2 {
                let v = amount(rng, decimals);
                sub_sum += v;
                details.push((rows.len(), 1));
                rows.push(vec![t(&format!("{i}.明细{s}{k}{i}")), Cell::Num(v)]);
            }
            rows[sub_row] = vec![t(&format!("{sub}分项{s}{k}")), Cell::Num(sub_sum)];
            sec_sum += sub_sum;
        }
        rows[sec_row] = vec![t(&format!("{sec}部分{s}")), Cell::Num(sec_sum)];
        grand += sec_sum;
    }
    let totals = vec![(rows.len(), 1)];
    rows.push(vec![t("合计"), Cell::Num(grand)]);
    Gen {
        rows,
        details,
        totals,
        neighbours: vec![],
        decimals,
        text_numbers: false,
        scores: false,
    }
}

fn subtotals(rng: &mut Rng) -> Gen {
    let decimals = 1;
    let mut rows = vec![vec![t("序号"), t("项目"), t("金额")]];
    let mut details = Vec::new();
    let mut grand = 0;
    let mut n = 0;
    for _ in 0..3 {
        let mut sub = 0;
        for _ in 0..3 {
            n += 1;
            let v = amount(rng, decimals);
            sub += v;
            details.push((rows.len(), 2));
            rows.push(vec![
                t(&n.to_string()),
                t(&format!("项目{n}")),
                Cell::Num(v),
            ]);
        }
        rows.push(vec![Cell::Empty, t("小计"), Cell::Num(sub)]);
        grand += sub;
    }
    let totals = vec![(rows.len(), 2)];
    rows.push(vec![Cell::Empty, t("合计"), Cell::Num(grand)]);
    Gen {
        rows,
        details,
        totals,
        neighbours: vec![],
        decimals,
        text_numbers: false,
        scores: false,
    }
}

fn departments(rng: &mut Rng) -> Gen {
    let decimals = 2;
    let mut rows = vec![vec![
        t("单位名称"),
        t("合计"),
        t("财政拨款收入"),
        t("事业收入"),
        t("其他收入"),
    ]];
    rows.push(vec![]);
    let mut details = Vec::new();
    let mut col_sums = [0i64; 3];
    for d in 0..4 {
        let v: Vec<i64> = (0..3).map(|_| amount(rng, decimals)).collect();
        for k in 0..3 {
            col_sums[k] += v[k];
            details.push((rows.len(), 2 + k));
        }
        rows.push(vec![
            t(&format!("部门{d}")),
            Cell::Num(v.iter().sum()),
            Cell::Num(v[0]),
            Cell::Num(v[1]),
            Cell::Num(v[2]),
        ]);
    }
    rows[1] = vec![
        t("合计"),
        Cell::Num(col_sums.iter().sum()),
        Cell::Num(col_sums[0]),
        Cell::Num(col_sums[1]),
        Cell::Num(col_sums[2]),
    ];
    let totals = vec![(1, 1), (1, 2), (1, 3), (1, 4)];
    let neighbours = vec![((1, 2), (1, 3)), ((1, 3), (1, 4)), ((1, 4), (1, 3))];
    Gen {
        rows,
        details,
        totals,
        neighbours,
        decimals,
        text_numbers: false,
        scores: false,
    }
}

fn scores(rng: &mut Rng) -> Gen {
    let mut rows = vec![vec![t("指标"), t("分值"), t("得分")]];
    let mut details = Vec::new();
    let (mut max_sum, mut score_sum) = (0, 0);
    for i in 0..6 {
        let score = rng.range(12, 40) * 100;
        let max = score + rng.range(0, 6) * 100;
        max_sum += max;
        score_sum += score;
        details.push((rows.len(), 2));
        rows.push(vec![
            t(&format!("指标{i}")),
            Cell::Num(max),
            Cell::Num(score),
        ]);
    }
    let totals = vec![(rows.len(), 2)];
    rows.push(vec![t("合计"), Cell::Num(max_sum), Cell::Num(score_sum)]);
    Gen {
        rows,
        details,
        totals,
        neighbours: vec![],
        decimals: 0,
        text_numbers: false,
        scores: true,
    }
}

fn gen(
    rows: Vec<Vec<Cell>>,
    details: Vec<(usize, usize)>,
    totals: Vec<(usize, usize)>,
    decimals: u32,
) -> Gen {
    Gen {
        rows,
        details,
        totals,
        neighbours: vec![],
        decimals,
        text_numbers: false,
        scores: false,
    }
}

/// A two-sided 收支总表: income items on the left, spending on the right
/// (the sides of different lengths), each with its 本年合计, 结转结余 and
/// 总计; the two 总计 equal.
fn two_sided(rng: &mut Rng) -> Gen {
    let decimals = 2;
    let mut rows = vec![vec![t("收入项目"), t("预算数"), t("支出项目"), t("预算数")]];
    let (n_in, n_out) = (rng.range(2, 5) as usize, rng.range(3, 7) as usize);
    let mut out: Vec<i64> = (0..n_out).map(|_| amount(rng, decimals)).collect();
    let spent: i64 = out.iter().sum();
    // Income items that add up to the spending plus what is carried over.
    let carried_in = amount(rng, decimals);
    let carried_out = amount(rng, decimals);
    let income_total = spent + carried_out - carried_in;
    if income_total <= 0 {
        out[0] += carried_in;
    }
    let spent: i64 = out.iter().sum();
    let income_total = spent + carried_out - carried_in;
    let mut incomes: Vec<i64> = (0..n_in - 1)
        .map(|_| income_total / n_in as i64 / 100 * 100)
        .collect();
    incomes.push(income_total - incomes.iter().sum::<i64>());
    let mut details = Vec::new();
    let numerals = ["一", "二", "三", "四", "五", "六"];
    for i in 0..n_in.max(n_out) {
        let mut row = vec![Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty];
        if i < n_in {
            row[0] = t(&format!("{}、收入{i}", numerals[i]));
            row[1] = Cell::Num(incomes[i]);
            details.push((rows.len(), 1));
        }
        if i < n_out {
            row[2] = t(&format!("{}、支出{i}", numerals[i]));
            row[3] = Cell::Num(out[i]);
            details.push((rows.len(), 3));
        }
        rows.push(row);
    }
    let totals = vec![(rows.len(), 1), (rows.len(), 3)];
    rows.push(vec![
        t("本年收入合计"),
        Cell::Num(income_total),
        t("本年支出合计"),
        Cell::Num(spent),
    ]);
    rows.push(vec![
        t("年初结转和结余"),
        Cell::Num(carried_in),
        t("年末结转和结余"),
        Cell::Num(carried_out),
    ]);
    let grand = income_total + carried_in;
    rows.push(vec![
        t("收入总计"),
        Cell::Num(grand),
        t("支出总计"),
        Cell::Num(grand),
    ]);
    gen(rows, details, totals, decimals)
}

/// A 决算 table with a `栏次 1 2 3` row under its header, 合计 first.
fn lanci(rng: &mut Rng) -> Gen {
    let decimals = 2;
    let mut rows = vec![
        vec![t("项目"), t("合计"), t("基本支出"), t("项目支出")],
        vec![t("栏次"), t("1"), t("2"), t("3")],
        vec![],
    ];
    let mut details = Vec::new();
    let (mut a, mut b) = (0, 0);
    for i in 0..rng.range(3, 7) {
        let (x, y) = (amount(rng, decimals), amount(rng, decimals));
        a += x;
        b += y;
        details.push((rows.len(), 2));
        details.push((rows.len(), 3));
        rows.push(vec![
            t(&format!("支出功能{i}")),
            Cell::Num(x + y),
            Cell::Num(x),
            Cell::Num(y),
        ]);
    }
    rows[2] = vec![t("合计"), Cell::Num(a + b), Cell::Num(a), Cell::Num(b)];
    gen(rows, details, vec![(2, 1), (2, 2), (2, 3)], decimals)
}

/// A project list where some rows print a nil mark for no money.
fn nil_rows(rng: &mut Rng) -> Gen {
    let decimals = 1;
    let marks = ["—", "–", "―", "－", "/", "无"];
    let mut rows = vec![vec![t("项目"), t("上年数"), t("本年数")]];
    let mut details = Vec::new();
    let (mut a, mut b) = (0, 0);
    for i in 0..rng.range(4, 8) {
        let x = amount(rng, decimals);
        a += x;
        details.push((rows.len(), 1));
        let second = if i % 3 == 1 {
            t(marks[rng.next() as usize % marks.len()])
        } else {
            let y = amount(rng, decimals);
            b += y;
            details.push((rows.len(), 2));
            Cell::Num(y)
        };
        rows.push(vec![t(&format!("项目{i}")), Cell::Num(x), second]);
    }
    let totals = vec![(rows.len(), 1), (rows.len(), 2)];
    rows.push(vec![t("合计"), Cell::Num(a), Cell::Num(b)]);
    gen(rows, details, totals, decimals)
}

/// A 可用财力 table: a base, `加：` rows and a `减：` row, the total below.
fn plus_minus(rng: &mut Rng) -> Gen {
    let decimals = 0;
    let mut rows = vec![vec![t("项目"), t("金额")]];
    let mut details = Vec::new();
    let mut total = 0;
    for (i, label) in [
        "地方一般公共预算收入",
        "加：上级补助收入",
        "加：调入资金",
        "减：上解上级支出",
        "加：上年结转",
    ]
    .iter()
    .enumerate()
    {
        let v = amount(rng, decimals);
        if label.starts_with("减") {
            total -= v;
        } else {
            total += v;
            details.push((rows.len(), 1));
        }
        rows.push(vec![t(&format!("{label}{i}")), Cell::Num(v)]);
    }
    let totals = vec![(rows.len(), 1)];
    rows.push(vec![t("可用财力合计"), Cell::Num(total)]);
    gen(rows, details, totals, decimals)
}

/// Outline numbers in a 序号 column (`一`, `（一）`), the labels bare.
fn sequence_outline(rng: &mut Rng) -> Gen {
    let decimals = 2;
    let mut rows = vec![vec![t("序号"), t("项目"), t("金额")], vec![]];
    let mut details = Vec::new();
    let mut grand = 0;
    for (s, sec) in ["一", "二"].iter().enumerate() {
        let sec_row = rows.len();
        rows.push(vec![]);
        let mut sum = 0;
        for (k, sub) in ["（一）", "（二）", "（三）"].iter().enumerate() {
            let v = amount(rng, decimals);
            sum += v;
            details.push((rows.len(), 2));
            rows.push(vec![t(sub), t(&format!("支出{s}{k}")), Cell::Num(v)]);
        }
        rows[sec_row] = vec![t(sec), t(&format!("类别{s}")), Cell::Num(sum)];
        grand += sum;
    }
    rows[1] = vec![Cell::Empty, t("合计"), Cell::Num(grand)];
    gen(rows, details, vec![(1, 2)], decimals)
}

/// Units with a head count, money and a per-head column: the count and
/// the per-head figures are not added to the money.
fn per_head(rng: &mut Rng) -> Gen {
    let decimals = 2;
    let mut rows = vec![vec![
        t("单位名称"),
        t("在职人数"),
        t("人员经费"),
        t("人均人员经费"),
    ]];
    let mut details = Vec::new();
    let (mut people, mut money) = (0, 0);
    for i in 0..rng.range(3, 7) {
        let n = rng.range(5, 80);
        let v = amount(rng, decimals);
        people += n;
        money += v;
        details.push((rows.len(), 2));
        rows.push(vec![
            t(&format!("单位{i}")),
            t(&n.to_string()),
            Cell::Num(v),
            Cell::Num(v / n),
        ]);
    }
    let totals = vec![(rows.len(), 2)];
    rows.push(vec![
        t("合计"),
        t(&people.to_string()),
        Cell::Num(money),
        Cell::Num(money / people),
    ]);
    gen(rows, details, totals, decimals)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Swap,
    Typo,
    Unit,
    Sign,
    LeftOut,
    Twice,
    WrongColumn,
}

impl Kind {
    fn hint_word(self) -> &'static str {
        match self {
            Kind::Swap => "swapped",
            Kind::Typo => "one digit",
            Kind::Unit => "unit slip",
            Kind::Sign => "sign",
            Kind::LeftOut => "leaves out",
            Kind::Twice => "twice",
            Kind::WrongColumn => "copied",
        }
    }
}

/// Plants a slip of `kind`; returns the planted cell, or `None` when the
/// table has no cell the slip can apply to.
fn plant(g: &mut Gen, kind: Kind, rng: &mut Rng) -> Option<(usize, usize)> {
    let scale = 10i64.pow(2 - g.decimals);
    match kind {
        Kind::Swap | Kind::Typo => {
            for _ in 0..20 {
                let cell = g.details[rng.next() as usize % g.details.len()];
                let v = g.num(cell);
                let s = fmt(v, g.decimals);
                let digits: Vec<usize> = s
                    .char_indices()
                    .filter(|(_, c)| c.is_ascii_digit())
                    .map(|(i, _)| i)
                    .collect();
                let mut b: Vec<u8> = s.clone().into_bytes();
                if kind == Kind::Swap {
                    let pairs: Vec<usize> = digits
                        .windows(2)
                        .filter(|w| {
                            w[1] == w[0] + 1
                                && b[w[0]] != b[w[1]]
                                && !(w[0] == 0 && b[w[1]] == b'0')
                        })
                        .map(|w| w[0])
                        .collect();
                    if pairs.is_empty() {
                        continue;
                    }
                    let i = pairs[rng.next() as usize % pairs.len()];
                    b.swap(i, i + 1);
                } else {
                    let i = digits[rng.next() as usize % digits.len()];
                    let old = b[i];
                    let mut new = b'0' + rng.range(0, 10) as u8;
                    if new == old || (i == 0 && new == b'0') {
                        new = if old == b'9' { b'1' } else { old + 1 };
                    }
                    b[i] = new;
                }
                let t = String::from_utf8(b).ok()?;
                let nv: f64 = t.parse().ok()?;
                g.set(cell, (nv * 100.0).round() as i64);
                return Some(cell);
            }
            None
        }
        Kind::Unit if !g.scores => {
            let cell = g.details[rng.next() as usize % g.details.len()];
            let v = g.num(cell);
            g.set(cell, v * 10_000);
            Some(cell)
        }
        Kind::Unit => None,
        Kind::Sign => {
            let cell = g.details[rng.next() as usize % g.details.len()];
            let v = g.num(cell);
            g.set(cell, -v);
            Some(cell)
        }
        Kind::LeftOut | Kind::Twice => {
            let total = g.totals[rng.next() as usize % g.totals.len()];
            // A detail in the same column whose row the total adds directly.
            let parts: Vec<(usize, usize)> = g
                .details
                .iter()
                .copied()
                .filter(|d| d.1 == total.1)
                .collect();
            if parts.is_empty() || !g.rows.iter().all(|r| r.len() < 7) {
                return None;
            }
            let p = parts[rng.next() as usize % parts.len()];
            let v = g.num(p);
            let _ = scale;
            let tv = g.num(total);
            g.set(
                total,
                if kind == Kind::LeftOut {
                    tv - v
                } else {
                    tv + v
                },
            );
            Some(total)
        }
        Kind::WrongColumn => {
            if g.neighbours.is_empty() {
                return None;
            }
            let (to, from) = g.neighbours[rng.next() as usize % g.neighbours.len()];
            let v = g.num(from);
            g.set(to, v);
            Some(to)
        }
    }
}

#[test]
fn planted_errors_are_located_and_explained() {
    type Family = fn(&mut Rng) -> Gen;
    let families: Vec<(&str, Family)> = vec![
        ("project list", |r| project_list(r, false, false)),
        ("project list with title (csv)", |r| {
            project_list(r, true, false)
        }),
        ("text numbers", |r| project_list(r, false, true)),
        ("codes in one column", |r| codes(r, false)),
        ("codes split 类/款/项", |r| codes(r, true)),
        ("outline numbering", outline),
        ("小计 groups", subtotals),
        ("departments × income sources", departments),
        ("score table", scores),
        ("two-sided 收支总表", two_sided),
        ("栏次 row", lanci),
        ("nil marks", nil_rows),
        ("加/减 rows", plus_minus),
        ("序号 outline", sequence_outline),
        ("per-head and count columns", per_head),
    ];
    let kinds = [
        Kind::Swap,
        Kind::Typo,
        Kind::Unit,
        Kind::Sign,
        Kind::LeftOut,
        Kind::Twice,
        Kind::WrongColumn,
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut tables, mut planted, mut first, mut hinted, mut clean_errors) = (0, 0, 0, 0, 0);
    let mut misses: Vec<String> = Vec::new();
    let mut per_kind: std::collections::BTreeMap<String, (usize, usize, usize)> =
        Default::default();
    for (name, family) in &families {
        for kind in kinds {
            for _ in 0..10 {
                let mut g = family(&mut rng);
                let clean = csv::parse("t", &g.render()).unwrap();
                let report = crossfoot::check_sheet(&clean);
                tables += 1;
                let errs: Vec<_> = report
                    .findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .collect();
                if !errs.is_empty() {
                    clean_errors += errs.len();
                    misses.push(format!(
                        "{name}: clean twin has {:?}",
                        errs.iter().map(|f| &f.message).collect::<Vec<_>>()
                    ));
                }
                let Some(cell) = plant(&mut g, kind, &mut rng) else {
                    continue;
                };
                let broken = csv::parse("t", &g.render()).unwrap();
                let report = crossfoot::check_sheet(&broken);
                tables += 1;
                planted += 1;
                let want = a1(cell.0, cell.1);
                let top = report.findings.iter().find_map(|f| f.suspects.first());
                let e = per_kind.entry(format!("{kind:?}")).or_default();
                e.0 += 1;
                match top {
                    Some(s) if s.cell == want => {
                        first += 1;
                        e.1 += 1;
                        if s.reason().render().contains(kind.hint_word()) {
                            hinted += 1;
                            e.2 += 1;
                        } else {
                            misses.push(format!(
                                "{name} {kind:?} {want}: hint {:?}",
                                s.reason().render()
                            ));
                        }
                    }
                    other => misses.push(format!(
                        "{name} {kind:?} {want}: first suspect {:?}",
                        other.map(|s| (s.cell.clone(), s.reason().render()))
                    )),
                }
            }
        }
    }
    let located = first as f64 / planted as f64;
    let explained = hinted as f64 / planted as f64;
    eprintln!("localisation: {tables} tables, {planted} planted errors");
    eprintln!(
        "  planted cell is the first suspect: {first}/{planted} = {:.1}%",
        located * 100.0
    );
    eprintln!(
        "  the right hint is given:           {hinted}/{planted} = {:.1}%",
        explained * 100.0
    );
    eprintln!("  error findings on clean twins:     {clean_errors}");
    for (k, (n, f, h)) in &per_kind {
        eprintln!("  {k:<12} {f:>3}/{n:<3} located, {h:>3}/{n:<3} hinted");
    }
    for m in misses
        .iter()
        .filter(|m| std::env::var("MISSES").map_or(true, |k| m.contains(k.as_str())))
        .take(15)
    {
        eprintln!("  miss: {m}");
    }
    assert!(tables >= 500, "at least 500 tables, got {tables}");
    assert_eq!(clean_errors, 0);
    assert!(located >= 0.90, "first-suspect rate {located:.3} below 90%");
    assert!(explained >= 0.80, "hint rate {explained:.3} below 80%");
}
