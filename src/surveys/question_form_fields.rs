//! The builder's question form: its fields as typed, how a stored question fills them in, and
//! how they parse into a [`QuestionDef`] (the same rules the API's questions go through).

use crate::fields::FieldErrors;
use crate::surveys::question::{Question, QuestionDef, QuestionInput, QuestionKind};
use crate::surveys::raw::yes_no;

/// Raw fields of the builder's question form.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct QuestionForm {
    pub kind: String,
    pub prompt: String,
    pub hint: String,
    pub easy_read: String,
    pub key: String,
    pub required: String,
    /// Choices, one per line.
    pub options: String,
    pub low_label: String,
    pub high_label: String,
    pub allow_other: String,
    pub allow_none: String,
}

impl QuestionForm {
    /// The form as it should first appear for a stored question.
    pub fn from_question(q: &Question) -> QuestionForm {
        let d = &q.def;
        let ends = d.kind.default_ends().is_some();
        QuestionForm {
            kind: d.kind.as_str().into(),
            prompt: d.prompt.clone(),
            hint: d.hint.clone(),
            easy_read: d.easy_read.clone(),
            key: d.key.as_str().into(),
            required: yes_no(d.required).into(),
            options: if ends {
                String::new()
            } else {
                d.options.join("\n")
            },
            low_label: if ends {
                d.options.first().cloned().unwrap_or_default()
            } else {
                String::new()
            },
            high_label: if ends {
                d.options.get(1).cloned().unwrap_or_default()
            } else {
                String::new()
            },
            allow_other: if d.allow_other {
                "yes".into()
            } else {
                String::new()
            },
            allow_none: if d.allow_none {
                "yes".into()
            } else {
                String::new()
            },
        }
    }

    /// Parses the form into a question, with errors keyed by this form's field names.
    pub fn parse(&self) -> Result<QuestionDef, FieldErrors> {
        let kind = QuestionKind::parse(&self.kind);
        let ends = kind.is_some_and(|k| k.default_ends().is_some());
        let options = if ends {
            if self.low_label.trim().is_empty() && self.high_label.trim().is_empty() {
                Vec::new()
            } else {
                vec![self.low_label.clone(), self.high_label.clone()]
            }
        } else {
            self.options.lines().map(str::to_owned).collect()
        };
        let mut errors = FieldErrors::new();
        let required = match self.required.trim() {
            "yes" => true,
            "no" => false,
            _ => {
                errors.add(
                    "required",
                    "Select whether people must answer this question",
                );
                false
            }
        };
        let input = QuestionInput {
            key: self.key.clone(),
            kind: self.kind.clone(),
            prompt: self.prompt.clone(),
            hint: self.hint.clone(),
            easy_read: self.easy_read.clone(),
            required,
            options,
            allow_other: self.allow_other == "yes",
            allow_none: self.allow_none == "yes",
        };
        match QuestionDef::parse(&input) {
            Ok(def) if errors.is_empty() => Ok(def),
            Ok(_) => Err(errors),
            Err(found) => {
                // Problems in the order the fields appear on the page; scale and rating labels
                // are two fields rather than the options box.
                let mut ordered = FieldErrors::new();
                for field in [
                    "kind",
                    "prompt",
                    "hint",
                    "easy_read",
                    "key",
                    "required",
                    "options",
                ] {
                    if let Some(message) = found.get(field).or(errors.get(field)) {
                        let shown = if field == "options" && ends {
                            "low_label"
                        } else {
                            field
                        };
                        ordered.add(shown, message);
                    }
                }
                Err(ordered)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_label_problems_are_shown_on_the_label_fields() {
        let form = QuestionForm {
            kind: "scale".into(),
            prompt: "How much?".into(),
            required: "yes".into(),
            low_label: "Low".into(),
            ..Default::default()
        };
        let errors = form.parse().unwrap_err();
        assert!(errors.get("low_label").is_some());
    }
}
