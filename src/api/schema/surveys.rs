//! Survey bodies: the JSON a client sends, mapped into the one survey parser's [`RawSurvey`]
//! (so the API keeps exactly the rules the builder's form keeps), and the survey as the API
//! shows it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::fields::FieldErrors;
use crate::surveys::DEFAULT_PRIVACY_NOTICE;
use crate::surveys::question::QuestionInput;
use crate::surveys::raw::yes_no;
use crate::surveys::{ParsedSurvey, Question, RawDate, RawSurvey, Survey};

/// One question of a survey body.
#[derive(Deserialize, Serialize, ToSchema, Default)]
#[serde(default, deny_unknown_fields)]
pub struct QuestionBody {
    /// Stable key: lower-case letters, digits and `_`; suggested from the prompt when empty.
    pub key: String,
    /// `faces`, `scale`, `rating`, `single_choice`, `multiple_choice`, `yes_no`, `short_text`, `long_text`.
    #[serde(rename = "type")]
    pub kind: String,
    pub prompt: String,
    pub hint: String,
    pub easy_read: String,
    pub required: bool,
    /// Choices, or the two end labels of a scale or rating.
    pub options: Vec<String>,
    pub allow_other: bool,
    pub allow_none: bool,
}

impl From<&QuestionBody> for QuestionInput {
    fn from(q: &QuestionBody) -> QuestionInput {
        QuestionInput {
            key: q.key.clone(),
            kind: q.kind.clone(),
            prompt: q.prompt.clone(),
            hint: q.hint.clone(),
            easy_read: q.easy_read.clone(),
            required: q.required,
            options: q.options.clone(),
            allow_other: q.allow_other,
            allow_none: q.allow_none,
        }
    }
}

/// A survey's settings and questions, for creating or replacing. The same rules as the
/// builder's settings form apply.
#[derive(Deserialize, Serialize, ToSchema, Default)]
#[serde(default, deny_unknown_fields)]
pub struct SurveyBody {
    pub title: String,
    /// `questionnaire` or `feedback`.
    pub kind: String,
    /// `children`, `families`, `practitioners` or `anyone`.
    pub audience: String,
    pub intro: String,
    /// `one_per_page` or `single_page`; chosen from kind and audience when empty.
    pub layout: String,
    /// Omit for the default notice, which follows the audience and anonymity. An empty notice
    /// is refused.
    pub privacy_notice: Option<String>,
    /// Default true. Questionnaires are always anonymous: only feedback forms may send false.
    pub anonymous: Option<bool>,
    /// Default false.
    pub sensitive: Option<bool>,
    pub opens_at: Option<DateTime<Utc>>,
    /// After `opens_at` when both are sent.
    pub closes_at: Option<DateTime<Utc>>,
    /// Feedback forms only, with at least 2 `context_options`; ignored for questionnaires.
    pub context_prompt: Option<String>,
    pub context_options: Vec<String>,
    pub questions: Vec<QuestionBody>,
}

impl SurveyBody {
    /// The body as the one survey parser reads it.
    pub fn raw(&self) -> RawSurvey {
        RawSurvey {
            kind: self.kind.clone(),
            title: self.title.clone(),
            audience: self.audience.clone(),
            intro: self.intro.clone(),
            privacy_notice: self
                .privacy_notice
                .clone()
                .unwrap_or_else(|| DEFAULT_PRIVACY_NOTICE.to_owned()),
            layout: self.layout.clone(),
            anonymous: self.anonymous.map(yes_no).unwrap_or_default().to_owned(),
            sensitive: self.sensitive.map(yes_no).unwrap_or_default().to_owned(),
            opens: RawDate::At(self.opens_at),
            closes: RawDate::At(self.closes_at),
            context_prompt: self.context_prompt.clone().unwrap_or_default(),
            context_options: self.context_options.clone(),
            questions: self.questions.iter().map(QuestionInput::from).collect(),
        }
    }

    /// Parses the body with the one survey parser, or returns every problem keyed by this
    /// body's field names (`questions.2.prompt` for a question's).
    pub fn parse(&self) -> Result<ParsedSurvey, FieldErrors> {
        ParsedSurvey::parse(&self.raw()).map_err(|found| {
            let mut errors = FieldErrors::new();
            for (field, message) in found.iter() {
                errors.add(body_field(field), message);
            }
            errors
        })
    }
}

/// The body's name for a parser field: the dates are exact times here, and a question's kind
/// is its `type`.
fn body_field(field: &str) -> String {
    match field {
        "opens" => "opens_at".to_owned(),
        "closes" => "closes_at".to_owned(),
        _ => match field.strip_suffix(".kind") {
            Some(question) if question.starts_with("questions.") => format!("{question}.type"),
            _ => field.to_owned(),
        },
    }
}

/// A question as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct QuestionOut {
    pub key: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub prompt: String,
    pub hint: String,
    pub easy_read: String,
    pub required: bool,
    pub options: Vec<String>,
    pub allow_other: bool,
    pub allow_none: bool,
    pub position: i32,
    /// No longer asked; its answers are kept.
    pub archived: bool,
}

impl From<&Question> for QuestionOut {
    fn from(q: &Question) -> QuestionOut {
        QuestionOut {
            key: q.def.key.as_str().into(),
            kind: q.def.kind.as_str().into(),
            prompt: q.def.prompt.clone(),
            hint: q.def.hint.clone(),
            easy_read: q.def.easy_read.clone(),
            required: q.def.required,
            options: q.def.options.clone(),
            allow_other: q.def.allow_other,
            allow_none: q.def.allow_none,
            position: q.position,
            archived: q.archived,
        }
    }
}

/// A survey as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct SurveyOut {
    pub id: i64,
    pub project_id: i64,
    pub slug: String,
    /// Where people answer it.
    pub url: String,
    pub kind: String,
    pub title: String,
    pub audience: String,
    pub intro: String,
    pub privacy_notice: String,
    /// `draft`, `open` or `closed`.
    pub status: String,
    pub layout: String,
    pub anonymous: bool,
    pub sensitive: bool,
    pub opens_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
    pub context_prompt: Option<String>,
    pub context_options: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub questions: Vec<QuestionOut>,
    /// Problems to fix before publishing, e.g. a privacy notice promising contact on an
    /// anonymous survey.
    pub warnings: Vec<String>,
}

impl SurveyOut {
    /// Builds the body; `base_url` ends with `/`.
    pub fn new(s: Survey, questions: &[Question], base_url: &str) -> SurveyOut {
        let warnings = crate::surveys::privacy::broken_promise(&s.privacy_notice, s.anonymous)
            .map(|b| b.message())
            .into_iter()
            .collect();
        SurveyOut {
            id: s.id.0,
            project_id: s.project_id.0,
            url: format!("{base_url}s/{}", s.slug),
            slug: s.slug,
            kind: s.kind.as_str().into(),
            title: s.title,
            audience: s.audience.as_str().into(),
            intro: s.intro,
            privacy_notice: s.privacy_notice,
            status: s.status.as_str().into(),
            layout: s.layout.as_str().into(),
            anonymous: s.anonymous,
            sensitive: s.sensitive,
            opens_at: s.opens_at,
            closes_at: s.closes_at,
            context_prompt: s.context_prompt,
            context_options: s.context_options,
            created_at: s.created_at,
            updated_at: s.updated_at,
            questions: questions.iter().map(QuestionOut::from).collect(),
            warnings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parser_fields_become_the_bodys_fields() {
        assert_eq!(body_field("closes"), "closes_at");
        assert_eq!(body_field("questions.3.kind"), "questions.3.type");
        assert_eq!(body_field("kind"), "kind");
        assert_eq!(body_field("questions.3.key"), "questions.3.key");
    }

    #[test]
    fn a_questionnaire_that_is_not_anonymous_is_refused() {
        let body = SurveyBody {
            title: "How was club?".into(),
            kind: "questionnaire".into(),
            audience: "children".into(),
            anonymous: Some(false),
            ..Default::default()
        };
        assert!(body.parse().unwrap_err().get("anonymous").is_some());
    }
}
