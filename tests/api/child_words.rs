//! Words a child knows on every public page: no page a person answering can reach says
//! resume, receipt, UTC, optional, characters or submit, in its text or in what a screen reader
//! reads out (the pages are walked in `child_walks.rs`).

use chorus::surveys::Layout;

use crate::child_walks::{Seen, children_survey, walk_forms, walk_questionnaire, walk_unavailable};
use crate::helpers::*;

/// The banned words, with the forms they take in a sentence.
pub const BANNED: &[&str] = &[
    "resume",
    "resumes",
    "resumed",
    "receipt",
    "receipts",
    "utc",
    "optional",
    "character",
    "characters",
    "submit",
    "submits",
    "submitted",
    "submitting",
];

/// Attributes that are read out or shown: the rest (hrefs, names, hidden values) are not.
const READ_ATTRIBUTES: &[&str] = &["aria-label", "title", "alt", "placeholder"];

/// What a person reads or hears on a page: every text node outside scripts and styles, plus
/// the attributes in [`READ_ATTRIBUTES`].
pub fn read_text(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let mut out = String::new();
    for node in doc.tree.nodes() {
        match node.value() {
            scraper::Node::Text(text) => {
                let in_code = node.ancestors().any(|a| {
                    a.value()
                        .as_element()
                        .is_some_and(|e| matches!(e.name(), "script" | "style"))
                });
                if !in_code {
                    out.push_str(text);
                    out.push(' ');
                }
            }
            scraper::Node::Element(e) => {
                for attr in READ_ATTRIBUTES {
                    if let Some(value) = e.attr(attr) {
                        out.push_str(value);
                        out.push(' ');
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The banned words on a page, as found.
pub fn banned_in(html: &str) -> Vec<String> {
    read_text(html)
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| BANNED.contains(&w.as_str()))
        .collect()
}

#[tokio::test]
async fn no_page_a_child_can_reach_uses_words_children_told_us_they_do_not_know() {
    let app = spawn_app().await;
    let survey = children_survey(&app, Layout::OnePerPage, |_| {}).await;
    let sensitive = children_survey(&app, Layout::OnePerPage, |s| s.sensitive = true).await;
    let mut seen = Seen::default();
    for easy in [false, true] {
        walk_questionnaire(&app, &survey, easy, &mut seen).await;
    }
    walk_questionnaire(&app, &sensitive, false, &mut seen).await;
    walk_forms(&app, &mut seen).await;
    walk_unavailable(&app, &mut seen).await;

    assert!(
        seen.0.len() > 60,
        "every page type was seen: {}",
        seen.0.len()
    );
    assert!(
        seen.0
            .iter()
            .any(|(_, html)| html.contains("body class=\"easy-read\""))
    );
    let mut found = Vec::new();
    for (what, html) in &seen.0 {
        let words = banned_in(html);
        if !words.is_empty() {
            found.push(format!("{what}: {}", words.join(", ")));
        }
    }
    found.dedup();
    assert!(
        found.is_empty(),
        "banned words on public pages:\n{}",
        found.join("\n")
    );
    let later = &seen.0.iter().find(|(w, _)| w == "not open yet").unwrap().1;
    let weekdays = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    assert!(
        weekdays
            .iter()
            .any(|d| later.contains(&format!("You can answer from {d} "))),
        "the day is named: {later}"
    );
    let thanks: Vec<&String> = seen
        .0
        .iter()
        .filter(|(w, _)| w == "one-page form, sent")
        .map(|(_, h)| h)
        .collect();
    assert!(
        thanks[1].contains("Thank you for taking part in How did it go?<"),
        "no full stop after a question mark"
    );
    assert!(
        thanks[0].contains("Thank you for taking part in Our youth club.<"),
        "one after a title"
    );
}

#[test]
fn the_word_check_reads_what_is_read_out_and_skips_addresses() {
    let html = r#"<html><head><title>Submit</title><script>var receipt;</script></head>
        <body><a href="/resume" aria-label="Optional help">Carry on</a>
        <input type="hidden" name="receipt" value="UTC"><p>Up to 5 characters</p></body></html>"#;
    assert_eq!(banned_in(html), vec!["submit", "optional", "characters"]);
    assert!(banned_in("<p>Resumed, résumé? Receipts.</p>").len() == 2);
}
