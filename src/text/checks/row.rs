//! ## What it does
//! `text-row`: an amount the prose gives a classification item, named by
//! its path (`“住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元`)
//! or by its code (`住房公积金（2210201）96.4万元`), against that item's row
//! in the document's own tables: the first total (合计) column of the table
//! that has the row, converted between 元, 万元 and 亿元, and compared at the
//! precision of the coarser of the two figures.
//!
//! It runs where a document has both prose and tables (a published PDF),
//! and between a report and the workbooks checked with it (the cell then
//! names its file: `[ledger.xlsx]'功能分类'!C7`). An item found in no
//! table, or in several rows that the path does not tell apart, is counted
//! as undecided and shown.
//!
//! ## Why is this bad?
//! The 预算编制说明 retypes each item of the 一般公共预算支出功能分类预算表;
//! the two are published together and must agree.
//!
//! ## Example
//! ```text
//! “住房保障支出（类）住房改革支出（款）住房公积金（项）”352.67万元   ← the table's row says 350.35
//! ```
//!
//! Source: `../shared/DOMAIN.md`, "The prose repeats the tables".

use super::{finding, stated_against};
use crate::amount::half_unit as half;
use crate::checks::registry::{Check, CheckInfo};
use crate::finding::{FigureUnit, Finding, Message, Severity};
use crate::table::labels::normalize;
use crate::table::{Amount, Table};
use crate::text::claims::{figures, in_yuan, Fig, Kind};
use crate::text::Doc;

/// The check. It needs the document's tables, so it runs from the engine
/// ([`check`]), not on the text alone.
pub struct TextRow;

static INFO: CheckInfo = CheckInfo {
    id: "text-row",
    name: "amount against its table row",
    summary: "an amount the text gives a classification item differs from that item's row in the document's tables",
    severity: Severity::Error,
};

impl Check for TextRow {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }
}

/// How the text names an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Named {
    /// Names from the 类 down (`住房保障支出`, `住房改革支出`, `住房公积金`).
    Path(Vec<String>),
    /// A classification code (`2210201`).
    Code(String),
}

/// The money figures of the text that name an item right before them.
pub fn named_amounts(doc: &Doc, figs: &[Fig]) -> Vec<(usize, Named)> {
    let t = &doc.joined;
    let mut out = Vec::new();
    for (i, f) in figs.iter().enumerate() {
        if !matches!(f.kind, Kind::Money(_)) {
            continue;
        }
        let para = &doc.paragraphs[f.para];
        let before = &t[para.start..f.span.start];
        // (`”科目43.83万元`: the word 科目 may stand before the amount.)
        let before = before.strip_suffix("科目").unwrap_or(before);
        // `“…（类）…（款）…（项）”`
        if let Some(inner) = before.strip_suffix('”').and_then(|b| b.rsplit_once('“')) {
            // (Brackets are mixed in print: `（款)`.)
            let inner = inner.1.replace('(', "（").replace(')', "）");
            let names: Vec<String> = inner
                .split(['（', '）'])
                .collect::<Vec<_>>()
                .chunks(2)
                .filter(|c| c.len() == 2 && matches!(c[1], "类" | "款" | "项"))
                .map(|c| normalize(c[0]))
                .collect();
            if !names.is_empty() {
                out.push((i, Named::Path(names)));
            }
            continue;
        }
        // `…（2210201）` right before the amount.
        if let Some(code) = before
            .strip_suffix('）')
            .and_then(|b| b.rsplit_once('（'))
            .map(|(_, c)| c)
            .filter(|c| c.len() >= 3 && c.len() <= 7 && c.bytes().all(|b| b.is_ascii_digit()))
        {
            out.push((i, Named::Code(code.to_string())));
        }
    }
    out
}

/// The one row of the tables an item names: (table, row); by its whole
/// path first, else by its last name alone where that is one row (so a
/// parent named otherwise in the text is still found, for `text-name`).
pub fn row_of(tables: &[&Table], named: &Named) -> Option<(usize, usize)> {
    row_strict(tables, named).or_else(|| match named {
        Named::Path(names) if names.len() >= 2 => {
            row_strict(tables, &Named::Path(vec![names[names.len() - 1].clone()]))
        }
        _ => None,
    })
}

/// The label of a row as a name (normalised, outline number dropped).
pub fn name_of(label: &str) -> String {
    normalize(crate::table::labels::strip_outline(&normalize(label)))
}

fn row_strict(tables: &[&Table], named: &Named) -> Option<(usize, usize)> {
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (ti, t) in tables.iter().enumerate() {
        for (ri, r) in t.rows.iter().enumerate() {
            let hit = match named {
                Named::Code(c) => r.code.as_deref().is_some_and(|rc| rc == c),
                Named::Path(names) => {
                    let label =
                        normalize(crate::table::labels::strip_outline(&normalize(&r.label)));
                    let last = names.last().map(String::as_str).unwrap_or("");
                    label == last && {
                        // The parent, where the path and the table give one.
                        let parent = r.parent.map(|p| normalize(&t.rows[p as usize].label));
                        match (names.len() >= 2, parent) {
                            (true, Some(p)) => {
                                normalize(crate::table::labels::strip_outline(&p))
                                    == names[names.len() - 2]
                            }
                            _ => true,
                        }
                    }
                }
            };
            if hit {
                found.push((ti, ri));
            }
        }
    }
    // One table's row: the first table that has it (a table repeats in a
    // 单位预算 and its summary only as the same figures).
    let first = *found.first()?;
    let same_table: Vec<_> = found.iter().filter(|(ti, _)| *ti == first.0).collect();
    (same_table.len() == 1).then_some(first)
}

/// The first total column with a unit, else the first amount column with
/// one that is not an earlier year's (`上年…`, or `2024年预算数` beside
/// `2025年预算数`).
pub(crate) fn total_column(t: &Table) -> Option<usize> {
    let year_of = |k: usize| -> Option<u32> {
        let h = t.columns[k].path.concat();
        let at = h.find('年')?;
        let digits: String = h[..at]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect();
        (digits.len() == 4).then(|| digits.chars().rev().collect::<String>().parse().ok())?
    };
    let with_unit: Vec<usize> = t
        .numeric_columns()
        .filter(|&k| t.unit_of(k).is_some())
        .collect();
    let latest = with_unit.iter().filter_map(|&k| year_of(k)).max();
    let numeric: Vec<usize> = with_unit
        .iter()
        .copied()
        .filter(|&k| {
            !t.columns[k].path.concat().contains("上年")
                && year_of(k).is_none_or(|y| Some(y) == latest)
        })
        .collect();
    numeric
        .iter()
        .copied()
        .find(|&k| {
            t.columns[k]
                .path
                .iter()
                .any(|p| crate::table::labels::is_total_header(p))
        })
        .or_else(|| numeric.first().copied())
}

/// The findings of the amounts the text gives items against the tables:
/// `info` where the row agrees or no one row is named, `error` where it
/// differs.
pub fn check(doc: &Doc, tables: &[&Table]) -> Vec<Finding> {
    check_in(doc, tables, &[])
}

/// As [`check`], each table with the workbook it is in (`[ledger.xlsx]`,
/// by index; none for the document's own tables), named in the cell.
pub fn check_in(doc: &Doc, tables: &[&Table], files: &[String]) -> Vec<Finding> {
    // A document without tables is prose alone, as a txt report is.
    if tables.is_empty() {
        return Vec::new();
    }
    let figs = figures(doc);
    let mut out = Vec::new();
    for (i, named) in named_amounts(doc, figs) {
        let f = &figs[i];
        let hit = row_of(tables, &named).and_then(|(ti, ri)| {
            let t = tables[ti];
            let file = files.get(ti).map_or("", String::as_str);
            let k = total_column(t)?;
            match t.amount(ri, k) {
                Amount::Value(v, d) => Some((t, file, ri, k, v, d)),
                _ => None,
            }
        });
        let Some((t, file, ri, k, v, d)) = hit else {
            let m = Message::new("text-row-undecided").figure("stated", f.value);
            out.push(finding(
                doc,
                &INFO,
                Severity::Info,
                f.span.clone(),
                m,
                Message::new("label-undecided"),
            ));
            continue;
        };
        let unit = t.unit_of(k).expect("a column with a unit");
        let table_yuan = v * unit.factor();
        let prose_unit = match f.kind {
            Kind::Money(u) => u,
            _ => unit,
        };
        // Each figure's rounding in its own unit (a table in 元, the prose
        // in 万元 to two decimals: 938,991.30 元 is 938.99 万元).
        let tol = half(d) * unit.factor() + half(f.decimals) * prose_unit.factor();
        let stated = in_yuan(f);
        let cell = format!("{file}'{}'!{}", t.sheet, t.a1(ri, k));
        let shown = (table_yuan / prose_unit.factor()).normalize();
        let holds = (stated - table_yuan).abs() <= tol;
        let message = Message::new(if holds { "text-row-holds" } else { "text-row" })
            .figure("stated", f.value)
            .figure("table", shown)
            .text("label", t.row_name(ri))
            .text("column", t.columns[k].short_name())
            .text("cell", cell.clone())
            .text("title", t.title.clone().unwrap_or_default());
        let label = if holds {
            Message::new("label-row-ties")
        } else {
            Message::new("label-table-says").figure("table", shown)
        };
        let severity = if holds {
            Severity::Info
        } else {
            Severity::Error
        };
        let mut finding = finding(doc, &INFO, severity, f.span.clone(), message, label);
        if !holds {
            finding.evidence = Some(stated_against(
                f.value,
                shown,
                Some(FigureUnit::Money(prose_unit)),
            ));
            finding.help = Some(Message::new("hint-text-row"));
        }
        finding.inputs = vec![cell];
        finding.label = Some(t.row_name(ri));
        finding.header = Some(t.columns[k].short_name());
        out.push(finding);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_named_by_path_or_code() {
        let doc = Doc::new(
            "1. “住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元，主要用于住房公积金。\n（一）住房公积金（2210201）96.4万元。"
                .to_string(),
        );
        let figs = figures(&doc);
        let named: Vec<Named> = named_amounts(&doc, figs)
            .into_iter()
            .map(|(_, n)| n)
            .collect();
        let mixed = Doc::new(
            "“卫生健康支出（类）行政事业单位医疗（款)行政单位医疗（项）”63.19万元".to_string(),
        );
        let m: Vec<Named> = named_amounts(&mixed, figures(&mixed))
            .into_iter()
            .map(|(_, n)| n)
            .collect();
        assert_eq!(
            m,
            [Named::Path(vec![
                "卫生健康支出".into(),
                "行政事业单位医疗".into(),
                "行政单位医疗".into()
            ])]
        );
        assert_eq!(
            named,
            vec![
                Named::Path(vec![
                    "住房保障支出".into(),
                    "住房改革支出".into(),
                    "住房公积金".into()
                ]),
                Named::Code("2210201".into()),
            ]
        );
    }
}
