//! Stage three: each rule's verdicts summarised — items, passes, fails
//! and undecided, with the reasons an item was undecided.

use super::confront::Verdict;
use super::value::Why;

/// At most this many reasons are kept per rule (the first ones).
const REASONS: usize = 5;

/// What confronting one rule with the data came to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleSummary {
    /// The rule's id.
    pub id: String,
    /// Items confronted: conjuncts, rows, groups.
    pub items: usize,
    /// Items that hold.
    pub passes: usize,
    /// Items that do not hold (each a finding).
    pub fails: usize,
    /// Items that could not be decided.
    pub undecided: usize,
    /// Why, for the first undecided items (distinct reasons, at most five).
    pub reasons: Vec<String>,
    /// True when the rule found nothing to read: a table, row, sheet or
    /// phrase it names is missing, and no item was decided.
    pub not_applicable: bool,
}

impl RuleSummary {
    /// The summary of a rule's verdicts.
    pub(super) fn of(id: &str, verdicts: &[Verdict]) -> RuleSummary {
        let mut s = RuleSummary {
            id: id.to_string(),
            items: verdicts.len(),
            ..RuleSummary::default()
        };
        let mut missing = false;
        for v in verdicts {
            match v {
                Verdict::Pass => s.passes += 1,
                Verdict::Fail(_) => s.fails += 1,
                Verdict::Undecided(why) => {
                    s.undecided += 1;
                    missing |= matches!(why, Why::NotFound(_));
                    let reason = why.to_string();
                    if s.reasons.len() < REASONS && !s.reasons.contains(&reason) {
                        s.reasons.push(reason);
                    }
                }
            }
        }
        s.not_applicable = missing && s.decided() == 0;
        s
    }

    /// Items decided either way.
    pub fn decided(&self) -> usize {
        self.passes + self.fails
    }
}
