//! What is submitted, and the one check every submission passes before it is queued for
//! storage, whichever way it came in (the single-page form, check your answers, the JSON API).

use std::collections::{BTreeMap, BTreeSet};

use crate::accounts::StewardId;
use crate::fields::FieldErrors;
use crate::responses::model::{Channel, Mode, SubmissionId};
use crate::surveys::{AnswerValue, Question, QuestionId, RawAnswer, Survey, SurveyId, SurveyKind};

/// A submission as read from a form, a draft or a JSON body, before it is checked.
#[derive(Clone, Debug)]
pub struct Sent {
    /// The client's id for this submission.
    pub id: SubmissionId,
    /// Answers by question key, as sent.
    pub answers: BTreeMap<String, RawAnswer>,
    /// Answers that could not be read at all (a JSON value of the wrong shape), by key.
    pub unreadable: FieldErrors,
    /// Who filled it in; `None` when what was sent is not one of the modes.
    pub mode: Option<Mode>,
    /// How they arrived; `None` when what was sent is not one of the channels.
    pub channel: Option<Channel>,
    /// Feedback forms: the context chosen, as sent.
    pub context: Option<String>,
    /// The practitioner signed in while sending, if any (kept only on feedback forms that are
    /// not anonymous).
    pub steward_id: Option<StewardId>,
    /// The invitation link token that brought the respondent, on surveys that are not anonymous.
    pub invitation: Option<String>,
}

impl Sent {
    /// A submission with these answers and nothing else: sent by link, self-completed.
    pub fn new(id: SubmissionId, answers: BTreeMap<String, RawAnswer>) -> Sent {
        Sent {
            id,
            answers,
            unreadable: FieldErrors::new(),
            mode: Some(Mode::SelfCompleted),
            channel: Some(Channel::Link),
            context: None,
            steward_id: None,
            invitation: None,
        }
    }
}

/// Why a submission cannot be accepted as sent: messages for the answers by question key, and
/// whether the context, mode or channel was not one allowed (the form and the API each say so
/// in their own words).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Invalid {
    /// Messages by question key (or by the unknown key sent), in question order.
    pub answers: FieldErrors,
    /// The context is not one of the survey's options.
    pub context: bool,
    /// The mode is not one of the modes.
    pub mode: bool,
    /// The channel is not one of the channels.
    pub channel: bool,
}

/// A validated response, ready to be stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submission {
    /// The survey answered.
    pub survey_id: SurveyId,
    /// The idempotency token the form (or API client) sent: the same token stores one response.
    pub submission_id: SubmissionId,
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

impl Submission {
    /// Checks what was sent against the survey and its current questions: every answer by key
    /// (unknown keys refused), the mode, the channel and the context. Who gave feedback is kept
    /// only on feedback forms that are not anonymous.
    pub fn parse(
        survey: &Survey,
        questions: &[Question],
        sent: &Sent,
    ) -> Result<Submission, Invalid> {
        let mut invalid = Invalid {
            answers: sent.unreadable.clone(),
            mode: sent.mode.is_none(),
            channel: sent.channel.is_none(),
            ..Invalid::default()
        };
        let answers = validate_submission(survey, questions, &sent.answers)
            .map_err(|found| {
                for (key, message) in found.iter() {
                    invalid.answers.add(key, message);
                }
            })
            .unwrap_or_default();
        let context = validate_context(survey, sent.context.as_deref())
            .map_err(|_| invalid.context = true)
            .ok()
            .flatten();
        let steward_id = sent
            .steward_id
            .filter(|_| survey.kind == SurveyKind::Feedback && !survey.anonymous);
        match (sent.mode, sent.channel) {
            (Some(mode), Some(channel)) if invalid == Invalid::default() => Ok(Submission {
                survey_id: survey.id,
                submission_id: sent.id.clone(),
                answers,
                mode,
                channel,
                context,
                steward_id,
                invitation: sent.invitation.clone(),
            }),
            _ => Err(invalid),
        }
    }

    /// The answers as they are stored (question, number, text, choices), in question order: a
    /// re-send under the same id gets its receipt again only when these are the same.
    pub fn stored_form(&self) -> Vec<StoredAnswer> {
        let mut out: Vec<StoredAnswer> = self
            .answers
            .iter()
            .map(|(q, value)| {
                let (number, text, choices) = value.to_columns();
                (q.0, number, text, choices)
            })
            .collect();
        out.sort();
        out
    }
}

/// One stored answer's columns: question, number, text, choices.
pub type StoredAnswer = (i64, Option<i32>, Option<String>, Option<String>);

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
fn validate_context(survey: &Survey, chosen: Option<&str>) -> Result<Option<String>, ()> {
    match chosen.map(str::trim).filter(|c| !c.is_empty()) {
        None => Ok(None),
        Some(c) => survey
            .context_options
            .iter()
            .find(|o| o.as_str() == c)
            .map(|o| Some(o.clone()))
            .ok_or(()),
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::projects::ProjectId;
    use crate::surveys::{Audience, Layout, QuestionDef, QuestionKey, QuestionKind, Status};

    fn feedback(anonymous: bool) -> Survey {
        Survey {
            id: SurveyId(1),
            project_id: ProjectId(1),
            slug: "abc".into(),
            kind: SurveyKind::Feedback,
            title: "After the visit".into(),
            audience: Audience::Practitioners,
            intro: String::new(),
            privacy_notice: String::new(),
            status: Status::Open,
            opens_at: None,
            closes_at: None,
            layout: Layout::SinglePage,
            anonymous,
            sensitive: false,
            context_prompt: Some("Where was this?".into()),
            context_options: vec!["At home".into()],
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    fn scale(id: i64, key: &str, required: bool) -> Question {
        Question {
            id: QuestionId(id),
            position: 0,
            archived: false,
            def: QuestionDef {
                key: QuestionKey::parse(key).unwrap(),
                kind: QuestionKind::Scale,
                prompt: "How much?".into(),
                hint: String::new(),
                easy_read: String::new(),
                required,
                options: vec!["Not at all".into(), "Very much".into()],
                allow_other: false,
                allow_none: false,
            },
        }
    }

    fn sent(answers: &[(&str, &str)]) -> Sent {
        let answers = answers
            .iter()
            .map(|(k, v)| ((*k).to_owned(), RawAnswer::one(*v)))
            .collect();
        Sent::new(SubmissionId::generate(), answers)
    }

    #[test]
    fn a_good_submission_keeps_its_answers_id_and_context() {
        let survey = feedback(true);
        let questions = [scale(7, "much", true), scale(8, "later", false)];
        let sent = Sent {
            context: Some(" At home ".into()),
            steward_id: Some(StewardId(3)),
            ..sent(&[("much", "4")])
        };
        let s = Submission::parse(&survey, &questions, &sent).unwrap();
        assert_eq!(s.answers, vec![(QuestionId(7), AnswerValue::Number(4))]);
        assert_eq!(s.submission_id, sent.id);
        assert_eq!(s.context.as_deref(), Some("At home"));
        // Anonymous: who sent it is never kept.
        assert_eq!(s.steward_id, None);
        let named = Submission::parse(&feedback(false), &questions, &sent).unwrap();
        assert_eq!(named.steward_id, Some(StewardId(3)));
    }

    #[test]
    fn everything_wrong_is_reported_at_once() {
        let survey = feedback(true);
        let questions = [scale(7, "much", true)];
        let mut unreadable = FieldErrors::new();
        unreadable.add("much", "Send a number");
        let sent = Sent {
            unreadable,
            mode: None,
            channel: None,
            context: Some("Elsewhere".into()),
            ..sent(&[("nope", "1")])
        };
        let invalid = Submission::parse(&survey, &questions, &sent).unwrap_err();
        // The answer that could not be read keeps its own message, not "required".
        assert_eq!(invalid.answers.get("much"), Some("Send a number"));
        assert!(invalid.answers.get("nope").is_some());
        assert!(invalid.mode && invalid.channel && invalid.context);
        let only_answers = Submission::parse(&survey, &questions, &self::sent(&[])).unwrap_err();
        assert!(only_answers.answers.get("much").is_some());
        assert!(!(only_answers.mode || only_answers.channel || only_answers.context));
    }
}
