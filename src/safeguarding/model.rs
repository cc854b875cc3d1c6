//! Pure safeguarding rules: which answers are scanned, what the alert to the safeguarding lead
//! says (never any answer text), what a flag looks like on the review page, and whether an
//! answer is withheld from shared views.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use url::Url;

use crate::mail::{Action, Content};
use crate::projects::ProjectId;
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

/// The path of a project's safeguarding review page.
pub fn review_path(project: ProjectId) -> String {
    format!("/projects/{}/safeguarding", project.0)
}

/// The alert to the project's safeguarding lead. It names the questionnaire and the project
/// and links to the review page; it never quotes the answer (see `mail::messages`).
pub fn alert_content(
    base_url: &Url,
    project: ProjectId,
    survey_title: &str,
    project_title: &str,
) -> Content {
    let action = base_url
        .join(review_path(project).trim_start_matches('/'))
        .ok()
        .map(|url| Action {
            label: "Review it in Chorus".into(),
            url,
        });
    Content {
        subject: "A response may contain a safeguarding concern".into(),
        paragraphs: vec![
            format!(
                "A response to {survey_title} in {project_title} may contain a safeguarding concern. Sign in to review it."
            ),
            "You are getting this message because you are the safeguarding lead for this project."
                .into(),
        ],
        action,
        unsubscribe: None,
    }
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

/// One flagged answer as the review page shows it (the only place its full text is shown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlaggedAnswer {
    pub id: FlagId,
    pub response_id: i64,
    pub survey_title: String,
    pub question_prompt: String,
    /// The full answer text.
    pub text: String,
    pub category: String,
    pub phrase: String,
    pub flagged_at: DateTime<Utc>,
    /// Set once a steward has reviewed it: who (name), when, and their note.
    pub review: Option<Review>,
}

/// A completed review.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Review {
    pub by: String,
    pub at: DateTime<Utc>,
    pub note: Option<String>,
}

/// One line of the review audit log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    pub flag: FlagId,
    pub by: String,
    pub action: String,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

/// The audit action recorded when a flag is marked as reviewed.
pub const REVIEWED: &str = "reviewed";

/// Longest review note kept, in characters.
pub const MAX_NOTE: usize = 2000;

/// A review note as typed: trimmed, empty meaning none; too long is an error message.
pub fn parse_note(raw: &str) -> Result<Option<String>, &'static str> {
    let note = raw.trim();
    if note.chars().count() > MAX_NOTE {
        return Err("Note must be 2,000 characters or fewer");
    }
    Ok((!note.is_empty()).then(|| note.to_owned()))
}

/// Whether an answer must stay out of quotes, newest-responses text, theme exports and live
/// boards: it has a safeguarding flag nobody has reviewed yet. `withheld` comes from
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
    #![allow(clippy::unwrap_used)]
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
    fn the_alert_names_the_survey_and_links_to_the_review_page_without_answer_text() {
        let base = Url::parse("https://chorus.example.org/").unwrap();
        let c = alert_content(&base, ProjectId(7), "Youth club", "Family hubs");
        assert_eq!(
            c.paragraphs[0],
            "A response to Youth club in Family hubs may contain a safeguarding concern. Sign in to review it."
        );
        assert_eq!(
            c.action.unwrap().url.as_str(),
            "https://chorus.example.org/projects/7/safeguarding"
        );
    }

    #[test]
    fn notes_are_optional_and_bounded() {
        assert_eq!(parse_note("  "), Ok(None));
        assert_eq!(
            parse_note(" called the lead "),
            Ok(Some("called the lead".into()))
        );
        assert!(parse_note(&"x".repeat(MAX_NOTE + 1)).is_err());
    }

    #[test]
    fn withheld_answers_are_those_in_the_set() {
        let set = HashSet::from([3, 5]);
        assert!(is_withheld(&set, 3));
        assert!(!is_withheld(&set, 4));
    }
}
