//! Form components in the GOV.UK Design System's patterns: error summary, labelled inputs with
//! hints and inline errors, buttons and the CSRF field.

use maud::{Markup, html};

pub use crate::fields::FieldErrors;

/// The hidden field that carries the CSRF token.
pub fn csrf_field(token: &str) -> Markup {
    html! { input type="hidden" name="csrf_token" value=(token); }
}

/// "There is a problem" with a link to each field. Focused on load so screen readers announce it.
pub fn error_summary(errors: &FieldErrors) -> Markup {
    html! {
        @if !errors.is_empty() {
            div class="error-summary" aria-labelledby="error-summary-title" role="alert" tabindex="-1" autofocus {
                h2 class="error-summary-title" id="error-summary-title" { "There is a problem" }
                ul class="error-summary-list" {
                    @for (field, message) in errors.iter() {
                        li { a href={ "#" (field) } { (message) } }
                    }
                }
            }
        }
    }
}

/// A single-line text input.
pub struct Input<'a> {
    /// Field name and element id.
    pub name: &'a str,
    /// Visible label.
    pub label: &'a str,
    /// Optional hint under the label.
    pub hint: Option<&'a str>,
    /// Current value (kept after an error).
    pub value: &'a str,
    /// `text`, `email`, `password`, …
    pub kind: &'a str,
    /// The `autocomplete` token.
    pub autocomplete: Option<&'a str>,
    /// Whether to show "(optional)" after the label.
    pub optional: bool,
    /// Extra CSS width class.
    pub width: Option<&'a str>,
}

impl<'a> Input<'a> {
    /// A required text input.
    pub fn new(name: &'a str, label: &'a str) -> Self {
        Input {
            name,
            label,
            hint: None,
            value: "",
            kind: "text",
            autocomplete: None,
            optional: false,
            width: None,
        }
    }
    /// Sets the hint.
    pub fn hint(mut self, hint: &'a str) -> Self {
        self.hint = Some(hint);
        self
    }
    /// Sets the value.
    pub fn value(mut self, value: &'a str) -> Self {
        self.value = value;
        self
    }
    /// Sets the input type.
    pub fn kind(mut self, kind: &'a str) -> Self {
        self.kind = kind;
        self
    }
    /// Sets the autocomplete token.
    pub fn autocomplete(mut self, token: &'a str) -> Self {
        self.autocomplete = Some(token);
        self
    }
    /// Marks the field optional.
    pub fn optional(mut self) -> Self {
        self.optional = true;
        self
    }

    /// Renders the field with its error, if any.
    pub fn render(&self, errors: &FieldErrors) -> Markup {
        let error = errors.get(self.name);
        let hint_id = format!("{}-hint", self.name);
        let error_id = format!("{}-error", self.name);
        let described = described_by(
            self.hint.map(|_| hint_id.as_str()),
            error.map(|_| error_id.as_str()),
        );
        html! {
            div class={ "form-group" @if error.is_some() { " form-group-error" } } {
                label class="label" for=(self.name) {
                    (self.label)
                    @if self.optional { " (optional)" }
                }
                @if let Some(hint) = self.hint {
                    div class="hint" id=(hint_id) { (hint) }
                }
                @if let Some(message) = error {
                    p class="error-message" id=(error_id) {
                        span class="visually-hidden" { "Error: " } (message)
                    }
                }
                input class={ "input" @if error.is_some() { " input-error" } @if let Some(w) = self.width { " " (w) } }
                    id=(self.name) name=(self.name) type=(self.kind) value=(self.value)
                    autocomplete=[self.autocomplete] aria-describedby=[described.as_deref()]
                    spellcheck=[(self.kind == "email").then_some("false")];
            }
        }
    }
}

/// Joins the ids a control should be described by.
pub fn described_by(hint: Option<&str>, error: Option<&str>) -> Option<String> {
    let ids: Vec<&str> = [hint, error].into_iter().flatten().collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A primary button.
pub fn button(text: &str) -> Markup {
    html! { button type="submit" class="button" { (text) } }
}

/// A secondary (grey) button.
pub fn secondary_button(text: &str) -> Markup {
    html! { button type="submit" class="button button-secondary" { (text) } }
}
