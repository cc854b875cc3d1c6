//! Reading the runner's submitted forms: plain fields, each question's answer (through the
//! shared renderer's [`raw_from_pairs`]), and the honeypot that catches form-filling bots.

use std::collections::BTreeMap;

use maud::{Markup, html};

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
