//! Coding answers into themes: the steward's coding page (`routes`, `views`), the queries on
//! text answers and their codings (`store`) and the steward's decisions and the queue of
//! learned suggestions (`decisions`).

pub mod decisions;
pub mod routes;
pub mod store;
pub mod views;
