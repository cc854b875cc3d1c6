//! Responses: answering a survey (the public runner), storing every answer durably through the
//! group-commit [`Submitter`], receipts and erasure, and the limits that keep it fair.

pub mod draft;
pub mod limits;
pub mod look;
pub mod model;
pub mod pairs;
pub mod preview;
pub mod receipts;
pub mod resume;
mod resume_views;
pub mod routes;
pub mod steps;
pub mod store;
pub mod submit;
mod views;

pub use limits::RateLimiter;
pub use model::{
    Channel, Mode, Receipt, ResponseId, StoredResponse, Submission, validate_context,
    validate_submission,
};
pub use submit::{SubmitError, Submitted, Submitter};
