//! "You said, we did": a project's public update page (at `/u/{slug}`, opt-in, a steward's
//! edited text only once published) made from its themes, decisions and ideas, with an easy-read
//! version, and emails to people who asked when it changes (one-click unsubscribe).

pub mod model;
pub mod public;
pub mod routes;
pub mod store;
pub mod views;

pub use model::{RawSections, Sections};
