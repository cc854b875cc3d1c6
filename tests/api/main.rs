//! Black-box tests: the real server on port 0, a fresh database each, real HTTP.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod helpers;

mod accounts;
mod admin;
mod cli;
mod foundation;
mod process;
mod security;
