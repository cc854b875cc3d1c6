//! The audit log: every change a steward or administrator makes, and every export they
//! download, appended with who, when, what and the object, each entry chained to the one before
//! by a SHA-256 hash (`chorus audit verify` walks the chain). Recorded by one layer around
//! every route (`record.rs`), never by handlers; read by administrators at `/admin/audit`,
//! its CSV and `GET /api/v1/audit`. Nothing here updates or deletes an entry.

pub mod csv;
pub mod filter;
pub mod model;
pub mod record;
pub mod routes;
pub mod rule;
pub mod store;
pub mod verify;
mod views;

pub use filter::{Filter, RawFilter};
pub use model::{Break, Entry, Fields};
pub use record::record;
pub use store::Shown;
pub use verify::{Verdict, verify};
