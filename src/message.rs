//! Messages as an id and arguments, rendered in one place.
//!
//! A check says what it found as a [`Message`]: an id from the catalogs
//! (`src/locales/en.ftl` and `src/locales/zh-CN.ftl`, Project Fluent
//! syntax) and named arguments. It is rendered in the run's language
//! ([`Lang`], chosen once by [`set_lang`]: `--lang`, `CROSSFOOT_LANG`, the
//! system locale, else English; see [`Lang::detect`]).
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
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::finding::FigureUnit;

/// The English catalog.
const EN: &str = include_str!("locales/en.ftl");

/// The Chinese catalog (简体中文).
const ZH: &str = include_str!("locales/zh-CN.ftl");

/// A language crossfoot speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    En,
    /// Simplified Chinese (`zh-CN`).
    Zh,
}

/// The run's language: 0 English, 1 Chinese.
static LANG: AtomicU8 = AtomicU8::new(0);

/// Sets the language every message is rendered in from now on.
pub fn set_lang(lang: Lang) {
    LANG.store(lang as u8, Ordering::Relaxed);
}

thread_local! {
    /// A language for this thread only ([`with_lang`]).
    static THREAD_LANG: std::cell::Cell<Option<Lang>> = const { std::cell::Cell::new(None) };
}

/// The language messages are rendered in: this thread's ([`with_lang`]),
/// else the run's ([`set_lang`]).
pub fn lang() -> Lang {
    if let Some(l) = THREAD_LANG.with(|t| t.get()) {
        return l;
    }
    match LANG.load(Ordering::Relaxed) {
        1 => Lang::Zh,
        _ => Lang::En,
    }
}

/// Runs `f` with messages rendered in `lang` on this thread (a server
/// rendering reports for users of both languages, a test); the run's
/// language is untouched.
pub fn with_lang<T>(lang: Lang, f: impl FnOnce() -> T) -> T {
    let was = THREAD_LANG.with(|t| t.replace(Some(lang)));
    let out = f();
    THREAD_LANG.with(|t| t.set(was));
    out
}

impl Lang {
    /// Both, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// A language from a tag or a locale: `zh`, `zh-CN`, `zh_CN.UTF-8`,
    /// `zh-Hans` are Chinese; `en`, `en_US.UTF-8`, `C`, `POSIX` English;
    /// anything else `None`.
    pub fn parse(tag: &str) -> Option<Lang> {
        let t = tag.trim().to_ascii_lowercase();
        let base = t.split(['-', '_', '.', '@']).next().unwrap_or("");
        match base {
            "zh" | "chinese" | "cn" => Some(Lang::Zh),
            "en" | "english" | "c" | "posix" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language a run speaks: `flag` (`--lang`), else `CROSSFOOT_LANG`,
    /// else GNU `LANGUAGE` (unless the locale is C), else the locale
    /// (`LC_ALL`, `LC_MESSAGES`, `LANG`, the first that is set and not
    /// empty, as POSIX orders them), else the system's UI
    /// language (Windows, macOS), else English. A value that names no
    /// language we speak falls through to the next.
    pub fn detect(flag: Option<&str>) -> Lang {
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].into_iter().find_map(env);
        // GNU gettext's LANGUAGE (`zh_CN:en`) comes first unless the
        // locale is C, as gettext has it.
        let c = locale
            .as_deref()
            .is_some_and(|l| matches!(l, "C" | "POSIX") || l.starts_with("C."));
        let language = env("LANGUAGE").filter(|_| !c).and_then(|l| {
            l.split(':')
                .find(|t| Lang::parse(t).is_some())
                .map(str::to_string)
        });
        Self::choose(
            flag,
            env("CROSSFOOT_LANG").as_deref(),
            language.or(locale).as_deref(),
            sys_locale::get_locale().as_deref(),
        )
    }

    /// [`Lang::detect`]'s order, given the values.
    pub fn choose(
        flag: Option<&str>,
        crossfoot_lang: Option<&str>,
        locale: Option<&str>,
        system: Option<&str>,
    ) -> Lang {
        [flag, crossfoot_lang, locale, system]
            .into_iter()
            .flatten()
            .find_map(Lang::parse)
            .unwrap_or(Lang::En)
    }

    /// The language's tag: `en`, `zh-CN` (for `<html lang>`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }
}

/// A catalog text with no arguments, in the run's language.
pub fn tr(id: &'static str) -> String {
    Message::new(id).render()
}

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

    /// A message whose id is made at run time (the command line's help
    /// texts, looked up by command and argument).
    pub fn owned(id: String) -> Message {
        Message {
            id: Cow::Owned(id),
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

    /// The arguments as JSON, by name: text and figures as strings (exact
    /// decimals), counts as numbers, amounts as `{"value", "unit"}`, lists
    /// as arrays, inner messages as `{"id", "args"}`.
    pub fn args_json(&self) -> serde_json::Value {
        let dec = |d: &Decimal| serde_json::Value::String(d.normalize().to_string());
        let inner = |m: &Message| serde_json::json!({"id": m.id, "args": m.args_json()});
        let mut map = serde_json::Map::new();
        for (name, a) in &self.args {
            let v = match a {
                Arg::Text(t) => serde_json::Value::String(t.clone()),
                Arg::Figure(d) => dec(d),
                Arg::Amount(d, u) => {
                    serde_json::json!({"value": dec(d), "unit": u.map(|u| u.as_str())})
                }
                Arg::Count(n) => serde_json::Value::from(*n),
                Arg::Cells(c) | Arg::Terms(c) => serde_json::json!(c),
                Arg::Messages(ms) => serde_json::Value::Array(ms.iter().map(inner).collect()),
                Arg::Message(m) => inner(m),
            };
            map.insert(name.to_string(), v);
        }
        serde_json::Value::Object(map)
    }

    /// The message in the run's language ([`lang`]).
    pub fn render(&self) -> String {
        self.render_in(lang())
    }

    /// The message in `lang`.
    pub fn render_in(&self, lang: Lang) -> String {
        render_with(bundle(lang), self)
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

fn bundle(lang: Lang) -> &'static Bundle {
    static EN_BUNDLE: OnceLock<Bundle> = OnceLock::new();
    static ZH_BUNDLE: OnceLock<Bundle> = OnceLock::new();
    match lang {
        Lang::En => EN_BUNDLE.get_or_init(|| make_bundle("en", EN)),
        Lang::Zh => ZH_BUNDLE.get_or_init(|| make_bundle("zh-CN", ZH)),
    }
}

fn make_bundle(tag: &str, src: &str) -> Bundle {
    let lang = tag.parse().expect("a valid language id");
    let mut b = FluentBundle::new_concurrent(vec![lang]);
    // Plain text out: no Unicode isolation marks around arguments.
    b.set_use_isolating(false);
    let res = FluentResource::try_new(src.to_string()).unwrap_or_else(|(res, errors)| {
        panic!(
            "{tag}.ftl does not parse: {errors:?}{}",
            res.entries().count()
        )
    });
    b.add_resource(res)
        .unwrap_or_else(|e| panic!("{tag}.ftl has duplicate ids: {e:?}"));
    b
}

/// Renders `m` in `lang` and returns what Fluent found wrong: an argument
/// the catalog uses that the message does not pass, an id not in the
/// catalog. For tests.
pub fn render_errors(m: &Message, lang: Lang) -> Vec<String> {
    let b = bundle(lang);
    let mut out = Vec::new();
    collect_errors(b, m, &mut out);
    out
}

fn collect_errors(b: &Bundle, m: &Message, out: &mut Vec<String>) {
    if m.id.is_empty() {
        return;
    }
    let Some(pattern) = b.get_message(&m.id).and_then(|msg| msg.value()) else {
        out.push(format!("{}: not in the catalog", m.id));
        return;
    };
    for (_, a) in &m.args {
        match a {
            Arg::Message(inner) => collect_errors(b, inner, out),
            Arg::Messages(ms) => ms.iter().for_each(|x| collect_errors(b, x, out)),
            _ => {}
        }
    }
    let mut errors = Vec::new();
    let _ = b.format_pattern(pattern, Some(&fluent_args(b, m)), &mut errors);
    out.extend(errors.into_iter().map(|e| format!("{}: {e}", m.id)));
}

fn render_with(bundle: &Bundle, m: &Message) -> String {
    if m.id.is_empty() {
        return String::new();
    }
    let Some(pattern) = bundle.get_message(&m.id).and_then(|msg| msg.value()) else {
        // Every id used is in the catalogs (a test checks it); never panic
        // in a report.
        return m.id.to_string();
    };
    let args = fluent_args(bundle, m);
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&args), &mut errors)
        .into_owned()
}

/// A message's arguments as Fluent values (lists joined, inner messages
/// rendered in the same language).
fn fluent_args<'a>(bundle: &Bundle, m: &'a Message) -> FluentArgs<'a> {
    let sep = |en: &'static str, zh: &'static str| {
        if bundle
            .locales
            .first()
            .is_some_and(|l| l.language.as_str() == "zh")
        {
            zh
        } else {
            en
        }
    };
    let mut args = FluentArgs::new();
    for (name, value) in &m.args {
        let v: FluentValue = match value {
            Arg::Text(s) => s.clone().into(),
            Arg::Figure(d) => show(*d).into(),
            Arg::Amount(d, u) => show_amount(*d, *u).into(),
            Arg::Count(n) => (*n).into(),
            Arg::Cells(c) => c.join(sep(", ", "、")).into(),
            Arg::Terms(t) => t.join(" + ").into(),
            Arg::Messages(ms) => ms
                .iter()
                .map(|m| render_with(bundle, m))
                .collect::<Vec<_>>()
                .join(sep(", ", "；"))
                .into(),
            Arg::Message(inner) => render_with(bundle, inner).into(),
        };
        args.set(name.clone(), v);
    }
    args
}

/// Every message id in the English catalog.
pub fn catalog_ids() -> Vec<String> {
    bundle_ids(EN)
}

/// Every message id in `lang`'s catalog.
pub fn catalog_ids_in(lang: Lang) -> Vec<String> {
    bundle_ids(match lang {
        Lang::En => EN,
        Lang::Zh => ZH,
    })
}

/// The variables (`$name`) each message of `lang`'s catalog uses, by id.
pub fn catalog_variables(lang: Lang) -> Vec<(String, Vec<String>)> {
    let src = match lang {
        Lang::En => EN,
        Lang::Zh => ZH,
    };
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for line in src.lines().filter(|l| !l.starts_with('#')) {
        if let Some((id, _)) = line.split_once(" =").filter(|_| !line.starts_with(' ')) {
            out.push((id.to_string(), Vec::new()));
        }
        let Some((_, vars)) = out.last_mut() else {
            continue;
        };
        let mut rest = line;
        while let Some(at) = rest.find('$') {
            rest = &rest[at + 1..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(rest.len());
            vars.push(rest[..end].to_string());
        }
        vars.sort();
        vars.dedup();
    }
    out
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
            m.render_in(Lang::En),
            "two adjacent digits swapped: 1,712.1 typed for 1,721.1"
        );
        assert_eq!(
            m.render_in(Lang::Zh),
            "相邻两位数字颠倒：应为 1,721.1，误录为 1,712.1"
        );
    }

    #[test]
    fn the_language_comes_from_the_flag_then_the_environment_then_the_system() {
        use Lang::*;
        assert_eq!(Lang::choose(Some("zh"), Some("en"), None, None), Zh);
        assert_eq!(
            Lang::choose(None, Some("en"), Some("zh_CN.UTF-8"), None),
            En
        );
        assert_eq!(
            Lang::choose(None, None, Some("zh_CN.UTF-8"), Some("en-US")),
            Zh
        );
        assert_eq!(Lang::choose(None, None, Some("C"), Some("zh-CN")), En);
        assert_eq!(
            Lang::choose(None, None, Some("fr_FR.UTF-8"), Some("zh-Hans-CN")),
            Zh
        );
        assert_eq!(Lang::choose(None, Some("klingon"), Some("de_DE"), None), En);
        assert_eq!(Lang::choose(None, None, None, None), En);
        assert_eq!(Lang::parse("zh-TW"), Some(Zh));
    }

    #[test]
    fn the_catalog_parses_and_has_no_duplicates() {
        let ids = catalog_ids();
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(ids.len(), sorted.len());
        assert!(ids.len() > 20);
        for lang in Lang::ALL {
            let _ = bundle(lang);
        }
    }
}
