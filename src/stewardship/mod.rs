//! System stewardship: the repeatable decision framework (each project's criteria) and the
//! decision log people read — every decision newest first, filterable, with its evidence and
//! who was in the room, and a CSV; and the project group's easy-read pages (`together*`), where
//! participant representatives see themes, ideas and decisions — never a raw answer — and say
//! what they think of a decision. The log itself is `decisions/`; this is its pages.

pub mod csv;
pub mod form_views;
pub mod model;
pub mod routes;
pub mod store;
pub mod together;
pub mod together_store;
pub mod together_views;
pub mod views;

pub use model::{Citable, NewChoice, RawChoice};
