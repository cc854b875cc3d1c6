//! The one survey parser ("parse, don't validate"). Every path that makes or changes a survey —
//! the builder's settings form, the JSON API, duplicating, and surveys built in code (demo
//! content, fixtures) — maps what it has into a [`RawSurvey`] and calls [`ParsedSurvey::parse`].
//! Only that function makes a [`SurveySettings`] or a [`ParsedSurvey`], and the store writes
//! only those, so every rule below (and the question rules in `questions`) holds whichever way
//! a survey arrives.
//!
//! Errors are keyed by [`RawSurvey`]'s field names (`opens`, `closes`, `questions.2.prompt`);
//! each path renames them to its own fields if they differ.

mod questions;

use chrono::{DateTime, Utc};

use crate::fields::{FieldErrors, TextError, line, text};
use crate::surveys::model::{Audience, Layout, SurveyKind};
use crate::surveys::privacy;
use crate::surveys::question::QuestionDef;
use crate::surveys::raw::{RawDate, RawSurvey};
use questions::questions;
pub use questions::too_many_questions;

pub use crate::surveys::model::TITLE_MAX;
/// Longest introduction, in characters.
pub const INTRO_MAX: usize = 5000;
/// Longest privacy notice, in characters.
pub const PRIVACY_NOTICE_MAX: usize = 10_000;
/// Longest context question, in characters.
pub const CONTEXT_PROMPT_MAX: usize = 200;
/// Most context options.
pub const CONTEXT_OPTIONS_MAX: usize = 30;
/// Longest context option, in characters.
pub const CONTEXT_OPTION_MAX: usize = 200;
/// Most questions a survey asks.
pub const QUESTIONS_MAX: usize = 100;

/// A survey's settings, every rule kept: only [`ParsedSurvey::parse`] makes them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurveySettings {
    kind: SurveyKind,
    title: String,
    audience: Audience,
    intro: String,
    privacy_notice: String,
    layout: Layout,
    anonymous: bool,
    sensitive: bool,
    opens_at: Option<DateTime<Utc>>,
    closes_at: Option<DateTime<Utc>>,
    context_prompt: Option<String>,
    context_options: Vec<String>,
}

/// Parsed settings and questions (keys unique, at most [`QUESTIONS_MAX`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedSurvey {
    settings: SurveySettings,
    questions: Vec<QuestionDef>,
}

impl SurveySettings {
    pub fn kind(&self) -> SurveyKind {
        self.kind
    }
    pub fn title(&self) -> &str {
        &self.title
    }
    pub fn audience(&self) -> Audience {
        self.audience
    }
    pub fn intro(&self) -> &str {
        &self.intro
    }
    pub fn privacy_notice(&self) -> &str {
        &self.privacy_notice
    }
    pub fn layout(&self) -> Layout {
        self.layout
    }
    /// Always true for questionnaires.
    pub fn anonymous(&self) -> bool {
        self.anonymous
    }
    pub fn sensitive(&self) -> bool {
        self.sensitive
    }
    pub fn opens_at(&self) -> Option<DateTime<Utc>> {
        self.opens_at
    }
    /// After [`Self::opens_at`] when both are set.
    pub fn closes_at(&self) -> Option<DateTime<Utc>> {
        self.closes_at
    }
    /// Feedback forms only; with at least two options.
    pub fn context_prompt(&self) -> Option<&str> {
        self.context_prompt.as_deref()
    }
    /// Feedback forms only.
    pub fn context_options(&self) -> &[String] {
        &self.context_options
    }
}

impl ParsedSurvey {
    /// Parses a survey from any path, or returns every problem keyed by [`RawSurvey`]'s field
    /// names (`questions.{i}.{field}` for a question's).
    pub fn parse(raw: &RawSurvey) -> Result<ParsedSurvey, FieldErrors> {
        let mut errors = FieldErrors::new();
        let settings = settings(raw, &mut errors);
        let questions = questions(&raw.questions, &mut errors);
        match settings {
            Some(settings) if errors.is_empty() => Ok(ParsedSurvey {
                settings,
                questions,
            }),
            _ => Err(errors),
        }
    }

    pub fn settings(&self) -> &SurveySettings {
        &self.settings
    }

    pub fn questions(&self) -> &[QuestionDef] {
        &self.questions
    }
}

/// A free-text field's rule: its name, the message when blank (if it must not be), its
/// longest length in characters, what messages call it, and its shape (one line or a text).
struct Text(
    &'static str,
    Option<&'static str>,
    usize,
    &'static str,
    Shape,
);

/// `fields::line` or `fields::text`.
type Shape = fn(&str, usize) -> Result<String, TextError>;

const TITLE: Text = Text("title", Some("Enter a title"), TITLE_MAX, "Title", line);
const INTRO: Text = Text("intro", None, INTRO_MAX, "Introduction", text);
const PRIVACY_NOTICE: Text = Text(
    "privacy_notice",
    Some("Enter a privacy notice"),
    PRIVACY_NOTICE_MAX,
    "Privacy notice",
    text,
);
const CONTEXT_PROMPT: Text = Text(
    "context_prompt",
    None,
    CONTEXT_PROMPT_MAX,
    "Context question",
    line,
);

impl Text {
    fn parse(&self, errors: &mut FieldErrors, value: &str) -> String {
        let Text(field, empty, max, what, shape) = *self;
        let value = errors.take(field, shape(value, max).map_err(|e| e.message(what)));
        let value = value.unwrap_or_default();
        if let Some(message) = empty {
            errors.require(field, &value, message);
        }
        value
    }
}

/// Every settings rule, in the order the fields appear on the form.
fn settings(raw: &RawSurvey, errors: &mut FieldErrors) -> Option<SurveySettings> {
    let kind = SurveyKind::parse(&raw.kind);
    if kind.is_none() {
        errors.add("kind", "Select what kind of survey this is");
    }
    let title = TITLE.parse(errors, &raw.title);
    let audience = Audience::parse(&raw.audience);
    if audience.is_none() {
        errors.add("audience", "Select who the survey is for");
    }
    let intro = INTRO.parse(errors, &raw.intro);
    let privacy_notice = PRIVACY_NOTICE.parse(errors, &raw.privacy_notice);
    let layout = match raw.layout.trim() {
        "" => None,
        other => {
            let parsed = Layout::parse(other);
            if parsed.is_none() {
                errors.add("layout", "Select how questions are laid out");
            }
            parsed
        }
    };
    let anonymous = raw.anonymous.trim() != "no";
    if !anonymous && kind == Some(SurveyKind::Questionnaire) {
        errors.add(
            "anonymous",
            "Questionnaires are always anonymous. Only feedback forms can record who answered",
        );
    }
    let sensitive = raw.sensitive.trim() == "yes";
    let opens_at = errors.take("opens", raw.opens.instant(false)).flatten();
    let closes_at = errors.take("closes", raw.closes.instant(true)).flatten();
    if let (Some(o), Some(c)) = (opens_at, closes_at)
        && c <= o
    {
        errors.add(
            "closes",
            match raw.closes {
                RawDate::Day { .. } => {
                    "The closing date must be the same as or after the opening date"
                }
                RawDate::At(_) => "The closing time must be after the opening time",
            },
        );
    }
    let feedback = kind == Some(SurveyKind::Feedback);
    let context_prompt = CONTEXT_PROMPT.parse(errors, &raw.context_prompt);
    let context_options: Vec<String> = raw
        .context_options
        .iter()
        .filter_map(|o| match line(o, CONTEXT_OPTION_MAX) {
            Err(TextError::TooLong(_)) => Some(o.trim().to_owned()),
            Err(e) => {
                errors.add("context_options", e.message("Each context option"));
                None
            }
            Ok(o) => Some(o),
        })
        .filter(|o| !o.is_empty())
        .collect();
    if feedback {
        if !context_prompt.is_empty() && context_options.len() < 2 {
            errors.add(
                "context_options",
                "Enter at least 2 context options, one per line",
            );
        } else if context_prompt.is_empty() && !context_options.is_empty() {
            errors.add(
                "context_prompt",
                "Enter the context question, or remove the context options",
            );
        } else if context_options.len() > CONTEXT_OPTIONS_MAX
            || context_options
                .iter()
                .any(|o| o.chars().count() > CONTEXT_OPTION_MAX)
        {
            errors.add(
                "context_options",
                "Enter 30 context options or fewer, each 200 characters or fewer",
            );
        }
    }
    let (kind, audience) = (kind?, audience?);
    Some(SurveySettings {
        kind,
        title,
        audience,
        intro,
        // A default notice follows the settings, so it never says what they cannot do.
        privacy_notice: if privacy::is_default(&privacy_notice) {
            privacy::default_notice(audience, anonymous).to_owned()
        } else {
            privacy_notice
        },
        layout: layout.unwrap_or_else(|| Layout::default_for(kind, audience)),
        anonymous,
        sensitive,
        opens_at,
        closes_at,
        // Context belongs to feedback forms; a questionnaire keeps none.
        context_prompt: (feedback && !context_prompt.is_empty()).then_some(context_prompt),
        context_options: if feedback {
            context_options
        } else {
            Vec::new()
        },
    })
}

#[cfg(test)]
mod tests;
