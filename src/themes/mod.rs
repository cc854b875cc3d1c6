//! Themes: coding free-text answers into themes. `engine` is the pure text engine (codebook
//! matching, the learned coder, suggestions, safeguarding scan, redaction); `model` holds the
//! pure rules (steward decisions always win); `auto` runs the engine over many answers; `jobs`
//! is the debounced background worker; `store`/`coding_store` the queries; `routes`,
//! `coding_routes`, `views` and `coding_views` the steward pages; `stats` the pure figures of
//! each theme, and `export*` and `xlsx` the CSV and XLSX downloads.

pub mod auto;
pub mod auto_store;
pub mod coding_routes;
pub mod coding_store;
pub mod coding_views;
pub mod engine;
pub mod export;
pub mod export_routes;
pub mod export_store;
pub mod export_stream;
pub mod jobs;
pub mod model;
pub mod routes;
pub mod stats;
pub mod stats_views;
pub mod store;
pub mod views;
pub mod xlsx;

pub use jobs::ThemeJobs;
