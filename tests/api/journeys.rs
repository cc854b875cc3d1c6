//! Journeys found by links: from the pages a person is on to the pages they need next, by
//! following the links those pages show (never typed addresses).

use chorus::accounts::Role;
use reqwest::{Client, StatusCode};

use crate::builder::{QUESTIONS, add_question, create_survey};
use crate::helpers::*;
use crate::projects::create_project;

/// The page at `path`, which must answer 200.
async fn page(app: &TestApp, client: &Client, path: &str) -> String {
    let res = app.get_with(client, path).await;
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    res.text().await.unwrap()
}

/// The address of the link whose text starts with `text`.
fn link(html: &str, scope: &str, text: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(&format!("{scope} a")).unwrap();
    doc.select(&sel)
        .find(|a| a.text().collect::<String>().trim().starts_with(text))
        .and_then(|a| a.value().attr("href"))
        .unwrap_or_else(|| panic!("no link {text:?} in {scope}"))
        .to_owned()
}

#[tokio::test]
async fn after_publishing_the_survey_page_leads_to_its_poster_live_board_results_and_download() {
    let app = spawn_app().await;
    let (c, _) = app.signed_in_client(Role::Steward, "sam@example.org").await;
    let project = create_project(&app, &c, "Youth club").await;
    let survey = create_survey(&app, &c, project).await;
    add_question(&app, &c, survey, QUESTIONS[0]).await;
    let draft = page(&app, &c, &format!("/surveys/{survey}")).await;
    assert!(draft.contains("Publish the survey to get its link, QR poster and live board."));
    assert!(!draft.contains("/poster"), "no poster for a draft");
    let res = app
        .post_form_with(&c, &format!("/surveys/{survey}/publish"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let open = page(&app, &c, &format!("/surveys/{survey}")).await;
    let panel = "section[aria-labelledby=share-heading]";
    let public = link(&open, panel, "http");
    assert!(public.starts_with("/s/"), "{public}");
    assert!(
        open.contains("data-copy=\"public-link\""),
        "a copy button for browsers that can copy"
    );
    for (text, shows) in [
        ("QR poster", "Scan"),
        ("Live board", "How was club?"),
        ("Results", "How was club?"),
    ] {
        let href = link(&open, panel, text);
        let html = page(&app, &c, &href).await;
        assert!(html.contains(shows), "{text} at {href}");
    }
    let csv = app
        .get_with(&c, &link(&open, panel, "Download every response"))
        .await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(csv.text().await.unwrap().starts_with("response_id,"));
    // The project page offers the same from its list of surveys.
    let listing = page(&app, &c, &format!("/projects/{project}")).await;
    for text in ["Live board", "Results", "QR poster"] {
        assert_eq!(
            link(&listing, "ul.question-list li", text),
            format!(
                "/surveys/{survey}/{}",
                match text {
                    "Live board" => "live",
                    "Results" => "results",
                    _ => "poster",
                }
            )
        );
    }
}

#[tokio::test]
async fn a_practitioners_home_leads_to_their_feedback_forms() {
    let app = spawn_app().await;
    let (c, _) = app
        .signed_in_client(Role::Practitioner, "pat@example.org")
        .await;
    let home = page(&app, &c, "/home").await;
    let href = link(&home, "main", "My feedback forms");
    let html = page(&app, &c, &href).await;
    assert!(html.contains("feedback"), "{href}");
}
