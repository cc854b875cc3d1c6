//! The public submission API is limited per client address, as the runner's forms are: past
//! the limit it answers 429 problem+json with Retry-After, and stores nothing.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::api::{api_with, full_answers};

#[tokio::test]
async fn too_many_api_submissions_from_one_address_are_refused_with_retry_after() {
    let api = api_with(|raw| raw.rate_limit = Some("3".into())).await;
    let (survey, slug) = api.open_survey().await;
    // Refused bodies are not counted.
    let (status, _) = api.submit(&slug, json!({"feeling": 9})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    for _ in 0..3 {
        let (status, doc) = api.submit(&slug, full_answers()).await;
        assert_eq!(status, StatusCode::CREATED, "{doc}");
    }
    let res = api
        .http
        .post(api.app.url(&format!("/api/v1/s/{slug}/responses")))
        .json(&json!({"client_id": uuid::Uuid::new_v4(), "answers": full_answers()}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let content_type = res.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(content_type.starts_with("application/problem+json"));
    let wait: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "Retry-After: {wait}");
    let doc: Value = res.json().await.unwrap();
    assert_eq!(doc["status"], 429);
    assert_eq!(api.response_count(survey).await, 3);
}
