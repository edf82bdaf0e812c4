//! Binding a rule file's tables to the tables detected in the files of a
//! run, and a rule's column names to their columns.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::eval::Loaded;
use super::expr::{ColRef, ExprKind};
use super::{glob_match, Rule, RuleSet, TableSpec};
use crate::table::labels::{is_total_header, normalize};
use crate::table::Table;

/// A detected table: (file, table) indices.
pub(super) type TableAt = (usize, usize);

/// Every declared table's matches, once per run.
pub(super) struct Bound<'a> {
    /// The files of the run.
    pub files: &'a [Loaded],
    /// The tables each declared name matches, in file order.
    pub tables: BTreeMap<String, Vec<TableAt>>,
    /// Each table's sheet name, shared by the cells that point into it.
    sheets: Vec<Vec<Arc<str>>>,
    /// Tables bound by a declaration with `blank = "zero"`.
    blank_zero: std::collections::HashSet<TableAt>,
}

impl<'a> Bound<'a> {
    /// Matches every declared table against every detected table.
    pub fn new(rules: &RuleSet, files: &'a [Loaded]) -> Bound<'a> {
        let tables: BTreeMap<String, Vec<TableAt>> = rules
            .tables
            .iter()
            .map(|(name, spec)| {
                let matched = files
                    .iter()
                    .enumerate()
                    .flat_map(|(fi, f)| {
                        f.tables
                            .iter()
                            .enumerate()
                            .filter(|(_, t)| spec_matches(spec, f, t))
                            .map(move |(ti, _)| (fi, ti))
                    })
                    .collect();
                (name.clone(), matched)
            })
            .collect();
        let sheets = files
            .iter()
            .map(|f| {
                f.tables
                    .iter()
                    .map(|t| Arc::from(t.sheet.as_str()))
                    .collect()
            })
            .collect();
        let blank_zero = rules
            .tables
            .iter()
            .filter(|(_, spec)| spec.blank_zero)
            .flat_map(|(name, _)| tables.get(name).into_iter().flatten().copied())
            .collect();
        Bound {
            files,
            tables,
            sheets,
            blank_zero,
        }
    }

    /// Whether a blank amount cell of the table at `at` is 0.
    pub fn blank_is_zero(&self, at: TableAt) -> bool {
        self.blank_zero.contains(&at)
    }

    /// The detected table at `at`.
    pub fn table(&self, at: TableAt) -> &'a Table {
        &self.files[at.0].tables[at.1]
    }

    /// The sheet name of the table at `at`.
    pub fn sheet(&self, at: TableAt) -> &Arc<str> {
        &self.sheets[at.0][at.1]
    }

    /// The tables a declared name matches (none if undeclared).
    pub fn matches(&self, name: &str) -> &[TableAt] {
        self.tables.get(name).map_or(&[], Vec::as_slice)
    }

    /// The table name a column reference means: its own, the rule's, else
    /// the only declared one.
    pub fn table_name<'r>(&'r self, rule: &'r Rule, c: &'r ColRef) -> &'r str {
        c.table
            .as_ref()
            .map(|(t, _)| t.as_str())
            .or(rule.table.as_deref())
            .unwrap_or_else(|| self.tables.keys().next().map_or("", String::as_str))
    }
}

fn spec_matches(spec: &TableSpec, file: &Loaded, table: &Table) -> bool {
    if let Some(g) = &spec.file {
        let name = file
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let full = file.path.to_string_lossy().replace('\\', "/");
        let ok = if g.contains('/') {
            glob_match(&format!("*{g}"), &full, false)
        } else {
            glob_match(g, &name, false)
        };
        if !ok {
            return false;
        }
    }
    if spec
        .sheet
        .as_ref()
        .is_some_and(|s| !glob_match(s, &table.sheet, false))
    {
        return false;
    }
    if let Some(t) = &spec.title {
        if !table
            .title
            .as_deref()
            .is_some_and(|title| glob_match(t, title, true))
        {
            return false;
        }
    }
    if let Some(f) = spec.form {
        let sheet = file.sheets.iter().find(|s| s.name == table.sheet);
        if !crate::disclosure::form_of_table(table, sheet).is_some_and(|g| std::ptr::eq(g, f)) {
            return false;
        }
    }
    spec.headers.iter().all(|h| {
        let n = normalize(h);
        table
            .columns
            .iter()
            .any(|c| c.path.iter().any(|p| normalize(p) == n))
    })
}

/// The column of `table` a rule's column name means: its lowest header or
/// whole header, normalised (width, spaces, a unit suffix).
pub fn find_column(table: &Table, name: &str) -> Option<usize> {
    let n = normalize(name);
    table
        .columns
        .iter()
        .position(|c| normalize(&c.short_name()) == n || normalize(&c.name()) == n)
        .or_else(|| {
            let hits: Vec<usize> = (0..table.columns.len())
                .filter(|&k| table.columns[k].path.iter().any(|p| normalize(p) == n))
                .collect();
            if hits.len() == 1 {
                return Some(hits[0]);
            }
            // A group header (公务用车购置及运行费 over 小计/购置费/运行费)
            // means the group's own total column.
            let totals: Vec<usize> = hits
                .into_iter()
                .filter(|&k| {
                    table.columns[k]
                        .path
                        .last()
                        .is_some_and(|p| is_total_header(p))
                })
                .collect();
            (totals.len() == 1).then(|| totals[0])
        })
        .or_else(|| {
            // A header with the year before it (`2024年机关运行经费预算数`
            // answers to `机关运行经费预算数`), where one does.
            let hits: Vec<usize> = (0..table.columns.len())
                .filter(|&k| {
                    let h = normalize(&table.columns[k].short_name());
                    without_year(&h).is_some_and(|rest| rest == n)
                })
                .collect();
            (hits.len() == 1).then(|| hits[0])
        })
}

/// A header after its leading year (`2024年`, `2024年度`), if it has one.
fn without_year(h: &str) -> Option<&str> {
    let digits = h.chars().take_while(char::is_ascii_digit).count();
    if digits != 4 {
        return None;
    }
    let rest = h[4..].strip_prefix('年')?;
    Some(rest.strip_prefix('度').unwrap_or(rest))
}

/// Names of tables a rule refers to (explicitly or as its default table).
pub(super) fn tables_of(rule: &Rule) -> Vec<String> {
    let mut names = Vec::new();
    rule.expr.walk(&mut |e| {
        let mut add = |c: &ColRef| {
            if let Some((t, _)) = &c.table {
                names.push(t.clone());
            } else if let Some(t) = &rule.table {
                names.push(t.clone());
            }
        };
        match &e.kind {
            ExprKind::Column { col, by } | ExprKind::Aggregate { col, by, .. } => {
                add(col);
                if let Some(b) = by {
                    add(b);
                }
            }
            ExprKind::RowCheck { col, .. } => add(col),
            ExprKind::Lookup { table, .. } => names.push(table.0.clone()),
            _ => {}
        }
    });
    names.sort();
    names.dedup();
    names
}
