//! The one decision log: every status change of an experiment (and, later, of anything else
//! a project decides), every deviation from a locked plan, with who, when, why and the figures
//! seen at that moment. Used by every capability that decides; it decides nothing itself.

pub mod model;
pub mod store;

pub use model::{Decision, DecisionKind, NewDecision, Subject};
