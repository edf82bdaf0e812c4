//! `crossfoot rules check` and `crossfoot rules list`.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

use crossfoot::message::Message;
use crossfoot::report::human;
use crossfoot::rules::RuleSet;
use crossfoot::Outcome;

use super::args::RulesCommand;
use super::options::rule_set;
use super::Failure;

/// Runs a `rules` command.
pub fn run(command: RulesCommand) -> Result<Outcome, Failure> {
    match command {
        RulesCommand::Check { files } => check(&files),
        RulesCommand::List {
            path,
            rules,
            no_config,
            no_templates,
        } => list(path, &rules, no_config, no_templates),
    }
}

/// Validates rule files without data.
fn check(files: &[PathBuf]) -> Result<Outcome, Failure> {
    let set = RuleSet::load(files).map_err(Failure::Rules)?;
    let line = Message::new("rules-ok")
        .message("rules", human::counted("rules-count", set.rules.len()))
        .message("files", human::counted("files-count", set.files.len()))
        .render();
    println!("{line}");
    Ok(Outcome::NoErrors)
}

/// Lists the rules that would apply to `path`, and where each came from.
fn list(
    path: PathBuf,
    given: &[PathBuf],
    no_config: bool,
    no_templates: bool,
) -> Result<Outcome, Failure> {
    let mut set = rule_set(std::slice::from_ref(&path), given, no_config)?;
    // Written at once, and a closed pipe (`| head`) is no error.
    let mut text = String::new();
    macro_rules! out {
        ($($t:tt)*) => {{
            let _ = writeln!(text, $($t)*);
        }};
    }
    // A file recognised as a standard document: which, its tables, and its
    // shipped pack.
    if path.is_file() {
        if let Some(r) = crossfoot::engine::recognise_file(&path) {
            text.push_str(&print_recognised(&r, no_templates));
            if !no_templates {
                if let Some(pack) = crossfoot::disclosure::pack(r.document) {
                    set.extend(pack);
                }
            }
        }
    }
    for r in &set.rules {
        let line = r.source.text[..r.assert_span.start].lines().count().max(1);
        out!(
            "{:<28} {:<8} {}:{}  {}",
            r.id,
            r.severity.as_str(),
            r.source.path.display(),
            line,
            r.description.as_deref().unwrap_or("")
        );
    }
    let line = Message::new("rules-listed")
        .message("rules", human::counted("rules-count", set.rules.len()))
        .message("files", human::counted("files-count", set.files.len()))
        .render();
    out!("{line}");
    let _ = std::io::stdout().write_all(text.as_bytes());
    Ok(Outcome::NoErrors)
}

/// The document a file was recognised as, its tables (form, sheet) and the
/// ones it lacks.
fn print_recognised(r: &crossfoot::disclosure::Recognised, no_templates: bool) -> String {
    let mut text = String::new();
    macro_rules! out {
        ($($t:tt)*) => {{
            let _ = writeln!(text, $($t)*);
        }};
    }
    let line = Message::new("rules-recognised")
        .text("document", r.document.name())
        .count("found", r.found.len())
        .text("pack", r.document.pack().0)
        .render();
    out!("{line}");
    for p in &r.found {
        out!("  {}. {:<24} {}", p.form.number, p.form.name, p.sheet);
    }
    for form in &r.missing {
        let missing = Message::new("rules-form-missing").render();
        out!("  {}. {:<24} {}", form.number, form.name, missing);
    }
    if no_templates {
        out!("{}", Message::new("rules-templates-off").render());
    }
    text
}
