//! `crossfoot watch`: re-check files when they change.
//!
//! Events are debounced: a file is re-checked once it has been quiet for
//! the debounce time and its size and modification time have settled (an
//! Office save writes in several steps). Office lock files (`~$…`), hidden
//! files, FIFOs and devices are ignored. Only what changed in the findings
//! is printed: `+` for a new finding, `-` for one that is gone.
//!
//! A file is known by its real path, whatever form the command line and
//! the file-system events give it in (`.`, `./a.xlsx`, absolute), so an
//! unchanged finding is reported as unchanged. Reading a file is not a
//! change: access events are dropped, and a file whose size and time are
//! those it had when last checked is not checked again.

use std::collections::{BTreeSet, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use crossfoot::engine::files::is_checkable;
use crossfoot::message::Message;
use crossfoot::rules::RuleSet;
use crossfoot::{check_files_with, collect_files, FileReport, Outcome, RunOptions, Severity};

use super::args::WatchArgs;
use super::options::load_rules;
use super::Failure;

/// What identifies a finding across runs.
fn keys(r: &FileReport) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    if let Some(e) = &r.error {
        out.insert(format!(
            "{}: {}",
            severity(Severity::Error),
            e.kind.message()
        ));
    }
    for f in r
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
    {
        let at = crossfoot::report::place(&f.location);
        out.insert(format!(
            "{} {at} [{}] {}",
            severity(f.severity),
            f.rule,
            f.message
        ));
    }
    out
}

/// A severity's word in the user's language.
fn severity(s: Severity) -> Message {
    Message::new(match s {
        Severity::Error => "sev-error",
        Severity::Warning => "sev-warning",
        Severity::Info => "sev-info",
    })
}

/// A file's size and modification time.
type Stamp = Option<(u64, SystemTime)>;

fn stamp(path: &Path) -> Stamp {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()?))
}

/// The real path a file is known by: the path made canonical, or, for a
/// file just removed, its folder made canonical with its name.
fn real(path: &Path) -> PathBuf {
    path.canonicalize()
        .or_else(|_| {
            let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
            let dir = dir.unwrap_or(Path::new(".")).canonicalize()?;
            Ok::<_, std::io::Error>(dir.join(path.file_name().unwrap_or_default()))
        })
        .unwrap_or_else(|_| path.to_path_buf())
}

/// A FIFO, a device or a socket (never opened); a file that is gone is
/// not one (its removal is news).
fn is_special(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file())
}

/// What the watcher knows of a file from its last check.
struct Known {
    /// The path as shown (as found, or as the event gave it).
    shown: PathBuf,
    /// Its findings' keys.
    keys: BTreeSet<String>,
    /// Its size and time when it was checked.
    stamp: Stamp,
}

/// The watcher's state: the rules, each file's findings (by real path),
/// the changes waiting to settle.
struct Watch<'a> {
    rules: RuleSet,
    opts: RunOptions<'a>,
    known: HashMap<PathBuf, Known>,
    /// Changed files (by real path), with the path to check, when they last
    /// changed and their stamp then.
    pending: HashMap<PathBuf, (PathBuf, Instant, Stamp)>,
    out: std::io::Stdout,
}

/// Runs `watch` until the watcher stops (or after `--max-rechecks`).
pub fn run(args: WatchArgs) -> Result<Outcome, Failure> {
    let rules = load_rules(&args.paths, &args.common)?;
    let opts = RunOptions {
        jobs: args.common.jobs,
        file_budget: args.common.file_budget(),
        no_templates: args.common.no_templates,
        ..RunOptions::default()
    };
    let mut w = Watch {
        rules,
        opts,
        known: HashMap::new(),
        pending: HashMap::new(),
        out: std::io::stdout(),
    };
    // Watching starts before the first check: a save made while it runs,
    // or right after "watching" is printed, is never missed.
    let (tx, rx) = mpsc::channel();
    let _watcher = start(&args.paths, tx)?;
    w.first_run(&args.paths)?;
    let debounce = Duration::from_millis(args.debounce_ms);
    let mut rechecks = 0usize;
    loop {
        match rx.recv_timeout(Duration::from_millis(50)) {
            Ok(p) if is_checkable(&p, false) && !is_special(&p) => {
                let s = stamp(&p);
                w.pending.insert(real(&p), (p, Instant::now(), s));
            }
            Ok(_) | Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
        for p in w.settled(debounce) {
            if w.recheck(p)? {
                rechecks += 1;
                if args.max_rechecks.is_some_and(|m| rechecks >= m) {
                    return Ok(Outcome::NoErrors);
                }
            }
        }
    }
    Ok(Outcome::NoErrors)
}

/// Watches the paths (folders recursively), sending each changed path.
fn start(paths: &[PathBuf], tx: mpsc::Sender<PathBuf>) -> std::io::Result<RecommendedWatcher> {
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        // Reading a file (ours included) is not a change.
        if let Some(event) = res.ok().filter(|e| !e.kind.is_access()) {
            for p in event.paths {
                let _ = tx.send(p);
            }
        }
    })
    .map_err(std::io::Error::other)?;
    for p in paths {
        let mode = if p.is_dir() {
            RecursiveMode::Recursive
        } else {
            RecursiveMode::NonRecursive
        };
        watcher.watch(p, mode).map_err(std::io::Error::other)?;
    }
    Ok(watcher)
}

impl Watch<'_> {
    /// Checks every file once and says how each stands.
    fn first_run(&mut self, paths: &[PathBuf]) -> std::io::Result<()> {
        let files = collect_files(paths);
        let first = check_files_with(&files, Some(&self.rules), &self.opts);
        for r in &first.reports {
            let k = keys(r);
            let path = r.path.display().to_string();
            let state = if k.is_empty() {
                Message::new("watch-state-ok").text("path", path)
            } else {
                Message::new("watch-state-findings")
                    .text("path", path)
                    .count("n", k.len())
            };
            writeln!(self.out, "{state}")?;
            let known = Known {
                shown: r.path.clone(),
                keys: k,
                stamp: stamp(&r.path),
            };
            self.known.insert(real(&r.path), known);
        }
        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        let line = Message::new("watch-watching").cells("paths", shown);
        writeln!(self.out, "{line}")?;
        self.out.flush()
    }

    /// The changed files that have been quiet for `debounce`.
    fn settled(&self, debounce: Duration) -> Vec<PathBuf> {
        let now = Instant::now();
        self.pending
            .iter()
            .filter(|(_, (_, t, _))| now.duration_since(*t) >= debounce)
            .map(|(p, _)| p.clone())
            .collect()
    }

    /// Re-checks a quiet file once its save has settled (size and time
    /// unchanged) and prints what changed; true when it was re-checked.
    fn recheck(&mut self, key: PathBuf) -> std::io::Result<bool> {
        let Some((p, _, before)) = self.pending.remove(&key) else {
            return Ok(false);
        };
        let now_stamp = stamp(&p);
        if now_stamp != before {
            self.pending.insert(key, (p, Instant::now(), now_stamp));
            return Ok(false);
        }
        if now_stamp.is_none() {
            if let Some(k) = self.known.remove(&key) {
                let line =
                    Message::new("watch-removed").text("path", k.shown.display().to_string());
                writeln!(self.out, "{line}")?;
            }
            return Ok(false);
        }
        // As it was when last checked: an event of no news.
        if self.known.get(&key).is_some_and(|k| k.stamp == now_stamp) {
            return Ok(false);
        }
        let run = check_files_with(std::slice::from_ref(&p), Some(&self.rules), &self.opts);
        let Some(r) = run.reports.first() else {
            return Ok(false);
        };
        let new = keys(r);
        let (shown, old) = match self.known.remove(&key) {
            Some(k) => (k.shown, k.keys),
            None => (p, BTreeSet::new()),
        };
        self.print_changes(&shown, &old, &new)?;
        let known = Known {
            shown,
            keys: new,
            stamp: now_stamp,
        };
        self.known.insert(key, known);
        Ok(true)
    }

    /// `+` for each new finding, `-` for each one gone.
    fn print_changes(
        &mut self,
        p: &Path,
        old: &BTreeSet<String>,
        new: &BTreeSet<String>,
    ) -> std::io::Result<()> {
        let added: Vec<&String> = new.difference(old).collect();
        let gone: Vec<&String> = old.difference(new).collect();
        if added.is_empty() && gone.is_empty() {
            let line = Message::new("watch-no-change").text("path", p.display().to_string());
            writeln!(self.out, "{line}")?;
        } else {
            writeln!(self.out, "{}:", p.display())?;
            for g in gone {
                writeln!(self.out, "  - {g}")?;
            }
            for a in added {
                writeln!(self.out, "  + {a}")?;
            }
        }
        self.out.flush()
    }
}
