//! Output formats: one module each.

pub mod csv;
pub mod html;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod sarif;
pub mod view;

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
