//! The `crossfoot` command: arguments → options → library → exit code.
//!
//! Exit status: 0 when no error findings, 1 with error findings, 2 on a
//! usage error, an unreadable file or mistakes in the rule files.

mod cli;

use std::process::ExitCode;

use crossfoot::Outcome;

use cli::args::Command;
use cli::options::Options;

fn main() -> ExitCode {
    // The language first: the help and clap's own errors speak it too.
    let lang = cli::lang::from_args(std::env::args_os());
    crossfoot::message::set_lang(lang);
    let args = cli::lang::parse(lang);
    // With a time budget, each file is checked on a thread of its own and
    // the parallel work within it runs on rayon's global pool: `--jobs`
    // sizes that pool too.
    if let Some(jobs) = args.command.jobs().filter(|&j| j > 0) {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build_global();
    }
    let done = match args.command {
        Command::Check(args) => Options::resolve(args).and_then(cli::check::run),
        Command::Watch(args) => cli::watch::run(args),
        Command::Rules(command) => cli::rules::run(command),
        Command::Extract(args) => cli::extract::run(args),
    };
    match done {
        Ok(Outcome::NoErrors) => ExitCode::SUCCESS,
        Ok(Outcome::Errors) => ExitCode::from(1),
        Ok(Outcome::Incomplete) => ExitCode::from(2),
        Err(failure) => failure.report(),
    }
}
