//! Notifications to stewards: the opt-in daily digest (counts per project, never answer text),
//! immediate safeguarding alerts to a project's safeguarding lead, and the background task
//! that also sends invitation reminders.

pub mod digest;
pub mod routes;
pub mod safeguarding;
pub mod store;
pub mod task;

pub use safeguarding::queue_safeguarding_alert;
pub use task::{Task, TaskConfig};
