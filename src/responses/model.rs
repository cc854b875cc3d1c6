//! Pure response types: how and where a response came in, receipt and resume codes, what is
//! submitted and the one check every submission passes (see [`submission`]), and answers kept
//! between pages (see [`draft`]).

use chrono::{DateTime, Utc};
use rand::Rng;

use crate::accounts::StewardId;
use crate::string_enum;
use crate::surveys::{AnswerValue, Question, QuestionId, SurveyId};

pub mod draft;
pub mod submission;

pub use draft::{Draft, DraftAnswer, first_gap};
pub use submission::{Invalid, Sent, StoredAnswer, Submission, validate_submission};

string_enum! {
    /// Who filled the survey in.
    Mode {
        /// The respondent themselves.
        SelfCompleted = "self",
        /// Someone helped them.
        Assisted = "assisted",
        /// Typed in from a paper copy.
        Paper = "paper",
    }
}

string_enum! {
    /// How the respondent arrived.
    Channel {
        Link = "link",
        Qr = "qr",
        Email = "email",
        Kiosk = "kiosk",
    }
}

/// Letters and digits that cannot be mistaken for each other (no 0/O, 1/I/L).
const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// A receipt code such as `7KQ-M4P-2XD`: 9 symbols from 31 (about 44 bits), shown in three groups.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Receipt(String);

impl Receipt {
    /// A new random receipt.
    pub fn generate() -> Receipt {
        let mut rng = rand::rng();
        let symbols: String = (0..9)
            .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
            .collect();
        Receipt(format!(
            "{}-{}-{}",
            &symbols[0..3],
            &symbols[3..6],
            &symbols[6..9]
        ))
    }

    /// Reads a receipt as a person might type it: any case, with or without dashes or spaces.
    pub fn parse(text: &str) -> Option<Receipt> {
        let symbols: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if symbols.len() != 9 || !symbols.bytes().all(|b| ALPHABET.contains(&b)) {
            return None;
        }
        Some(Receipt(format!(
            "{}-{}-{}",
            &symbols[0..3],
            &symbols[3..6],
            &symbols[6..9]
        )))
    }

    /// The code, with dashes.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A code that brings back saved answers, like `RSM-7KQ2-M9XD`: easy to copy down, 40 random
/// bits, and only its hash is stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResumeCode(String);

impl ResumeCode {
    /// A new random code.
    pub fn generate() -> ResumeCode {
        let mut rng = rand::rng();
        let symbols: String = (0..8)
            .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
            .collect();
        ResumeCode(format!("RSM-{}-{}", &symbols[0..4], &symbols[4..8]))
    }

    /// Reads a code as a person might type it: any case, with or without `RSM`, dashes or spaces.
    pub fn parse(text: &str) -> Option<ResumeCode> {
        let mut symbols: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if symbols.len() == 11 && symbols.starts_with("RSM") {
            symbols.drain(..3);
        }
        if symbols.len() != 8 || !symbols.bytes().all(|b| ALPHABET.contains(&b)) {
            return None;
        }
        Some(ResumeCode(format!(
            "RSM-{}-{}",
            &symbols[0..4],
            &symbols[4..8]
        )))
    }

    /// The code, with dashes.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The id a form or API client chooses once per submission, for idempotent retries: a random
/// (version 4) UUID, kept in its lower-case hyphenated form. The same id stores one response
/// with one receipt. Only random ids are taken, so an id cannot be guessed from another (a
/// re-send with the same id and the same answers gets the receipt again).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SubmissionId(String);

impl SubmissionId {
    /// A new random id (a form that arrived without one, a new draft).
    pub fn generate() -> SubmissionId {
        SubmissionId(uuid::Uuid::new_v4().hyphenated().to_string())
    }

    /// The id an API client sent, if it is a random (version 4) UUID; the all-zero UUID, a
    /// time-based or a name-based one is refused.
    pub fn from_uuid(id: uuid::Uuid) -> Option<SubmissionId> {
        let random = id.get_version() == Some(uuid::Version::Random)
            && id.get_variant() == uuid::Variant::RFC4122;
        random.then(|| SubmissionId(id.hyphenated().to_string()))
    }

    /// Reads an id as a form carries it: a random UUID in any of its usual spellings.
    pub fn parse(text: &str) -> Option<SubmissionId> {
        uuid::Uuid::parse_str(text.trim())
            .ok()
            .and_then(SubmissionId::from_uuid)
    }

    /// The id as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A response's database id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct ResponseId(pub i64);

/// A stored response with its answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredResponse {
    pub id: ResponseId,
    pub survey_id: SurveyId,
    pub receipt: Receipt,
    pub submitted_at: DateTime<Utc>,
    pub mode: Mode,
    pub channel: Channel,
    pub context: Option<String>,
    pub steward_id: Option<StewardId>,
    /// Answers in question order.
    pub answers: Vec<(QuestionId, AnswerValue)>,
}

impl StoredResponse {
    /// Every question with its answer as people read it, in order: answered questions, and
    /// unanswered ones that are still asked ("Not answered").
    pub fn rows(&self, questions: &[Question]) -> Vec<(QuestionId, String, String)> {
        questions
            .iter()
            .filter_map(|q| {
                let answer = self.answers.iter().find(|(id, _)| *id == q.id);
                match answer {
                    Some((_, v)) => Some((q.id, q.def.prompt.clone(), v.display(q.def.kind))),
                    None if !q.archived => {
                        Some((q.id, q.def.prompt.clone(), "Not answered".into()))
                    }
                    None => None,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resume_codes_read_back_however_they_are_typed() {
        let code = ResumeCode::generate();
        assert!(code.as_str().starts_with("RSM-") && code.as_str().len() == 13);
        let typed = code.as_str().to_lowercase().replace('-', " ");
        assert_eq!(ResumeCode::parse(&typed), Some(code.clone()));
        assert_eq!(ResumeCode::parse(&code.as_str()[4..]), Some(code));
        assert_eq!(ResumeCode::parse("RSM-0000-0000"), None);
        assert_eq!(ResumeCode::parse("RSM-ABCD"), None);
    }

    #[test]
    fn submission_ids_are_uuids_kept_lower_case_and_hyphenated() {
        let id = SubmissionId::parse(" 67E55044-10B1-426F-9247-BB680E5FE0C8 ").unwrap();
        assert_eq!(id.as_str(), "67e55044-10b1-426f-9247-bb680e5fe0c8");
        assert_eq!(
            SubmissionId::parse("67e5504410b1426f9247bb680e5fe0c8"),
            Some(id)
        );
        assert_eq!(SubmissionId::parse("fixture"), None);
        assert_ne!(SubmissionId::generate(), SubmissionId::generate());
    }

    #[test]
    fn only_random_uuids_are_taken_as_submission_ids() {
        for refused in [
            "00000000-0000-0000-0000-000000000000",
            "ffffffff-ffff-ffff-ffff-ffffffffffff",
            // Time-based (version 1) and name-based (version 5).
            "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
            "886313e1-3b8a-5372-9b90-0c9aee199e5d",
            // Version 4 digits with a variant that is not RFC 4122's.
            "67e55044-10b1-426f-c247-bb680e5fe0c8",
        ] {
            assert_eq!(SubmissionId::parse(refused), None, "{refused}");
        }
        let random = uuid::Uuid::new_v4();
        assert!(SubmissionId::from_uuid(random).is_some());
        assert!(SubmissionId::parse(SubmissionId::generate().as_str()).is_some());
    }

    #[test]
    fn receipts_are_three_groups_of_three_and_parse_forgivingly() {
        let r = Receipt::generate();
        assert_eq!(r.as_str().len(), 11);
        let typed = r.as_str().to_lowercase().replace('-', " ");
        assert_eq!(Receipt::parse(&typed).unwrap(), r);
        assert!(Receipt::parse("ABC").is_none());
        assert!(Receipt::parse("000-000-000").is_none());
    }
}
