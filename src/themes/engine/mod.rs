//! The text engine: normalisation, codebooks, a multi-label theme coder, metrics,
//! evaluation, a safeguarding scanner, theme suggestions and redaction. Pure Rust, no I/O
//! beyond what callers pass in, no global state (ported from the `chorus_text` lab crate).

pub mod codebook;
pub mod coder;
mod decision;
pub mod eval;
pub mod features;
pub mod linear;
pub mod metrics;
mod ovr;
pub mod redact;
pub mod rng;
pub mod safeguarding;
pub mod stack;
pub mod suggest;
pub mod text;

#[cfg(test)]
mod tests;

pub use codebook::Codebook;
pub use coder::{Coder, CoderConfig, MemberConfig, TrainingExample};
pub use eval::{EvalError, EvalReport, run_eval};
pub use metrics::{MultiLabelScores, score};
pub use redact::redact;
pub use safeguarding::{Flag, Scanner, scan_csv};
pub use suggest::{SuggestConfig, ThemeSuggestion, suggest_themes};
