//! Safeguarding: every typed answer is scanned when it is submitted (inside the Submitter's
//! transaction). A match stores a `safeguarding_flag`, queues an alert to the project's
//! safeguarding lead (never with the answer text), shows a banner to the project's stewards,
//! and keeps the answer out of quotes, newest-responses text, theme exports and live boards
//! until a steward marks it as reviewed on `/projects/{id}/safeguarding` (audited).
//!
//! A learned second opinion ([`SecondOpinion`], trained on `data/examples.csv`) can add a flag
//! when the rules find nothing; it never removes a rule flag.
//!
//! For other capabilities: [`withheld_answer_ids`] and [`is_withheld`].

pub mod learned;
pub mod model;
mod normalise;
pub mod outcome;
pub mod routes;
pub mod scanner;
pub mod store;
pub mod views;

pub use learned::{LearnedFlag, SecondOpinion};
pub use model::{FlagId, is_withheld};
pub use outcome::was_flagged;
pub use scanner::{DEFAULT_LEXICON, DEFAULT_PHRASES, DEFAULT_RULES, Flag, Scanner, scan_csv};
pub use store::withheld_answer_ids;
