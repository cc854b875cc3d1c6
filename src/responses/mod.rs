//! Responses: answering a survey (the public runner), storing every answer durably through the
//! group-commit [`Submitter`], receipts and erasure, and the limits that keep it fair.

pub mod draft;
pub mod intake;
pub mod limits;
pub mod look;
pub mod model;
pub mod pairs;
pub mod preview;
pub mod receipts;
pub mod resume;
mod resume_views;
pub mod routes;
mod runner;
pub mod steps;
pub mod store;
pub mod submit;
pub mod tally;
mod views;

pub use intake::{Intake, Refused, accept};
pub use limits::RateLimiter;
pub use model::{
    Channel, Invalid, Mode, Receipt, ResponseId, Sent, StoredResponse, Submission, SubmissionId,
    validate_submission,
};
pub use submit::{SubmitError, Submitted, Submitter};
