//! Participation: "Have your say" rounds. A steward opens a round on a project with items drawn
//! from its themes (plain words and redacted quotes) and experiment proposals ("if we … then
//! …"); anyone with the link or QR code says agree, not sure or disagree on a public page
//! (`/p/{slug}`, no account, no JavaScript needed), once per item per device, and may tell us
//! more. Comments are scanned for safeguarding concerns and held until a steward approves
//! them. Results (small groups hidden through `disclosure/`) update live on the steward's page
//! and, when the round allows, are shown to people after they vote.

pub mod ballot;
pub mod device;
pub mod item_routes;
mod item_views;
pub mod model;
pub mod public;
mod public_views;
pub mod results_routes;
pub mod results_views;
pub mod routes;
pub mod store;
pub mod tally;
mod views;
pub mod vote_store;

pub use ballot::{Ballot, Vote};
pub use model::{Choice, ItemId, Round, RoundId, RoundStatus, Who};
