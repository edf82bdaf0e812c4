//! Output formats: one module each, and one renderer per format
//! ([`Format::renderer`]).

use crate::message::Message;
use crate::rules::summary::RuleSummary;
use crate::FileReport;

pub mod csv;
pub mod escape;
pub mod html;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod sarif;
pub mod view;

/// Escapes text for XML and HTML (attributes and content); drops control
/// characters XML 1.0 does not allow.
pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// miette diagnostics and a closing summary line.
    Human,
    /// One JSON document (schema 1).
    Json,
    /// One JSON line per file, streamed.
    Jsonl,
    /// JUnit XML.
    Junit,
    /// SARIF 2.1.0.
    Sarif,
    /// CSV, one row per finding.
    Csv,
    /// One HTML page that draws the tables with findings.
    Html,
}

/// What a renderer needs besides the reports.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// The run's wall time, in seconds.
    pub elapsed_secs: f64,
    /// How the human report renders.
    pub human: human::Options,
    /// What each rule came to (empty without rules).
    pub rules: &'a [RuleSummary],
}

/// A renderer: the whole report of a run in one format.
pub type Render = fn(&[FileReport], &Context<'_>) -> String;

impl Format {
    /// This format's renderer.
    pub fn renderer(self) -> Render {
        match self {
            Format::Human => render_human,
            Format::Json => |reports, cx| json::render_with_rules(reports, cx.rules),
            Format::Jsonl => |reports, cx| jsonl::render(reports, cx.rules),
            Format::Junit => |reports, cx| junit::render(reports, cx.rules, cx.elapsed_secs),
            Format::Sarif => |reports, cx| sarif::render(reports, cx.rules),
            Format::Csv => |reports, cx| csv::render(reports, cx.rules),
            Format::Html => |reports, cx| html::render(reports, cx.rules),
        }
    }

    /// Renders the reports in this format.
    pub fn render(self, reports: &[FileReport], cx: &Context<'_>) -> String {
        self.renderer()(reports, cx)
    }

    /// True when the report draws the tables with findings, which the run
    /// must then keep ([`crate::RunOptions::views`]).
    pub fn needs_views(self) -> bool {
        self == Format::Html
    }
}

/// The human report, its closing line ending with the time taken.
fn render_human(reports: &[FileReport], cx: &Context<'_>) -> String {
    let mut s = human::render_with_rules(reports, cx.rules, &cx.human);
    if s.ends_with('\n') {
        s.pop();
    }
    let line_start = s.rfind('\n').map_or(0, |i| i + 1);
    let summary = s.split_off(line_start);
    let line = crate::message::Message::new("elapsed")
        .text("summary", summary)
        .text("secs", format!("{:.2}", cx.elapsed_secs))
        .render();
    s.push_str(&line);
    s.push('\n');
    s
}

/// Where a finding is, in one short phrase: `Sheet!D8`, `Sheet`, `line 3`.
pub fn place(location: &crate::finding::Location) -> String {
    use crate::finding::Location;
    match location {
        Location::Cell { sheet, a1 } => format!("{sheet}!{a1}"),
        Location::Sheet { sheet } => sheet.clone(),
        Location::Text { line, .. } => Message::new("place-line")
            .text("line", line.to_string())
            .render(),
        Location::Page { page, line, .. } => Message::new("place-page")
            .text("page", page.to_string())
            .text("line", line.to_string())
            .render(),
        Location::File => String::new(),
    }
}

/// A rule's items in a phrase: `4 items: 3 pass, 0 fail, 1 undecided`.
pub fn rule_counts(r: &RuleSummary) -> String {
    Message::new("rule-counts")
        .message("items", human::counted("items", r.items))
        .count("passes", r.passes)
        .count("fails", r.fails)
        .count("undecided", r.undecided)
        .render()
}

/// Why a rule's items were undecided, in a phrase:
/// `1 of 4 items undecided: blank cell 项目!C4`. The reasons name what the
/// rule file names: the caller escapes the phrase for where it lands.
pub fn rule_undecided(r: &RuleSummary) -> String {
    Message::new("rule-undecided")
        .count("undecided", r.undecided)
        .message("items", human::counted("items", r.items))
        .text("reasons", r.reasons.join("; "))
        .render()
}
