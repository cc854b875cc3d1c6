//! Engine tests on the shipped data (moved from the `chorus_text` crate's integration tests).

mod codebook;
mod coder;
mod suggest;
