//! Live events: a new response is announced to every board watching its survey or project, on
//! this instance (in-process broadcast) and, on PostgreSQL, on every instance (LISTEN/NOTIFY).
//! Events carry ids and times only — never answer text.

pub mod hub;
pub mod model;
pub mod sse;

pub use hub::Hub;
pub use model::LiveEvent;
