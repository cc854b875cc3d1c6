//! One typed link between two things in a project (a theme and the experiment it prompted;
//! later, map elements, decisions and round results), so "what supports this?" is one query
//! everywhere.

pub mod model;
pub mod store;

pub use model::{Kind, Link, Thing};
