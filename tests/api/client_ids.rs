//! A client id is a random (version 4) UUID, and a re-send under it gets the receipt only with
//! the same answers: nobody can fetch another person's receipt (which opens their answers and
//! deletes them) by sending a known or guessed id.

use chorus::surveys::{Layout, SurveyKind};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::api::api;
use crate::helpers::*;
use crate::runner_fixtures::*;

async fn send(api: &crate::api::Api, slug: &str, body: &Value) -> (StatusCode, Value) {
    let res = api
        .http
        .post(api.app.url(&format!("/api/v1/s/{slug}/responses")))
        .json(body)
        .send()
        .await
        .unwrap();
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_client_id_that_is_not_a_random_uuid_is_refused_and_nothing_is_stored() {
    let api = api().await;
    let (survey, slug) = api.open_survey().await;
    for id in [
        "00000000-0000-0000-0000-000000000000",
        "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
        "886313e1-3b8a-5372-9b90-0c9aee199e5d",
    ] {
        let (status, body) = send(
            &api,
            &slug,
            &json!({"client_id": id, "answers": {"feeling": 3}}),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{id}");
        assert!(
            body["errors"]["client_id"]
                .as_str()
                .unwrap()
                .contains("random (version 4) UUID"),
            "{body}"
        );
    }
    assert_eq!(api.response_count(survey).await, 0);
}

#[tokio::test]
async fn a_resent_client_id_gets_the_receipt_only_with_the_same_answers_before_and_after_closing() {
    let api = api().await;
    let (survey, slug) = api.open_survey().await;
    let id = uuid::Uuid::new_v4();
    let mine = json!({"client_id": id, "answers": {"feeling": 3, "word": "sunny"}});
    let other = json!({"client_id": id, "answers": {"feeling": 1}});
    let (status, first) = send(&api, &slug, &mine).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, again) = send(&api, &slug, &mine).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["receipt"], first["receipt"]);
    let (status, body) = send(&api, &slug, &other).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body.get("receipt").is_none(), "{body}");
    assert!(
        !body
            .to_string()
            .contains(first["receipt"].as_str().unwrap())
    );
    // After closing, the same holds for re-sends.
    let (status, _) = api
        .json("POST", &format!("/api/v1/surveys/{survey}/close"), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, again) = send(&api, &slug, &mine).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["receipt"], first["receipt"]);
    let (status, body) = send(&api, &slug, &other).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body.get("receipt").is_none(), "{body}");
    // One response, with the first answers.
    let (_, page) = api
        .json("GET", &format!("/api/v1/surveys/{survey}/responses"), None)
        .await;
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["answers"]["feeling"], 3);
}

#[tokio::test]
async fn many_sends_at_once_under_one_client_id_store_one_response_and_give_its_receipt_only_to_the_same_answers()
 {
    let api = api().await;
    let (survey, slug) = api.open_survey().await;
    let id = uuid::Uuid::new_v4();
    let sends = (0..30).map(|i| {
        let (http, url) = (
            api.http.clone(),
            api.app.url(&format!("/api/v1/s/{slug}/responses")),
        );
        let feeling = if i % 2 == 0 { 2 } else { 5 };
        tokio::spawn(async move {
            let res = http
                .post(url)
                .json(&json!({"client_id": id, "answers": {"feeling": feeling}}))
                .send()
                .await
                .unwrap();
            let status = res.status();
            (feeling, status, res.json::<Value>().await.unwrap())
        })
    });
    let results: Vec<(i32, StatusCode, Value)> = futures_util::future::join_all(sends)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    let created: Vec<_> = results
        .iter()
        .filter(|r| r.1 == StatusCode::CREATED)
        .collect();
    assert_eq!(created.len(), 1, "{results:?}");
    let (winner, _, first) = created[0];
    for (feeling, status, body) in &results {
        if feeling == winner {
            assert!(
                *status == StatusCode::CREATED || *status == StatusCode::OK,
                "{status} {body}"
            );
            assert_eq!(body["receipt"], first["receipt"]);
        } else {
            assert_eq!(*status, StatusCode::CONFLICT, "{body}");
            assert!(body.get("receipt").is_none(), "{body}");
        }
    }
    let (_, page) = api
        .json("GET", &format!("/api/v1/surveys/{survey}/responses"), None)
        .await;
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["answers"]["feeling"], *winner);
}

#[tokio::test]
async fn sending_a_form_again_with_changed_answers_says_they_were_already_sent() {
    let app = spawn_app().await;
    let survey = open_survey(
        &app,
        SurveyKind::Questionnaire,
        Layout::SinglePage,
        vec![q("faces", "feel", true)],
    )
    .await;
    let form_path = format!("/s/{}/form", survey.slug);
    let (_, form) = app.page(&form_path).await;
    let hidden = hidden_fields(&form);
    let post = |feel: &'static str| {
        let mut fields = hidden.clone();
        fields.push(("q_feel".into(), feel.into()));
        app.client.post(app.url(&form_path)).form(&fields).send()
    };
    let first = post("4").await.unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    let receipt = receipt_in(&first.text().await.unwrap());
    // A double click: the same answers again show the same receipt.
    let again = post("4").await.unwrap();
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(receipt_in(&again.text().await.unwrap()), receipt);
    // Back, change an answer, send again: not saved, and no receipt on the page.
    let changed = post("1").await.unwrap();
    assert_eq!(changed.status(), StatusCode::CONFLICT);
    let page = changed.text().await.unwrap();
    assert!(page.contains("Your answers were already sent"), "{page}");
    assert!(!page.contains(&receipt));
    assert_eq!(count(&app, "response").await, 1);
}
