//! Pure answer rules: turning what a person sent (form fields or JSON) into a valid answer for
//! a question, or a plain-language message saying what to fix.

use crate::fields::{TextError, text};
use crate::surveys::question::{
    FACES, LONG_TEXT_MAX, NONE_OF_THESE, OTHER, QuestionDef, QuestionKind, SHORT_TEXT_MAX,
};

/// What arrived for one question: the values of its field(s) and any "Other" text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawAnswer {
    /// Field values (several for checkboxes).
    pub values: Vec<String>,
    /// Text typed for "Other".
    pub other: Option<String>,
}

impl RawAnswer {
    /// One value.
    pub fn one(value: impl Into<String>) -> RawAnswer {
        RawAnswer {
            values: vec![value.into()],
            other: None,
        }
    }

    /// Reads a JSON value sent to the API: a number, a string, a boolean (yes/no), an array of
    /// strings, or `{"other": "…"}`. Anything else is a type error.
    pub fn from_json(value: &serde_json::Value) -> Result<RawAnswer, &'static str> {
        use serde_json::Value;
        match value {
            Value::Null => Ok(RawAnswer::default()),
            Value::Bool(b) => Ok(RawAnswer::one(if *b { "yes" } else { "no" })),
            Value::Number(n) => Ok(RawAnswer::one(n.to_string())),
            Value::String(s) => Ok(RawAnswer::one(s.clone())),
            Value::Array(items) => items
                .iter()
                .map(|i| {
                    i.as_str()
                        .map(str::to_owned)
                        .ok_or("Each item in the list must be text")
                })
                .collect::<Result<Vec<_>, _>>()
                .map(|values| RawAnswer {
                    values,
                    other: None,
                }),
            Value::Object(map) => match map.get("other").and_then(Value::as_str) {
                Some(text) if map.len() == 1 => Ok(RawAnswer {
                    values: vec![OTHER.into()],
                    other: Some(text.to_owned()),
                }),
                _ => Err(
                    "Send a number, text, true or false, a list of text, or {\"other\": \"text\"}",
                ),
            },
        }
    }

    fn is_blank(&self) -> bool {
        self.values.iter().all(|v| v.trim().is_empty())
    }
}

/// A valid answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnswerValue {
    /// Faces (1–5), scale (1–5) or rating (0–10).
    Number(i32),
    /// Short or long text, or yes/no ("yes" or "no").
    Text(String),
    /// One option of a single-choice question.
    Choice(String),
    /// "Other", with what the person typed.
    Other(String),
    /// The options ticked on a multiple-choice question (or just "None of these").
    Choices(Vec<String>),
}

impl AnswerValue {
    /// Storage columns: (number, text, choices as a JSON array).
    pub fn to_columns(&self) -> (Option<i32>, Option<String>, Option<String>) {
        match self {
            AnswerValue::Number(n) => (Some(*n), None, None),
            AnswerValue::Text(t) | AnswerValue::Choice(t) => (None, Some(t.clone()), None),
            AnswerValue::Other(t) => (
                None,
                Some(t.clone()),
                Some(serde_json::json!([OTHER]).to_string()),
            ),
            AnswerValue::Choices(c) => (
                None,
                None,
                Some(serde_json::Value::from(c.clone()).to_string()),
            ),
        }
    }

    /// Reads storage columns back for a question of this kind.
    pub fn from_columns(
        kind: QuestionKind,
        number: Option<i32>,
        text: Option<String>,
        choices: Option<String>,
    ) -> Option<AnswerValue> {
        let choices: Option<Vec<String>> = choices.and_then(|c| serde_json::from_str(&c).ok());
        match kind {
            k if k.is_numeric() => number.map(AnswerValue::Number),
            QuestionKind::SingleChoice => match (text, choices) {
                (Some(t), Some(c)) if c.iter().any(|o| o == OTHER) => Some(AnswerValue::Other(t)),
                (Some(t), _) => Some(AnswerValue::Choice(t)),
                _ => None,
            },
            QuestionKind::MultipleChoice => choices.map(AnswerValue::Choices),
            _ => text.map(AnswerValue::Text),
        }
    }

    /// How the answer reads on the check-answers page and in CSV (choices joined with "; ").
    pub fn display(&self, kind: QuestionKind) -> String {
        match self {
            AnswerValue::Number(n) if kind == QuestionKind::Faces => FACES
                .iter()
                .find(|(v, _, _)| v == n)
                .map(|(_, _, label)| (*label).to_owned())
                .unwrap_or_else(|| n.to_string()),
            AnswerValue::Number(n) => n.to_string(),
            AnswerValue::Text(t) if kind == QuestionKind::YesNo => {
                if t == "yes" {
                    "Yes".into()
                } else {
                    "No".into()
                }
            }
            AnswerValue::Text(t) | AnswerValue::Choice(t) => t.clone(),
            AnswerValue::Other(t) => format!("{OTHER}: {t}"),
            AnswerValue::Choices(c) => c.join("; "),
        }
    }

    /// The form field values that would produce this answer again (to keep answers on a page).
    pub fn to_raw(&self) -> RawAnswer {
        match self {
            AnswerValue::Number(n) => RawAnswer::one(n.to_string()),
            AnswerValue::Text(t) | AnswerValue::Choice(t) => RawAnswer::one(t.clone()),
            AnswerValue::Other(t) => RawAnswer {
                values: vec![OTHER.into()],
                other: Some(t.clone()),
            },
            AnswerValue::Choices(c) => RawAnswer {
                values: c.clone(),
                other: None,
            },
        }
    }
}

fn required_message(kind: QuestionKind) -> &'static str {
    match kind {
        QuestionKind::Faces => "Select the face that shows how you feel",
        QuestionKind::Scale | QuestionKind::Rating => "Select a number",
        QuestionKind::SingleChoice => "Select an answer",
        QuestionKind::MultipleChoice => "Select at least one answer",
        QuestionKind::YesNo => "Select yes or no",
        QuestionKind::ShortText | QuestionKind::LongText => "Enter your answer",
    }
}

impl QuestionDef {
    /// Checks what arrived for this question. `Ok(None)` means "not answered", which is fine for
    /// optional questions.
    pub fn parse_answer(&self, raw: &RawAnswer) -> Result<Option<AnswerValue>, String> {
        if raw.is_blank() {
            return if self.required {
                Err(required_message(self.kind).into())
            } else {
                Ok(None)
            };
        }
        let single = || -> Result<&str, String> {
            match raw.values.iter().filter(|v| !v.trim().is_empty()).count() {
                1 => Ok(raw
                    .values
                    .iter()
                    .map(|v| v.trim())
                    .find(|v| !v.is_empty())
                    .unwrap_or("")),
                _ => Err("Select only one answer".into()),
            }
        };
        match self.kind {
            kind if kind.is_numeric() => {
                let text = single()?;
                let (low, high) = kind.range().unwrap_or((0, 10));
                match text.parse::<i32>() {
                    Ok(n) if (low..=high).contains(&n) => Ok(Some(AnswerValue::Number(n))),
                    _ => Err(format!("Select a number from {low} to {high}")),
                }
            }
            QuestionKind::YesNo => match single()?.to_lowercase().as_str() {
                "yes" => Ok(Some(AnswerValue::Text("yes".into()))),
                "no" => Ok(Some(AnswerValue::Text("no".into()))),
                _ => Err("Select yes or no".into()),
            },
            QuestionKind::SingleChoice => {
                let choice = single()?;
                if self.allow_other && choice == OTHER {
                    let other = text(raw.other.as_deref().unwrap_or(""), usize::MAX)
                        .map_err(|_| CANNOT_BE_SAVED.to_owned())?;
                    return if other.is_empty() {
                        Err("Enter your other answer".into())
                    } else if other.chars().count() > SHORT_TEXT_MAX {
                        Err(format!(
                            "Your other answer is too long. Make it shorter: up to {SHORT_TEXT_MAX} letters and spaces"
                        ))
                    } else {
                        Ok(Some(AnswerValue::Other(other)))
                    };
                }
                match self.options.iter().find(|o| o.as_str() == choice) {
                    Some(o) => Ok(Some(AnswerValue::Choice(o.clone()))),
                    None => Err("Select one of the answers shown".into()),
                }
            }
            QuestionKind::MultipleChoice => {
                let ticked: Vec<&str> = raw
                    .values
                    .iter()
                    .map(|v| v.trim())
                    .filter(|v| !v.is_empty())
                    .collect();
                if self.allow_none && ticked.contains(&NONE_OF_THESE) {
                    return if ticked.len() == 1 {
                        Ok(Some(AnswerValue::Choices(vec![NONE_OF_THESE.into()])))
                    } else {
                        Err(format!(
                            "Select \"{NONE_OF_THESE}\" on its own, or untick it"
                        ))
                    };
                }
                if ticked.iter().any(|t| !self.options.iter().any(|o| o == t)) {
                    return Err("Select from the answers shown".into());
                }
                // Keep the steward's order and drop repeats.
                let chosen: Vec<String> = self
                    .options
                    .iter()
                    .filter(|o| ticked.contains(&o.as_str()))
                    .cloned()
                    .collect();
                Ok(Some(AnswerValue::Choices(chosen)))
            }
            QuestionKind::ShortText | QuestionKind::LongText => {
                let max = if self.kind == QuestionKind::ShortText {
                    SHORT_TEXT_MAX
                } else {
                    LONG_TEXT_MAX
                };
                // The text rule: a NUL refused, line breaks made LF, tabs kept, other control
                // characters dropped (a person cannot see them to take them out).
                match text(&raw.values.join("\n"), max) {
                    Err(TextError::TooLong(_)) => Err(format!(
                        "Your answer is too long. Make it shorter: up to {} letters and spaces",
                        group_thousands(max)
                    )),
                    Err(_) => Err(CANNOT_BE_SAVED.into()),
                    Ok(text) => Ok(Some(AnswerValue::Text(text))),
                }
            }
            _ => Err(required_message(self.kind).into()),
        }
    }
}

const CANNOT_BE_SAVED: &str =
    "Your answer has hidden marks that cannot be saved. Delete them and try again";

/// 5000 → "5,000".
pub use crate::fields::thousands as group_thousands;
