//! Reading the runner's submitted forms: plain fields, each question's answer (through the
//! shared renderer's [`raw_from_pairs`]), a whole single-page form as a [`Sent`] submission,
//! and the honeypot that catches form-filling bots.

use std::collections::BTreeMap;

use maud::{Markup, html};

use crate::responses::model::{Channel, Mode, Sent, SubmissionId};
use crate::surveys::render::raw_from_pairs;
use crate::surveys::{Question, RawAnswer};

/// The answers to these questions from submitted form pairs, by key.
pub fn raws_from_pairs(
    pairs: &[(String, String)],
    questions: &[Question],
) -> BTreeMap<String, RawAnswer> {
    questions
        .iter()
        .map(|q| (q.def.key.as_str().to_owned(), raw_from_pairs(&q.def, pairs)))
        .collect()
}

/// What a single-page form sent: its answers to these questions and its hidden fields. The form
/// wrote those itself, so a missing or altered mode or channel reads as the usual one, and a
/// missing id gets a new one.
pub fn sent_from_pairs(pairs: &[(String, String)], questions: &[Question]) -> Sent {
    let id = pair(pairs, "submission_id")
        .and_then(SubmissionId::parse)
        .unwrap_or_else(SubmissionId::generate);
    Sent {
        mode: Some(
            pair(pairs, "mode")
                .and_then(Mode::parse)
                .unwrap_or(Mode::SelfCompleted),
        ),
        channel: Some(
            pair(pairs, "channel")
                .and_then(Channel::parse)
                .unwrap_or(Channel::Link),
        ),
        context: pair(pairs, "context").map(str::to_owned),
        ..Sent::new(id, raws_from_pairs(pairs, questions))
    }
}

/// The first value of a plain form field.
pub fn pair<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
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
