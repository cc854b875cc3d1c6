//! Coding answers into themes: the steward's coding page (`routes`, `views`), the queries on
//! text answers and their codings (`store`) and the steward's decisions and the queue of
//! learned suggestions (`decisions`), and what a coding copies from its answer (`facts`).

pub mod decisions;
pub mod facts;
pub mod routes;
pub mod store;
pub mod views;
