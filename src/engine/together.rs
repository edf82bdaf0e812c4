//! Stage 4, rules and ties: what is checked across files (a rule set tying
//! a summary workbook to a folder of department workbooks, a report in
//! prose tied to the workbooks it quotes).

use std::path::PathBuf;

use crate::rules::{self, eval::Loaded, RuleSet};
use crate::text;

use super::file::check_and_keep;
use super::{Checked, FileReport, Run, RunOptions};

/// Evaluates the rules and ties over every file of a run. When the cache
/// answered for every file, the run is unchanged and its reports (rules
/// included) stand; otherwise every file is needed, and those the cache
/// answered are read again.
pub(super) fn rules_and_ties(
    files: &[PathBuf],
    checked: Vec<Checked>,
    rules: Option<&RuleSet>,
    opts: &RunOptions,
    run_key: Option<u64>,
) -> Run {
    let mut run = Run::default();
    if checked.iter().all(|c| c.cached) {
        run.reports = checked.into_iter().map(|c| c.report).collect();
        return run;
    }
    let mut loaded = Vec::with_capacity(files.len());
    for (path, c) in files.iter().zip(checked) {
        let (report, data) = if c.cached {
            check_and_keep(path, opts.views, opts.file_budget, !opts.no_templates)
        } else {
            (c.report, c.data)
        };
        run.reports.push(report);
        loaded.push(data.unwrap_or_else(|| super::documents::placeholder(path.clone())));
    }
    // A folder of workbooks, a standard table each: one document.
    if !opts.no_templates {
        let parts: Vec<usize> = (0..loaded.len())
            .filter(|&i| crate::disclosure::is_part(&loaded[i]))
            .collect();
        super::documents::across_files(&mut loaded, &mut run.reports, &parts, opts.views);
    }
    evaluate(&mut run, &loaded, rules);
    if let Some(c) = &opts.cache {
        // Rules across files saw none of a file that ran out of time: the
        // run is not remembered.
        if run.rule_errors.is_empty() && !run.reports.iter().any(FileReport::timed_out) {
            for r in &run.reports {
                let _ = c.store(r, run_key);
            }
        }
    }
    run
}

/// Ties reports in prose to workbooks, then evaluates the rules; their
/// findings and checks go to the files they concern.
fn evaluate(run: &mut Run, loaded: &[Loaded], rules: Option<&RuleSet>) {
    if loaded.iter().any(|l| !l.docs.is_empty()) && loaded.iter().any(|l| !l.tables.is_empty()) {
        for (file, finding) in text::tie::tie(loaded) {
            if let Some(r) = run.reports.get_mut(file) {
                r.checks += 1;
                r.findings.push(finding);
            }
        }
        // Amounts a report gives classification items, against their rows
        // in the workbooks checked with it (`text-row`, `text-name`).
        let tables: Vec<&crate::table::Table> = loaded.iter().flat_map(|l| &l.tables).collect();
        let files: Vec<String> = loaded
            .iter()
            .flat_map(|l| {
                let name = l
                    .path
                    .file_name()
                    .map(|n| format!("[{}]", n.to_string_lossy()))
                    .unwrap_or_default();
                l.tables.iter().map(move |_| name.clone())
            })
            .collect();
        for (file, l) in loaded.iter().enumerate() {
            for doc in &l.docs {
                let found = text::checks::row::check_in(doc, &tables, &files)
                    .into_iter()
                    .chain(text::checks::name::check(doc, &tables));
                if let Some(r) = run.reports.get_mut(file) {
                    for f in found {
                        r.checks += usize::from(!text::checks::is_undecided(&f));
                        r.findings.push(f);
                    }
                    // Changes with no base in their sentence, from a
                    // workbook column that holds it.
                    for (old, new) in text::checks::change::with_tables(doc, &tables, &files) {
                        r.findings.retain(|f| !text::checks::same_finding(f, &old));
                        if text::checks::is_undecided(&old) && !text::checks::is_undecided(&new) {
                            r.checks += 1;
                        }
                        r.findings.push(new);
                    }
                }
            }
        }
    }
    if let Some(rs) = rules {
        let out = rules::eval::evaluate(rs, loaded);
        for (file, finding) in out.findings {
            if let Some(r) = run.reports.get_mut(file) {
                r.findings.push(finding);
            }
        }
        for (file, n) in out.checks {
            if let Some(r) = run.reports.get_mut(file) {
                r.checks += n;
            }
        }
        run.rule_errors = out.errors;
        run.not_applicable = out.not_applicable;
        run.rule_summaries = out.summaries;
    }
}
