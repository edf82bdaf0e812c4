//! Messages as an id and arguments, rendered in one place.
//!
//! A check says what it found as a [`Message`]: an id from the catalog
//! (`src/locales/en.ftl`, Project Fluent syntax) and named arguments.
//! Figures are exact decimals and are formatted here (thousands grouped,
//! trailing zeros dropped) — never through a float; counts are Fluent
//! numbers, so the catalog chooses singular or plural.
//!
//! ```
//! use crossfoot::message::Message;
//! let m = Message::new("suspect-in-all").count("n", 3);
//! assert_eq!(m.render(), "the one cell in all 3 failed relations");
//! ```

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::finding::FigureUnit;

/// The English catalog.
const EN: &str = include_str!("locales/en.ftl");

/// One argument of a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Arg {
    /// Text as it is (a label, a header, a cell name).
    Text(String),
    /// A figure: thousands grouped, as shown (`21,349.1`).
    Figure(Decimal),
    /// A figure and its unit (`21,349.1 万元`; without a unit, the figure).
    Amount(Decimal, Option<FigureUnit>),
    /// A count, for plurals.
    Count(usize),
    /// Cells or ranges, joined with `, `.
    Cells(Vec<String>),
    /// Terms of a sum, joined with ` + `.
    Terms(Vec<String>),
    /// Messages, rendered and joined with `, `.
    Messages(Vec<Message>),
    /// Another message, rendered first.
    Message(Box<Message>),
}

/// What a finding says: a catalog id and its arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// The catalog id (`footing`, `slip-swap`).
    pub id: Cow<'static, str>,
    /// Named arguments, in the order given.
    pub args: Vec<(Cow<'static, str>, Arg)>,
}

impl Message {
    /// A message with no arguments yet.
    pub fn new(id: &'static str) -> Message {
        Message {
            id: Cow::Borrowed(id),
            args: Vec::new(),
        }
    }

    /// No message (an excerpt label with nothing to say).
    pub fn empty() -> Message {
        Message::new("")
    }

    /// Adds an argument.
    pub fn arg(mut self, name: &'static str, value: Arg) -> Message {
        self.args.push((Cow::Borrowed(name), value));
        self
    }

    /// Adds a text argument.
    pub fn text(self, name: &'static str, value: impl Into<String>) -> Message {
        self.arg(name, Arg::Text(value.into()))
    }

    /// Adds a figure.
    pub fn figure(self, name: &'static str, value: Decimal) -> Message {
        self.arg(name, Arg::Figure(value))
    }

    /// Adds a figure with its unit.
    pub fn amount(self, name: &'static str, value: Decimal, unit: Option<FigureUnit>) -> Message {
        self.arg(name, Arg::Amount(value, unit))
    }

    /// Adds a count.
    pub fn count(self, name: &'static str, n: usize) -> Message {
        self.arg(name, Arg::Count(n))
    }

    /// Adds a list of cells.
    pub fn cells(self, name: &'static str, cells: Vec<String>) -> Message {
        self.arg(name, Arg::Cells(cells))
    }

    /// Adds the terms of a sum.
    pub fn terms(self, name: &'static str, terms: Vec<String>) -> Message {
        self.arg(name, Arg::Terms(terms))
    }

    /// Adds another message.
    pub fn message(self, name: &'static str, m: Message) -> Message {
        self.arg(name, Arg::Message(Box::new(m)))
    }

    /// The message in English.
    pub fn render(&self) -> String {
        render_with(bundle(), self)
    }
}

impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render())
    }
}

pub use crate::amount::show;

/// A figure and its unit: `21,349.1 万元` (a space before a money unit),
/// `81.8%`.
pub fn show_amount(v: Decimal, unit: Option<FigureUnit>) -> String {
    match unit {
        Some(FigureUnit::Percent) => format!("{}%", show(v)),
        Some(u) => format!("{} {}", show(v), u.as_str()),
        None => show(v),
    }
}

type Bundle = FluentBundle<FluentResource>;

fn bundle() -> &'static Bundle {
    static EN_BUNDLE: OnceLock<Bundle> = OnceLock::new();
    EN_BUNDLE.get_or_init(|| {
        let lang = "en".parse().expect("a valid language id");
        let mut b = FluentBundle::new_concurrent(vec![lang]);
        // Plain text out: no Unicode isolation marks around arguments.
        b.set_use_isolating(false);
        let res = FluentResource::try_new(EN.to_string()).unwrap_or_else(|(res, errors)| {
            panic!("en.ftl does not parse: {errors:?}{}", res.entries().count())
        });
        b.add_resource(res).expect("en.ftl has no duplicate ids");
        b
    })
}

fn render_with(bundle: &Bundle, m: &Message) -> String {
    if m.id.is_empty() {
        return String::new();
    }
    let Some(pattern) = bundle.get_message(&m.id).and_then(|msg| msg.value()) else {
        // Every id used is in the catalog (a test checks it); never panic
        // in a report.
        return m.id.to_string();
    };
    let mut args = FluentArgs::new();
    for (name, value) in &m.args {
        let v: FluentValue = match value {
            Arg::Text(s) => s.clone().into(),
            Arg::Figure(d) => show(*d).into(),
            Arg::Amount(d, u) => show_amount(*d, *u).into(),
            Arg::Count(n) => (*n).into(),
            Arg::Cells(c) => c.join(", ").into(),
            Arg::Terms(t) => t.join(" + ").into(),
            Arg::Messages(ms) => ms
                .iter()
                .map(|m| render_with(bundle, m))
                .collect::<Vec<_>>()
                .join(", ")
                .into(),
            Arg::Message(inner) => render_with(bundle, inner).into(),
        };
        args.set(name.clone(), v);
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&args), &mut errors)
        .into_owned()
}

/// Every message id in the English catalog.
pub fn catalog_ids() -> Vec<String> {
    bundle_ids(EN)
}

fn bundle_ids(src: &str) -> Vec<String> {
    src.lines()
        .filter(|l| !l.starts_with([' ', '#']))
        .filter_map(|l| l.split_once(" ="))
        .map(|(id, _)| id.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_and_figures() {
        let m = Message::new("suspect-in-all").count("n", 2);
        assert_eq!(m.render(), "the one cell in all 2 failed relations");
        let m = Message::new("slip-swap")
            .figure("typed", "1712.10".parse().unwrap())
            .figure("proposed", "1721.1".parse().unwrap());
        assert_eq!(
            m.render(),
            "two adjacent digits swapped: 1,712.1 typed for 1,721.1"
        );
    }

    #[test]
    fn the_catalog_parses_and_has_no_duplicates() {
        let ids = catalog_ids();
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(ids.len(), sorted.len());
        assert!(ids.len() > 20);
        let _ = bundle();
    }
}
