//! `chorus demo`: a sample project with a children's questionnaire, a practitioner feedback form
//! and a few hundred realistic responses, so a newcomer sees Chorus working at once.

mod content;
mod learning;
mod store;
mod themes;

pub use store::{DemoOutcome, load};
