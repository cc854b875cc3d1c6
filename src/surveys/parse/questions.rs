//! The question rules of the one survey parser: each question's own (see
//! [`QuestionDef::parse`]), how many a survey asks, and unique keys.

use std::collections::BTreeSet;

use super::QUESTIONS_MAX;
use crate::fields::FieldErrors;
use crate::surveys::question::{QuestionDef, QuestionInput};

/// The question-count rule for a survey asking `count` questions (also kept by the builder,
/// which adds one question at a time).
pub fn too_many_questions(count: usize) -> Option<String> {
    (count > QUESTIONS_MAX).then(|| format!("A survey can ask {QUESTIONS_MAX} questions or fewer"))
}

/// Every question rule: each question's own, at most [`QUESTIONS_MAX`], and unique keys.
pub(super) fn questions(raw: &[QuestionInput], errors: &mut FieldErrors) -> Vec<QuestionDef> {
    if let Some(message) = too_many_questions(raw.len()) {
        errors.add("questions", message);
    }
    let mut questions = Vec::with_capacity(raw.len());
    let mut keys = BTreeSet::new();
    for (i, input) in raw.iter().enumerate() {
        match QuestionDef::parse(input) {
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
            Err(found) => {
                for (field, message) in found.iter() {
                    errors.add(format!("questions.{i}.{field}"), message);
                }
            }
        }
    }
    questions
}
