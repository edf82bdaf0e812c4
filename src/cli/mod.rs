//! The command line: arguments ([`args`]) resolved into options
//! ([`options`]), then one module per command.

pub mod args;
pub mod check;
pub mod extract;
pub mod lang;
pub mod options;
mod progress;
pub mod rules;
pub mod watch;

use std::process::ExitCode;

use crossfoot::report::human;
use crossfoot::rules::RuleError;

/// Why a command could not do its work; each ends the command with exit
/// status 2.
pub enum Failure {
    /// The command line asks for something that cannot be done.
    Usage(String),
    /// Mistakes in the rule files.
    Rules(Vec<RuleError>),
    /// Reading or writing failed.
    Io(std::io::Error),
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure::Io(e)
    }
}

impl Failure {
    /// Says what went wrong on stderr; exit status 2.
    pub fn report(&self) -> ExitCode {
        match self {
            Failure::Usage(message) => eprintln!("{}", cli_error(message)),
            Failure::Io(e) => eprintln!("{}", cli_error(&e.to_string())),
            Failure::Rules(errors) => report_rule_errors(errors),
        }
        ExitCode::from(2)
    }
}

/// Each mistake in the rule files, then how many there were.
pub fn report_rule_errors(errors: &[RuleError]) {
    for e in errors {
        eprint!("{}", e.render());
    }
    let line = crossfoot::message::Message::new("in-rule-files")
        .message("errors", human::counted("errors", errors.len()))
        .render();
    eprintln!("{line}");
}

/// `error: …` in the user's language.
pub fn cli_error(message: &str) -> String {
    crossfoot::message::Message::new("run-error")
        .text("message", message)
        .render()
}
