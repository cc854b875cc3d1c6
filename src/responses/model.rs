//! Pure response types: how and where a response came in, receipt codes, what is submitted,
//! and the one check every submission passes before it is queued for storage.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use rand::Rng;

use crate::accounts::StewardId;
use crate::fields::FieldErrors;
use crate::string_enum;
use crate::surveys::{AnswerValue, Question, QuestionId, RawAnswer, Survey, SurveyId};

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

/// A response's database id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct ResponseId(pub i64);

/// A validated response, ready to be stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submission {
    /// The survey answered.
    pub survey_id: SurveyId,
    /// The idempotency token the form (or API client) sent: the same token stores one response.
    pub submission_id: String,
    /// Valid answers, one per answered question.
    pub answers: Vec<(QuestionId, AnswerValue)>,
    /// Who filled it in.
    pub mode: Mode,
    /// How they arrived.
    pub channel: Channel,
    /// Feedback forms: the context chosen, if any.
    pub context: Option<String>,
    /// Feedback forms that are not anonymous: the practitioner who gave it. Otherwise never.
    pub steward_id: Option<StewardId>,
    /// Surveys that are not anonymous: the link token of the invitation that brought the
    /// respondent, linked to the response in the same transaction. Otherwise never.
    pub invitation: Option<String>,
}

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

/// Reads a submission token: a UUID, kept in its lower-case hyphenated form.
pub fn parse_submission_id(text: &str) -> Option<String> {
    uuid::Uuid::parse_str(text.trim())
        .ok()
        .map(|u| u.hyphenated().to_string())
}

/// Checks every answer of a submission against the survey's current (not archived) questions.
/// Unknown keys are rejected. Errors are keyed by question key, in question order.
pub fn validate_submission(
    survey: &Survey,
    questions: &[Question],
    answers: &BTreeMap<String, RawAnswer>,
) -> Result<Vec<(QuestionId, AnswerValue)>, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut valid = Vec::new();
    let asked: Vec<&Question> = questions.iter().filter(|q| !q.archived).collect();
    let known: BTreeSet<&str> = asked.iter().map(|q| q.def.key.as_str()).collect();
    let empty = RawAnswer::default();
    for q in &asked {
        let raw = answers.get(q.def.key.as_str()).unwrap_or(&empty);
        match q.def.parse_answer(raw) {
            Ok(Some(value)) => valid.push((q.id, value)),
            Ok(None) => {}
            Err(message) => errors.add(q.def.key.as_str(), message),
        }
    }
    for key in answers.keys() {
        if !known.contains(key.as_str()) {
            errors.add(
                key.as_str(),
                format!("There is no question \"{key}\" in {}", survey.title),
            );
        }
    }
    if errors.is_empty() {
        Ok(valid)
    } else {
        Err(errors)
    }
}

/// Checks a feedback form's context choice: one of the survey's options, or nothing.
pub fn validate_context(survey: &Survey, chosen: Option<&str>) -> Result<Option<String>, String> {
    match chosen.map(str::trim).filter(|c| !c.is_empty()) {
        None => Ok(None),
        Some(c) => survey
            .context_options
            .iter()
            .find(|o| o.as_str() == c)
            .map(|o| Some(o.clone()))
            .ok_or_else(|| "Select one of the places shown".to_owned()),
    }
}

/// One answer kept while a person moves between pages (what they sent, not yet validated).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DraftAnswer {
    /// Field values.
    #[serde(default)]
    pub values: Vec<String>,
    /// "Other" text.
    #[serde(default)]
    pub other: Option<String>,
}

impl From<&RawAnswer> for DraftAnswer {
    fn from(raw: &RawAnswer) -> Self {
        DraftAnswer {
            values: raw.values.clone(),
            other: raw.other.clone(),
        }
    }
}

impl From<&DraftAnswer> for RawAnswer {
    fn from(d: &DraftAnswer) -> Self {
        RawAnswer {
            values: d.values.clone(),
            other: d.other.clone(),
        }
    }
}

/// In-progress answers for one survey in one browser.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Draft {
    /// Answers by question key.
    #[serde(default)]
    pub answers: BTreeMap<String, DraftAnswer>,
    /// How the person arrived.
    #[serde(default)]
    pub channel: Option<Channel>,
    /// Who is filling it in.
    #[serde(default)]
    pub mode: Option<Mode>,
    /// The idempotency token used when the draft is submitted.
    #[serde(default)]
    pub submission_id: String,
    /// The hash of the resume code these answers were last saved under, deleted on submit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resume_hash: Option<String>,
}

impl Draft {
    /// A fresh draft with a new submission token.
    pub fn new(channel: Channel, mode: Mode) -> Draft {
        Draft {
            answers: BTreeMap::new(),
            channel: Some(channel),
            mode: Some(mode),
            submission_id: uuid::Uuid::new_v4().hyphenated().to_string(),
            resume_hash: None,
        }
    }

    /// The answers as raw answers, by key.
    pub fn raw_answers(&self) -> BTreeMap<String, RawAnswer> {
        self.answers
            .iter()
            .map(|(k, v)| (k.clone(), RawAnswer::from(v)))
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
    fn receipts_are_three_groups_of_three_and_parse_forgivingly() {
        let r = Receipt::generate();
        assert_eq!(r.as_str().len(), 11);
        let typed = r.as_str().to_lowercase().replace('-', " ");
        assert_eq!(Receipt::parse(&typed).unwrap(), r);
        assert!(Receipt::parse("ABC").is_none());
        assert!(Receipt::parse("000-000-000").is_none());
    }
}
