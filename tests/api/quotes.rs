//! Quotes are shown once: answers that differ only in case, spacing or punctuation give one
//! quote on a theme's page and one example in a suggestion.

use crate::coding::project_with_answers;
use crate::helpers::*;

#[tokio::test]
async fn three_identical_answers_give_one_quote_on_the_theme_page_and_in_suggestions() {
    let c = project_with_answers(&[
        "It was boring",
        "it was  BORING.",
        " It was boring ",
        "Boring day",
        "So boring here",
        "Too much waiting",
        "too much waiting!",
        "Too much  waiting",
        "waiting again",
        "waiting room cold",
    ])
    .await;
    let p = c.project;
    let boring = c.create_theme("Boring", "boring").await;
    c.settled_coding_page().await;
    let (_, html) = c.get(&format!("/projects/{p}/themes/{boring}")).await;
    assert_eq!(texts(&html, "#theme-count"), ["5"]);
    let mut quotes = texts(&html, "#theme-quotes blockquote");
    quotes.sort();
    assert_eq!(
        quotes,
        ["Boring day", "It was boring", "So boring here"],
        "{html}"
    );

    let (_, html) = c.get(&format!("/projects/{p}/themes/suggestions")).await;
    let examples = texts(&html, "section blockquote");
    let waiting: Vec<&String> = examples
        .iter()
        .filter(|e| e.to_lowercase().contains("too much waiting"))
        .collect();
    assert_eq!(waiting.len(), 1, "{examples:?}");
}
