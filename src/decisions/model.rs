//! Pure decision types: what was decided about what, by whom, when and on what evidence.

use chrono::{DateTime, Utc};

use crate::projects::ProjectId;
use crate::string_enum;

string_enum! {
    /// What a decision is about.
    SubjectKind {
        Experiment = "experiment",
    }
}

string_enum! {
    /// What kind of decision it was.
    DecisionKind {
        /// A move from one status to another.
        Transition = "transition",
        /// A change to something that was fixed in advance (a locked plan).
        Deviation = "deviation",
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
}

/// A decision as recorded.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    pub id: i64,
    pub kind: DecisionKind,
    pub from: String,
    pub to: String,
    pub rationale: String,
    pub evidence: serde_json::Value,
    /// Who decided, by display name; `None` when their account is gone.
    pub by: Option<String>,
    pub at: DateTime<Utc>,
}
