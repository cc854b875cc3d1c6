//! Surveys: co-design questionnaires and practitioners' quick feedback forms, their questions,
//! and the rules for answers. `model`, `privacy`, `question`, `answer`, `settings` and `render` are pure.

pub mod access;
pub mod answer;
pub mod cache;
pub mod model;
pub mod privacy;
pub mod question;
pub mod question_form;
pub mod question_routes;
pub mod render;
pub mod routes;
pub mod settings;
pub mod store;
pub mod views;

pub use access::{SurveyAccess, SurveyGrant};
pub use answer::{AnswerValue, RawAnswer};
pub use model::{Audience, Availability, Layout, NewSurvey, Status, Survey, SurveyId, SurveyKind};
pub use question::{Question, QuestionDef, QuestionId, QuestionKey, QuestionKind};
