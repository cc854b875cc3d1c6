//! Pure decision types: what was decided about what, by whom, when and on what evidence.

use chrono::{DateTime, Utc};

use crate::decisions::framework::Framework;
use crate::projects::ProjectId;
use crate::string_enum;

string_enum! {
    /// What a decision is about.
    SubjectKind {
        Experiment = "experiment",
        /// Adopting a theme as a priority, or anything else decided about a theme.
        Theme = "theme",
        /// Anything else the project decides (the subject id is the project's).
        Project = "project",
    }
}

string_enum! {
    /// What kind of decision it was.
    DecisionKind {
        /// A move from one status to another.
        Transition = "transition",
        /// A change to something that was fixed in advance (a locked plan).
        Deviation = "deviation",
        /// A question decided with the project's framework (options, criteria, the room).
        Choice = "choice",
    }
}

impl DecisionKind {
    /// The words people see.
    pub fn label(self) -> &'static str {
        match self {
            DecisionKind::Transition => "Status change",
            DecisionKind::Deviation => "Change to a fixed plan",
            DecisionKind::Choice => "Decision",
        }
    }
}

impl SubjectKind {
    /// The words people see.
    pub fn label(self) -> &'static str {
        match self {
            SubjectKind::Experiment => "An experiment",
            SubjectKind::Theme => "A theme",
            SubjectKind::Project => "The whole project",
        }
    }
}

/// The thing decided about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Subject {
    pub kind: SubjectKind,
    pub id: i64,
}

/// A decision to record.
#[derive(Clone, Debug, PartialEq)]
pub struct NewDecision {
    pub project: ProjectId,
    pub subject: Subject,
    pub kind: DecisionKind,
    pub from: String,
    pub to: String,
    pub rationale: String,
    /// The figures seen, as JSON.
    pub evidence: serde_json::Value,
    pub steward: Option<i64>,
    /// The question decided (empty for a status change or a deviation).
    pub question: String,
    /// Options, criteria assessments, who was in the room and the review date.
    pub framework: Framework,
}

/// A decision as recorded.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    pub id: i64,
    pub project: ProjectId,
    pub subject: Subject,
    pub kind: DecisionKind,
    pub from: String,
    pub to: String,
    pub rationale: String,
    pub evidence: serde_json::Value,
    /// Who decided, by display name; `None` when their account is gone.
    pub by: Option<String>,
    pub at: DateTime<Utc>,
    pub question: String,
    pub framework: Framework,
}

impl Decision {
    /// What was decided, in a few words: the question's answer, or the move made.
    pub fn summary(&self) -> String {
        match self.kind {
            DecisionKind::Choice if !self.question.is_empty() => {
                format!("{} \u{2014} {}", self.question, self.to)
            }
            DecisionKind::Choice => self.to.clone(),
            DecisionKind::Transition if self.from.is_empty() => capital(&self.to),
            _ => format!("{} \u{2192} {}", capital(&self.from), capital(&self.to)),
        }
    }
}

/// A stored state name as people read it: "agreed" → "Agreed".
fn capital(state: &str) -> String {
    let mut chars = state.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
