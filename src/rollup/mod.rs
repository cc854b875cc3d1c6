//! Learning cycles at five scales: a project sits inside a wider one (team → organisation →
//! place → region), and a project's "learning across" page rolls up, from every project inside
//! it, the themes (matched by name, counted together, small numbers hidden after adding up),
//! the experiments by where they are, and the decisions. No answer is ever shown there.

pub mod model;
pub mod routes;
pub mod store;
mod views;
