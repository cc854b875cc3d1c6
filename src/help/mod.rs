//! Help for children and families, every time: the panel headed "If you are worried or need
//! help now" (Childline, 999 and a local contact each project's stewards set), shown on every
//! page of a survey for children or families and on its confirmation page, and the kind words
//! the confirmation page says when an answer worried us. Nothing about respondents is kept.

pub mod model;
pub mod routes;
pub mod store;
pub mod views;

pub use model::{ContactInput, LocalContact, Phone};
pub use views::{HEADING, panel, told};
