//! Responses: answering a survey, storing every answer durably, receipts and erasure.

pub mod model;

pub use model::{Channel, Mode, Receipt};
