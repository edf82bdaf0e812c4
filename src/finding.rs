//! What a check reports.

use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing, not wrong (a difference within rounding).
    Info,
    /// Probably wrong; a person should look.
    Warning,
    /// Wrong: the arithmetic does not hold.
    Error,
}

impl Severity {
    /// The lowercase name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A cell that probably holds the mistake, with the value that would make
/// every broken relation hold. Filled by error localisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suspect {
    /// The cell, in A1 form.
    pub cell: String,
    /// The value that would make the relations hold, if one is known.
    pub proposed: Option<String>,
    /// Why this cell is suspected.
    pub reason: String,
}

/// One finding about one stated figure.
///
/// JSON (`--format json`) serialises these fields; decimals are strings so
/// that no reader turns 21240.1 into a float.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Finding {
    /// The check's id (`footing`, `cross-footing`, `hierarchy`, `of-which`,
    /// `score-cap`).
    pub rule: String,
    /// How serious.
    pub severity: Severity,
    /// The sheet (for CSV, the file's stem).
    pub sheet: Option<String>,
    /// The stated figure that disagrees, in A1 form.
    pub cell: Option<String>,
    /// The figure as stated.
    pub stated: Option<String>,
    /// The figure as computed from its inputs.
    pub computed: Option<String>,
    /// `stated − computed`.
    pub difference: Option<String>,
    /// The largest difference rounding explains.
    pub tolerance: Option<String>,
    /// The unit of the figures (`万元`), when the table states one.
    pub unit: Option<String>,
    /// The cells the figure was checked against, as A1 cells or ranges.
    pub inputs: Vec<String>,
    /// Cells that probably hold the mistake, most likely first.
    pub suspects: Vec<Suspect>,
    /// What is wrong, in plain language.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The label of the stated figure's row (`合计`).
    pub label: Option<String>,
    /// The header of the stated figure's column.
    #[serde(rename = "header")]
    pub column: Option<String>,
    /// The formula behind the stated figure, if it has one (without `=`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formula: Option<String>,
    /// For a text source: the 1-based line of the figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// For a text source: the 1-based column (in characters).
    #[serde(default, rename = "column", skip_serializing_if = "Option::is_none")]
    pub col: Option<usize>,
    /// For a text source: byte offsets of the figure in the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<(usize, usize)>,
    /// The rows involved, drawn as a small grid for the human report.
    #[serde(skip)]
    pub excerpt: Option<Excerpt>,
}

/// A small text grid of the rows a finding involves, with labelled spans.
#[derive(Debug, Clone, Default)]
pub struct Excerpt {
    /// The grid, one line per row.
    pub text: String,
    /// Byte ranges in `text` and what they are; the first is the primary.
    pub labels: Vec<(std::ops::Range<usize>, String)>,
}
