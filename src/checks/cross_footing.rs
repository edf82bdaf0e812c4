//! ## What it does
//! Checks that a column headed `合计` / `小计` / `总计` (or `本年收入合计`)
//! equals, on every row, the sum of the columns it heads: `合计 = 基本支出 +
//! 项目支出`; `本年收入合计 = 财政拨款 + 事业收入 + …`.
//!
//! Which columns a total heads comes from the header: in a merged header the
//! columns under the same parent; in a single header row the amount columns
//! beside it (after it when it comes first, before it when it comes last).
//! A group with its own 小计 column contributes that 小计; columns headed
//! `其中` are a breakdown and never added.
//!
//! ## Why is this bad?
//! A row total that no longer equals its parts after an edit is the
//! cross-footing twin of a wrong 合计 row.
//!
//! ## Example
//! ```text
//! 科目名称      合计    基本支出  项目支出
//! 教育支出      1,250    800       400      ← 800 + 400 = 1,200
//! ```

use super::registry::{Check, CheckInfo, Failed};
use super::{Cmp, Relation, Term};
use crate::finding::Severity;
use crate::message::Message;
use crate::table::labels::{is_count_header, is_of_which, is_total_header};
use crate::table::Table;

/// The columns total column `tc` heads (indices into the table's columns).
pub fn components(table: &Table, tc: usize) -> Vec<usize> {
    let cols = &table.columns;
    let path = &cols[tc].path;
    let Some(depth) = path.iter().position(|p| is_total_header(p)) else {
        return Vec::new();
    };
    let groups = header_groups(table, &path[..depth], depth);
    let three_public = path[depth].contains("三公");
    let mut out = Vec::new();
    // A group with its own 小计 heads the columns after it that are named
    // as its parts (`公务用车购置及运行费{小计}` then `公务用车购置费`,
    // `公务用车运行费`, their cells not merged under it): they are in the
    // 小计, not added again.
    let mut subtotalled: Option<&str> = None;
    // A named subtotal (`公务用车购置及运行维护费小计`) adds the columns
    // named like it, not the groups beside them (公务接待费).
    let named_total = is_named_subtotal(&path[depth]).then_some(path[depth].as_str());
    for g in headed_groups(&groups, tc) {
        let (name, members) = &groups[g];
        if named_total.is_some_and(|head| !shares_stem(head, name)) {
            continue;
        }
        if subtotalled.is_some_and(|head| shares_stem(head, name)) {
            continue;
        }
        // A group with a 小计 column, a named subtotal (`公务用车费小计`) or
        // a combined heading (`公务用车购置及运行费`) holds the columns after
        // it that are named like it.
        let heads_parts =
            has_subtotal(table, members, depth) || is_named_subtotal(name) || name.contains('及');
        subtotalled = heads_parts.then_some(name.as_str());
        // A “三公” total adds the three 三公 items only (not 机关运行经费
        // printed beside them). Source: DOMAIN.md, the 三公 table.
        if three_public && !is_three_public_item(name) {
            continue;
        }
        if !is_of_which(name) {
            out.extend(group_parts(table, members, depth));
        }
    }
    // A total over column groups that each repeat the same columns (`合计
    // | 因公出国（境）费 | …`, each over `预算数 | 决算数`) adds the columns
    // of its own kind: 合计/预算数 the groups' 预算数.
    if let Some(leaf) = path
        .last()
        .filter(|l| path.len() > depth + 1 && !is_total_header(l))
    {
        if out.iter().any(|&k| cols[k].path.last() == Some(leaf)) {
            out.retain(|&k| cols[k].path.last() == Some(leaf));
        }
    }
    // Counts (数量, 人数, 台/套) never enter a money total.
    if !is_count(table, tc) {
        out.retain(|&k| !is_count(table, k));
    }
    out.sort_unstable();
    out
}

/// True when a group's columns include a 小计 (a total one level down).
fn has_subtotal(table: &Table, members: &[usize], depth: usize) -> bool {
    members.iter().any(|&k| {
        table.columns[k]
            .path
            .get(depth + 1)
            .is_some_and(|p| is_total_header(p))
    })
}

/// A subtotal named for its group (`公务用车费小计`), not a bare 小计.
fn is_named_subtotal(header: &str) -> bool {
    header
        .strip_suffix("小计")
        .is_some_and(|stem| stem.chars().count() >= 2)
}

/// True when two headers start with the same word of at least four
/// characters (`公务用车购置及运行费` and `公务用车运行费`).
fn shares_stem(a: &str, b: &str) -> bool {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count() >= 4
}

/// One of the three “三公” items: 因公出国（境）费, 公务接待费, 公务用车
/// (购置及运行) 费.
fn is_three_public_item(header: &str) -> bool {
    ["因公出国", "出国", "公务接待", "接待", "公务用车"]
        .iter()
        .any(|w| header.contains(w))
}

/// True when column `k` holds counts (its header names one).
fn is_count(table: &Table, k: usize) -> bool {
    table.columns[k]
        .path
        .last()
        .is_some_and(|h| is_count_header(h))
}

/// A header at some depth and the columns under it.
type Group = (String, Vec<usize>);

/// Groups of columns under the same `prefix`, by their header at `depth`,
/// in column order; only groups with a numeric column.
fn header_groups(table: &Table, prefix: &[String], depth: usize) -> Vec<Group> {
    let cols = &table.columns;
    let mut groups: Vec<Group> = Vec::new();
    for (k, c) in cols.iter().enumerate() {
        if c.path.len() <= depth || c.path[..depth] != *prefix {
            continue;
        }
        let name = &c.path[depth];
        match groups.last_mut() {
            Some((g, members)) if g == name => members.push(k),
            _ => groups.push((name.clone(), vec![k])),
        }
    }
    groups.retain(|(_, m)| m.iter().any(|&k| cols[k].is_numeric()));
    groups
}

/// The groups the total column `tc` adds: the groups after it when totals
/// come first, else the groups before it, up to the next total.
fn headed_groups(groups: &[Group], tc: usize) -> Vec<usize> {
    let me = groups
        .iter()
        .position(|(_, m)| m.contains(&tc))
        .unwrap_or(0);
    // A named subtotal (`公务用车费小计`) is one of the parts, not the
    // start of another total's columns.
    let is_total = |g: &Group| is_total_header(&g.0) && !is_named_subtotal(&g.0);
    let totals_first = groups.first().is_some_and(is_total);
    if totals_first {
        (me + 1..groups.len())
            .take_while(|&g| !is_total(&groups[g]))
            .collect()
    } else {
        (0..me)
            .rev()
            .take_while(|&g| !is_total(&groups[g]))
            .collect()
    }
}

/// What a group adds to the total: its one numeric column, else its own
/// total column, else its columns that are not 其中.
fn group_parts(table: &Table, members: &[usize], depth: usize) -> Vec<usize> {
    let cols = &table.columns;
    let numeric: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&k| cols[k].is_numeric())
        .collect();
    if numeric.len() <= 1 {
        return numeric;
    }
    let sub = numeric.iter().copied().find(|&k| {
        cols[k]
            .path
            .get(depth + 1)
            .is_some_and(|p| is_total_header(p))
    });
    match sub {
        Some(k) => vec![k],
        None => numeric
            .into_iter()
            .filter(|&k| !cols[k].path[depth + 1..].iter().any(|p| is_of_which(p)))
            .collect(),
    }
}

/// The check.
pub struct CrossFooting;

static INFO: CheckInfo = CheckInfo {
    id: "cross-footing",
    name: "total column",
    summary: "a total column (合计, 小计) is not the sum of the columns it heads",
    severity: Severity::Error,
};

impl Check for CrossFooting {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    /// One relation per total column and row.
    fn relations(&self, table: &Table, out: &mut Vec<Relation>) {
        for tc in table.numeric_columns() {
            let comps = components(table, tc);
            if comps.is_empty() {
                continue;
            }
            for i in 0..table.rows.len() {
                // A row whose breakdown is left blank (年末结转和结余 given
                // in 合计 only) is not cross-footed, as a column whose total
                // is blank is not footed.
                if comps
                    .iter()
                    .all(|&k| table.amount(i, k) == crate::table::Amount::Blank)
                {
                    continue;
                }
                out.push(Relation {
                    rule: &INFO,
                    total: Term::new(i, tc),
                    parts: comps.iter().map(|&k| Term::new(i, k)).collect(),
                    cmp: Cmp::Equal,
                });
            }
        }
    }

    fn describe(&self, f: &Failed) -> (Message, Message) {
        let (table, rel, o) = (f.table, f.rel, f.outcome);
        let unit = table.unit_of(rel.total.col()).map(Into::into);
        let names: Vec<String> = rel
            .parts
            .iter()
            .map(|p| table.columns[p.col()].short_name())
            .collect();
        let message = Message::new("cross-footing")
            .text("column", table.columns[rel.total.col()].short_name())
            .text("label", table.row_name(rel.total.row()))
            .text("cell", table.a1(rel.total.row(), rel.total.col()))
            .amount("stated", o.stated, unit)
            .terms("names", names)
            .cells("inputs", f.inputs.to_vec())
            .amount("computed", o.computed, unit)
            .amount("difference", o.difference(), unit);
        (message, Message::new("hint-check-inputs"))
    }
}
