//! The results page: totals, per-question summaries and the paged response table.

use crate::api::api;
use crate::csv::{insert_responses, signed_in};
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

/// Each row of the matching tables as "cell | cell | cell".
fn rows(html: &str, selector: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let rows = scraper::Selector::parse(selector).unwrap();
    let cells = scraper::Selector::parse("th, td").unwrap();
    doc.select(&rows)
        .map(|row| {
            row.select(&cells)
                .map(|c| c.text().collect::<String>().trim().to_owned())
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect()
}

#[tokio::test]
async fn the_results_page_summarises_each_question() {
    let api = api().await;
    let (survey, slug) = api.open_survey().await;
    for (feeling, colour, pets) in [
        (1, "Red", json!(["Cat"])),
        (4, "Red", json!(["Cat", "Dog"])),
        (5, "Blue", json!(["None of these"])),
    ] {
        let (status, _) = api
            .submit(
                &slug,
                json!({"feeling": feeling, "colour": colour, "pets": pets, "story": "Fun"}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    let client = signed_in(&api.app).await;
    let res = api
        .app
        .get_with(&client, &format!("/surveys/{survey}/results"))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert_eq!(texts(&html, "h1").len(), 1);
    assert!(texts(&html, ".summary-value").contains(&"3".to_owned()));
    let feeling = texts(&html, "#q-feeling ~ dl .summary-value");
    assert_eq!(&feeling[..2], ["3.3", "4.0"]);
    let rows = rows(&html, "table tbody tr");
    assert!(
        rows.contains(&"Really bad | 1 | 33%".to_owned()),
        "{rows:?}"
    );
    assert!(rows.contains(&"Really good | 1 | 33%".to_owned()));
    assert!(rows.contains(&"Red | 2 | 67%".to_owned()));
    assert!(rows.contains(&"Blue | 1 | 33%".to_owned()));
    assert!(rows.contains(&"Cat | 2 | 67%".to_owned()));
    assert!(rows.contains(&"None of these | 1 | 33%".to_owned()));
    assert!(html.contains("3 responses with a written answer."));
    assert!(
        texts(&html, "caption")
            .iter()
            .any(|c| c.starts_with("Responses, newest first"))
    );
    assert!(!texts(&html, "th[scope=col]").is_empty());
    assert!(html.contains(&format!("href=\"/surveys/{survey}/responses.csv?bom=1\"")));
    assert!(texts(&html, "a").contains(&"Download responses as CSV for Excel".to_owned()));
}

#[tokio::test]
async fn the_response_table_shows_twenty_five_at_a_time_newest_first() {
    let api = api().await;
    let (survey, _) = api.open_survey().await;
    insert_responses(&api.app, survey, 30).await;
    let client = signed_in(&api.app).await;
    let first = api
        .app
        .get_with(&client, &format!("/surveys/{survey}/results"))
        .await
        .text()
        .await
        .unwrap();
    let responses_table = |html: &str| texts(html, "#responses tbody tr").len();
    assert_eq!(responses_table(&first), 25);
    assert!(texts(&first, "a[rel=next]").contains(&"Next page".to_owned()));
    let second = api
        .app
        .get_with(&client, &format!("/surveys/{survey}/results?page=2"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(responses_table(&second), 5);
    assert!(
        texts(&second, "caption")
            .iter()
            .any(|c| c.contains("page 2 of 2"))
    );
}

#[tokio::test]
async fn archived_questions_still_show_their_answers_marked_archived() {
    let api = api().await;
    let (survey, slug) = api.open_survey().await;
    api.submit(&slug, json!({"feeling": 3, "word": "sunny"}))
        .await;
    let mut fewer = crate::api::survey_body();
    fewer["questions"].as_array_mut().unwrap().remove(6);
    let (status, _) = api
        .json("PUT", &format!("/api/v1/surveys/{survey}"), Some(fewer))
        .await;
    assert_eq!(status, StatusCode::OK);
    let client = signed_in(&api.app).await;
    let html = api
        .app
        .get_with(&client, &format!("/surveys/{survey}/results"))
        .await
        .text()
        .await
        .unwrap();
    let heading = texts(&html, "#q-word");
    assert_eq!(heading, ["One word for today Archived"]);
    assert!(texts(&html, "td").contains(&"sunny".to_owned()));
}
