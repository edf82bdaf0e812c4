//! ## What it does
//! `text-name`: where the prose names an item by its 类/款/项 path
//! (`“医疗卫生与计划生育支出（类）行政事业单位医疗（款）行政单位医疗（项）”`)
//! and the document's own tables have the item's row, each level's name in
//! the text must be the name the tables give that row's parents (the 类 210
//! has been 卫生健康支出 since 2019).
//!
//! ## Why is this bad?
//! A class renamed in the 政府收支分类科目 but copied from an old text, or a
//! 款 mistyped, makes the explanation name an item the tables do not have.
//! A reader cannot tie the two.
//!
//! ## Example
//! ```text
//! “医疗卫生与计划生育支出（类）行政事业单位医疗（款）行政单位医疗（项）”63.19万元
//!                                        ← the table's 210 is 卫生健康支出
//! ```
//!
//! Source: `../shared/DOMAIN.md`, "The prose repeats the tables" (class
//! names). Only names within the document are compared: no list of the
//! current 政府收支分类科目 is shipped.

use super::finding;
use super::row::{name_of, named_amounts, row_of, Named};
use crate::checks::registry::{Check, CheckInfo};
use crate::finding::{Finding, Message, Severity};
use crate::table::Table;
use crate::text::claims::figures;
use crate::text::Doc;

/// The check. It needs the document's tables, so it runs from the engine
/// ([`check`]).
pub struct TextName;

static INFO: CheckInfo = CheckInfo {
    id: "text-name",
    name: "item named otherwise",
    summary: "the text names a 类 or 款 of an item otherwise than the document's tables name its row's parents",
    severity: Severity::Warning,
};

impl Check for TextName {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }
}

/// Findings for the paths whose names differ from the tables' (`warning`),
/// one per item; nothing where they agree or the row is not found.
pub fn check(doc: &Doc, tables: &[&Table]) -> Vec<Finding> {
    let figs = figures(doc);
    let mut out = Vec::new();
    for (i, named) in named_amounts(doc, figs) {
        let Named::Path(names) = &named else {
            continue;
        };
        let Some((ti, ri)) = row_of(tables, &named) else {
            continue;
        };
        let t = &tables[ti];
        // Up the hierarchy, level by level, from the item's parent.
        let mut row = t.rows[ri].parent;
        for level in (0..names.len().saturating_sub(1)).rev() {
            let Some(p) = row else {
                break;
            };
            let parent = &t.rows[p as usize];
            let table_name = name_of(&parent.label);
            let table_name = table_name
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .to_string();
            if !table_name.is_empty() && table_name != names[level] {
                let code = parent.code.as_deref().unwrap_or("").to_string();
                let m = Message::new("text-name")
                    .text("text", names[level].clone())
                    .text("table", table_name.clone())
                    .text("code", code)
                    .text("title", t.title.clone().unwrap_or_default());
                let label = Message::new("label-named-otherwise").text("table", table_name);
                let mut f = finding(
                    doc,
                    &INFO,
                    Severity::Warning,
                    figs[i].span.clone(),
                    m,
                    label,
                );
                f.help = Some(Message::new("hint-text-name"));
                f.inputs = vec![t.row_name(p as usize)];
                out.push(f);
                break;
            }
            row = parent.parent;
        }
    }
    out
}
