//! Each kind of question's controls.

use maud::{Markup, html};

use super::other_field_name;
use super::parts::{Parts, is_chosen, length_note, radio};
use crate::surveys::answer::RawAnswer;
use crate::surveys::question::{FACES, NONE_OF_THESE, OTHER, QuestionKind};

pub(super) fn faces(parts: &Parts<'_>, raw: &RawAnswer) -> Markup {
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

pub(super) fn numbers(parts: &Parts<'_>, raw: &RawAnswer) -> Markup {
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

pub(super) fn single_choice(parts: &Parts<'_>, raw: &RawAnswer) -> Markup {
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

pub(super) fn multiple_choice(parts: &Parts<'_>, raw: &RawAnswer) -> Markup {
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

pub(super) fn yes_no(parts: &Parts<'_>, raw: &RawAnswer) -> Markup {
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

/// How much the box holds, under it (see [`length_note`]), and its id when there is one.
fn length_info(parts: &Parts<'_>, raw: &RawAnswer) -> (Option<String>, Markup) {
    let note = length_note(parts.q.kind, raw);
    let id = note.as_ref().map(|_| format!("{}-info", parts.name));
    let markup = html! {
        @if let (Some(note), Some(id)) = (&note, &id) {
            div class="hint character-count" id=(id) { (note) }
        }
    };
    (id, markup)
}

pub(super) fn short_text(parts: &Parts<'_>, raw: &RawAnswer) -> Markup {
    let value = raw.values.first().map_or("", String::as_str);
    let (info_id, info) = length_info(parts, raw);
    html! {
        (parts.label())
        input class={ "input" @if parts.error.is_some() { " input-error" } } type="text"
            id=(parts.name) name=(parts.name) value=(value)
            aria-describedby=[parts.described(info_id.as_deref())];
        (info)
    }
}

pub(super) fn long_text(parts: &Parts<'_>, raw: &RawAnswer) -> Markup {
    let value = raw.values.join("\n");
    let (info_id, info) = length_info(parts, raw);
    html! {
        (parts.label())
        textarea class={ "textarea" @if parts.error.is_some() { " textarea-error" } } rows="5"
            id=(parts.name) name=(parts.name)
            aria-describedby=[parts.described(info_id.as_deref())] { (value) }
        (info)
    }
}
