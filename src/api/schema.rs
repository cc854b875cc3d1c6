//! The API's request and response bodies (with their OpenAPI schemas) and the pure rules that
//! turn request bodies into validated models.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use crate::api::help_contact::HelpContactBody;
use crate::fields::FieldErrors;
use crate::help::LocalContact;
use crate::projects::model::{NewProject, ProjectInput};
use crate::projects::{Access, Project};
use crate::surveys::question::QuestionInput;
use crate::surveys::{
    AnswerValue, Audience, Layout, NewSurvey, Question, QuestionDef, Survey, SurveyKind,
};

/// An RFC 9457 problem document.
#[derive(Serialize, ToSchema)]
pub struct ProblemDoc {
    /// Always `about:blank`.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Messages keyed by field name or question key.
    #[schema(value_type = Option<Object>)]
    pub errors: Option<serde_json::Value>,
}

/// A new project.
#[derive(Deserialize, Serialize, ToSchema, Default)]
#[serde(default, deny_unknown_fields)]
pub struct ProjectBody {
    pub title: String,
    /// The outcome the project is organised around.
    pub outcome: String,
    /// One of `person`, `team`, `organisation`, `place`, `region`.
    pub scale: String,
    pub description: String,
    /// The safeguarding lead's email address.
    pub safeguarding_lead: String,
    /// Optional: the local service shown beside Childline and 999 on surveys for children and
    /// families.
    pub help_contact: Option<HelpContactBody>,
}

impl ProjectBody {
    /// The same fields as a form would send them.
    pub fn input(&self) -> ProjectInput {
        ProjectInput {
            title: self.title.clone(),
            outcome: self.outcome.clone(),
            scale: self.scale.clone(),
            description: self.description.clone(),
            safeguarding_lead: self.safeguarding_lead.clone(),
        }
    }

    /// The project and its help contact, or every problem with either.
    pub fn parse(&self) -> Result<(NewProject, Option<LocalContact>), FieldErrors> {
        let project = NewProject::parse(&self.input());
        let contact = self
            .help_contact
            .as_ref()
            .map(HelpContactBody::parse)
            .transpose();
        match (project, contact) {
            (Ok(project), Ok(contact)) => Ok((project, contact.flatten())),
            (project, contact) => {
                let mut errors = project.err().unwrap_or_default();
                for (field, message) in contact.err().iter().flat_map(|e| e.iter()) {
                    errors.add(field, message);
                }
                Err(errors)
            }
        }
    }
}

/// A project as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct ProjectOut {
    pub id: i64,
    pub title: String,
    pub outcome: String,
    pub scale: String,
    pub description: String,
    pub safeguarding_lead: String,
    /// `build` or `feedback`: what the token's steward may do.
    pub access: String,
    /// The local help contact, when the stewards set one.
    pub help_contact: Option<HelpContactBody>,
}

impl ProjectOut {
    /// Builds the body from a project and the caller's access.
    pub fn new(p: Project, access: Access) -> ProjectOut {
        ProjectOut {
            id: p.id.0,
            title: p.title,
            outcome: p.outcome,
            scale: p.scale.as_str().into(),
            description: p.description,
            safeguarding_lead: p.safeguarding_lead,
            access: match access {
                Access::Build => "build".into(),
                Access::Feedback => "feedback".into(),
            },
            help_contact: None,
        }
    }

    /// Adds the project's local help contact.
    pub fn with_help(mut self, contact: Option<&LocalContact>) -> ProjectOut {
        self.help_contact = contact.map(HelpContactBody::from_contact);
        self
    }
}

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

/// A survey's settings and questions, for creating or replacing.
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
    pub privacy_notice: Option<String>,
    pub anonymous: Option<bool>,
    pub sensitive: Option<bool>,
    pub opens_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
    pub context_prompt: Option<String>,
    pub context_options: Vec<String>,
    pub questions: Vec<QuestionBody>,
}

fn long_text(errors: &mut FieldErrors, field: &str, value: &str, max: usize) -> String {
    let value = value.trim();
    if value.chars().count() > max {
        errors.add(field, format!("Must be {max} characters or fewer"));
    }
    value.to_owned()
}

impl SurveyBody {
    /// Validates the body into a new survey, or every problem keyed by field
    /// (`questions.2.prompt` for question fields).
    pub fn parse(&self) -> Result<NewSurvey, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = self.title.trim().to_owned();
        if title.is_empty() {
            errors.add("title", "Enter a title");
        } else if title.chars().count() > 120 {
            errors.add("title", "Title must be 120 characters or fewer");
        }
        let kind = SurveyKind::parse(&self.kind);
        if kind.is_none() {
            errors.add("kind", "Send 'questionnaire' or 'feedback'");
        }
        let audience = Audience::parse(&self.audience);
        if audience.is_none() {
            errors.add(
                "audience",
                "Send 'children', 'families', 'practitioners' or 'anyone'",
            );
        }
        let layout = match self.layout.trim() {
            "" => None,
            text => {
                let parsed = Layout::parse(text);
                if parsed.is_none() {
                    errors.add("layout", "Send 'one_per_page' or 'single_page'");
                }
                parsed
            }
        };
        let intro = long_text(&mut errors, "intro", &self.intro, 5000);
        let privacy_notice = match &self.privacy_notice {
            Some(text) if !text.trim().is_empty() => {
                long_text(&mut errors, "privacy_notice", text, 5000)
            }
            _ => crate::surveys::privacy::default_notice(
                audience.unwrap_or(Audience::Children),
                self.anonymous.unwrap_or(true),
            )
            .to_owned(),
        };
        if let (Some(open), Some(close)) = (self.opens_at, self.closes_at)
            && close <= open
        {
            errors.add(
                "closes_at",
                "The closing time must be after the opening time",
            );
        }
        let context_prompt = self
            .context_prompt
            .as_deref()
            .map(|p| long_text(&mut errors, "context_prompt", p, 200))
            .filter(|p| !p.is_empty());
        let context_options: Vec<String> = self
            .context_options
            .iter()
            .map(|o| o.trim().to_owned())
            .filter(|o| !o.is_empty())
            .collect();
        if context_options.len() > 30 || context_options.iter().any(|o| o.chars().count() > 200) {
            errors.add(
                "context_options",
                "Send 30 options or fewer, each 200 characters or fewer",
            );
        }
        if self.questions.len() > 100 {
            errors.add("questions", "Send 100 questions or fewer");
        }
        let mut questions = Vec::with_capacity(self.questions.len());
        let mut keys = BTreeSet::new();
        for (i, q) in self.questions.iter().enumerate() {
            let input = QuestionInput {
                key: q.key.clone(),
                kind: q.kind.clone(),
                prompt: q.prompt.clone(),
                hint: q.hint.clone(),
                easy_read: q.easy_read.clone(),
                required: q.required,
                options: q.options.clone(),
                allow_other: q.allow_other,
                allow_none: q.allow_none,
            };
            match QuestionDef::parse(&input) {
                Ok(def) => {
                    if !keys.insert(def.key.as_str().to_owned()) {
                        errors.add(
                            format!("questions.{i}.key"),
                            format!(
                                "Another question already uses the key '{}'",
                                def.key.as_str()
                            ),
                        );
                    }
                    questions.push(def);
                }
                Err(errs) => {
                    for (field, message) in errs.iter() {
                        let field = if field == "kind" { "type" } else { field };
                        errors.add(format!("questions.{i}.{field}"), message);
                    }
                }
            }
        }
        match (kind, audience) {
            (Some(kind), Some(audience)) if errors.is_empty() => Ok(NewSurvey {
                kind,
                title,
                audience,
                intro,
                privacy_notice,
                layout: layout.unwrap_or_else(|| Layout::default_for(kind, audience)),
                anonymous: self.anonymous.unwrap_or(true),
                sensitive: self.sensitive.unwrap_or(false),
                opens_at: self.opens_at,
                closes_at: self.closes_at,
                context_prompt,
                context_options,
                questions,
            }),
            _ => Err(errors),
        }
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

/// A public submission of answers.
#[derive(Deserialize, Serialize, ToSchema, Default)]
#[serde(default, deny_unknown_fields)]
pub struct SubmissionBody {
    /// A UUID the client makes once per submission; sending it again returns the same receipt.
    pub client_id: Option<uuid::Uuid>,
    /// `self`, `assisted` or `paper` (default `self`).
    pub mode: Option<String>,
    /// `link`, `qr`, `email` or `kiosk` (default `link`).
    pub channel: Option<String>,
    /// For feedback forms: one of the survey's context options.
    pub context: Option<String>,
    /// Answers by question key: a number, text, true/false, a list of text, or `{"other": "text"}`.
    #[schema(value_type = Object)]
    pub answers: serde_json::Map<String, serde_json::Value>,
}

/// The receipt for a stored submission.
#[derive(Serialize, ToSchema)]
pub struct ReceiptOut {
    /// A code such as `7KQ-M4P-2XD` the respondent can keep.
    pub receipt: String,
}

/// One response, without its receipt.
#[derive(Serialize, ToSchema)]
pub struct ResponseOut {
    pub id: i64,
    pub submitted_at: DateTime<Utc>,
    pub mode: String,
    pub channel: String,
    pub context: Option<String>,
    /// Answers by question key (archived questions included).
    #[schema(value_type = Object)]
    pub answers: serde_json::Map<String, serde_json::Value>,
}

/// A page of responses.
#[derive(Serialize, ToSchema)]
pub struct ResponsesPage {
    pub items: Vec<ResponseOut>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

/// An answer as JSON, in the same shapes the API accepts.
pub fn answer_json(value: &AnswerValue) -> serde_json::Value {
    match value {
        AnswerValue::Number(n) => (*n).into(),
        AnswerValue::Text(t) | AnswerValue::Choice(t) => t.clone().into(),
        AnswerValue::Other(t) => serde_json::json!({ "other": t }),
        AnswerValue::Choices(c) => c.clone().into(),
    }
}
