//! `crossfoot rules check` and `crossfoot rules list`.

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
        } => list(path, &rules, no_config),
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
fn list(path: PathBuf, given: &[PathBuf], no_config: bool) -> Result<Outcome, Failure> {
    let set = rule_set(&[path], given, no_config)?;
    for r in &set.rules {
        let line = r.source.text[..r.assert_span.start].lines().count().max(1);
        println!(
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
    println!("{line}");
    Ok(Outcome::NoErrors)
}
