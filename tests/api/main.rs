//! Black-box tests: the real server on port 0, a fresh database each, real HTTP.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod helpers;

mod accounts;
mod builder;
mod foundation;
mod projects;
mod receipts;
mod runner;
mod runner_fixtures;
mod runner_storage;
mod runner_validation;
mod submitter;
