//! `crossfoot watch`: re-check files when they change.
//!
//! Events are debounced: a file is re-checked once it has been quiet for
//! the debounce time and its size and modification time have settled (an
//! Office save writes in several steps). Office lock files (`~$…`) and
//! hidden files are ignored. Only what changed in the findings is printed:
//! `+` for a new finding, `-` for one that is gone.

use std::collections::{BTreeSet, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crossfoot::workbook::FileKind;
use crossfoot::{check_files_with, collect_files, FileReport, RunOptions, Severity};

use super::{load_rules, report_rule_errors, WatchArgs};

/// What identifies a finding across runs.
fn keys(r: &FileReport) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    if let Some(e) = &r.error {
        out.insert(format!("error: {}", e.kind));
    }
    for f in r
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
    {
        let at = crossfoot::report::place(&f.location);
        out.insert(format!(
            "{} {at} [{}] {}",
            f.severity.as_str(),
            f.rule,
            f.message
        ));
    }
    out
}

fn watched(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    !name.starts_with("~$") && !name.starts_with('.') && FileKind::from_path(path).is_some()
}

fn stamp(path: &Path) -> Option<(u64, std::time::SystemTime)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()?))
}

pub(super) fn run(args: WatchArgs) -> std::io::Result<std::process::ExitCode> {
    let rules = match load_rules(&args.paths, &args.common.rules, args.common.no_config) {
        Ok(r) => r,
        Err(errors) => return Ok(report_rule_errors(&errors)),
    };
    let opts = RunOptions {
        jobs: args.common.jobs,
        cache: None,
        progress: false,
        on_report: None,
    };
    let files = collect_files(&args.paths);
    let first = check_files_with(&files, Some(&rules), &opts);
    let mut known: HashMap<PathBuf, BTreeSet<String>> = HashMap::new();
    let mut out = std::io::stdout();
    for r in &first.reports {
        let k = keys(r);
        writeln!(
            out,
            "{}: {}",
            r.path.display(),
            if k.is_empty() {
                "ok".to_string()
            } else {
                format!("{} finding(s)", k.len())
            }
        )?;
        known.insert(r.path.clone(), k);
    }
    writeln!(
        out,
        "watching {} for changes (Ctrl-C to stop)",
        args.paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    out.flush()?;

    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(event) = res {
            for p in event.paths {
                let _ = tx.send(p);
            }
        }
    })
    .map_err(std::io::Error::other)?;
    for p in &args.paths {
        let mode = if p.is_dir() {
            RecursiveMode::Recursive
        } else {
            RecursiveMode::NonRecursive
        };
        watcher.watch(p, mode).map_err(std::io::Error::other)?;
    }
    let debounce = Duration::from_millis(args.debounce_ms);
    let mut pending: HashMap<PathBuf, (Instant, Option<(u64, std::time::SystemTime)>)> =
        HashMap::new();
    let mut rechecks = 0usize;
    loop {
        match rx.recv_timeout(Duration::from_millis(50)) {
            Ok(p) if watched(&p) => {
                let s = stamp(&p);
                pending.insert(p, (Instant::now(), s));
            }
            Ok(_) => {}
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
        let now = Instant::now();
        let ready: Vec<PathBuf> = pending
            .iter()
            .filter(|(_, (t, _))| now.duration_since(*t) >= debounce)
            .map(|(p, _)| p.clone())
            .collect();
        for p in ready {
            let Some((_, before)) = pending.remove(&p) else {
                continue;
            };
            // Wait until the save has settled: size and time unchanged.
            let now_stamp = stamp(&p);
            if now_stamp != before {
                pending.insert(p, (Instant::now(), now_stamp));
                continue;
            }
            if now_stamp.is_none() {
                if known.remove(&p).is_some() {
                    writeln!(out, "{}: removed", p.display())?;
                }
                continue;
            }
            let run = check_files_with(std::slice::from_ref(&p), Some(&rules), &opts);
            let Some(r) = run.reports.first() else {
                continue;
            };
            let new = keys(r);
            let old = known.get(&p).cloned().unwrap_or_default();
            let added: Vec<&String> = new.difference(&old).collect();
            let gone: Vec<&String> = old.difference(&new).collect();
            if added.is_empty() && gone.is_empty() {
                writeln!(out, "{}: no change in the findings", p.display())?;
            } else {
                writeln!(out, "{}:", p.display())?;
                for g in gone {
                    writeln!(out, "  - {g}")?;
                }
                for a in added {
                    writeln!(out, "  + {a}")?;
                }
            }
            out.flush()?;
            known.insert(p, new);
            rechecks += 1;
            if args.max_rechecks.is_some_and(|m| rechecks >= m) {
                return Ok(std::process::ExitCode::SUCCESS);
            }
        }
    }
    Ok(std::process::ExitCode::SUCCESS)
}
