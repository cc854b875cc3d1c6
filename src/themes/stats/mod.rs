//! Each theme's figures: pure counting (`model`), the queries that feed it page by page
//! (`store`), what may be shown of them (`disclosed`: small groups suppressed, quotes and
//! answer texts redacted, responses pseudonymised — applied here, never in views or exports)
//! and the figures section of a theme's page (`views`).

pub mod disclosed;
pub mod in_force;
pub mod model;
pub mod store;
pub mod views;
