//! More GOV.UK form components for stewards' forms: radios, textareas, checkboxes and date inputs.

use maud::{Markup, html};

use crate::fields::FieldErrors;
use crate::web::forms::described_by;

/// One radio: value, label and an optional hint.
pub type Choice<'a> = (&'a str, &'a str, Option<&'a str>);

fn error_line(id: &str, message: Option<&str>) -> Markup {
    html! {
        @if let Some(message) = message {
            p class="error-message" id=(id) { span class="visually-hidden" { "Error: " } (message) }
        }
    }
}

/// A fieldset of radios; the first radio's id is the field name, so summary links land on it.
pub fn radios(
    name: &str,
    legend: &str,
    hint: Option<&str>,
    choices: &[Choice<'_>],
    selected: &str,
    errors: &FieldErrors,
) -> Markup {
    let error = errors.get(name);
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    html! {
        div class={ "form-group" @if error.is_some() { " form-group-error" } } {
            fieldset class="fieldset" aria-describedby=[described_by(hint.map(|_| hint_id.as_str()), error.map(|_| error_id.as_str()))] {
                legend class="fieldset-legend" { (legend) }
                @if let Some(hint) = hint { div class="hint" id=(hint_id) { (hint) } }
                (error_line(&error_id, error))
                div class="radios" {
                    @for (i, (value, label, item_hint)) in choices.iter().enumerate() {
                        @let id = if i == 0 { name.to_owned() } else { format!("{name}-{value}") };
                        @let item_hint_id = format!("{id}-item-hint");
                        div class="radio" {
                            input class="radio-input" type="radio" id=(id) name=(name) value=(value)
                                checked[selected == *value]
                                aria-describedby=[item_hint.map(|_| item_hint_id.as_str())];
                            label class="radio-label" for=(id) { (label) }
                            @if let Some(h) = item_hint { div class="hint radio-hint" id=(item_hint_id) { (h) } }
                        }
                    }
                }
            }
        }
    }
}

/// A labelled textarea. Never limits typing; the server says when text is too long.
pub fn textarea(
    name: &str,
    label: &str,
    hint: Option<&str>,
    value: &str,
    optional: bool,
    errors: &FieldErrors,
) -> Markup {
    let error = errors.get(name);
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    html! {
        div class={ "form-group" @if error.is_some() { " form-group-error" } } {
            label class="label" for=(name) { (label) @if optional { " (optional)" } }
            @if let Some(hint) = hint { div class="hint" id=(hint_id) { (hint) } }
            (error_line(&error_id, error))
            textarea class={ "textarea" @if error.is_some() { " textarea-error" } } id=(name) name=(name) rows="5"
                aria-describedby=[described_by(hint.map(|_| hint_id.as_str()), error.map(|_| error_id.as_str()))] { (value) }
        }
    }
}

/// A fieldset of independent yes/no checkboxes: (name, label, checked). Each sends "yes".
pub fn checkboxes(legend: &str, hint: Option<&str>, items: &[(&str, &str, bool)]) -> Markup {
    let hint_id = items
        .first()
        .map(|(n, _, _)| format!("{n}-group-hint"))
        .unwrap_or_default();
    html! {
        div class="form-group" {
            fieldset class="fieldset" aria-describedby=[hint.map(|_| hint_id.as_str())] {
                legend class="fieldset-legend" { (legend) }
                @if let Some(hint) = hint { div class="hint" id=(hint_id) { (hint) } }
                div class="checkboxes" {
                    @for (name, label, checked) in items {
                        div class="checkbox" {
                            input class="checkbox-input" type="checkbox" id=(name) name=(name) value="yes" checked[*checked];
                            label class="checkbox-label" for=(name) { (label) }
                        }
                    }
                }
            }
        }
    }
}

/// The day, month and year typed into a date input.
#[derive(Clone, Copy, Debug, Default)]
pub struct DateParts<'a> {
    /// Day of the month.
    pub day: &'a str,
    /// Month number.
    pub month: &'a str,
    /// Four-digit year.
    pub year: &'a str,
}

/// The GOV.UK date input: day, month and year fields named `{name}_day` etc. The day field's id
/// is `{name}` so an error summary link lands on it.
pub fn date_input(
    name: &str,
    legend: &str,
    hint: &str,
    value: DateParts<'_>,
    optional: bool,
    errors: &FieldErrors,
) -> Markup {
    let error = errors.get(name);
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let parts = [
        ("day", "Day", value.day, "bday-day"),
        ("month", "Month", value.month, "bday-month"),
        ("year", "Year", value.year, "bday-year"),
    ];
    html! {
        div class={ "form-group" @if error.is_some() { " form-group-error" } } {
            fieldset class="fieldset" role="group" aria-describedby=[described_by(Some(&hint_id), error.map(|_| error_id.as_str()))] {
                legend class="fieldset-legend" { (legend) @if optional { " (optional)" } }
                div class="hint" id=(hint_id) { (hint) }
                (error_line(&error_id, error))
                div class="date-input" {
                    @for (i, (part, label, typed, _)) in parts.iter().enumerate() {
                        @let id = if i == 0 { name.to_owned() } else { format!("{name}-{part}") };
                        div class="date-input-item" {
                            label class="label label-inline-block" for=(id) { (label) }
                            input class={ "input " @if *part == "year" { "input-width-4" } @else { "input-width-2" } @if error.is_some() { " input-error" } }
                                id=(id) name={ (name) "_" (part) } type="text" inputmode="numeric" value=(typed);
                        }
                    }
                }
            }
        }
    }
}
