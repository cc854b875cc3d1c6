//! Questions as respondents see them: one pure maud function per kind, in the GOV.UK Design
//! System's patterns, shared by the public runner and the builder's preview.
//!
//! Field names are `q_{key}` (and `q_{key}_other` for "Other" text). The first control's id is
//! `q_{key}`, so an error summary link `#q_{key}` lands on it; hints are `q_{key}-hint` and errors
//! `q_{key}-error`, wired to the control (or fieldset) with `aria-describedby`. When "Other" was
//! chosen the only possible error is about the "Other" text, so the message sits beside that box
//! and the summary links to it (see [`error_target`]). Nothing here needs JavaScript and nothing
//! ever stops a person typing. The ids and wording every kind shares are in `parts`, each kind's
//! controls in `kinds`.

mod kinds;
mod parts;
#[cfg(test)]
mod tests;

use maud::{Markup, html};

use crate::surveys::answer::RawAnswer;
use crate::surveys::question::{OTHER, QuestionDef, QuestionKey, QuestionKind};
use kinds::{faces, long_text, multiple_choice, numbers, short_text, single_choice, yes_no};
use parts::Parts;

/// What follows a question people may leave blank. GOV.UK marks these "(optional)", a word
/// many children do not know.
pub const SKIP_NOTE: &str = "(you can skip this)";

/// The form field name of a question: `q_{key}`.
pub fn field_name(key: &QuestionKey) -> String {
    format!("q_{}", key.as_str())
}

/// The form field name of a question's "Other" text: `q_{key}_other`.
pub fn other_field_name(key: &QuestionKey) -> String {
    format!("q_{}_other", key.as_str())
}

/// Whether `raw` chose "Other" on a single-choice question that offers it. Any error is then
/// about the "Other" text (nothing typed, or too long), as GOV.UK's conditional reveal shows it.
fn other_chosen(q: &QuestionDef, raw: &RawAnswer) -> bool {
    q.kind == QuestionKind::SingleChoice
        && q.allow_other
        && raw.values.iter().any(|v| v.trim() == OTHER)
}

/// The id an error summary link for this question goes to: the "Other" text box when "Other"
/// was chosen, otherwise the question's first control.
pub fn error_target(q: &QuestionDef, raw: &RawAnswer) -> String {
    if other_chosen(q, raw) {
        other_field_name(&q.key)
    } else {
        field_name(&q.key)
    }
}

/// Collects what a form sent for one question from its decoded `(name, value)` pairs
/// (checkboxes send the same name several times).
pub fn raw_from_pairs(q: &QuestionDef, pairs: &[(String, String)]) -> RawAnswer {
    let name = field_name(&q.key);
    let other_name = other_field_name(&q.key);
    RawAnswer {
        values: pairs
            .iter()
            .filter(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
            .collect(),
        other: pairs
            .iter()
            .find(|(n, _)| *n == other_name)
            .map(|(_, v)| v.clone()),
    }
}

/// Renders one question's controls, as respondents see them.
///
/// `raw` is what the person sent before (kept after an error), `error` the message for this
/// question, `easy_read` shows the easy-read wording where there is one, and `as_page_heading`
/// wraps the legend or label in the page's `h1` (one question per page).
pub fn question_fields(
    q: &QuestionDef,
    raw: &RawAnswer,
    error: Option<&str>,
    easy_read: bool,
    as_page_heading: bool,
) -> Markup {
    let parts = Parts {
        q,
        name: field_name(&q.key),
        hint_id: format!("{}-hint", field_name(&q.key)),
        error_id: format!("{}-error", field_name(&q.key)),
        wording: q.wording(easy_read),
        error,
        error_on_other: error.is_some() && other_chosen(q, raw),
        heading: as_page_heading,
    };
    let body = match q.kind {
        QuestionKind::Faces => faces(&parts, raw),
        QuestionKind::Scale | QuestionKind::Rating => numbers(&parts, raw),
        QuestionKind::SingleChoice => single_choice(&parts, raw),
        QuestionKind::MultipleChoice => multiple_choice(&parts, raw),
        QuestionKind::YesNo => yes_no(&parts, raw),
        QuestionKind::ShortText => short_text(&parts, raw),
        QuestionKind::LongText => long_text(&parts, raw),
    };
    html! {
        div class={ "form-group" @if error.is_some() { " form-group-error" } } {
            (body)
        }
    }
}
