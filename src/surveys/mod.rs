//! Surveys: co-design questionnaires and practitioners' quick feedback forms, their questions,
//! and the rules for answers. `model`, `raw`, `parse`, `privacy`, `question`, `answer`,
//! `settings`, `slug` and `render` are pure; `parse` is the one place a survey's rules live.

pub mod access;
pub mod answer;
pub mod cache;
mod close_view;
pub mod life_routes;
pub mod model;
pub mod parse;
pub mod privacy;
pub mod question;
pub mod question_form;
pub mod question_form_fields;
pub mod question_routes;
pub mod raw;
pub mod render;
pub mod routes;
pub mod settings;
pub mod slug;
pub mod store;
pub mod views;

pub use access::{SurveyAccess, SurveyGrant};
pub use answer::{AnswerValue, RawAnswer};
pub use model::{Audience, Availability, Layout, NewSurvey, Status, Survey, SurveyId, SurveyKind};
pub use parse::{ParsedSurvey, SurveySettings};
pub use privacy::DEFAULT_PRIVACY_NOTICE;
pub use question::{Question, QuestionDef, QuestionId, QuestionKey, QuestionKind};
pub use raw::{RawDate, RawSurvey};
pub use slug::Slug;
pub use views::status_tag;
