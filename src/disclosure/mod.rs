//! Disclosure control: small groups are hidden as "fewer than N" (with secondary suppression,
//! which reads "hidden (small numbers)")
//! in breakdowns and aggregate exports, and free text shown outside the single-response view
//! has email addresses, phone numbers, postcodes and detectable names removed.

pub mod model;
pub mod redact;

pub use model::{DEFAULT_MIN_GROUP, MinGroup, Shown, Suppression, Why, suppress};
pub use redact::redact;
