//! Themes: coding free-text answers into themes. `engine` is the pure text engine (codebook
//! matching, the learned coder, suggestions, safeguarding scan, redaction).

pub mod engine;
