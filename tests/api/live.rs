//! Live events and boards: SSE clients hear new responses (ids and times, never answers),
//! resume without gaps, boards are for project members only, and on PostgreSQL a response sent
//! through one instance reaches a client of another.

use std::time::Duration;

use chorus::accounts::{Role, StewardId};
use chorus::projects::{MemberRole, ProjectId};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::api::{Api, api, token_for};
use crate::csv::signed_in;
use crate::helpers::*;

/// A server-sent-event reader over a streaming response.
pub struct Sse {
    res: reqwest::Response,
    buf: String,
}

/// One event: its `event:` name, `id:` and `data:`.
#[derive(Debug)]
pub struct Event {
    pub name: String,
    pub id: Option<String>,
    pub data: String,
}

impl Sse {
    pub async fn open(req: reqwest::RequestBuilder) -> Sse {
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert!(
            res.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/event-stream")
        );
        Sse {
            res,
            buf: String::new(),
        }
    }

    /// The next named event within `wait`, or `None`.
    pub async fn next(&mut self, wait: Duration) -> Option<Event> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            while let Some(end) = self.buf.find("\n\n") {
                let frame: String = self.buf.drain(..end + 2).collect();
                let mut event = Event {
                    name: String::new(),
                    id: None,
                    data: String::new(),
                };
                for line in frame.lines() {
                    if let Some(v) = line.strip_prefix("event: ") {
                        event.name = v.to_owned();
                    } else if let Some(v) = line.strip_prefix("id: ") {
                        event.id = Some(v.to_owned());
                    } else if let Some(v) = line.strip_prefix("data: ") {
                        event.data.push_str(v);
                    }
                }
                if !event.name.is_empty() {
                    return Some(event);
                }
            }
            let chunk = tokio::time::timeout_at(deadline, self.res.chunk()).await;
            match chunk {
                Ok(Ok(Some(bytes))) => self.buf.push_str(&String::from_utf8_lossy(&bytes)),
                _ => return None,
            }
        }
    }
}

fn events_request(api: &Api, survey: i64) -> reqwest::RequestBuilder {
    Client::new()
        .get(api.app.url(&format!("/api/v1/surveys/{survey}/events")))
        .bearer_auth(&api.token)
}

async fn project_of(api: &Api, survey: i64) -> i64 {
    let (status, body) = api
        .json("GET", &format!("/api/v1/surveys/{survey}"), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    body["project_id"].as_i64().unwrap()
}

const SECRET: &str = "my secret sunflower story";

fn answers() -> Value {
    json!({"feeling": 4, "story": SECRET, "word": "sunflower"})
}

#[tokio::test]
async fn an_api_client_hears_a_new_response_with_no_answer_text() {
    let api = api().await;
    let (survey, slug) = api.open_survey().await;
    let project = project_of(&api, survey).await;
    let mut sse = Sse::open(events_request(&api, survey)).await;
    let (status, _) = api.submit(&slug, answers()).await;
    assert_eq!(status, StatusCode::CREATED);
    let event = sse
        .next(Duration::from_secs(5))
        .await
        .expect("an event within 5 seconds");
    assert_eq!(event.name, "response");
    assert!(!event.data.contains("sunflower"), "{}", event.data);
    let data: Value = serde_json::from_str(&event.data).unwrap();
    assert_eq!(data["survey_id"], survey);
    assert_eq!(data["project_id"], project);
    assert!(data["submitted_at"].as_str().is_some());
    assert_eq!(
        event.id.as_deref(),
        Some(data["response_id"].to_string().as_str())
    );
    assert_eq!(
        data.as_object().unwrap().len(),
        4,
        "ids and time only: {data}"
    );
}

#[tokio::test]
async fn resuming_with_last_event_id_replays_every_missed_response_in_order() {
    let api = api().await;
    let (survey, slug) = api.open_survey().await;
    for _ in 0..4 {
        api.submit(&slug, answers()).await;
    }
    let (_, page) = api
        .json(
            "GET",
            &format!("/api/v1/surveys/{survey}/responses?per_page=10"),
            None,
        )
        .await;
    let mut ids: Vec<i64> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    ids.sort_unstable();
    let mut sse =
        Sse::open(events_request(&api, survey).header("Last-Event-ID", ids[0].to_string())).await;
    let mut got = Vec::new();
    for _ in 0..3 {
        let e = sse.next(Duration::from_secs(5)).await.unwrap();
        got.push(e.id.unwrap().parse::<i64>().unwrap());
    }
    assert_eq!(got, ids[1..]);
    // And the stream carries on live after the backlog.
    api.submit(&slug, answers()).await;
    let live = sse.next(Duration::from_secs(5)).await.unwrap();
    assert!(live.id.unwrap().parse::<i64>().unwrap() > ids[3]);
}

#[tokio::test]
async fn a_survey_board_shows_counts_summaries_and_the_newest_answers() {
    let api = api().await;
    let (survey, slug) = api.open_survey().await;
    api.submit(&slug, answers()).await;
    api.submit(&slug, json!({"feeling": 2})).await;
    let client = signed_in(&api.app).await;
    let res = api
        .app
        .get_with(&client, &format!("/surveys/{survey}/live"))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert_accessible(&html, "survey live board");
    assert_eq!(texts(&html, ".live-count"), vec!["2"]);
    assert!(html.contains("Mean (average)"));
    assert!(html.contains(SECRET), "the newest text answers are shown");
    assert!(texts(&html, "a").contains(&"Refresh".to_owned()));
    assert_eq!(
        texts_attr(&html, "#live-status", "aria-live"),
        vec!["polite"]
    );
    // The board's own script, beside the page-wide progressive-enhancement script.
    let script: Vec<String> = texts_attr(&html, "script", "src")
        .into_iter()
        .filter(|s| s.starts_with("/assets/live-"))
        .collect();
    assert_eq!(script.len(), 1);
    assert!(script[0].ends_with(".js"));
    let js = api.app.get(&script[0]).await;
    assert_eq!(js.status(), StatusCode::OK);
    assert!(js.text().await.unwrap().contains("EventSource"));
    // The fragment the script swaps in has the same figures.
    let fragment = api
        .app
        .get_with(&client, &format!("/surveys/{survey}/live/fragment"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(texts(&fragment, ".live-count"), vec!["2"]);
    // The project board lists the survey with its count, per-question summaries, the newest
    // answers and a link to its board.
    let project = project_of(&api, survey).await;
    let (status, board) = {
        let res = api
            .app
            .get_with(&client, &format!("/projects/{project}/live"))
            .await;
        (res.status(), res.text().await.unwrap())
    };
    assert_eq!(status, StatusCode::OK);
    assert_accessible(&board, "project live board");
    assert_eq!(texts(&board, ".live-count"), vec!["2"]);
    assert!(board.contains("Mean (average)"));
    assert!(board.contains(SECRET));
    assert!(board.contains(&format!("href=\"/surveys/{survey}/live\"")));
}

#[tokio::test]
async fn a_signed_in_board_stream_hears_responses_for_its_project_only() {
    let api = api().await;
    let (survey, slug) = api.open_survey().await;
    let (_, other_slug) = api.open_survey().await;
    let project = project_of(&api, survey).await;
    let client = signed_in(&api.app).await;
    let mut sse =
        Sse::open(client.get(api.app.url(&format!("/projects/{project}/live/events")))).await;
    api.submit(&other_slug, answers()).await;
    api.submit(&slug, answers()).await;
    let e = sse.next(Duration::from_secs(5)).await.unwrap();
    let data: Value = serde_json::from_str(&e.data).unwrap();
    assert_eq!(data["survey_id"], survey, "only this project's responses");
}

#[tokio::test]
async fn boards_and_streams_are_not_found_for_people_outside_the_project() {
    let api = api().await;
    let (survey, _) = api.open_survey().await;
    let project = project_of(&api, survey).await;
    let (outsider, _) = api
        .app
        .signed_in_client(Role::Practitioner, "out@example.org")
        .await;
    let (member, user) = api
        .app
        .signed_in_client(Role::Practitioner, "in@example.org")
        .await;
    let db = connect_db(&api.app).await;
    chorus::projects::store::set_member(
        &db,
        ProjectId(project),
        StewardId(user.id),
        MemberRole::Practitioner,
    )
    .await
    .unwrap();
    db.close().await.unwrap();
    let paths = [
        format!("/surveys/{survey}/live"),
        format!("/surveys/{survey}/live/fragment"),
        format!("/surveys/{survey}/live/events"),
        format!("/projects/{project}/live"),
        format!("/projects/{project}/live/fragment"),
        format!("/projects/{project}/live/events"),
    ];
    for path in &paths {
        let res = api.app.get_with(&outsider, path).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
    }
    for path in paths.iter().filter(|p| !p.ends_with("events")) {
        let res = api.app.get_with(&member, path).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
    }
    let res = api.app.get(&format!("/surveys/{survey}/live")).await;
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "signed out: sign in first"
    );
    // The API stream: 404 for a token that cannot see the survey, 401 without one.
    let stranger = token_for(&api.app, Role::Steward, "stranger@example.org").await;
    let res = api
        .send_as(
            &stranger,
            "GET",
            &format!("/api/v1/surveys/{survey}/events"),
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = Client::new()
        .get(api.app.url(&format!("/api/v1/surveys/{survey}/events")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_openapi_document_lists_the_events_stream() {
    let api = api().await;
    let doc: Value = api.app.get("/api/openapi.json").await.json().await.unwrap();
    assert!(doc["paths"]["/api/v1/surveys/{id}/events"]["get"].is_object());
}

#[tokio::test]
async fn a_response_through_one_instance_reaches_a_stream_on_another() {
    if std::env::var("TEST_DATABASE_URL").is_err() {
        println!("skipped: set TEST_DATABASE_URL to test fan-out across instances on PostgreSQL");
        return;
    }
    let a = api().await;
    let (survey, slug) = a.open_survey().await;
    let url = a.app.database_url.clone();
    let b = spawn_app_with(|raw| raw.database_url = Some(url)).await;
    // Give instance B's listener a moment to start listening.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut sse = Sse::open(
        Client::new()
            .get(b.url(&format!("/api/v1/surveys/{survey}/events")))
            .bearer_auth(&a.token),
    )
    .await;
    let (status, _) = a.submit(&slug, answers()).await;
    assert_eq!(status, StatusCode::CREATED);
    let e = sse
        .next(Duration::from_secs(5))
        .await
        .expect("instance B hears instance A's response");
    let data: Value = serde_json::from_str(&e.data).unwrap();
    assert_eq!(data["survey_id"], survey);
}
