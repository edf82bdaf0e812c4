//! `--format junit`: JUnit XML for CI systems. One test case per file; a
//! file with error findings fails, with one `<failure>` per error finding in
//! its text; an unreadable file is an `<error>`; warnings go to
//! `<system-out>`.

use crate::finding::{Finding, Severity};
use crate::{FileReport, Summary};

use super::escape_xml as esc;

fn location(f: &Finding) -> String {
    super::place(&f.location)
}

/// Renders the reports as one JUnit XML document.
pub fn render(reports: &[FileReport], elapsed_secs: f64) -> String {
    let s = Summary::of(reports);
    let failures = reports
        .iter()
        .filter(|r| r.error.is_none() && r.has_errors())
        .count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"crossfoot\" tests=\"{}\" failures=\"{failures}\" errors=\"{}\" time=\"{elapsed_secs:.3}\">\n",
        s.files, s.errors
    ));
    out.push_str(&format!(
        "  <testsuite name=\"crossfoot\" tests=\"{}\" failures=\"{failures}\" errors=\"{}\" skipped=\"0\" time=\"{elapsed_secs:.3}\">\n",
        s.files, s.errors
    ));
    for r in reports {
        test_case(&mut out, r);
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
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
            esc(&e.kind.to_string())
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
    out.push_str(&format!(
        "      <failure message=\"{} error finding{}\" type=\"{}\">{}</failure>\n",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" },
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
            format!(
                "warning: {} [{}] {}",
                location(f),
                f.rule,
                f.message.render()
            )
        })
        .collect();
    if !warnings.is_empty() {
        out.push_str(&format!(
            "      <system-out>{}</system-out>\n",
            esc(&warnings.join("\n"))
        ));
    }
}
