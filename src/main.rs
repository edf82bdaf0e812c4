//! The `crossfoot` command: arguments → options → library → exit code.
//!
//! Exit status: 0 when no error findings, 1 with error findings, 2 on a
//! usage error, an unreadable file or mistakes in the rule files.

mod cli;

use std::process::ExitCode;

use clap::Parser;
use crossfoot::Outcome;

use cli::args::{Args, Command};
use cli::options::Options;

fn main() -> ExitCode {
    let done = match Args::parse().command {
        Command::Check(args) => Options::resolve(args).and_then(cli::check::run),
        Command::Watch(args) => cli::watch::run(args),
        Command::Rules(command) => cli::rules::run(command),
    };
    match done {
        Ok(Outcome::NoErrors) => ExitCode::SUCCESS,
        Ok(Outcome::Errors) => ExitCode::from(1),
        Ok(Outcome::Incomplete) => ExitCode::from(2),
        Err(failure) => failure.report(),
    }
}
