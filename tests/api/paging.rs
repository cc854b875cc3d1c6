//! Bounded paging on every list route (extreme page numbers and sizes are refused, never a
//! crash), and the last line of defence: a panic in a handler is a 500, not a dropped connection.

use reqwest::{Client, StatusCode};
use serde_json::Value;

use crate::api::{Api, api, full_answers};
use crate::helpers::*;

/// Query strings a fuzzer sends: out of range, negative, overflowing, not numbers at all.
const EXTREMES: &[&str] = &[
    "page=0",
    "page=-1",
    "page=9223372036854775807",
    "page=18446744073709551616",
    "page=1000001",
    "page=abc",
    "page=",
    "page=1.5",
    "per_page=0",
    "per_page=-1",
    "per_page=100000",
    "per_page=9223372036854775807",
    "per_page=abc",
    "page=9223372036854775807&per_page=200",
    "page=1000000&per_page=200",
    "page=1&page=2",
];

/// GETs a path with a query, failing the test if the connection drops without an answer.
async fn status_of(
    client: &Client,
    url: &str,
    token: Option<&str>,
) -> (StatusCode, String, String) {
    let mut req = client.get(url);
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    let res = req
        .send()
        .await
        .unwrap_or_else(|e| panic!("{url}: no answer, the connection dropped ({e})"));
    let status = res.status();
    let kind = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, kind, res.text().await.unwrap())
}

/// A browser signed in as the steward who owns the API token.
async fn signed_in(api: &Api) -> Client {
    let web = new_client();
    let res = api
        .app
        .sign_in_with(&web, "sam@example.org", PASSWORD)
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    web
}

#[tokio::test]
async fn every_list_route_answers_extreme_page_numbers_without_a_server_error() {
    let api = api().await;
    let (survey, slug) = api.open_survey().await;
    let (status, _) = api.submit(&slug, full_answers()).await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, about) = api
        .json("GET", &format!("/api/v1/surveys/{survey}"), None)
        .await;
    let project = about["project_id"].as_i64().unwrap();
    let web = signed_in(&api).await;

    let api_routes = [format!("/api/v1/surveys/{survey}/responses")];
    let pages = [
        format!("/surveys/{survey}/results"),
        format!("/projects/{project}/coding"),
    ];
    for query in EXTREMES {
        for path in &api_routes {
            let url = api.app.url(&format!("{path}?{query}"));
            let (status, kind, body) = status_of(&api.http, &url, Some(&api.token)).await;
            assert!(!status.is_server_error(), "{url}: {status} {body}");
            if status != StatusCode::OK {
                assert!(status.is_client_error(), "{url}: {status}");
                assert_eq!(kind, "application/problem+json", "{url}");
            }
        }
        for path in &pages {
            let url = api.app.url(&format!("{path}?{query}"));
            let (status, kind, body) = status_of(&web, &url, None).await;
            assert!(!status.is_server_error(), "{url}: {status} {body}");
            assert!(kind.starts_with("text/html"), "{url}: {kind}");
        }
    }
}

#[tokio::test]
async fn a_page_number_beyond_the_limit_is_refused_with_the_field_named_not_a_crash() {
    let api = api().await;
    let (survey, _) = api.open_survey().await;
    let path = format!("/api/v1/surveys/{survey}/responses");
    for (query, field) in [
        ("page=9223372036854775807&per_page=200", "page"),
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=abc", "page"),
        ("per_page=0", "per_page"),
        ("per_page=100000", "per_page"),
    ] {
        let (status, body) = api.json("GET", &format!("{path}?{query}"), None).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{query}: {body}");
        assert!(body["errors"][field].is_string(), "{query}: {body}");
    }
    let (status, body) = api
        .json("GET", &format!("{path}?page=1000000&per_page=200"), None)
        .await;
    assert_eq!(status, StatusCode::OK, "the last page allowed is served");
    assert_eq!(body["items"], Value::Array(vec![]));
    assert_eq!(body["page"], 1_000_000);
}

#[tokio::test]
async fn a_page_number_beyond_the_limit_on_a_page_is_a_clear_error() {
    let api = api().await;
    let (survey, _) = api.open_survey().await;
    let web = signed_in(&api).await;
    let url = api.app.url(&format!(
        "/surveys/{survey}/results?page=9223372036854775807"
    ));
    let (status, _, body) = status_of(&web, &url, None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("The page number must be a whole number from 1 to 1000000"));
}

#[tokio::test]
async fn a_panic_in_a_handler_is_a_500_page_or_problem_not_a_dropped_connection() {
    let app = spawn_app_with(|raw| raw.test_panic_route = Some("1".into())).await;
    let (status, kind, body) = status_of(&app.client, &app.url("/test/panic"), None).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(kind.starts_with("text/html"), "{kind}");
    assert!(body.contains("Sorry, there is a problem with the service"));

    let res = app.get("/api/v1/test/panic").await;
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(res.headers().contains_key("content-security-policy"));
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let problem: Value = res.json().await.unwrap();
    assert_eq!(problem["status"], 500);

    // The worker that panicked goes on serving.
    for _ in 0..4 {
        assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn the_panic_route_does_not_exist_unless_a_test_switches_it_on() {
    let app = spawn_app().await;
    assert_eq!(app.get("/test/panic").await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        app.get("/api/v1/test/panic").await.status(),
        StatusCode::NOT_FOUND
    );
}
