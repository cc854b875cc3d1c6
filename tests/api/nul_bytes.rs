//! A survey's address is read before any query: a NUL byte or anything else that cannot be a
//! slug is "not found" on every database, never a server error.

use reqwest::StatusCode;
use serde_json::json;

use crate::api::api;

#[tokio::test]
async fn a_nul_byte_or_a_malformed_slug_in_a_survey_address_is_not_found() {
    let api = api().await;
    let (_, slug) = api.open_survey().await;
    let long = "a".repeat(65);
    for bad in [
        "a%00b",
        &format!("{slug}%00"),
        "%00",
        &long,
        "a%20b",
        "%C3%A9",
    ] {
        for tail in [
            "", "/form", "/qr.svg", "/qr.png", "/q/1", "/check", "/resume",
        ] {
            let path = format!("/s/{bad}{tail}");
            let res = api.app.get(&path).await;
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
            assert!(
                res.text().await.unwrap().contains("Page not found"),
                "{path}"
            );
        }
        let path = format!("/api/v1/s/{bad}/responses");
        let res = api
            .http
            .post(api.app.url(&path))
            .json(&json!({"client_id": uuid::Uuid::new_v4(), "answers": {}}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
        assert_eq!(res.headers()["content-type"], "application/problem+json");
    }
    // The survey itself is still found by its real slug.
    assert_eq!(
        api.app.get(&format!("/s/{slug}")).await.status(),
        StatusCode::OK
    );
}
