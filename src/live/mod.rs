//! Live events: a new response is announced to every board watching its survey or project, on
//! this instance (in-process broadcast) and, on PostgreSQL, on every instance (LISTEN/NOTIFY).
//! Events carry ids and times only — never answer text. Also the boards that watch them and the
//! practitioners' "My feedback forms" page.

pub mod feedback;
pub mod hub;
pub mod model;
pub mod rounds;
pub mod routes;
pub mod sse;
pub mod store;
pub mod views;

pub use hub::Hub;
pub use model::LiveEvent;
pub use rounds::{announce_round, round_stream};
pub use routes::{resume_from, stream, survey_board_markup};
