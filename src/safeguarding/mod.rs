//! Safeguarding: every typed answer is scanned when it is submitted (inside the Submitter's
//! transaction). A match stores a `safeguarding_flag`, queues an alert to the project's
//! safeguarding lead and its backup address (never with the answer text), shows a banner to
//! those who may review, and keeps the answer out of quotes, newest-responses text, theme
//! exports and live boards unless a review finds "no concern".
//!
//! The lead is a person who can act: the person at a project's lead address is a member with
//! the "safeguarding lead" role, invited by email when they have no account (`leads`). Flags
//! are listed (filters by status and age, a CSV log without answer text) and reviewed one by
//! one on `/projects/{id}/safeguarding/{flag}` with three outcomes, each audited; an
//! escalation, and a flag left unreviewed past the project's review time (`alerts`, run by
//! the notifications task), alert the backup address and the admins. When a respondent
//! deletes a flagged answer, the text goes but the flag and its trail stay
//! (`store::answers_deleted`).
//!
//! A learned second opinion ([`SecondOpinion`], trained on `data/examples.csv`) can add a flag
//! when the rules find nothing; it never removes a rule flag.
//!
//! For other capabilities: [`withheld_answer_ids`], [`is_withheld`], [`leads::appoint`],
//! [`leads::can_review`], [`store::answers_deleted`] and [`alerts::send_overdue_reminders`].

mod about;
pub mod alerts;
pub mod flag_views;
pub mod leads;
pub mod learned;
pub mod log_csv;
pub mod messages;
pub mod model;
mod normalise;
pub mod outcome;
pub mod review;
pub mod review_store;
pub mod rounds;
pub mod routes;
pub mod scanner;
pub mod settings;
pub mod store;
pub mod views;

pub use learned::{LearnedFlag, SecondOpinion};
pub use model::{FlagId, is_withheld};
pub use outcome::was_flagged;
pub use rounds::{RoundComment, flag_round_comment, withheld_round_comments};
pub use scanner::{DEFAULT_LEXICON, DEFAULT_PHRASES, DEFAULT_RULES, Flag, Scanner, scan_csv};
pub use store::withheld_answer_ids;
pub use views::{banner, project_link};
