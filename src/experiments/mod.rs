//! Experiments: test and learn. A small, safe-to-fail change grows out of themes, carries the
//! evidence that prompted it (a snapshot), fixes its measures before testing starts (the
//! plan), gathers live feedback and reflections while it runs, shows honest results (`stats`:
//! intervals, never a p-value alone; small groups hidden) and ends in a decision — adopt, adapt
//! (the next cycle) or stop — recorded in the one decision log with the evidence seen.

pub mod access;
pub mod actions;
pub mod catalogue_store;
pub mod csv;
pub mod dates;
pub mod forms;
pub mod measure_store;
pub mod model;
pub mod plan;
pub mod plan_parse;
pub mod read_store;
pub mod reflection;
pub mod reflection_store;
pub mod results;
pub mod routes;
pub mod routes_decide;
pub mod routes_plan;
pub mod routes_report;
pub mod snapshot;
pub mod stats;
pub mod status;
pub mod store;
pub mod views;

pub use access::{ExperimentAccess, ExperimentGrant};
pub use model::{Experiment, ExperimentId, NewExperiment, RawExperiment, Status};
