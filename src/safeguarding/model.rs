//! Pure safeguarding rules: which answers are scanned, what a flag looks like on the list and
//! its own page, the audit trail's words, and whether an answer is withheld from shared views.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use crate::projects::ProjectId;
use crate::safeguarding::review::Outcome;
use crate::safeguarding::scanner::{Flag, Scanner};
use crate::surveys::{AnswerValue, QuestionId};

/// A safeguarding flag's database id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FlagId(pub i64);

/// The words people type themselves: free text and the text of an "Other" choice. Choices,
/// yes/no and numbers are never scanned (they are words the steward wrote).
pub fn typed_text(value: &AnswerValue) -> Option<&str> {
    match value {
        AnswerValue::Text(t) if !matches!(t.as_str(), "yes" | "no") => Some(t),
        AnswerValue::Other(t) => Some(t),
        _ => None,
    }
}

/// Scans every typed answer of a submission; returns the answers that matched.
pub fn scan_answers(
    scanner: &Scanner,
    answers: &[(QuestionId, AnswerValue)],
) -> Vec<(QuestionId, Flag)> {
    answers
        .iter()
        .filter_map(|(q, v)| {
            let text = typed_text(v)?;
            scanner.scan(text).map(|flag| (*q, flag))
        })
        .collect()
}

/// The path of a project's safeguarding list page.
pub fn review_path(project: ProjectId) -> String {
    format!("/projects/{}/safeguarding", project.0)
}

/// The path of one flag's page.
pub fn flag_path(project: ProjectId, flag: FlagId) -> String {
    format!("/projects/{}/safeguarding/{}", project.0, flag.0)
}

/// A category's name as people read it.
pub fn category_label(category: &str) -> String {
    match category {
        "self_harm_suicide" => "Self-harm or suicide".into(),
        "physical_abuse" => "Physical abuse".into(),
        "sexual_abuse" => "Sexual abuse".into(),
        "neglect" => "Neglect".into(),
        "feeling_unsafe" => "Feeling unsafe".into(),
        "exploitation" => "Exploitation".into(),
        "emotional_abuse" => "Emotional abuse".into(),
        "severe_bullying" => "Severe bullying".into(),
        "domestic_abuse" => "Domestic abuse".into(),
        "young_carer" => "Young carer".into(),
        "running_away" => "Running away or going missing".into(),
        other => other.replace('_', " "),
    }
}

/// One flag as the list and the CSV show it: never the answer text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlagSummary {
    pub id: FlagId,
    pub survey_title: String,
    pub category: String,
    /// The rule or phrase that matched.
    pub phrase: String,
    pub flagged_at: DateTime<Utc>,
    /// The latest review's outcome; `None` while it waits for a review.
    pub outcome: Option<Outcome>,
    /// The latest review: who (name) and when.
    pub reviewed: Option<(String, DateTime<Utc>)>,
    /// When the person who wrote the answer deleted it.
    pub answer_deleted_at: Option<DateTime<Utc>>,
}

/// One question of the flagged response, in order, for the flag page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContextRow {
    pub prompt: String,
    pub answer: String,
    /// The flagged answer.
    pub flagged: bool,
}

/// A flag with its answer in context (the whole response) and its audit trail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlagDetail {
    pub summary: FlagSummary,
    /// Every question and answer of the response; empty once it was deleted.
    pub context: Vec<ContextRow>,
    pub audit: Vec<AuditEntry>,
}

/// One line of the audit trail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    pub flag: FlagId,
    /// The reviewer's name, or `None` when the person who wrote the answer acted.
    pub by: Option<String>,
    pub action: String,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

/// The audit action recorded when the respondent deletes a flagged answer.
pub const ANSWER_DELETED: &str = "answer_deleted";

/// What an audit action says, in words.
pub fn audit_label(action: &str) -> String {
    match (action, Outcome::parse(action)) {
        (ANSWER_DELETED, _) => "Answer deleted by the person who wrote it".into(),
        ("reviewed", _) => "Marked as reviewed".into(),
        (_, Some(outcome)) => outcome.label().into(),
        (other, None) => other.replace('_', " "),
    }
}

/// Whether an answer must stay out of quotes, newest-responses text, theme exports and live
/// boards: it has a safeguarding flag whose outcome is not "no concern". `withheld` comes from
/// `safeguarding::store::withheld_answer_ids`.
pub fn is_withheld(withheld: &HashSet<i64>, answer_id: i64) -> bool {
    withheld.contains(&answer_id)
}

/// "1 response may contain…" / "3 responses may contain…": the banner's sentence.
pub fn banner_text(responses: u64) -> String {
    if responses == 1 {
        "1 response may contain a safeguarding concern".into()
    } else {
        format!("{responses} responses may contain a safeguarding concern")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_typed_words_are_scanned() {
        let s = Scanner::default();
        let answers = vec![
            (QuestionId(1), AnswerValue::Text("i want to die".into())),
            (QuestionId(2), AnswerValue::Choice("I want to die".into())),
            (QuestionId(3), AnswerValue::Other("he hits me".into())),
            (QuestionId(4), AnswerValue::Number(1)),
            (QuestionId(5), AnswerValue::Text("I died laughing".into())),
        ];
        let hits: Vec<i64> = scan_answers(&s, &answers)
            .iter()
            .map(|(q, _)| q.0)
            .collect();
        assert_eq!(hits, [1, 3]);
    }

    #[test]
    fn withheld_answers_are_those_in_the_set() {
        let set = HashSet::from([3, 5]);
        assert!(is_withheld(&set, 3));
        assert!(!is_withheld(&set, 4));
    }
}
