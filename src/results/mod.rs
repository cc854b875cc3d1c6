//! Results for stewards: how many responded, per-question summaries, the newest responses page
//! by page, the responses CSV (`responses_csv`, written with the generic `crate::export`
//! pieces) and the aggregates. `model` is pure aggregation; `params` holds what the handlers
//! share (the `?bom=` query, the smallest group shown). Other capabilities use the `pub use`
//! items below, never `results::routes` or `results::aggregate_routes`.

pub mod aggregate_routes;
pub mod aggregate_store;
mod aggregate_views;
pub mod breakdown;
pub mod csv;
pub mod model;
mod params;
mod responses_csv;
pub mod routes;
pub mod store;
mod views;

pub use breakdown::MODES;
pub use model::{OptionCount, QuestionSummary, ResponseRow, Summary};
pub use params::{CsvQuery, min_group};
pub use responses_csv::{FLAG_COLUMN, csv_response};
pub use views::summary as summary_section;
