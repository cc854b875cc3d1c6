//! Where an experiment is in the test-and-learn cycle, and the moves a steward may make:
//! proposed → agreed → testing → reviewing → adopt, adapt (the next cycle) or stop.

use crate::fields::FieldErrors;
use crate::string_enum;

/// Longest reason for a decision, in characters.
pub const RATIONALE_MAX: usize = 2000;

string_enum! {
    /// Where an experiment is in the test-and-learn cycle.
    Status {
        Proposed = "proposed",
        Agreed = "agreed",
        Testing = "testing",
        Reviewing = "reviewing",
        Adopted = "adopted",
        Adapted = "adapted",
        Stopped = "stopped",
    }
}

impl Status {
    /// The name people see.
    pub fn label(self) -> &'static str {
        match self {
            Status::Proposed => "Proposed",
            Status::Agreed => "Agreed",
            Status::Testing => "Testing",
            Status::Reviewing => "Reviewing",
            Status::Adopted => "Adopted",
            Status::Adapted => "Adapted",
            Status::Stopped => "Stopped",
        }
    }

    /// The statuses a steward may move to from here. Adopt, adapt and stop end a cycle; adapt
    /// also starts the next one. Any open experiment may be stopped early, which is what a
    /// safe-to-fail limit is for.
    pub fn next(self) -> &'static [Status] {
        match self {
            Status::Proposed => &[Status::Agreed, Status::Stopped],
            Status::Agreed => &[Status::Testing, Status::Proposed, Status::Stopped],
            Status::Testing => &[Status::Reviewing, Status::Stopped],
            Status::Reviewing => &[
                Status::Adopted,
                Status::Adapted,
                Status::Stopped,
                Status::Testing,
            ],
            Status::Adopted | Status::Adapted | Status::Stopped => &[],
        }
    }

    /// Whether the cycle has ended in a decision.
    pub fn is_decided(self) -> bool {
        matches!(self, Status::Adopted | Status::Adapted | Status::Stopped)
    }

    /// Whether the plan (measures and periods) is locked: from the start of testing on.
    pub fn plan_locked(self) -> bool {
        !matches!(self, Status::Proposed | Status::Agreed)
    }

    /// Whether reflections may be added: while the change is being tried or reviewed.
    pub fn takes_reflections(self) -> bool {
        matches!(self, Status::Testing | Status::Reviewing)
    }

    /// The words on the button that makes this move.
    pub fn action(self) -> &'static str {
        match self {
            Status::Proposed => "Send back to proposed",
            Status::Agreed => "Agree to try it",
            Status::Testing => "Start testing",
            Status::Reviewing => "Stop testing and review",
            Status::Adopted => "Adopt it",
            Status::Adapted => "Adapt it and start the next cycle",
            Status::Stopped => "Stop it",
        }
    }
}

/// A status change a steward asked for, checked: allowed from here, ready if it starts
/// testing, and with a reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Move {
    pub to: Status,
    pub rationale: String,
    /// The framework part: options, criteria assessments, who was in the room, review date.
    pub framework: crate::decisions::Framework,
}

impl Move {
    /// Parses a move and its framework part together, so every problem is listed at once:
    /// the one parser for the decision form and the API.
    pub fn judged(
        from: Status,
        missing: &[&str],
        to: &str,
        rationale: &str,
        raw: &crate::decisions::RawFramework,
        criteria: &[crate::decisions::Criterion],
    ) -> Result<Move, FieldErrors> {
        let moved = Move::parse(from, missing, to, rationale);
        let mut errors = moved.as_ref().err().cloned().unwrap_or_default();
        let framework = crate::decisions::Framework::parse(raw, criteria, &mut errors);
        match moved {
            Ok(m) if errors.is_empty() => Ok(Move { framework, ..m }),
            _ => Err(errors),
        }
    }

    /// Parses a requested move from `from`; `missing` is what the plan still lacks.
    pub fn parse(
        from: Status,
        missing: &[&str],
        to: &str,
        rationale: &str,
    ) -> Result<Move, FieldErrors> {
        let mut e = FieldErrors::new();
        let to = Status::parse(to).filter(|t| from.next().contains(t));
        match to {
            None if from.next().is_empty() => {
                e.add("to", "This experiment has ended; it cannot move on")
            }
            None => e.add("to", "Choose what happens next"),
            Some(Status::Testing) if !missing.is_empty() => {
                e.add(
                    "to",
                    format!(
                        "Testing cannot start yet: {}",
                        missing.join("; ").to_lowercase()
                    ),
                );
            }
            Some(_) => {}
        }
        let rationale = crate::fields::text(rationale, RATIONALE_MAX).unwrap_or_else(|problem| {
            e.add("rationale", problem.advice());
            String::new()
        });
        if rationale.is_empty() {
            e.add("rationale", "Say why you decided this");
        }
        match to {
            Some(to) if e.is_empty() => Ok(Move {
                to,
                rationale,
                framework: crate::decisions::Framework::default(),
            }),
            _ => Err(e),
        }
    }
}
