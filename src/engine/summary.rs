//! Stage 5, summarise: totals over a run, and what the run comes to.

use super::{FileReport, Run, Status};

/// Totals over a run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Files with nothing wrong.
    pub ok: usize,
    /// Files with findings.
    pub findings: usize,
    /// Files that could not be read.
    pub errors: usize,
}

impl Summary {
    /// Counts a list of reports.
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for r in reports {
            match r.state() {
                Status::Ok => s.ok += 1,
                Status::Findings => s.findings += 1,
                Status::Error => s.errors += 1,
            }
        }
        s
    }
}

/// What a run comes to, as the command's exit status tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// No error findings (warnings and info may remain).
    NoErrors,
    /// At least one error finding.
    Errors,
    /// A file could not be read, or a rule failed against the data: the
    /// check is incomplete.
    Incomplete,
}

impl Run {
    /// Totals over the run's reports.
    pub fn summary(&self) -> Summary {
        Summary::of(&self.reports)
    }

    /// What the run comes to.
    pub fn outcome(&self) -> Outcome {
        if !self.rule_errors.is_empty() || self.reports.iter().any(|r| r.error.is_some()) {
            Outcome::Incomplete
        } else if self.reports.iter().any(FileReport::has_errors) {
            Outcome::Errors
        } else {
            Outcome::NoErrors
        }
    }
}
