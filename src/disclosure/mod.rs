//! Disclosure control: small groups are hidden as "fewer than N" (with secondary suppression)
//! in breakdowns and aggregate exports, and free text shown outside the single-response view
//! has email addresses, phone numbers, postcodes and detectable names removed.

pub mod model;
pub mod redact;

pub use model::{DEFAULT_MIN_GROUP, MinGroup, Shown, Suppression, suppress};
pub use redact::redact;
