//! Questions as respondents see them: one pure maud function per kind, in the GOV.UK Design
//! System's patterns, shared by the public runner and the builder's preview.
//!
//! Field names are `q_{key}` (and `q_{key}_other` for "Other" text). The first control's id is
//! `q_{key}`, so an error summary link `#q_{key}` lands on it; hints are `q_{key}-hint` and errors
//! `q_{key}-error`, wired to the control (or fieldset) with `aria-describedby`. When "Other" was
//! chosen the only possible error is about the "Other" text, so the message sits beside that box
//! and the summary links to it (see [`error_target`]). Nothing here needs JavaScript and nothing
//! ever stops a person typing.

use maud::{Markup, html};

use crate::surveys::answer::{RawAnswer, group_thousands};
use crate::surveys::question::{
    FACES, LONG_TEXT_MAX, NONE_OF_THESE, OTHER, QuestionDef, QuestionKey, QuestionKind,
    SHORT_TEXT_MAX,
};

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

/// Ids and wording shared by every kind of question.
struct Parts<'a> {
    q: &'a QuestionDef,
    name: String,
    hint_id: String,
    error_id: String,
    wording: &'a str,
    error: Option<&'a str>,
    /// The error is about the "Other" text: shown beside that box, not on the whole group.
    error_on_other: bool,
    heading: bool,
}

impl Parts<'_> {
    /// The ids a control or fieldset is described by.
    fn described(&self, extra: Option<&str>) -> Option<String> {
        let ids: Vec<&str> = [
            (!self.q.hint.is_empty() || self.q.kind == QuestionKind::ShortText)
                .then_some(self.hint_id.as_str()),
            extra,
            self.group_error().map(|_| self.error_id.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }

    fn title(&self) -> Markup {
        html! {
            (self.wording)
            @if !self.q.required { " (optional)" }
        }
    }

    fn hint(&self) -> Markup {
        let short = self.q.kind == QuestionKind::ShortText;
        html! {
            @if !self.q.hint.is_empty() || short {
                div class="hint" id=(self.hint_id) {
                    (self.q.hint)
                    @if short {
                        @if !self.q.hint.is_empty() { " " }
                        "(up to " (SHORT_TEXT_MAX) " characters)"
                    }
                }
            }
        }
    }

    /// The error shown on the whole question (none when it belongs to the "Other" box).
    fn group_error(&self) -> Option<&str> {
        self.error.filter(|_| !self.error_on_other)
    }

    fn error_message(&self) -> Markup {
        html! {
            @if let Some(message) = self.group_error() {
                p class="error-message" id=(self.error_id) {
                    span class="visually-hidden" { "Error: " } (message)
                }
            }
        }
    }

    /// The id of the n-th control: the first is `q_{key}` so summary links land on it.
    fn control_id(&self, n: usize) -> String {
        if n == 0 {
            self.name.clone()
        } else {
            format!("{}-{}", self.name, n + 1)
        }
    }

    /// A fieldset with legend, hint and error around a group of radios or checkboxes.
    fn fieldset(&self, extra: Option<&str>, controls: Markup) -> Markup {
        html! {
            fieldset class="fieldset" aria-describedby=[self.described(extra)] {
                legend class={ "fieldset-legend" @if self.heading { " fieldset-legend-l" } } {
                    @if self.heading {
                        h1 class="fieldset-heading" { (self.title()) }
                    } @else {
                        (self.title())
                    }
                }
                (self.hint())
                (self.error_message())
                (controls)
            }
        }
    }

    /// A label (wrapped in the page's h1 when asked) with hint and error, for text controls.
    fn label(&self) -> Markup {
        html! {
            @if self.heading {
                h1 class="label-wrapper" {
                    label class="label label-l" for=(self.name) { (self.title()) }
                }
            } @else {
                label class="label" for=(self.name) { (self.title()) }
            }
            (self.hint())
            (self.error_message())
        }
    }
}

fn is_chosen(raw: &RawAnswer, value: &str) -> bool {
    raw.values
        .iter()
        .any(|v| v.trim().eq_ignore_ascii_case(value))
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

fn radio(parts: &Parts<'_>, n: usize, value: &str, checked: bool, label: Markup) -> Markup {
    let id = parts.control_id(n);
    html! {
        div class="radio" {
            input class="radio-input" type="radio" id=(id) name=(parts.name) value=(value) checked[checked];
            label class="radio-label" for=(id) { (label) }
        }
    }
}

fn faces(parts: &Parts<'_>, raw: &RawAnswer) -> Markup {
    parts.fieldset(
        None,
        html! {
            div class="radios faces" {
                @for (n, (value, emoji, label)) in FACES.iter().enumerate() {
                    (radio(parts, n, &value.to_string(), is_chosen(raw, &value.to_string()), html! {
                        span class="face-emoji" aria-hidden="true" { (emoji) }
                        " "
                        span class="face-label" { (label) }
                    }))
                }
            }
        },
    )
}

fn numbers(parts: &Parts<'_>, raw: &RawAnswer) -> Markup {
    let (low, high) = parts.q.kind.range().unwrap_or((1, 5));
    let defaults = parts.q.kind.default_ends().unwrap_or(("", ""));
    let low_label = parts.q.options.first().map_or(defaults.0, String::as_str);
    let high_label = parts.q.options.get(1).map_or(defaults.1, String::as_str);
    let ends_id = format!("{}-ends", parts.name);
    parts.fieldset(
        Some(&ends_id),
        html! {
            p class="hint scale-ends" id=(ends_id) {
                (low) " means " (low_label) ", " (high) " means " (high_label) "."
            }
            div class={ "radios scale" @if parts.q.kind == QuestionKind::Rating { " scale-wide" } } {
                @for (n, value) in (low..=high).enumerate() {
                    @let text = value.to_string();
                    (radio(parts, n, &text, is_chosen(raw, &text), html! {
                        (value)
                        @if value == low { span class="scale-end" { " – " (low_label) } }
                        @if value == high { span class="scale-end" { " – " (high_label) } }
                    }))
                }
            }
        },
    )
}

fn single_choice(parts: &Parts<'_>, raw: &RawAnswer) -> Markup {
    let q = parts.q;
    let other_name = other_field_name(&q.key);
    let other_text = raw.other.as_deref().unwrap_or("");
    let n_options = q.options.len();
    parts.fieldset(
        None,
        html! {
            div class="radios" {
                @for (n, option) in q.options.iter().enumerate() {
                    (radio(parts, n, option, raw.values.iter().any(|v| v.trim() == option), html! { (option) }))
                }
                @if q.allow_other {
                    @let id = parts.control_id(n_options);
                    div class="radio" {
                        input class="radio-input" type="radio" id=(id) name=(parts.name) value=(OTHER)
                            checked[raw.values.iter().any(|v| v.trim() == OTHER)];
                        label class="radio-label" for=(id) { (OTHER) }
                        div class="radio-conditional" {
                            label class="label" for=(other_name) { "Your other answer" }
                            @if let (Some(message), true) = (parts.error, parts.error_on_other) {
                                p class="error-message" id=(parts.error_id) {
                                    span class="visually-hidden" { "Error: " } (message)
                                }
                            }
                            input class={ "input" @if parts.error_on_other { " input-error" } }
                                type="text" id=(other_name) name=(other_name) value=(other_text)
                                aria-describedby=[parts.error_on_other.then_some(parts.error_id.as_str())];
                        }
                    }
                }
            }
        },
    )
}

fn multiple_choice(parts: &Parts<'_>, raw: &RawAnswer) -> Markup {
    let q = parts.q;
    parts.fieldset(
        None,
        html! {
            div class="checkboxes" {
                @for (n, option) in q.options.iter().enumerate() {
                    @let id = parts.control_id(n);
                    div class="checkbox" {
                        input class="checkbox-input" type="checkbox" id=(id) name=(parts.name) value=(option)
                            checked[raw.values.iter().any(|v| v.trim() == option)];
                        label class="checkbox-label" for=(id) { (option) }
                    }
                }
                @if q.allow_none {
                    @let id = parts.control_id(q.options.len());
                    div class="checkboxes-divider" { "or" }
                    div class="checkbox" {
                        input class="checkbox-input" type="checkbox" id=(id) name=(parts.name) value=(NONE_OF_THESE)
                            checked[raw.values.iter().any(|v| v.trim() == NONE_OF_THESE)];
                        label class="checkbox-label" for=(id) { (NONE_OF_THESE) }
                    }
                }
            }
        },
    )
}

fn yes_no(parts: &Parts<'_>, raw: &RawAnswer) -> Markup {
    parts.fieldset(
        None,
        html! {
            div class="radios radios-inline" {
                (radio(parts, 0, "yes", is_chosen(raw, "yes"), html! { "Yes" }))
                (radio(parts, 1, "no", is_chosen(raw, "no"), html! { "No" }))
            }
        },
    )
}

fn short_text(parts: &Parts<'_>, raw: &RawAnswer) -> Markup {
    let value = raw.values.first().map_or("", String::as_str);
    html! {
        (parts.label())
        input class={ "input" @if parts.error.is_some() { " input-error" } } type="text"
            id=(parts.name) name=(parts.name) value=(value)
            aria-describedby=[parts.described(None)];
    }
}

fn long_text(parts: &Parts<'_>, raw: &RawAnswer) -> Markup {
    let value = raw.values.join("\n");
    let info_id = format!("{}-info", parts.name);
    html! {
        (parts.label())
        textarea class={ "textarea" @if parts.error.is_some() { " textarea-error" } } rows="5"
            id=(parts.name) name=(parts.name)
            aria-describedby=[parts.described(Some(&info_id))] { (value) }
        div class="hint character-count" id=(info_id) {
            "You can enter up to " (group_thousands(LONG_TEXT_MAX)) " characters"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surveys::question::QuestionInput;

    fn def(kind: &str, options: &[&str], required: bool) -> QuestionDef {
        QuestionDef::parse(&QuestionInput {
            key: "how".into(),
            kind: kind.into(),
            prompt: "How was it?".into(),
            hint: "Think about today".into(),
            required,
            options: options.iter().map(|o| (*o).to_owned()).collect(),
            allow_other: true,
            allow_none: true,
            ..Default::default()
        })
        .unwrap()
    }

    #[test]
    fn every_kind_puts_the_first_control_at_the_summary_link_target() {
        for kind in QuestionKind::ALL {
            let options: &[&str] = if kind.has_options() { &["A", "B"] } else { &[] };
            let html = question_fields(
                &def(kind.as_str(), options, true),
                &RawAnswer::default(),
                Some("Pick one"),
                false,
                false,
            )
            .into_string();
            assert!(html.contains("id=\"q_how\""), "{kind}: {html}");
            assert!(html.contains("id=\"q_how-error\""), "{kind}");
            assert!(
                html.contains("q_how-hint q_how-error")
                    || html.contains("q_how-hint q_how-info q_how-error")
                    || html.contains("q_how-hint q_how-ends q_how-error"),
                "{kind}: {html}"
            );
            assert!(!html.contains("maxlength"), "{kind}");
        }
    }

    #[test]
    fn faces_have_visible_labels_and_hidden_emoji() {
        let html = question_fields(
            &def("faces", &[], false),
            &RawAnswer::one("4"),
            None,
            false,
            true,
        )
        .into_string();
        assert!(html.contains("Really bad") && html.contains("Really good"));
        assert!(html.contains("aria-hidden=\"true\""));
        assert!(html.contains("<h1"));
        assert!(html.contains("How was it? (optional)"));
        assert!(html.contains("value=\"4\" checked"));
    }

    #[test]
    fn choices_offer_other_and_none_of_these_and_keep_what_was_typed() {
        let raw = RawAnswer {
            values: vec![OTHER.into()],
            other: Some("Cake".into()),
        };
        let html = question_fields(
            &def("single_choice", &["A", "B"], true),
            &raw,
            None,
            false,
            false,
        )
        .into_string();
        assert!(html.contains("name=\"q_how_other\"") && html.contains("value=\"Cake\""));
        let html = question_fields(
            &def("multiple_choice", &["A", "B"], true),
            &RawAnswer::default(),
            None,
            false,
            false,
        )
        .into_string();
        assert!(html.contains(NONE_OF_THESE) && html.contains("type=\"checkbox\""));
    }

    #[test]
    fn an_error_with_other_chosen_belongs_to_the_other_text_box() {
        let q = def("single_choice", &["A", "B"], true);
        let raw = RawAnswer {
            values: vec![OTHER.into()],
            other: Some(String::new()),
        };
        assert_eq!(error_target(&q, &raw), "q_how_other");
        assert_eq!(error_target(&q, &RawAnswer::default()), "q_how");
        let html =
            question_fields(&q, &raw, Some("Enter your other answer"), false, false).into_string();
        assert!(html.contains("id=\"q_how_other\" name=\"q_how_other\" value=\"\" aria-describedby=\"q_how-error\""), "{html}");
        assert!(
            !html.contains("q_how-hint q_how-error"),
            "the group is not in error: {html}"
        );
        assert_eq!(html.matches("q_how-error").count(), 2, "{html}");
    }

    #[test]
    fn raw_answers_are_collected_from_repeated_fields() {
        let q = def("multiple_choice", &["A", "B"], true);
        let pairs = vec![
            ("q_how".to_owned(), "A".to_owned()),
            ("q_other".to_owned(), "x".to_owned()),
            ("q_how".to_owned(), "B".to_owned()),
        ];
        assert_eq!(raw_from_pairs(&q, &pairs).values, vec!["A", "B"]);
    }
}
