//! Output formats: one module each.

pub mod human;
pub mod json;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// miette diagnostics and a closing summary line.
    Human,
    /// One JSON document (schema 1).
    Json,
}
