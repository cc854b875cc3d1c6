//! Pure question types: the eight kinds, stable keys, and validated question definitions.

use crate::fields::{FieldErrors, line};
use crate::string_enum;

/// A question's database id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct QuestionId(pub i64);

string_enum! {
    /// The kinds of question Chorus can ask.
    QuestionKind {
        /// Five faces, each with a visible text label.
        Faces = "faces",
        /// 1 to 5 with labelled ends.
        Scale = "scale",
        /// 0 to 10.
        Rating = "rating",
        /// Pick one; optionally "Other" with text.
        SingleChoice = "single_choice",
        /// Pick any; optionally "None of these".
        MultipleChoice = "multiple_choice",
        /// Yes or no.
        YesNo = "yes_no",
        /// Up to 200 characters.
        ShortText = "short_text",
        /// Up to 5,000 characters.
        LongText = "long_text",
    }
}

/// The five faces: value, emoji (decorative) and the text label everyone sees.
pub const FACES: [(i32, &str, &str); 5] = [
    (1, "😢", "Really bad"),
    (2, "🙁", "Bad"),
    (3, "😐", "OK"),
    (4, "🙂", "Good"),
    (5, "😄", "Really good"),
];

/// Longest short-text answer, in characters.
pub const SHORT_TEXT_MAX: usize = 200;
/// Longest long-text answer, in characters.
pub const LONG_TEXT_MAX: usize = 5000;
/// The label of the "Other" choice.
pub const OTHER: &str = "Other";
/// The label of the "None of these" choice.
pub const NONE_OF_THESE: &str = "None of these";

impl QuestionKind {
    /// The name stewards see.
    pub fn label(self) -> &'static str {
        match self {
            QuestionKind::Faces => "Faces (really bad to really good)",
            QuestionKind::Scale => "Scale from 1 to 5",
            QuestionKind::Rating => "Rating from 0 to 10",
            QuestionKind::SingleChoice => "Choose one",
            QuestionKind::MultipleChoice => "Choose any",
            QuestionKind::YesNo => "Yes or no",
            QuestionKind::ShortText => "Short text",
            QuestionKind::LongText => "Long text",
        }
    }
    /// Whether answers are numbers (faces, scale, rating).
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            QuestionKind::Faces | QuestionKind::Scale | QuestionKind::Rating
        )
    }
    /// Whether answers are free text.
    pub fn is_text(self) -> bool {
        matches!(self, QuestionKind::ShortText | QuestionKind::LongText)
    }
    /// Whether the steward supplies options.
    pub fn has_options(self) -> bool {
        matches!(
            self,
            QuestionKind::SingleChoice | QuestionKind::MultipleChoice
        )
    }
    /// Lowest and highest numeric answer.
    pub fn range(self) -> Option<(i32, i32)> {
        match self {
            QuestionKind::Faces | QuestionKind::Scale => Some((1, 5)),
            QuestionKind::Rating => Some((0, 10)),
            _ => None,
        }
    }
    /// Labels for the two ends of a scale or rating when the steward gives none.
    pub fn default_ends(self) -> Option<(&'static str, &'static str)> {
        match self {
            QuestionKind::Scale => Some(("Not at all", "Very much")),
            QuestionKind::Rating => Some(("Not at all likely", "Extremely likely")),
            _ => None,
        }
    }
}

/// A question's stable key: used in field names, CSV headers and the API.
/// Lower-case letters, digits and underscores, starting with a letter, up to 40 characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct QuestionKey(String);

impl QuestionKey {
    /// Parses a key.
    pub fn parse(text: &str) -> Result<QuestionKey, &'static str> {
        let text = text.trim();
        if text.is_empty() {
            return Err("Enter a key");
        }
        let valid = text.len() <= 40
            && text.starts_with(|c: char| c.is_ascii_lowercase())
            && text
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if valid {
            Ok(QuestionKey(text.to_owned()))
        } else {
            Err(
                "Key must start with a lower-case letter and use only lower-case letters, numbers and underscores (up to 40)",
            )
        }
    }
    /// Makes a key from a prompt ("How was school?" → "how_was_school").
    pub fn suggest(prompt: &str) -> QuestionKey {
        let mut key = String::new();
        for c in prompt.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_alphanumeric() {
                key.push(c);
            } else if !key.ends_with('_') && !key.is_empty() {
                key.push('_');
            }
            if key.len() >= 32 {
                break;
            }
        }
        let key = key.trim_end_matches('_').to_owned();
        if key.starts_with(|c: char| c.is_ascii_lowercase()) {
            QuestionKey(key)
        } else {
            QuestionKey(format!("q_{key}").trim_end_matches('_').to_owned())
        }
    }
    /// The key.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a question asks, independent of where it is stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionDef {
    pub key: QuestionKey,
    pub kind: QuestionKind,
    pub prompt: String,
    pub hint: String,
    /// Easy-read wording; empty means "use the prompt".
    pub easy_read: String,
    pub required: bool,
    /// Choices for single and multiple choice; the two end labels for scale and rating.
    pub options: Vec<String>,
    /// Single choice: offer "Other" with a text box.
    pub allow_other: bool,
    /// Multiple choice: offer "None of these".
    pub allow_none: bool,
}

/// A stored question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    pub id: QuestionId,
    pub position: i32,
    /// Archived questions are no longer asked but keep their answers.
    pub archived: bool,
    pub def: QuestionDef,
}

/// Raw question fields from the builder form or the API.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct QuestionInput {
    pub key: String,
    #[serde(alias = "type")]
    pub kind: String,
    pub prompt: String,
    pub hint: String,
    pub easy_read: String,
    pub required: bool,
    pub options: Vec<String>,
    pub allow_other: bool,
    pub allow_none: bool,
}

impl QuestionDef {
    /// Parses raw question fields; field names in errors match [`QuestionInput`]'s.
    pub fn parse(input: &QuestionInput) -> Result<QuestionDef, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = QuestionKind::parse(&input.kind);
        if kind.is_none() {
            errors.add("kind", "Select a type of question");
        }
        let prompt = errors.text("prompt", "Question", &input.prompt, 500);
        errors.require("prompt", &prompt, "Enter the question");
        let key = if input.key.trim().is_empty() && !prompt.is_empty() {
            Some(QuestionKey::suggest(&prompt))
        } else {
            errors.take("key", QuestionKey::parse(&input.key))
        };
        let hint = errors.line("hint", "Hint", &input.hint, 1000);
        let easy_read = errors.text("easy_read", "Easy read wording", &input.easy_read, 1000);
        let mut options: Vec<String> = input
            .options
            .iter()
            .filter_map(|o| match line(o, usize::MAX) {
                Ok(o) => Some(o),
                Err(e) => {
                    errors.add("options", e.message("Each option"));
                    None
                }
            })
            .filter(|o| !o.is_empty())
            .collect();
        if let Some(kind) = kind {
            if kind.has_options() {
                let mut seen = std::collections::BTreeSet::new();
                if options.len() < 2 {
                    errors.add("options", "Enter at least 2 options");
                } else if options.len() > 30 {
                    errors.add("options", "Enter 30 options or fewer");
                } else if options.iter().any(|o| o.chars().count() > 200) {
                    errors.add("options", "Each option must be 200 characters or fewer");
                } else if !options.iter().all(|o| seen.insert(o.to_lowercase())) {
                    errors.add("options", "Each option must be different");
                } else if options.iter().any(|o| o == OTHER || o == NONE_OF_THESE) {
                    errors.add("options", "Use the tick boxes for \"Other\" and \"None of these\" instead of typing them");
                }
            } else if let Some((low, high)) = kind.default_ends() {
                match options.len() {
                    0 => options = vec![low.to_owned(), high.to_owned()],
                    2 if options.iter().all(|o| o.chars().count() <= 60) => {}
                    _ => errors.add("options", "Give two labels, for the lowest and the highest end, of 60 characters or fewer"),
                }
            } else {
                options.clear();
            }
        }
        match (kind, key) {
            (Some(kind), Some(key)) if errors.is_empty() => Ok(QuestionDef {
                key,
                kind,
                prompt,
                hint,
                easy_read,
                required: input.required,
                options,
                allow_other: input.allow_other && kind == QuestionKind::SingleChoice,
                allow_none: input.allow_none && kind == QuestionKind::MultipleChoice,
            }),
            _ => Err(errors),
        }
    }

    /// The wording to show: easy read when asked for and written.
    pub fn wording(&self, easy_read: bool) -> &str {
        if easy_read && !self.easy_read.is_empty() {
            &self.easy_read
        } else {
            &self.prompt
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_lower_case_words_and_can_be_suggested_from_prompts() {
        assert!(QuestionKey::parse("how_was_school").is_ok());
        assert!(QuestionKey::parse("How").is_err());
        assert!(QuestionKey::parse("1st").is_err());
        assert_eq!(
            QuestionKey::suggest("How was school today?").as_str(),
            "how_was_school_today"
        );
        assert_eq!(QuestionKey::suggest("¿?").as_str(), "q");
    }

    #[test]
    fn choice_questions_need_two_distinct_options() {
        let mut input = QuestionInput {
            kind: "single_choice".into(),
            prompt: "Pick".into(),
            options: vec!["A".into()],
            ..Default::default()
        };
        assert!(
            QuestionDef::parse(&input)
                .unwrap_err()
                .get("options")
                .is_some()
        );
        input.options = vec!["A".into(), "a".into()];
        assert!(QuestionDef::parse(&input).is_err());
        input.options = vec!["A".into(), "B".into()];
        assert_eq!(QuestionDef::parse(&input).unwrap().key.as_str(), "pick");
    }

    #[test]
    fn scales_get_default_end_labels() {
        let input = QuestionInput {
            kind: "scale".into(),
            prompt: "How much?".into(),
            ..Default::default()
        };
        assert_eq!(
            QuestionDef::parse(&input).unwrap().options,
            vec!["Not at all", "Very much"]
        );
    }
}
