//! Results for stewards: how many responded, per-question summaries, the newest responses page
//! by page, and links to the CSV export. `model` is pure aggregation.

pub mod aggregate_routes;
pub mod aggregate_store;
mod aggregate_views;
pub mod breakdown;
pub mod csv;
pub mod model;
pub mod routes;
pub mod store;
mod views;

pub use model::{OptionCount, QuestionSummary, ResponseRow, Summary};
pub use routes::CsvQuery;
pub use views::summary as summary_section;
