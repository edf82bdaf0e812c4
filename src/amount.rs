//! Amounts: exact decimals from cells and text, the decimals a figure is
//! shown with, the money units 元 / 千元 / 万元 / 亿元 and their names
//! ([`Unit`]), the marks a table writes for nil ([`is_nil_mark`]), and
//! figures as shown to people ([`group_thousands`], [`show`],
//! [`show_with_decimals`]). Each is read or written here and nowhere else.
//!
//! A float cell becomes a [`Decimal`] through its shortest round-trip form, so
//! the cell Excel shows as `1721.1` is exactly `1721.1`, never
//! `1721.09999999999990905052982270717620849609375`.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

/// A money unit used in Chinese fiscal tables.
///
/// This is the one place unit names are read and written: a unit on its own
/// ([`Unit::parse`], with the short forms of rule files in
/// [`Unit::parse_short`]), after a figure ([`Unit::strip_suffix`]), before
/// the rest of a text ([`Unit::strip_prefix`]), in a header
/// ([`Unit::from_suffix`]) or in a unit line ([`Unit::from_unit_line`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Unit {
    /// 元, yuan.
    Yuan,
    /// 千元, 10³ yuan.
    Qian,
    /// 万元, 10⁴ yuan.
    Wan,
    /// 亿元, 10⁸ yuan.
    Yi,
}

impl Unit {
    /// Every unit, longest name first: the order names are matched in, so
    /// that `万元` is not read as `元`.
    pub const ALL: [Unit; 4] = [Unit::Yi, Unit::Wan, Unit::Qian, Unit::Yuan];

    /// How many yuan one of this unit is (its exact scale).
    pub fn factor(self) -> Decimal {
        match self {
            Unit::Yuan => Decimal::ONE,
            Unit::Qian => Decimal::from(1_000),
            Unit::Wan => Decimal::from(10_000),
            Unit::Yi => Decimal::from(100_000_000),
        }
    }

    /// Converts `value` from this unit to `to`, exactly.
    pub fn convert(self, value: Decimal, to: Unit) -> Option<Decimal> {
        value.checked_mul(self.factor())?.checked_div(to.factor())
    }

    /// The Chinese name, as printed in tables (`万元`).
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Yuan => "元",
            Unit::Qian => "千元",
            Unit::Wan => "万元",
            Unit::Yi => "亿元",
        }
    }

    /// The short name a rule file may write after a figure (`16.5 亿`),
    /// for the units that have one.
    pub fn short_name(self) -> Option<&'static str> {
        match self {
            Unit::Yuan => None,
            Unit::Qian => Some("千"),
            Unit::Wan => Some("万"),
            Unit::Yi => Some("亿"),
        }
    }

    /// The unit named exactly `name` (`万元`), around spaces.
    pub fn parse(name: &str) -> Option<Unit> {
        let name = name.trim();
        Unit::ALL.into_iter().find(|u| u.as_str() == name)
    }

    /// The unit named `name` in full or by its short name (`万元`, `万`).
    pub fn parse_short(name: &str) -> Option<Unit> {
        let name = name.trim();
        Unit::ALL
            .into_iter()
            .find(|u| u.as_str() == name || u.short_name() == Some(name))
    }

    /// The text before a unit name that ends `text`, and the unit
    /// (`586万元` → `("586", Wan)`); nothing is trimmed.
    pub fn strip_suffix(text: &str) -> Option<(&str, Unit)> {
        Unit::ALL
            .into_iter()
            .find_map(|u| Some((text.strip_suffix(u.as_str())?, u)))
    }

    /// The unit named at the start of `text`, and the text after it
    /// (`万元，比上年…` → `(Wan, "，比上年…")`); nothing is trimmed.
    pub fn strip_prefix(text: &str) -> Option<(Unit, &str)> {
        Unit::ALL
            .into_iter()
            .find_map(|u| Some((u, text.strip_prefix(u.as_str())?)))
    }

    /// The units' names for a help text: `元, 千元, 万元 and 亿元`.
    pub fn names() -> String {
        let mut names: Vec<&str> = Unit::ALL.iter().rev().map(|u| u.as_str()).collect();
        let last = names.pop().unwrap_or_default();
        format!("{} and {last}", names.join(", "))
    }

    /// Finds a unit named at the end of `text` (`万元`, `（万元）`, `亿元)`).
    pub fn from_suffix(text: &str) -> Option<Unit> {
        let t = text
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ')' | '）' | ']' | '】'));
        Unit::strip_suffix(t).map(|(_, u)| u)
    }

    /// Reads a unit statement such as `单位：万元` or `金额单位:元`.
    pub fn from_unit_line(text: &str) -> Option<Unit> {
        // Most cells are not unit lines (and widths do not change 单位).
        if !text.contains("单位") {
            return None;
        }
        let norm = normalize_width(text);
        let idx = norm.find("单位")?;
        let rest = norm[idx + "单位".len()..].trim_start_matches([':', ' ', '　']);
        Unit::strip_prefix(rest).map(|(u, _)| u)
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A number read from a cell, with the decimals it was written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number {
    /// The exact value.
    pub value: Decimal,
    /// Digits after the decimal point as written (`1,721.10` → 2).
    pub written_decimals: u8,
    /// A unit written after the number (`586万元`).
    pub unit: Option<Unit>,
    /// The text had a `%` sign.
    pub percent: bool,
}

/// Converts a float cell value to the decimal it displays as: its shortest
/// round-trip representation. Returns `None` for NaN, infinities, and values
/// beyond `Decimal`'s range.
pub fn decimal_from_f64(f: f64) -> Option<(Decimal, u8)> {
    if !f.is_finite() {
        return None;
    }
    // Whole numbers (counts, amounts in 元) need no formatting at all.
    if f.fract() == 0.0 && f.abs() < 9.0e15 {
        return Some((Decimal::from(f as i64), 0));
    }
    // Amounts with a few decimals: the first k for which round(f·10^k)/10^k
    // gives back f exactly. Below 2^50, f's rounding interval is narrower
    // than a tenth of 10^-k, so that decimal is the only one with k
    // decimals that round-trips, and no shorter one does: it is the
    // shortest round-trip form, found without formatting.
    const POW10: [f64; 7] = [1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6];
    for (k, p) in POW10.iter().enumerate().skip(1) {
        let scaled = f * p;
        if scaled.abs() >= (1u64 << 50) as f64 {
            break;
        }
        let m = scaled.round();
        if m / p == f {
            return Some((Decimal::new(m as i64, k as u32), k as u8));
        }
    }
    // Rust's `Display` for f64 prints the shortest string that round-trips,
    // never in exponent notation.
    let s = f.to_string();
    let dec = Decimal::from_str(&s).ok().or_else(|| {
        // Very small values with more than 28 decimals: round.
        Decimal::from_str(&format!("{f:.20}"))
            .ok()
            .map(|d| d.normalize())
    })?;
    let decimals = s.split_once('.').map(|(_, frac)| frac.len()).unwrap_or(0);
    Some((dec, decimals.min(28) as u8))
}

/// Maps full-width ASCII forms (`１７２１．１`, `（`, `－`, `，`) and the
/// ideographic space to their half-width equivalents.
pub fn normalize_width(s: &str) -> String {
    s.chars().map(narrow).collect()
}

/// One character of [`normalize_width`].
fn narrow(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{2212}' | '\u{2013}' | '\u{2014}' => '-',
        _ => c,
    }
}

/// The longest text read as a number, in bytes (spaces and a unit included).
const MAX_NUMBER_TEXT: usize = 256;

/// Parses a number written as text: `1,721.10`, `１７２１．１`, ` -12.5 `,
/// `－12.5`, `(12.50)`, `586万元`, `81.8%`. Returns `None` for anything else
/// (labels, codes with letters, dates, dashes, texts over 256 bytes).
pub fn parse_number(text: &str) -> Option<Number> {
    // No figure is this long, padding included: a long text is not read
    // through (2,000 cells of one 10 MB string took minutes).
    if text.len() > MAX_NUMBER_TEXT || !may_be_number(text) {
        return None;
    }
    let norm = normalize_width(text);
    let s = norm.trim();
    let (s, unit) = match Unit::strip_suffix(s) {
        Some((rest, u)) => (rest.trim_end(), Some(u)),
        None => (s, None),
    };
    let (s, percent) = match s.strip_suffix('%') {
        Some(rest) => (rest.trim_end(), true),
        None => (s, false),
    };
    let (s, negative) = strip_sign(s);
    let s = s
        .strip_prefix('¥')
        .or_else(|| s.strip_prefix('￥'))
        .unwrap_or(s);
    let (digits, written_decimals) = plain_digits(s)?;
    let mut value = Decimal::from_str(&digits).ok()?;
    if negative {
        value = -value;
    }
    Some(Number {
        value,
        written_decimals,
        unit,
        percent,
    })
}

/// A quick look before parsing: most text is not a number. A number has a
/// digit (ASCII or full-width) and starts with a digit, a sign, a bracket,
/// a point or a currency sign (not codes like `P0000001` or labels like
/// `项目12`).
fn may_be_number(text: &str) -> bool {
    let has_digit = text
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let lead = text.trim_start().chars().next().map(narrow);
    has_digit && matches!(lead, Some('0'..='9' | '(' | '-' | '+' | '.' | '¥' | '￥'))
}

/// Takes the sign off a number: `(12.5)` and `-12.5` are negative, `+12.5`
/// is not. Returns the rest and whether it is negative.
fn strip_sign(s: &str) -> (&str, bool) {
    if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        (inner.trim(), true)
    } else if let Some(rest) = s.strip_prefix('-') {
        (rest.trim_start(), true)
    } else if let Some(rest) = s.strip_prefix('+') {
        (rest.trim_start(), false)
    } else {
        (s, false)
    }
}

/// An unsigned number's digits for [`Decimal::from_str`] (`1,721.10` →
/// `1721.10`, `.5` → `0.5`) and its written decimals; `None` unless the
/// integer part is digits, optionally grouped by commas in threes, and the
/// fraction (if any) is one to twenty digits.
fn plain_digits(s: &str) -> Option<(String, u8)> {
    let (int_part, frac_part) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if int_part.is_empty() && frac_part.is_none_or(|f| f.is_empty()) {
        return None;
    }
    let mut digits = String::with_capacity(s.len() + 1);
    if int_part.contains(',') {
        let groups: Vec<&str> = int_part.split(',').collect();
        let first_ok = !groups[0].is_empty() && groups[0].len() <= 3;
        if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
        groups.iter().for_each(|g| digits.push_str(g));
    } else {
        digits.push_str(int_part);
    }
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut written_decimals = 0u8;
    if let Some(frac) = frac_part {
        if frac.is_empty() || !frac.chars().all(|c| c.is_ascii_digit()) || frac.len() > 20 {
            return None;
        }
        written_decimals = frac.len() as u8;
        digits.push('.');
        digits.push_str(frac);
    }
    if digits.starts_with('.') {
        digits.insert(0, '0');
    }
    Some((digits, written_decimals))
}

/// True when `text` is a nil mark: what a table writes in a figure's cell
/// for "nothing here". Such a cell is blank for the arithmetic (zero when
/// added, never a stated total), not unreadable text.
///
/// Around any spaces (ASCII, full-width, no-break), the marks are:
/// - nothing at all (a blank cell);
/// - a run of dashes, in any mix of widths and kinds: `-` hyphen-minus,
///   `－` full-width, `—` em dash, `–` en dash, `―` horizontal bar, `‒`
///   figure dash, `−` minus sign (`-`, `--`, `——`, `–`, `―`);
/// - a slash, `/` or `／`;
/// - an ellipsis, `…` or `……`;
/// - `无` ("none");
/// - `0-`, a zero struck through.
pub fn is_nil_mark(text: &str) -> bool {
    const DASHES: [char; 7] = ['-', '－', '—', '–', '―', '‒', '−'];
    let t = text.trim();
    // Decided by the first character for most text (this runs for every
    // text cell of a table).
    let Some(first) = t.chars().next() else {
        return true;
    };
    match first {
        '/' | '／' | '无' => t.len() == first.len_utf8(),
        '…' => t.chars().all(|c| c == '…'),
        '0' => t == "0-",
        c if DASHES.contains(&c) => t.chars().all(|c| DASHES.contains(&c)),
        _ => false,
    }
}

/// The decimals an Excel number format shows (`#,##0.00` → 2, `0` → 0,
/// `0.0%` → 1), or `None` for `General` and formats that are not plain
/// numbers (dates, text).
pub fn format_decimals(code: &str) -> Option<u8> {
    let section = first_section(code);
    let lower = section.to_ascii_lowercase();
    if lower.is_empty() || lower == "general" || lower == "@" {
        return None;
    }
    let mut out = String::new();
    let mut chars = section.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // Quoted text and `[Red]`, `[$-804]`: skipped to their end.
            '"' | '[' => {
                let close = if c == '"' { '"' } else { ']' };
                let _ = chars.by_ref().find(|&d| d == close);
            }
            '\\' | '!' | '_' | '*' => {
                chars.next();
            }
            _ => out.push(c),
        }
    }
    if out
        .chars()
        .any(|c| matches!(c, 'y' | 'Y' | 'd' | 'D' | 'h' | 'H' | 's' | 'S' | 'm' | 'M'))
    {
        return None;
    }
    if !out.contains(['0', '#', '?']) {
        return None;
    }
    match out.split_once('.') {
        Some((_, frac)) => Some(
            frac.chars()
                .take_while(|c| matches!(c, '0' | '#' | '?'))
                .count() as u8,
        ),
        None => Some(0),
    }
}

/// What an Excel number format shows of a number: the decimals shown and
/// the power of ten it divides by first.
///
/// Each `,` after the last digit placeholder divides by 1,000 (`#,##0,` shows
/// thousands); a literal point (`!.`, `\.`, `"."`) with k placeholders after
/// it shows the integer with a point put in k places from the right, so it
/// divides by 10^k and shows k decimals: the 万元 forms `0!.0,` (÷10⁴, one
/// decimal), `0"."0,`, `0\.0,` and `0!.0000` (÷10⁴, four decimals).
/// `None` for `General`, text and date formats. Source: ECMA-376 Part 1,
/// §18.8.31 (numFmt), and Excel's documentation of number format codes.
pub fn format_shows(code: &str) -> Option<(u8, u8)> {
    // Sections chosen by a condition (`[>=100000]#,##0.0,;#,##0.00`) show
    // a figure by its value: taken only when every section shows the same.
    if has_condition(first_section(code)) {
        let mut shows = sections(code).map(|s| format_shows(strip_condition(s)));
        let first = shows.next()?;
        return shows.all(|s| s == first).then_some(first).flatten();
    }
    let decimals = format_decimals(code)?;
    let section = first_section(code);
    // Tokens: digit placeholders, the point, a literal point, commas.
    #[derive(PartialEq, Clone, Copy)]
    enum T {
        Digit,
        Point,
        LiteralPoint,
        Comma,
        Other,
    }
    let mut toks = Vec::new();
    let mut chars = section.chars().peekable();
    while let Some(c) = chars.next() {
        let t = match c {
            '"' => {
                let quoted: String = chars.by_ref().take_while(|&d| d != '"').collect();
                if quoted == "." {
                    T::LiteralPoint
                } else {
                    T::Other
                }
            }
            '[' => {
                let _ = chars.by_ref().find(|&d| d == ']');
                T::Other
            }
            '\\' | '!' => match chars.next() {
                Some('.') => T::LiteralPoint,
                _ => T::Other,
            },
            '_' | '*' => {
                chars.next();
                T::Other
            }
            '0' | '#' | '?' => T::Digit,
            '.' => T::Point,
            ',' => T::Comma,
            _ => T::Other,
        };
        toks.push(t);
    }
    let last_digit = toks.iter().rposition(|&t| t == T::Digit)?;
    let commas = toks[last_digit + 1..]
        .iter()
        .take_while(|&&t| t == T::Comma || t == T::Other)
        .filter(|&&t| t == T::Comma)
        .count() as u8;
    let literal = match toks.iter().position(|&t| t == T::LiteralPoint) {
        Some(at) if !toks[..at].contains(&T::Point) => {
            toks[at + 1..].iter().filter(|&&t| t == T::Digit).count() as u8
        }
        _ => 0,
    };
    Some((
        decimals + literal,
        commas.saturating_mul(3).saturating_add(literal),
    ))
}

/// True when an Excel number format shows a percentage.
pub fn format_is_percent(code: &str) -> bool {
    let section = first_section(code);
    let mut in_quote = false;
    for c in section.chars() {
        match c {
            '"' => in_quote = !in_quote,
            '%' if !in_quote => return true,
            _ => {}
        }
    }
    false
}

/// The sections of a number format (split at `;` outside quotes).
fn sections(code: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(code);
    std::iter::from_fn(move || {
        let r = rest?;
        let first = first_section(r);
        rest = r.get(first.len() + 1..);
        Some(first)
    })
}

/// True when a section starts with a condition: `[>=100000]`, `[<0]`,
/// `[=1]` (not a colour or a locale: `[Red]`, `[$-804]`).
fn has_condition(section: &str) -> bool {
    section
        .trim_start()
        .strip_prefix('[')
        .is_some_and(|r| r.starts_with(['<', '>', '=']))
}

/// A section without its leading condition.
fn strip_condition(section: &str) -> &str {
    let s = section.trim_start();
    if has_condition(s) {
        s.find(']').map_or(s, |i| &s[i + 1..])
    } else {
        s
    }
}

fn first_section(code: &str) -> &str {
    let mut in_quote = false;
    for (i, c) in code.char_indices() {
        match c {
            '"' => in_quote = !in_quote,
            ';' if !in_quote => return &code[..i],
            _ => {}
        }
    }
    code
}

/// Half a unit of the last decimal shown: the most a figure shown with `d`
/// decimals can be off by rounding (`1` → 0.05).
pub fn half_unit(d: u8) -> Decimal {
    Decimal::new(5, d.min(27) as u32 + 1)
}

/// Unescapes the five XML entities.
pub fn unescape_xml(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The rounding tolerance for `total = Σ parts` when each figure is shown
/// with the given decimals: `½·10^(−d_total) + Σ ½·10^(−d_part)` (XBRL
/// Calculations 1.1, round-to-nearest).
pub fn rounding_tolerance(
    total_decimals: u8,
    part_decimals: impl IntoIterator<Item = u8>,
) -> Decimal {
    let mut tol = half_unit(total_decimals);
    for d in part_decimals {
        tol += half_unit(d);
    }
    tol
}

/// Formats a decimal with thousands separators for people, as it is:
/// `21240.1` → `21,240.1`, `586.00` → `586.00`.
///
/// The one family of figures shown to people: [`show`] drops trailing
/// zeros, [`show_with_decimals`] shows a set number of decimals.
pub fn group_thousands(value: Decimal) -> String {
    let s = value.to_string();
    let (sign, s) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", s.as_str()),
    };
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let mut out = String::with_capacity(s.len() + s.len() / 3 + 1);
    out.push_str(sign);
    let first = int.len() % 3;
    for (i, c) in int.chars().enumerate() {
        if i != 0 && (i + 3 - first) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A figure for a message: thousands grouped, no trailing zeros
/// (`21240.10` → `21,240.1`).
pub fn show(value: Decimal) -> String {
    group_thousands(value.normalize())
}

/// A figure as a table shows it: thousands grouped, with `decimals`
/// decimals (`1721.1`, 2 → `1,721.10`).
pub fn show_with_decimals(value: Decimal, decimals: u8) -> String {
    let mut v = value;
    v.rescale(decimals as u32);
    group_thousands(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn floats_become_their_shortest_form() {
        assert_eq!(decimal_from_f64(1721.1), Some((d("1721.1"), 1)));
        assert_eq!(
            decimal_from_f64(0.1 + 0.2),
            Some((d("0.30000000000000004"), 17))
        );
        assert_eq!(decimal_from_f64(2600.0), Some((d("2600"), 0)));
        assert_eq!(decimal_from_f64(f64::NAN), None);
    }

    /// The fast path for amounts with few decimals agrees with formatting
    /// (Rust's shortest round-trip `Display`) on every value tried: cents,
    /// tenths of a cent, random bit patterns and values near 2^50.
    #[test]
    fn fast_float_path_agrees_with_formatting() {
        let slow = |f: f64| {
            let s = f.to_string();
            let dec = Decimal::from_str(&s).ok()?;
            let decimals = s.split_once('.').map_or(0, |(_, frac)| frac.len());
            Some((dec, decimals.min(28) as u8))
        };
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for i in 0..200_000u64 {
            let r = next();
            let f = match i % 5 {
                0 => (r % 10_000_000_000) as f64 / 100.0,
                1 => -((r % 1_000_000_000) as f64) / 1000.0,
                2 => (r % 100_000) as f64 / 1e6,
                3 => f64::from_bits(r >> 2),
                _ => ((1u64 << 50) - (r % 1000)) as f64 / 10f64.powi((r % 7) as i32),
            };
            if !f.is_finite() || f.abs() > 1e20 || (f != 0.0 && f.abs() < 1e-20) {
                continue;
            }
            let got = decimal_from_f64(f);
            let want = slow(f);
            assert_eq!(
                got.map(|(d, k)| (d.normalize(), k)),
                want.map(|(d, k)| (d.normalize(), k)),
                "{f:?}"
            );
            if let (Some((g, _)), Some((w, _))) = (got, want) {
                assert_eq!(g.scale(), w.scale(), "{f:?}");
            }
        }
    }

    #[test]
    fn text_numbers() {
        let n = parse_number("1,721.10").unwrap();
        assert_eq!((n.value, n.written_decimals), (d("1721.10"), 2));
        assert_eq!(parse_number("１７２１．１").unwrap().value, d("1721.1"));
        assert_eq!(parse_number("  -12.5 ").unwrap().value, d("-12.5"));
        assert_eq!(parse_number("－12.5").unwrap().value, d("-12.5"));
        assert_eq!(parse_number("(12.50)").unwrap().value, d("-12.50"));
        let n = parse_number("586万元").unwrap();
        assert_eq!((n.value, n.unit), (d("586"), Some(Unit::Wan)));
        assert!(parse_number("81.8%").unwrap().percent);
        for bad in ["", "合计", "12,34", "1.2.3", "2101101a", "-", "—", "1,2345"] {
            assert!(parse_number(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn number_format_decimals() {
        assert_eq!(format_decimals("#,##0.00"), Some(2));
        assert_eq!(format_decimals("0"), Some(0));
        assert_eq!(format_decimals("0.0%"), Some(1));
        assert_eq!(format_decimals("#,##0.00_);[Red](#,##0.00)"), Some(2));
        assert_eq!(format_decimals("General"), None);
        assert_eq!(format_decimals("yyyy-mm-dd"), None);
        assert_eq!(format_decimals("\"¥\"#,##0.0"), Some(1));
        assert!(format_is_percent("0.0%"));
        assert!(!format_is_percent("\"%\"0"));
    }

    #[test]
    fn number_formats_that_scale() {
        // 万元 shown from 元: a literal point four places in.
        assert_eq!(format_shows("0!.0,"), Some((1, 4)));
        assert_eq!(format_shows("0\\.0,"), Some((1, 4)));
        assert_eq!(format_shows("0\".\"0,"), Some((1, 4)));
        assert_eq!(format_shows("0!.0000"), Some((4, 4)));
        // Sections chosen by value: taken only when they all show the same.
        assert_eq!(format_shows("[>=100000]#,##0.00,\"千\";#,##0.00"), None);
        assert_eq!(
            format_shows("[>=100000]#,##0.0;[<0]-#,##0.0;0.0"),
            Some((1, 0))
        );
        // A colour is not a condition.
        assert_eq!(format_shows("[Red]#,##0.0,;-#,##0.0,"), Some((1, 3)));
        assert_eq!(format_shows("#,##0!.00,"), Some((2, 5)));
        // Thousands and millions; commas between digits only group.
        assert_eq!(format_shows("#,##0,"), Some((0, 3)));
        assert_eq!(format_shows("#,##0.00,,"), Some((2, 6)));
        assert_eq!(format_shows("#,##0.00"), Some((2, 0)));
        assert_eq!(format_shows("#,##0.0,\"千元\""), Some((1, 3)));
        assert_eq!(format_shows("#,##0.00_);[Red](#,##0.00)"), Some((2, 0)));
        assert_eq!(format_shows("General"), None);
    }

    #[test]
    fn units_convert_exactly() {
        assert_eq!(Unit::Yi.convert(d("16.5"), Unit::Wan), Some(d("165000")));
        assert_eq!(Unit::Yuan.convert(d("12345"), Unit::Wan), Some(d("1.2345")));
        assert_eq!(Unit::from_unit_line("金额单位：万元"), Some(Unit::Wan));
        assert_eq!(Unit::from_unit_line("单位:元"), Some(Unit::Yuan));
        assert_eq!(Unit::from_suffix("评价金额（万元）"), Some(Unit::Wan));
        assert_eq!(Unit::Qian.convert(d("1.5"), Unit::Yuan), Some(d("1500")));
    }

    /// Every way of naming a unit goes through the one list: a name alone,
    /// a short name, after a figure, before a text, in a header, in a unit
    /// line.
    #[test]
    fn unit_names() {
        for u in Unit::ALL {
            let name = u.as_str();
            assert_eq!(Unit::parse(name), Some(u));
            assert_eq!(Unit::parse(&format!(" {name} ")), Some(u));
            assert_eq!(Unit::parse_short(name), Some(u));
            assert_eq!(Unit::strip_suffix(&format!("586{name}")), Some(("586", u)));
            assert_eq!(Unit::strip_prefix(&format!("{name}，")), Some((u, "，")));
            assert_eq!(Unit::from_suffix(&format!("金额（{name}）")), Some(u));
            assert_eq!(Unit::from_unit_line(&format!("单位：{name}")), Some(u));
            assert_eq!(u.to_string(), name);
        }
        assert_eq!(Unit::parse("万"), None);
        assert_eq!(Unit::parse_short("万"), Some(Unit::Wan));
        assert_eq!(Unit::parse_short("亿"), Some(Unit::Yi));
        assert_eq!(Unit::parse("美元"), None);
        assert_eq!(Unit::strip_suffix("586"), None);
        assert_eq!(Unit::names(), "元, 千元, 万元 and 亿元");
        let n = parse_number("1.5千元").unwrap();
        assert_eq!((n.value, n.unit), (d("1.5"), Some(Unit::Qian)));
    }

    #[test]
    fn nil_marks() {
        for nil in [
            "",
            " ",
            "-",
            "--",
            "—",
            "——",
            "－",
            "–",
            "―",
            "‒",
            "−",
            " — ",
            "—\u{3000}",
            "/",
            "／",
            "/ ",
            "无",
            "…",
            "……",
            "0-",
        ] {
            assert!(is_nil_mark(nil), "{nil:?}");
        }
        for not in ["0", "合计", "-1", "无偿", "N/A", "/-"] {
            assert!(!is_nil_mark(not), "{not:?}");
        }
    }

    #[test]
    fn tolerance_follows_xbrl_rounding() {
        // Ten items and a total shown to 0.1 may differ by up to 0.55.
        assert_eq!(rounding_tolerance(1, [1u8; 10]), d("0.55"));
        assert_eq!(rounding_tolerance(2, []), d("0.005"));
    }

    #[test]
    fn thousands() {
        assert_eq!(group_thousands(d("21240.1")), "21,240.1");
        assert_eq!(group_thousands(d("-1234567")), "-1,234,567");
        assert_eq!(group_thousands(d("586")), "586");
        assert_eq!(group_thousands(d("586.00")), "586.00");
        assert_eq!(show(d("21240.10")), "21,240.1");
        assert_eq!(show_with_decimals(d("1721.1"), 2), "1,721.10");
        assert_eq!(show_with_decimals(d("-1234567.891"), 1), "-1,234,567.9");
    }
}
