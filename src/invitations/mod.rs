//! Invitations by email: a steward pastes addresses (or a CSV), each gets its own link
//! (`/i/{token}`) and an unsubscribe link, one reminder goes after N days to those who have not
//! used theirs, and addresses are deleted when the survey closes.
//!
//! Privacy: only hashes of tokens are stored; an anonymous survey's responses are never linked
//! to an invitation (only *that* the link was used is recorded); a survey that is not anonymous
//! links the response to the invitation through a cookie scoped to the survey.

pub mod messages;
pub mod model;
pub mod routes;
pub mod send;
pub mod store;
mod views;

pub use model::{InvitationId, Rejected, Screened, accepts_invitations};
pub use routes::{forget_addresses, invitation_token};
pub use send::{invite, send_reminders};
