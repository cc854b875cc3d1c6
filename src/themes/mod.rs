//! Themes: coding free-text answers into themes. `engine` is the pure text engine (codebook
//! matching, the learned coder, suggestions); `model` holds the pure rules (steward decisions
//! always win); `auto` runs the engine over many answers; `jobs` is the debounced background
//! worker; `store`, `routes` and `views` are the theme pages (list, create, edit, merge,
//! retire, restore, suggestions). Three sub-rooms: `coding` (the coding page and the queue of
//! learned suggestions), `stats` (each theme's figures, with small groups suppressed and quotes
//! redacted there and nowhere else) and `export` (the CSV and XLSX downloads).

pub mod auto;
pub mod auto_store;
pub mod coding;
pub mod confirm_views;
pub mod engine;
pub mod export;
pub mod jobs;
pub mod merge_routes;
pub mod merge_store;
pub mod model;
pub mod read_views;
pub mod routes;
pub mod stats;
pub mod store;
pub mod views;

pub use export::EXPORTS_AT_ONCE;
pub use jobs::ThemeJobs;
pub use stats::in_force::in_force_codings;
