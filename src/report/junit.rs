//! `--format junit`: JUnit XML for CI systems. One test case per file; a
//! file with error findings fails, with one `<failure>` per error finding in
//! its text; an unreadable file is an `<error>`; warnings go to
//! `<system-out>`.
//!
//! When rules ran, a second suite, `rules`, has one test case per rule: a
//! rule with failing items fails (one `<failure>` listing its findings); a
//! rule with undecided items and none failing is `<skipped>` with how many
//! and why, for an undecided rule is not a pass.

use crate::finding::{Finding, Severity};
use crate::message::Message;
use crate::rules::summary::RuleSummary;
use crate::{FileReport, Summary};

use super::escape_xml as esc;

fn location(f: &Finding) -> String {
    super::place(&f.location)
}

/// Renders the reports, and the rules' summaries if rules ran, as one
/// JUnit XML document.
pub fn render(reports: &[FileReport], rules: &[RuleSummary], elapsed_secs: f64) -> String {
    let s = Summary::of(reports);
    let failures = reports
        .iter()
        .filter(|r| r.error.is_none() && r.has_errors())
        .count();
    let rule_failures = rules.iter().filter(|r| r.fails > 0).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"crossfoot\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{elapsed_secs:.3}\">\n",
        s.files + rules.len(),
        failures + rule_failures,
        s.errors
    ));
    out.push_str(&format!(
        "  <testsuite name=\"crossfoot\" tests=\"{}\" failures=\"{failures}\" errors=\"{}\" skipped=\"0\" time=\"{elapsed_secs:.3}\">\n",
        s.files, s.errors
    ));
    for r in reports {
        test_case(&mut out, r);
    }
    out.push_str("  </testsuite>\n");
    if !rules.is_empty() {
        rules_suite(&mut out, reports, rules);
    }
    out.push_str("</testsuites>\n");
    out
}

/// The `rules` suite: one test case per rule.
fn rules_suite(out: &mut String, reports: &[FileReport], rules: &[RuleSummary]) {
    let failures = rules.iter().filter(|r| r.fails > 0).count();
    let skipped = rules
        .iter()
        .filter(|r| r.fails == 0 && r.undecided > 0)
        .count();
    out.push_str(&format!(
        "  <testsuite name=\"rules\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">\n",
        rules.len()
    ));
    for r in rules {
        rule_case(out, reports, r);
    }
    out.push_str("  </testsuite>\n");
}

/// One rule's test case: a `<failure>` with its findings if items fail,
/// else `<skipped>` if items are undecided; the undecided items of a
/// failing rule are told in `<system-out>`.
fn rule_case(out: &mut String, reports: &[FileReport], r: &RuleSummary) {
    out.push_str(&format!(
        "    <testcase classname=\"rules\" name=\"{}\" time=\"0\">\n",
        esc(&r.id)
    ));
    let counts = esc(&super::rule_counts(r));
    let undecided = esc(&super::rule_undecided(r));
    if r.fails > 0 {
        out.push_str(&format!(
            "      <failure message=\"{counts}\" type=\"rule\">{}</failure>\n",
            esc(&rule_findings(reports, &r.id))
        ));
        if r.undecided > 0 {
            out.push_str(&format!("      <system-out>{undecided}</system-out>\n"));
        }
    } else if r.undecided > 0 {
        out.push_str(&format!("      <skipped message=\"{undecided}\"/>\n"));
    }
    out.push_str("    </testcase>\n");
}

/// A rule's findings, one a line: the file, where, and what is wrong.
fn rule_findings(reports: &[FileReport], id: &str) -> String {
    let mut lines = Vec::new();
    for r in reports {
        for f in r.findings.iter().filter(|f| f.rule.as_str() == id) {
            let at = location(f);
            let sep = if at.is_empty() { "" } else { " " };
            lines.push(format!(
                "{}{sep}{at}: {}",
                r.path.display(),
                f.message.render()
            ));
        }
    }
    lines.join("\n")
}

/// One file's test case: an `<error>` if it is unreadable, else a
/// `<failure>` for its error findings and its warnings in `<system-out>`.
fn test_case(out: &mut String, r: &FileReport) {
    let path = esc(&r.path.display().to_string());
    out.push_str(&format!(
        "    <testcase classname=\"crossfoot\" name=\"{path}\" time=\"0\">\n"
    ));
    if let Some(e) = &r.error {
        out.push_str(&format!(
            "      <error message=\"{}\" type=\"unreadable\"/>\n",
            esc(&e.kind.message().render())
        ));
    } else {
        failure(out, r);
        system_out(out, r);
    }
    out.push_str("    </testcase>\n");
}

/// One `<failure>` for all of a file's error findings, if it has any.
fn failure(out: &mut String, r: &FileReport) {
    let errors: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        return;
    }
    let body: Vec<String> = errors
        .iter()
        .map(|f| format!("{} [{}] {}", location(f), f.rule, f.message.render()))
        .collect();
    let message = Message::new("junit-failures")
        .count("n", errors.len())
        .render();
    out.push_str(&format!(
        "      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
        esc(&message),
        esc(errors[0].rule.as_str()),
        esc(&body.join("\n"))
    ));
}

/// A file's warnings, one a line, in `<system-out>`.
fn system_out(out: &mut String, r: &FileReport) {
    let warnings: Vec<String> = r
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .map(|f| {
            let finding = format!("{} [{}] {}", location(f), f.rule, f.message.render());
            Message::new("junit-warning")
                .text("finding", finding)
                .render()
        })
        .collect();
    if !warnings.is_empty() {
        out.push_str(&format!(
            "      <system-out>{}</system-out>\n",
            esc(&warnings.join("\n"))
        ));
    }
}
