//! Black-box tests: the real server on port 0, a fresh database each, real HTTP.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[allow(dead_code, reason = "shared helpers; not every branch uses every one")]
mod helpers;
mod smtp;

mod accounts;
mod admin;
mod api;
mod builder;
mod cli;
mod coding;
mod csv;
mod foundation;
mod mail;
mod process;
mod projects;
mod receipts;
mod results;
mod runner;
mod runner_fixtures;
mod runner_storage;
mod runner_validation;
mod security;
mod submitter;
mod themes;
