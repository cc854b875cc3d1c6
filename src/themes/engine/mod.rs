//! The text engine: codebooks, a multi-label theme coder, metrics, evaluation and theme
//! suggestions (normalisation lives in `crate::text`, shared with the safeguarding scanner in
//! `crate::safeguarding`; redaction in `crate::disclosure`). Pure Rust, no I/O
//! beyond what callers pass in, no global state (ported from the `chorus_text` lab crate).

pub mod codebook;
pub mod coder;
pub mod config;
mod decision;
pub mod eval;
pub mod features;
pub mod linear;
pub mod metrics;
mod ovr;
pub mod platt;
pub mod rng;
pub mod stack;
pub mod suggest;

#[cfg(test)]
mod tests;

pub use codebook::Codebook;
pub use coder::{Assessment, Coder, TrainingExample};
pub use config::{CoderConfig, MemberConfig};
pub use eval::{EvalError, EvalReport, run_eval};
pub use metrics::{MultiLabelScores, score};
pub use suggest::{SuggestConfig, ThemeSuggestion, suggest_themes};
