//! The human report: one miette diagnostic per finding, the rows involved
//! drawn as a grid with the wrong figure underlined, then one summary line.

use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
};

use super::escape::{terminal, terminal_name, terminal_same_length};
use crate::finding::{Finding, Location, Severity};
use crate::message::Message;
use crate::rules::summary::RuleSummary;
use crate::{FileReport, Summary};

/// How to render.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Use colour.
    pub color: bool,
    /// Line width.
    pub width: usize,
    /// Leave out findings below this severity.
    pub min_severity: Severity,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            color: false,
            width: 100,
            min_severity: Severity::Warning,
        }
    }
}

struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    /// The message, rendered once.
    message: String,
    source: NamedSource<String>,
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&keep_units(&self.message))
    }
}

/// The message with a no-break space between each figure and its unit, so
/// a wrapped line never leaves `万元` on its own ("off by -20" / "万元").
/// Only the terminal report does this; JSON and the other formats keep the
/// message as it is.
fn keep_units(message: &str) -> std::borrow::Cow<'_, str> {
    let units = crate::amount::Unit::ALL.map(crate::amount::Unit::as_str);
    // A unit is a word of its own: `分` in `分值` is not one.
    let unit_at = |rest: &str| {
        units.iter().chain(&["分", "%"]).any(|u| {
            rest.strip_prefix(u)
                .is_some_and(|after| !after.starts_with(char::is_alphanumeric))
        })
    };
    let spaces: Vec<usize> = message
        .match_indices(' ')
        .map(|(i, _)| i)
        .filter(|&i| unit_at(&message[i + 1..]))
        .collect();
    if spaces.is_empty() {
        return message.into();
    }
    let mut out = String::with_capacity(message.len() + spaces.len());
    let mut from = 0;
    for i in spaces {
        out.push_str(&message[from..i]);
        out.push('\u{a0}');
        from = i + 1;
    }
    out.push_str(&message[from..]);
    out.into()
}

/// Where a line of the report may break: at a space (as English does), and
/// after Chinese punctuation (，；：。、） and the closing quotes), where a
/// Chinese sentence breaks; never inside a run of Chinese characters, so a
/// label, a unit (`万元`) or a figure and its unit stay whole.
fn break_points(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    const AFTER: &[char] = &['，', '；', '：', '。', '、', '）', '”', '」'];
    let mut words = Vec::new();
    let mut start = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map_or(line.len(), |&(j, _)| j);
        let ends = if c == ' ' {
            // A run of spaces ends the word with them.
            chars.peek().is_none_or(|&(_, n)| n != ' ')
        } else {
            AFTER.contains(&c) && chars.peek().is_some_and(|&(_, n)| n != ' ')
        };
        if ends {
            words.push(textwrap::core::Word::from(&line[start..next]));
            start = next;
        }
        let _ = i;
    }
    if start < line.len() {
        words.push(textwrap::core::Word::from(&line[start..]));
    }
    Box::new(words.into_iter())
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(format!(
            "crossfoot::{}",
            self.finding.rule.as_str()
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let mut lines = Vec::new();
        // The most likely cell; the next ones only when the evidence does
        // not single it out.
        let suspects = &self.finding.suspects;
        let text = self.finding.location.is_text();
        let place = |cell: &str| match (text, cell.split_once(':')) {
            (true, Some((l, c))) => Message::new("help-figure-at")
                .text("line", l)
                .text("column", c)
                .render(),
            _ => cell.to_string(),
        };
        let shown =
            |p: &Option<rust_decimal::Decimal>| p.map_or("?".to_string(), crate::message::show);
        if let Some(first) = suspects.first() {
            lines.push(
                Message::new("help-probably")
                    .text("place", place(&first.cell))
                    .text("proposed", shown(&first.proposed))
                    .message("reason", first.reason())
                    .render(),
            );
            if first.tied && suspects.len() > 1 {
                let others: Vec<String> = suspects[1..]
                    .iter()
                    .take(5)
                    .map(|s| {
                        Message::new("help-other")
                            .text("cell", place(&s.cell))
                            .text("proposed", shown(&s.proposed))
                            .render()
                    })
                    .collect();
                let mut others = others;
                if suspects.len() > 6 {
                    others.push("…".into());
                }
                lines.push(
                    Message::new("help-or-as-likely")
                        .cells("others", others)
                        .render(),
                );
            }
        }
        // A finding drawn without an excerpt (a rule's) still says where it
        // is: the cell the reader goes to first.
        if self.finding.excerpt.is_none() {
            let place = match &self.finding.location {
                Location::Cell { sheet, a1 } => match self.finding.page {
                    Some(p) => Some(format!("p.{p} '{sheet}'!{a1}")),
                    None => Some(format!("'{sheet}'!{a1}")),
                },
                Location::Sheet { sheet } => Some(format!("'{sheet}'")),
                _ => None,
            };
            if let Some(place) = place {
                lines.push(Message::new("help-found-at").text("place", place).render());
            }
        }
        if self.finding.excerpt.is_none() && !self.finding.inputs.is_empty() {
            lines.push(
                Message::new("help-computed-from")
                    .cells("cells", self.finding.inputs.clone())
                    .render(),
            );
        }
        if let Some(f) = &self.finding.formula {
            lines.push(Message::new("help-formula").text("formula", f).render());
        }
        if let Some(h) = &self.finding.help {
            lines.push(h.render());
        }
        for l in &mut lines {
            if let std::borrow::Cow::Owned(safe) = terminal(l) {
                *l = safe;
            }
        }
        (!lines.is_empty()).then(|| Box::new(lines.join("\n")) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.finding
            .excerpt
            .as_ref()
            .map(|_| &self.source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let excerpt = self.finding.excerpt.as_ref()?;
        Some(Box::new(excerpt.labels.iter().enumerate().map(
            |(i, (range, text))| {
                let span = (range.start, range.end - range.start);
                let text = terminal(&text.render()).into_owned();
                if i == 0 {
                    LabeledSpan::new_primary_with_span(Some(text), span)
                } else {
                    LabeledSpan::new_with_span(Some(text), span)
                }
            },
        )))
    }
}

/// Renders one finding of `path` as a diagnostic.
pub fn render_finding(path: &str, finding: &Finding, opts: &Options) -> String {
    let name = match &finding.location {
        // A table rebuilt from a PDF: `p.8 2025年部门支出预算总表 · 机关服务 ·
        // 项目支出 (p.8!C12)`, what the reader finds on the printed page.
        Location::Cell { sheet, a1 } if finding.page.is_some() => {
            let mut place = format!("p.{}", finding.page.unwrap_or(0));
            for part in [&finding.table, &finding.label, &finding.header]
                .into_iter()
                .flatten()
            {
                place.push_str(if place.contains(' ') { " · " } else { " " });
                place.push_str(part);
            }
            format!("{path} › {place} ({sheet}!{a1})")
        }
        Location::Cell { sheet, a1 } => format!("{path} › {sheet}!{a1}"),
        Location::Sheet { sheet } => format!("{path} › {sheet}"),
        // The excerpt is the page, so the line and column the report adds
        // after the name are the page's.
        Location::Page { page, .. } => format!("{path} › p.{page}"),
        _ => path.to_string(),
    };
    let text = finding
        .excerpt
        .as_ref()
        .map(|e| e.text.clone())
        .unwrap_or_default();
    // Cell text reaches the terminal: no control or bidirectional
    // characters (the excerpt keeps its byte offsets for the labels).
    let diag = FindingDiagnostic {
        finding,
        message: terminal(&finding.message.render()).into_owned(),
        source: NamedSource::new(
            terminal_name(&name),
            terminal_same_length(&text).into_owned(),
        ),
    };
    let text_report = finding.location.is_text();
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(opts.width)
        .with_links(false)
        .with_context_lines(if text_report { 2 } else { 40 })
        // Lines break at spaces only: not inside a Chinese label or unit
        // (`万` / `元`), nor between a figure and its unit (see
        // `keep_units`); a run too long for a line is still split.
        .with_word_separator(textwrap::WordSeparator::Custom(break_points))
        .without_syntax_highlighting();
    let mut out = String::new();
    if handler.render_report(&mut out, &diag).is_err() {
        out = format!("{}: {}\n", diag.source.name(), diag.message);
    }
    // The no-break spaces that kept a figure with its unit have done
    // their work: what is printed, copied and searched has plain spaces.
    help_heading(out.replace('\u{a0}', " "))
}

/// miette heads the help lines with an English `help: `: in Chinese it is
/// `建议：`, as wide on a terminal, so the lines under it stay aligned.
pub(crate) fn help_heading(out: String) -> String {
    if crate::message::lang() != crate::message::Lang::Zh {
        return out;
    }
    let heading = format!("{}：", crate::message::tr("help-heading"));
    out.lines()
        .map(|l| match l.strip_prefix("  help: ") {
            Some(rest) => format!("  {heading}{rest}"),
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + if out.ends_with('\n') { "\n" } else { "" }
}

/// Renders a whole run: each file's findings, a line for each clean or
/// unreadable file, and a closing summary.
pub fn render(reports: &[FileReport], opts: &Options) -> String {
    render_with_rules(reports, &[], opts)
}

/// [`render`], with the rules' summaries before the closing line.
pub fn render_with_rules(reports: &[FileReport], rules: &[RuleSummary], opts: &Options) -> String {
    let mut out = String::new();
    for r in reports {
        out.push_str(&render_file(r, opts));
    }
    out.push_str(&rules_block(rules));
    out.push_str(&summary_line(&Summary::of(reports)));
    out
}

/// What the rules came to (nothing without rules): items, passes, fails
/// and undecided, then each rule with undecided items and why.
pub fn rules_block(rules: &[RuleSummary]) -> String {
    if rules.is_empty() {
        return String::new();
    }
    let sum = |f: fn(&RuleSummary) -> usize| rules.iter().map(f).sum::<usize>();
    let mut out = Message::new("rules-line")
        .message("rules", counted("rules-count", rules.len()))
        .message("items", counted("items", sum(|r| r.items)))
        .count("passes", sum(|r| r.passes))
        .count("fails", sum(|r| r.fails))
        .count("undecided", sum(|r| r.undecided))
        .render();
    out.push('\n');
    for r in rules.iter().filter(|r| r.undecided > 0) {
        let line = Message::new("rules-undecided-line")
            .text("id", terminal(&r.id))
            .count("undecided", r.undecided)
            .message("items", counted("items", r.items))
            .text("reasons", terminal(&r.reasons.join("; ")))
            .render();
        out.push_str(&format!("  {line}\n"));
    }
    out
}

/// `n` with its noun: the catalog's `tables`, `checks`, `items`… with `$n`.
pub fn counted(id: &'static str, n: usize) -> Message {
    Message::new(id).count("n", n)
}

/// Renders one file's part of the report.
pub fn render_file(r: &FileReport, opts: &Options) -> String {
    let path = terminal_name(&r.path.display().to_string()).into_owned();
    let mut out = String::new();
    if let Some(e) = &r.error {
        let line = Message::new("file-error")
            .text("path", path)
            .text("error", terminal(&e.kind.message().render()))
            .render();
        out.push_str(&line);
        out.push('\n');
        return out;
    }
    let shown: Vec<&Finding> = r
        .findings
        .iter()
        // What a text report was verified to say is shown too: a reviewer
        // wants to know which sentences were checked.
        .filter(|f| f.severity >= opts.min_severity || f.location.is_text())
        .collect();
    for f in &shown {
        out.push_str(&render_finding(&path, f, opts));
        out.push('\n');
    }
    let errors = r
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = r
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .count();
    // A report in prose has claims, not tables.
    let prose = r.tables == 0 && r.findings.iter().any(|f| f.location.is_text());
    let tables = if prose {
        Message::new("a-report")
    } else {
        counted("tables", r.tables)
    };
    let checks = if prose {
        counted("claims", r.checks)
    } else {
        counted("checks", r.checks)
    };
    let line = if errors + warnings == 0 {
        // A table where nothing could be decided is said to be so, never
        // "all hold".
        let id = if r.tables == 0 && !prose {
            "file-ok-nothing"
        } else if r.checks == 0 {
            "file-nothing-checked"
        } else {
            "file-ok"
        };
        Message::new(id)
    } else {
        Message::new("file-findings")
            .message("errors", counted("errors", errors))
            .message("warnings", counted("warnings", warnings))
    };
    let line = line
        .text("path", path)
        .message("tables", tables)
        .message("checks", checks)
        .render();
    out.push_str(&line);
    // Claims of the text that could not be decided are said, not passed.
    let undecided = r
        .findings
        .iter()
        .filter(|f| crate::text::checks::is_undecided(f))
        .count();
    if undecided > 0 {
        let n = Message::new("file-undecided")
            .count("n", undecided)
            .render();
        out.push_str(&n);
    }
    out.push('\n');
    out
}

/// The closing line.
pub fn summary_line(s: &Summary) -> String {
    let mut line = summary_message(s).render();
    line.push('\n');
    line
}

/// The closing line as a message.
pub fn summary_message(s: &Summary) -> Message {
    Message::new("summary")
        .count("files", s.files)
        .count("ok", s.ok)
        .count("findings", s.findings)
        .count("errors", s.errors)
}

#[cfg(test)]
mod tests {
    #[test]
    fn units_stay_with_their_figures() {
        assert_eq!(
            super::keep_units("500 万元, off by -20 万元 and 3 元 (90 分, 5 %)"),
            "500\u{a0}万元, off by -20\u{a0}万元 and 3\u{a0}元 (90\u{a0}分, 5\u{a0}%)"
        );
        assert_eq!(super::keep_units("no units here"), "no units here");
        assert_eq!(
            super::keep_units("above its maximum 分值 of 2"),
            "above its maximum 分值 of 2"
        );
    }
}
