//! What a check reports, as typed data.
//!
//! A [`Finding`] is a domain value: which check ([`RuleId`]), how serious
//! ([`Severity`]), where ([`Location`]), the figures ([`Evidence`], exact
//! decimals), the cells that probably hold the mistake ([`Suspect`], with
//! the [`Slip`] that explains it) and what to say ([`Message`], an id and
//! its arguments, rendered in one place: [`crate::message`]). Output formats
//! turn it into their own shapes (`report::json` documents the JSON); the
//! cache keeps it as its own record (serde, versioned by the tool's version).

use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::amount::Unit;
use crate::checks::registry::{self, CheckInfo};
pub use crate::message::{Arg, Message};

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

/// Which check or rule made a finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleId {
    /// A built-in check of the registry ([`crate::checks::registry::CHECKS`]).
    Check(&'static CheckInfo),
    /// A rule of a rule file, by the id its file gives it.
    Rule(Arc<str>),
}

impl RuleId {
    /// A rule file's rule.
    pub fn rule(id: &str) -> RuleId {
        RuleId::Rule(Arc::from(id))
    }

    /// The id as written in findings (`footing`, `text-sum`, a rule's id).
    pub fn as_str(&self) -> &str {
        match self {
            RuleId::Check(c) => c.id,
            RuleId::Rule(id) => id,
        }
    }

    /// The id read back (from the cache): a registered check, else a rule.
    pub fn parse(id: &str) -> RuleId {
        registry::find(id).map_or_else(|| RuleId::rule(id), RuleId::Check)
    }
}

impl PartialEq<str> for RuleId {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for RuleId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for RuleId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(RuleId::parse(&s))
    }
}

/// Where a finding is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Location {
    /// A cell of a sheet (for CSV, the sheet is the file's stem).
    Cell {
        /// The sheet.
        sheet: String,
        /// The cell, in A1 form.
        a1: String,
    },
    /// A sheet or table as a whole (a rule over a whole column).
    Sheet {
        /// The sheet.
        sheet: String,
    },
    /// A figure in a text report.
    Text {
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// Byte offsets of the figure in the file.
        span: (usize, usize),
    },
    /// A place on a page of a PDF.
    Page {
        /// 1-based page.
        page: usize,
        /// 1-based line on the page.
        line: usize,
        /// 1-based column on the line, in characters.
        column: usize,
    },
    /// The file as a whole (a rule with no one place).
    File,
}

impl Location {
    /// The sheet, for a place in a workbook.
    pub fn sheet(&self) -> Option<&str> {
        match self {
            Location::Cell { sheet, .. } | Location::Sheet { sheet } => Some(sheet),
            _ => None,
        }
    }

    /// The cell in A1 form, for a cell.
    pub fn cell(&self) -> Option<&str> {
        match self {
            Location::Cell { a1, .. } => Some(a1),
            _ => None,
        }
    }

    /// True for a place in a text report.
    pub fn is_text(&self) -> bool {
        matches!(self, Location::Text { .. } | Location::Page { .. })
    }

    /// Line and column, for a place in a text report.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        match self {
            Location::Text { line, column, .. } | Location::Page { line, column, .. } => {
                Some((*line, *column))
            }
            _ => None,
        }
    }
}

/// The unit the figures of a finding are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FigureUnit {
    /// Money (元 / 万元 / 亿元).
    Money(Unit),
    /// Percentage points.
    Percent,
}

impl FigureUnit {
    /// As printed: `万元`, `%`.
    pub fn as_str(self) -> &'static str {
        match self {
            FigureUnit::Money(u) => u.as_str(),
            FigureUnit::Percent => "%",
        }
    }
}

impl From<Unit> for FigureUnit {
    fn from(u: Unit) -> Self {
        FigureUnit::Money(u)
    }
}

/// The figures of a finding, exact, in the unit they are shown in.
///
/// `computed` is absent when the finding is about a figure with nothing to
/// compute it from (a score stated without its maximum); `tolerance` is
/// absent for exact comparisons of a text claim (counts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The figure as stated.
    pub stated: Decimal,
    /// The figure as computed from its inputs.
    pub computed: Option<Decimal>,
    /// `stated − computed`, when it is shown.
    pub difference: Option<Decimal>,
    /// The largest difference rounding explains.
    pub tolerance: Option<Decimal>,
    /// The unit of the figures.
    pub unit: Option<FigureUnit>,
}

impl Evidence {
    /// Stated against computed, with the difference and its tolerance.
    pub fn compared(
        stated: Decimal,
        computed: Decimal,
        tolerance: Decimal,
        unit: Option<FigureUnit>,
    ) -> Evidence {
        Evidence {
            stated,
            computed: Some(computed),
            difference: Some(stated - computed),
            tolerance: Some(tolerance),
            unit,
        }
    }
}

/// What probably happened to a figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Slip {
    /// Two adjacent digits swapped; `typed` is the figure as typed.
    Swap {
        /// As typed.
        typed: Decimal,
    },
    /// A figure 10⁴ times too large (`too_large`) or too small.
    Unit {
        /// Too large rather than too small.
        too_large: bool,
    },
    /// The sign is wrong.
    Sign,
    /// A total that leaves out the row named.
    LeftOut(String),
    /// A total that counts the row named twice.
    CountedTwice(String),
    /// A 合计 that added the 小计 named next to its own items.
    SubtotalAdded(String),
    /// A 合计 that added every 小计 as well as the items they sum.
    EverySubtotalAdded,
    /// A figure copied from the column named.
    WrongColumn(String),
    /// A total by `SUM` that skips the row named: its figure is a number
    /// stored as text, which SUM leaves out of a range.
    TextSkipped(String),
    /// One digit wrong, added or dropped; `typed` is the figure as typed.
    Typo {
        /// As typed.
        typed: Decimal,
    },
}

impl Slip {
    /// How likely a slip is, lower first: a swap before a unit slip before
    /// a sign error before a structural slip before a one-digit typo.
    pub fn rank(&self) -> u8 {
        match self {
            Slip::Swap { .. } => 0,
            Slip::Unit { .. } => 1,
            Slip::Sign => 2,
            Slip::LeftOut(_)
            | Slip::CountedTwice(_)
            | Slip::SubtotalAdded(_)
            | Slip::EverySubtotalAdded
            | Slip::WrongColumn(_)
            | Slip::TextSkipped(_) => 3,
            Slip::Typo { .. } => 4,
        }
    }

    /// The slip described, for a figure that should be `proposed`.
    pub fn message(&self, proposed: Decimal) -> Message {
        match self {
            Slip::Swap { typed } => Message::new("slip-swap")
                .figure("typed", *typed)
                .figure("proposed", proposed),
            Slip::Unit { too_large } => Message::new(if *too_large {
                "slip-unit-large"
            } else {
                "slip-unit-small"
            }),
            Slip::Sign => Message::new("slip-sign"),
            Slip::LeftOut(row) => Message::new("slip-left-out").text("row", row),
            Slip::CountedTwice(row) => Message::new("slip-counted-twice").text("row", row),
            Slip::SubtotalAdded(row) => Message::new("slip-subtotal-added").text("row", row),
            Slip::EverySubtotalAdded => Message::new("slip-every-subtotal-added"),
            Slip::WrongColumn(col) => Message::new("slip-wrong-column").text("column", col),
            Slip::TextSkipped(row) => Message::new("slip-text-skipped").text("row", row),
            Slip::Typo { typed } => Message::new("slip-typo")
                .figure("typed", *typed)
                .figure("proposed", proposed),
        }
    }
}

/// What a suspect is: a cell of a table or a figure in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SuspectKind {
    /// A cell (`cell` is its A1 name).
    Cell,
    /// A figure in a text (`cell` is `line:column`).
    Figure,
}

/// A cell that probably holds the mistake, with the value that would make
/// every broken relation hold. Filled by error localisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suspect {
    /// The cell, in A1 form (for a text, `line:column`).
    pub cell: String,
    /// The value that would make the relations hold, if one is known.
    pub proposed: Option<Decimal>,
    /// What probably happened, when a known slip explains it.
    pub slip: Option<Slip>,
    /// Failed relations the cell takes part in.
    pub failing: usize,
    /// The first of candidates the evidence does not tell apart.
    pub tied: bool,
    /// A cell or a figure in a text.
    pub kind: SuspectKind,
}

impl Suspect {
    /// Why this cell is suspected.
    pub fn reason(&self) -> Message {
        let why = match (&self.slip, self.proposed) {
            (Some(s), Some(p)) => s.message(p),
            _ if self.failing > 1 => Message::new("suspect-in-all").count("n", self.failing),
            _ => Message::new("suspect-alone"),
        };
        if self.tied {
            let id = match self.kind {
                SuspectKind::Cell => "suspect-tied-cell",
                SuspectKind::Figure => "suspect-tied-figure",
            };
            Message::new(id).message("reason", why)
        } else {
            why
        }
    }
}

/// One finding about one stated figure.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Finding {
    /// The check or rule.
    pub rule: RuleId,
    /// How serious.
    pub severity: Severity,
    /// Where.
    pub location: Location,
    /// The figures, when the finding compares some.
    pub evidence: Option<Evidence>,
    /// The stated value as text, when it is not a figure (a date, a code
    /// that repeats).
    pub stated_text: Option<String>,
    /// The cells the figure was checked against, as A1 cells or ranges
    /// (for a text, `line:column` of each figure).
    pub inputs: Vec<String>,
    /// Cells that probably hold the mistake, most likely first.
    pub suspects: Vec<Suspect>,
    /// What is wrong.
    pub message: Message,
    /// What to do about it.
    pub help: Option<Message>,
    /// The label of the stated figure's row (`合计`).
    pub label: Option<String>,
    /// The header of the stated figure's column.
    pub header: Option<String>,
    /// The formula behind the stated figure, if it has one (without `=`).
    pub formula: Option<String>,
    /// The rows involved, drawn as a small grid for the human report.
    #[serde(skip)]
    pub excerpt: Option<Excerpt>,
    /// For a PDF, the page (1-based) the stated figure is printed on.
    #[serde(default)]
    pub page: Option<usize>,
    /// For a PDF, the title of the table the figure is in.
    #[serde(default)]
    pub table: Option<String>,
}

impl Finding {
    /// A finding with nothing but its check, severity, place and message.
    pub fn new(rule: RuleId, severity: Severity, location: Location, message: Message) -> Finding {
        Finding {
            rule,
            severity,
            location,
            evidence: None,
            stated_text: None,
            inputs: Vec::new(),
            suspects: Vec::new(),
            message,
            help: None,
            label: None,
            header: None,
            formula: None,
            excerpt: None,
            page: None,
            table: None,
        }
    }

    /// The sheet, for a finding in a workbook.
    pub fn sheet(&self) -> Option<&str> {
        self.location.sheet()
    }

    /// The cell in A1 form, for a finding about a cell.
    pub fn cell(&self) -> Option<&str> {
        self.location.cell()
    }
}

/// A small text grid of the rows a finding involves, with labelled spans.
#[derive(Debug, Clone, Default)]
pub struct Excerpt {
    /// The grid, one line per row.
    pub text: String,
    /// Byte ranges in `text` and what they are; the first is the primary.
    pub labels: Vec<(std::ops::Range<usize>, Message)>,
}
