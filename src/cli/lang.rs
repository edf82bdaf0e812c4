//! The command line in the user's language: `--lang` is found before clap
//! parses (the help must already speak it), then every command's about
//! text, every argument's help, the headings and the examples at the end
//! of the help come from the catalogs (`cli-…` ids), in English as in
//! Chinese. clap's own error messages stay English.

use std::ffi::OsString;

use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};
use crossfoot::message::{set_lang, Lang, Message};

use super::args::Args;

/// The language asked for by `--lang X` / `--lang=X` among the arguments,
/// else as [`Lang::detect`] finds it.
pub fn from_args(args: impl IntoIterator<Item = OsString>) -> Lang {
    let args: Vec<String> = args
        .into_iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let mut flag = None;
    for (i, a) in args.iter().enumerate() {
        if a == "--" {
            break;
        }
        if let Some(v) = a.strip_prefix("--lang=") {
            flag = Some(v.to_string());
        } else if a == "--lang" {
            flag = args.get(i + 1).cloned();
        }
    }
    Lang::detect(flag.as_deref())
}

/// Parses the command line with help texts in `lang` (clap exits on
/// `--help` or a usage error, as it does).
pub fn parse(lang: Lang) -> Args {
    set_lang(lang);
    let cmd = localize(Args::command(), "");
    let matches = cmd.get_matches();
    Args::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// A catalog text, if the catalog has `id`.
fn text(id: &str) -> Option<String> {
    // (Read once: every argument of every command asks.)
    static KNOWN: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    let known = KNOWN.get_or_init(|| crossfoot::message::catalog_ids().into_iter().collect());
    known
        .contains(id)
        .then(|| Message::owned(id.to_string()).render())
}

/// `cmd` (at `path`, `""` for the top, `check`, `rules-list`…) with its
/// texts from the catalog, and its subcommands likewise.
fn localize(cmd: Command, path: &str) -> Command {
    let key = if path.is_empty() { "crossfoot" } else { path };
    let mut cmd = cmd
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .help_template(format!(
            "{{about-with-newline}}\n{}{}{{usage}}\n\n{{all-args}}{{after-help}}",
            text("cli-usage").unwrap_or_default(),
            // clap puts a `:` after each heading; the usage line's is ours.
            if crossfoot::message::lang() == Lang::Zh {
                "："
            } else {
                ": "
            }
        ))
        .subcommand_help_heading(text("cli-commands").unwrap_or_default())
        .next_help_heading(text("cli-options").unwrap_or_default());
    if let Some(about) = text(&format!("cli-about-{key}")) {
        cmd = cmd.about(about);
    }
    if let Some(examples) = text(&format!("cli-examples-{key}")) {
        // The catalog's lines come dedented: the examples are indented
        // under their heading here.
        let indented: Vec<String> = examples
            .lines()
            .enumerate()
            .map(|(i, l)| {
                if i == 0 {
                    l.to_string()
                } else {
                    format!("  {l}")
                }
            })
            .collect();
        cmd = cmd.after_help(indented.join("\n"));
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let name = id.replace('_', "-");
        let help =
            text(&format!("cli-{key}-arg-{name}")).or_else(|| text(&format!("cli-arg-{name}")));
        let heading = text("cli-options");
        cmd = cmd.mut_arg(&id, |a| {
            let positional = a.is_positional();
            // clap writes `[default: …]` and `[possible values: …]` in
            // English: in Chinese they are part of the help text.
            let (a, help) = match (crossfoot::message::lang(), help) {
                (Lang::Zh, Some(h)) => {
                    let defaults: Vec<String> = a
                        .get_default_values()
                        .iter()
                        .map(|v| v.to_string_lossy().into_owned())
                        .collect();
                    let values: Vec<String> = a
                        .get_possible_values()
                        .iter()
                        .filter(|v| !v.is_hide_set())
                        .map(|v| v.get_name().to_string())
                        .filter(|v| v != "true" && v != "false")
                        .collect();
                    let mut h = h;
                    if !values.is_empty() {
                        h.push_str(&format!("（可选：{}）", values.join("、")));
                    }
                    if !defaults.is_empty()
                        && !a.is_positional()
                        && !h.contains("默认")
                        && !defaults.iter().all(|d| d == "false")
                    {
                        h.push_str(&format!("（默认：{}）", defaults.join("、")));
                    }
                    // A flag (a bool, default `false`) shows neither; clap
                    // refuses to hide what a flag does not have.
                    let flag = !a.get_action().takes_values();
                    let a = if flag {
                        a
                    } else {
                        a.hide_default_value(true).hide_possible_values(true)
                    };
                    (a, Some(h))
                }
                (_, h) => (a, h),
            };
            let a = match help {
                Some(h) => a.help(h),
                None => a,
            };
            if positional {
                a.help_heading(text("cli-arguments").unwrap_or_default())
            } else {
                a.help_heading(heading.unwrap_or_default())
            }
        });
    }
    cmd = cmd.arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(text("cli-help").unwrap_or_default())
            .global(path.is_empty()),
    );
    if path.is_empty() {
        cmd = cmd.arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(text("cli-version").unwrap_or_default()),
        );
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path}-{name}")
        };
        cmd = cmd.mut_subcommand(&name, |s| localize(s, &sub_path));
    }
    cmd
}
