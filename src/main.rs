//! The `chorus` binary: parse the command line and hand over to the library.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    chorus::cli::main().await
}
