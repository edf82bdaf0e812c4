//! Output formats: one module each.

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
}

/// Where a finding is, in one short phrase: `Sheet!D8`, `Sheet`, `line 3`.
pub fn place(location: &crate::finding::Location) -> String {
    use crate::finding::Location;
    match location {
        Location::Cell { sheet, a1 } => format!("{sheet}!{a1}"),
        Location::Sheet { sheet } => sheet.clone(),
        Location::Text { line, .. } => format!("line {line}"),
        Location::Page { page, line } => format!("page {page}, line {line}"),
        Location::File => String::new(),
    }
}
