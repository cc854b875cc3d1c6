//! Ids, wording, labels, hints and errors shared by every kind of question.

use maud::{Markup, html};

use crate::surveys::answer::RawAnswer;
use crate::surveys::answer::group_thousands;
use crate::surveys::question::{LONG_TEXT_MAX, QuestionDef, QuestionKind, SHORT_TEXT_MAX};

/// Ids and wording shared by every kind of question.
pub(super) struct Parts<'a> {
    pub(super) q: &'a QuestionDef,
    pub(super) name: String,
    pub(super) hint_id: String,
    pub(super) error_id: String,
    pub(super) wording: &'a str,
    pub(super) error: Option<&'a str>,
    /// The error is about the "Other" text: shown beside that box, not on the whole group.
    pub(super) error_on_other: bool,
    pub(super) heading: bool,
}

impl Parts<'_> {
    /// The ids a control or fieldset is described by.
    pub(super) fn described(&self, extra: Option<&str>) -> Option<String> {
        let ids: Vec<&str> = [
            (!self.q.hint.is_empty()).then_some(self.hint_id.as_str()),
            extra,
            self.group_error().map(|_| self.error_id.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }

    pub(super) fn title(&self) -> Markup {
        html! {
            (self.wording)
            @if !self.q.required { " " (super::SKIP_NOTE) }
        }
    }

    pub(super) fn hint(&self) -> Markup {
        html! {
            @if !self.q.hint.is_empty() {
                div class="hint" id=(self.hint_id) { (self.q.hint) }
            }
        }
    }

    /// The error shown on the whole question (none when it belongs to the "Other" box).
    pub(super) fn group_error(&self) -> Option<&str> {
        self.error.filter(|_| !self.error_on_other)
    }

    pub(super) fn error_message(&self) -> Markup {
        html! {
            @if let Some(message) = self.group_error() {
                p class="error-message" id=(self.error_id) {
                    span class="visually-hidden" { "Error: " } (message)
                }
            }
        }
    }

    /// The id of the n-th control: the first is `q_{key}` so summary links land on it.
    pub(super) fn control_id(&self, n: usize) -> String {
        if n == 0 {
            self.name.clone()
        } else {
            format!("{}-{}", self.name, n + 1)
        }
    }

    /// A fieldset with legend, hint and error around a group of radios or checkboxes.
    pub(super) fn fieldset(&self, extra: Option<&str>, controls: Markup) -> Markup {
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
    pub(super) fn label(&self) -> Markup {
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

pub(super) fn is_chosen(raw: &RawAnswer, value: &str) -> bool {
    raw.values
        .iter()
        .any(|v| v.trim().eq_ignore_ascii_case(value))
}

pub(super) fn radio(
    parts: &Parts<'_>,
    n: usize,
    value: &str,
    checked: bool,
    label: Markup,
) -> Markup {
    let id = parts.control_id(n);
    html! {
        div class="radio" {
            input class="radio-input" type="radio" id=(id) name=(parts.name) value=(value) checked[checked];
            label class="radio-label" for=(id) { (label) }
        }
    }
}

/// How much a text answer may hold, in words a child knows: a long answer says "You can write
/// a lot."; either kind gives the count only once what was typed is close to the limit (the
/// last tenth), or over it. `None`: nothing to say.
pub(super) fn length_note(kind: QuestionKind, raw: &RawAnswer) -> Option<String> {
    let max = if kind == QuestionKind::LongText {
        LONG_TEXT_MAX
    } else {
        SHORT_TEXT_MAX
    };
    let used = raw.values.join("\n").trim().chars().count();
    if used > max {
        Some(format!(
            "You have written {} letters and spaces too many. Make your answer a bit shorter.",
            group_thousands(used - max)
        ))
    } else if used * 10 >= max * 9 {
        let left = max - used;
        Some(match left {
            1 => "You can write 1 more letter or space.".to_owned(),
            n => format!(
                "You can write {} more letters and spaces.",
                group_thousands(n)
            ),
        })
    } else {
        (kind == QuestionKind::LongText).then(|| "You can write a lot.".to_owned())
    }
}
