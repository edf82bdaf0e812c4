//! `crossfoot check`: runs the engine over the files, renders the report,
//! writes it, and annotates copies of the workbooks with findings.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;

use crossfoot::message::Message;
use crossfoot::report::human;
use crossfoot::report::{jsonl, Context, Format};
use crossfoot::{check_files_with, FileReport, OnProgress, OnReport, Outcome, Run, RunOptions};

use super::options::Options;
use super::progress::Bar;
use super::{report_rule_errors, Failure};

/// Runs `check` with resolved options.
pub fn run(mut opts: Options) -> Result<Outcome, Failure> {
    let bar = Bar::default();
    let show_progress = |p| bar.update(p);
    let stdout = Mutex::new(std::io::stdout());
    // One write a call: a line as each file finishes, the cache's answers
    // in one burst.
    let print_lines = |reports: &[&FileReport]| {
        let mut lines = Vec::new();
        jsonl::write_lines(reports, &mut lines);
        if let Ok(mut out) = stdout.lock() {
            let _ = out.write_all(&lines);
            let _ = out.flush();
        }
    };
    let run_opts = RunOptions {
        jobs: opts.jobs,
        cache: opts.cache.take(),
        progress: opts.progress.then_some(&show_progress as &OnProgress),
        on_report: opts.stream.then_some(&print_lines as &OnReport),
        views: opts.format.needs_views(),
        file_budget: opts.file_budget,
        no_templates: opts.no_templates,
    };
    let run = check_files_with(&opts.files, Some(&opts.rules), &run_opts);
    notes_on_rules(&run);
    let elapsed_secs = opts.start.elapsed().as_secs_f64();
    let text = if opts.stream {
        // The file lines went out as they became final; the rules' lines
        // follow them.
        let mut lines = Vec::new();
        jsonl::write_rule_lines(&run.rule_summaries, &mut lines);
        String::from_utf8(lines).unwrap_or_default()
    } else {
        let cx = Context {
            elapsed_secs,
            human: opts.human,
            rules: &run.rule_summaries,
        };
        opts.format.render(&run.reports, &cx)
    };
    write_out(&opts, &text)?;
    annotate(&opts, &run.reports);
    if opts.format != Format::Human && std::io::stderr().is_terminal() {
        let s = run.summary();
        let line = Message::new("elapsed")
            .message("summary", human::summary_message(&s))
            .text("secs", format!("{elapsed_secs:.2}"))
            .render();
        eprintln!("{line}");
    }
    let outcome = run.outcome();
    // The process ends next: freeing thousands of reports and the cache's
    // index one by one would only delay it.
    std::mem::forget((run, opts, run_opts));
    Ok(outcome)
}

/// Mistakes in the rules seen against the data, and rules that found
/// nothing to check.
fn notes_on_rules(run: &Run) {
    if !run.rule_errors.is_empty() {
        report_rule_errors(&run.rule_errors);
    }
    if !run.not_applicable.is_empty() {
        // A rule that silently checks nothing would be mistaken for a pass.
        let mut ids = run.not_applicable.clone();
        ids.dedup();
        let line = Message::new("rules-found-nothing")
            .message("rules", human::counted("rules-count", ids.len()))
            .cells("ids", ids)
            .render();
        eprintln!("{line}");
    }
}

/// The report, to its file (atomically) or to stdout.
fn write_out(opts: &Options, text: &str) -> std::io::Result<()> {
    match &opts.output {
        Some(path) => crossfoot::write_atomically(path, text.as_bytes()),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()
        }
    }
}

/// Annotated copies of the workbooks with findings, with `--annotate`.
fn annotate(opts: &Options, reports: &[FileReport]) {
    let Some(plan) = &opts.annotate else {
        return;
    };
    let say = std::io::stderr().is_terminal() || opts.format == Format::Human;
    for r in reports {
        match crossfoot::annotate::annotate(r, plan) {
            Ok(Some(p)) if say => eprintln!(
                "{}",
                Message::new("run-annotated")
                    .text("path", p.display().to_string())
                    .render()
            ),
            Ok(_) => {}
            Err(e) => eprintln!("{}", super::cli_error(&e.to_string())),
        }
    }
}
