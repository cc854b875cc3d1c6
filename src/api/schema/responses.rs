//! Bodies for public submissions and the responses a steward reads back.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::surveys::AnswerValue;

/// A public submission of answers.
#[derive(Deserialize, Serialize, ToSchema, Default)]
#[serde(default, deny_unknown_fields)]
pub struct SubmissionBody {
    /// A random (version 4) UUID the client makes once per submission; sending it again with the
    /// same answers returns the same receipt, with other answers a 409 and no receipt.
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
