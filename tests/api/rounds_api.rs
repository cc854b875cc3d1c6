//! "Have your say" through the API and live: rounds and results with a token, the public round
//! and an idempotent vote by client id (the same parser as the page), the OpenAPI document,
//! and the steward's results page hearing each vote.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;
use crate::live::Sse;
use crate::rounds_fixtures::*;

async fn token(o: &Opened) -> String {
    let db = connect_db(&o.lab.app).await;
    let token = chorus::accounts::tokens::create(
        &db,
        chorus::accounts::StewardId(o.lab.steward.id),
        "test",
    )
    .await
    .unwrap();
    db.close().await.unwrap();
    token
}

async fn put_vote(o: &Opened, item: i64, body: Value) -> reqwest::Response {
    let path = format!("/api/v1{}/items/{item}/vote", o.path);
    new_client()
        .put(o.lab.app.url(&path))
        .json(&body)
        .send()
        .await
        .unwrap()
}

const CLIENT: &str = "6f1c2f0e-8a4b-4c1e-9d3a-2b7c5e8f9a01";

#[tokio::test]
async fn an_app_votes_by_client_id_and_sending_again_changes_the_vote() {
    let o = opened("anyone", "yes").await;
    let (_, round): (StatusCode, Value) = {
        let res = o.lab.app.get(&format!("/api/v1{}", o.path)).await;
        (res.status(), res.json().await.unwrap())
    };
    assert_eq!(round["items"].as_array().unwrap().len(), 2);
    assert_eq!(round["status"], "open");
    let item = o.items[0];
    let body = json!({"client_id": CLIENT, "choice": "agree", "who": "practitioners"});
    let res = put_vote(&o, item, body.clone()).await;
    assert_eq!(res.status(), StatusCode::OK);
    let out: Value = res.json().await.unwrap();
    assert_eq!(
        (out["choice"].as_str(), out["who"].as_str()),
        (Some("agree"), Some("practitioners"))
    );
    assert_eq!(put_vote(&o, item, body).await.status(), StatusCode::OK);
    let all = "SELECT COUNT(*) AS n FROM round_vote";
    assert_eq!(o.count(all).await, 1, "sending again stores nothing new");
    let res = put_vote(&o, item, json!({"client_id": CLIENT, "choice": "disagree"})).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(o.count(all).await, 1);
    assert_eq!(
        o.count("SELECT COUNT(*) AS n FROM round_vote WHERE choice = 'disagree'")
            .await,
        1
    );
    // Another client counts separately; a phone's cookie never meets a client id.
    let other = json!({"client_id": "0d9b3c1a-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "choice": "agree"});
    put_vote(&o, item, other).await;
    assert_eq!(o.count(all).await, 2);
}

#[tokio::test]
async fn a_bad_vote_is_refused_by_field_and_a_closed_round_refuses_votes() {
    let o = opened("anyone", "no").await;
    let item = o.items[0];
    let res = put_vote(
        &o,
        item,
        json!({"client_id": "nope", "choice": "maybe", "who": "aliens"}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Value = res.json().await.unwrap();
    let errors = problem.to_string();
    for field in ["client_id", "choice", "who"] {
        assert!(errors.contains(field), "{field} in {errors}");
    }
    let res = put_vote(
        &o,
        item,
        json!({"client_id": CLIENT, "choice": "agree", "comment": "a\u{0}b"}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        put_vote(&o, 999_999, json!({"client_id": CLIENT, "choice": "agree"}))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let here = format!("/projects/{}/rounds/{}", o.lab.project, o.id);
    o.lab.post(&format!("{here}/close"), &[]).await;
    let res = put_vote(&o, item, json!({"client_id": CLIENT, "choice": "agree"})).await;
    assert_eq!(res.status(), StatusCode::GONE);
    assert_eq!(o.count("SELECT COUNT(*) AS n FROM round_vote").await, 0);
}

#[tokio::test]
async fn stewards_read_rounds_and_suppressed_results_with_a_token() {
    let o = opened("anyone", "no").await;
    let token = token(&o).await;
    for (i, client) in [
        "1b4e28ba-2fa1-41d2-883f-0016d3cca427",
        "2c5f39cb-3ab2-42e3-994a-1127e4ddb538",
    ]
    .iter()
    .enumerate()
    {
        let choice = if i == 0 { "agree" } else { "disagree" };
        put_vote(
            &o,
            o.items[0],
            json!({"client_id": client, "choice": choice}),
        )
        .await;
    }
    let http = new_client();
    let rounds: Value = http
        .get(
            o.lab
                .app
                .url(&format!("/api/v1/projects/{}/rounds", o.lab.project)),
        )
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(rounds[0]["id"], o.id);
    assert_eq!(rounds[0]["path"], o.path);
    let res = http
        .get(o.lab.app.url(&format!("/api/v1/rounds/{}/results", o.id)))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let results: Value = res.json().await.unwrap();
    let first = results["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["item"] == o.items[0])
        .unwrap();
    assert_eq!(
        first["overall"]["agree"],
        Value::Null,
        "fewer than the minimum group is hidden"
    );
    assert_eq!(first["overall"]["total"], Value::Null);
    assert_eq!(results["min_group"], 5);
    // Without a token: refused.
    let res = http
        .get(o.lab.app.url(&format!("/api/v1/rounds/{}/results", o.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_openapi_document_lists_the_round_routes() {
    let app = spawn_app().await;
    let doc: Value = app.get("/api/openapi.json").await.json().await.unwrap();
    for (path, method) in [
        ("/api/v1/projects/{id}/rounds", "get"),
        ("/api/v1/rounds/{id}/results", "get"),
        ("/api/v1/p/{slug}", "get"),
        ("/api/v1/p/{slug}/items/{item}/vote", "put"),
    ] {
        assert!(doc["paths"][path][method].is_object(), "{path}");
    }
}

#[tokio::test]
async fn the_results_page_hears_each_vote_live_and_works_without_javascript() {
    let o = opened("anyone", "no").await;
    let here = format!("/projects/{}/rounds/{}", o.lab.project, o.id);
    let (_, page) = o.lab.get(&format!("{here}/results")).await;
    assert!(page.contains(&format!("data-events=\"{here}/events\"")));
    assert!(
        texts_attr(&page, "a", "href").contains(&format!("{here}/results")),
        "a Refresh link"
    );
    let mut sse = Sse::open(o.lab.client.get(o.lab.app.url(&format!("{here}/events")))).await;
    let (v0, _) = o.fields(0);
    o.vote(&new_client(), &[(&v0, "agree")]).await;
    let event = sse
        .next(Duration::from_secs(5))
        .await
        .expect("an event for the vote");
    assert_eq!(event.name, "response");
    assert!(event.data.contains(&format!("\"round_id\":{}", o.id)));
    let (status, fragment) = o.lab.get(&format!("{here}/results/fragment")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(fragment.contains("fewer than 5"));
}

#[tokio::test]
async fn votes_are_limited_per_address_and_what_was_typed_is_kept() {
    let api = crate::api::api_with(|r| r.rate_limit = Some("2".into())).await;
    let project = api.project().await;
    let db = connect_db(&api.app).await;
    let (_, item, _) = crate::route_access::a_round(&db, project).await;
    db.close().await.unwrap();
    let phone = new_client();
    let (vote, more) = (format!("vote-{item}"), format!("more-{item}"));
    let mut last = None;
    for i in 0..3 {
        let page = api
            .app
            .get_with(&phone, "/p/roundabc123")
            .await
            .text()
            .await
            .unwrap();
        let token = csrf_in(&page).unwrap();
        let said = format!("Still here {i}");
        let fields = [
            ("csrf_token", token.as_str()),
            (vote.as_str(), "agree"),
            (more.as_str(), said.as_str()),
        ];
        last = Some(
            phone
                .post(api.app.url("/p/roundabc123"))
                .form(&fields)
                .send()
                .await
                .unwrap(),
        );
    }
    let res = last.unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(res.headers().contains_key("retry-after"));
    let html = res.text().await.unwrap();
    assert!(html.contains("Still here 2") && html.contains("Wait a minute"));
    let body = json!({"client_id": CLIENT, "choice": "agree"});
    let res = new_client()
        .put(
            api.app
                .url(&format!("/api/v1/p/roundabc123/items/{item}/vote")),
        )
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
}
