//! The runner's rendering of each kind of question, in GOV.UK Design System patterns, and
//! reading a question's answer back from the submitted form fields.
//!
//! Field names are `q_{key}` (and `q_{key}_other`); the first control's id is `q_{key}`, so the
//! error summary's links land on it.

use std::collections::BTreeMap;

use maud::{Markup, html};

use crate::surveys::question::{FACES, NONE_OF_THESE, OTHER};
use crate::surveys::{Question, QuestionDef, QuestionKind, RawAnswer};
use crate::web::forms::described_by;

/// The field name (and first control id) of a question.
pub fn field_name(def: &QuestionDef) -> String {
    format!("q_{}", def.key.as_str())
}

/// The answer to one question from submitted form pairs.
pub fn raw_from_pairs(pairs: &[(String, String)], def: &QuestionDef) -> RawAnswer {
    let name = field_name(def);
    let other_name = format!("{name}_other");
    RawAnswer {
        values: pairs
            .iter()
            .filter(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
            .collect(),
        other: pairs
            .iter()
            .find(|(k, _)| *k == other_name)
            .map(|(_, v)| v.clone()),
    }
}

/// The answers to these questions from submitted form pairs, by key.
pub fn raws_from_pairs(
    pairs: &[(String, String)],
    questions: &[Question],
) -> BTreeMap<String, RawAnswer> {
    questions
        .iter()
        .map(|q| (q.def.key.as_str().to_owned(), raw_from_pairs(pairs, &q.def)))
        .collect()
}

/// The first value of a plain form field.
pub fn pair<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// One control of a radio or checkbox group: value, visible label and decorative emoji.
struct Choice {
    value: String,
    label: String,
    emoji: Option<&'static str>,
}

fn choice(value: impl Into<String>, label: impl Into<String>) -> Choice {
    Choice {
        value: value.into(),
        label: label.into(),
        emoji: None,
    }
}

fn choices(def: &QuestionDef) -> Vec<Choice> {
    let ends = |i: i32, low: i32, high: i32| -> String {
        // The steward's end labels, or the same defaults the builder's preview shows.
        let (dl, dh) = def.kind.default_ends().unwrap_or(("", ""));
        let (l, h) = (
            def.options.first().map_or(dl, String::as_str),
            def.options.get(1).map_or(dh, String::as_str),
        );
        match i {
            i if i == low && !l.is_empty() => format!("{i} – {l}"),
            i if i == high && !h.is_empty() => format!("{i} – {h}"),
            i => i.to_string(),
        }
    };
    match def.kind {
        QuestionKind::Faces => FACES
            .iter()
            .map(|(v, emoji, label)| Choice {
                value: v.to_string(),
                label: (*label).to_owned(),
                emoji: Some(emoji),
            })
            .collect(),
        QuestionKind::Scale | QuestionKind::Rating => {
            let (low, high) = def.kind.range().unwrap_or((1, 5));
            (low..=high)
                .map(|i| choice(i.to_string(), ends(i, low, high)))
                .collect()
        }
        QuestionKind::YesNo => vec![choice("yes", "Yes"), choice("no", "No")],
        _ => def
            .options
            .iter()
            .map(|o| choice(o.clone(), o.clone()))
            .collect(),
    }
}

fn heading(def: &QuestionDef, as_heading: bool) -> Markup {
    html! {
        @if as_heading {
            h1 class="fieldset-heading" { (def.prompt) @if !def.required { " (optional)" } }
        } @else {
            (def.prompt) @if !def.required { " (optional)" }
        }
    }
}

/// Renders one question with its current answer and error. With `as_heading` the legend (or
/// label) is the page's `h1`, as on one-question pages.
pub fn render_question(
    def: &QuestionDef,
    raw: &RawAnswer,
    error: Option<&str>,
    as_heading: bool,
) -> Markup {
    let name = field_name(def);
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let has_hint = !def.hint.is_empty() || def.kind == QuestionKind::LongText;
    let described = described_by(
        has_hint.then_some(hint_id.as_str()),
        error.map(|_| error_id.as_str()),
    );
    let group_class = if error.is_some() {
        "form-group form-group-error"
    } else {
        "form-group"
    };
    let hint = html! {
        @if has_hint {
            div class="hint" id=(hint_id) {
                (def.hint)
                @if def.kind == QuestionKind::LongText {
                    @if !def.hint.is_empty() { " " }
                    "You can write up to 5,000 characters."
                }
            }
        }
    };
    let error_line = html! {
        @if let Some(message) = error {
            p class="error-message" id=(error_id) {
                span class="visually-hidden" { "Error: " } (message)
            }
        }
    };
    let text = raw.values.first().map(String::as_str).unwrap_or("");
    if def.kind.is_text() {
        let input_class = if error.is_some() { " input-error" } else { "" };
        return html! {
            div class=(group_class) {
                @if as_heading {
                    h1 class="label-wrapper" {
                        label class="label label-l" for=(name) { (def.prompt) @if !def.required { " (optional)" } }
                    }
                } @else {
                    label class="label" for=(name) { (def.prompt) @if !def.required { " (optional)" } }
                }
                (hint)
                (error_line)
                @if def.kind == QuestionKind::ShortText {
                    input class={ "input" (input_class) } id=(name) name=(name) type="text"
                        value=(text) aria-describedby=[described.as_deref()];
                } @else {
                    textarea class={ "textarea" @if error.is_some() { " textarea-error" } } id=(name) name=(name)
                        rows="6" aria-describedby=[described.as_deref()] { (text) }
                }
            }
        };
    }
    let multiple = def.kind == QuestionKind::MultipleChoice;
    let (kind, group, item, input, label) = if multiple {
        (
            "checkbox",
            "checkboxes",
            "checkbox",
            "checkbox-input",
            "checkbox-label",
        )
    } else {
        ("radio", "radios", "radio", "radio-input", "radio-label")
    };
    let checked = |v: &str| raw.values.iter().any(|x| x == v);
    let items = choices(def);
    let id_for = |i: usize| {
        if i == 0 {
            name.clone()
        } else {
            format!("{name}-{i}")
        }
    };
    let other_name = format!("{name}_other");
    let other_value = raw.other.as_deref().unwrap_or("");
    html! {
        div class=(group_class) {
            fieldset class="fieldset" aria-describedby=[described.as_deref()] {
                legend class={ "fieldset-legend" @if as_heading { " fieldset-legend-l" } } {
                    (heading(def, as_heading))
                }
                (hint)
                (error_line)
                // Faces get the larger (44×44 px) targets of `.faces` in chorus.css.
                div class={ (group) @if def.kind == QuestionKind::Faces { " faces" } } {
                    @for (i, c) in items.iter().enumerate() {
                        div class=(item) {
                            input class=(input) id=(id_for(i)) name=(name) type=(kind)
                                value=(c.value) checked[checked(&c.value)];
                            label class=(label) for=(id_for(i)) {
                                @if let Some(emoji) = c.emoji {
                                    span class="face" aria-hidden="true" { (emoji) } " "
                                }
                                (c.label)
                            }
                        }
                    }
                    @if def.allow_other {
                        div class=(item) {
                            input class=(input) id=(id_for(items.len())) name=(name) type=(kind)
                                value=(OTHER) checked[checked(OTHER)];
                            label class=(label) for=(id_for(items.len())) { (OTHER) }
                        }
                        div class="conditional" {
                            label class="label label-inline" for=(other_name) { "If other, tell us what" }
                            input class="input" id=(other_name) name=(other_name) type="text" value=(other_value);
                        }
                    }
                    @if def.allow_none {
                        div class="choice-divider" { "or" }
                        div class=(item) {
                            input class=(input) id=(id_for(items.len())) name=(name) type=(kind)
                                value=(NONE_OF_THESE) checked[checked(NONE_OF_THESE)];
                            label class=(label) for=(id_for(items.len())) { (NONE_OF_THESE) }
                        }
                    }
                }
            }
        }
    }
}

/// The honeypot: hidden from people (and from screen readers), tempting to form-filling bots.
pub fn honeypot() -> Markup {
    html! {
        div class="honeypot" aria-hidden="true" {
            label for="website" { "Leave this empty" }
            input id="website" name="website" type="text" autocomplete="off" tabindex="-1" value="";
        }
    }
}

/// Whether the honeypot was filled in.
pub fn honeypot_filled(pairs: &[(String, String)]) -> bool {
    pair(pairs, "website").is_some_and(|v| !v.trim().is_empty())
}
