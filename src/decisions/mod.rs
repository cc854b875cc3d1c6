//! The one decision log: every status change of an experiment, every deviation from a locked
//! plan, and every question a project decides with its framework (criteria, options, who was
//! in the room), with who, when, why and the figures seen at that moment. Used by every
//! capability that decides; it decides nothing itself.

pub mod criteria_store;
pub mod framework;
pub mod framework_raw;
pub mod model;
pub mod opinion;
pub mod opinion_store;
pub mod query;
pub mod store;
mod views;

pub use framework::{Assessment, Criterion, Framework, Rating, RawFramework, Room};
pub use model::{Decision, DecisionKind, NewDecision, Subject, SubjectKind};
pub use opinion::{NewOpinion, Opinion, Opinions, RawOpinion};
pub use query::{LogFilter, LogQuery};
pub use views::{fields as framework_fields, summary as framework_summary};
