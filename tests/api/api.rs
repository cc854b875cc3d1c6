//! The JSON API: round trip, problem+json for bad input, tokens, access across projects and
//! the OpenAPI document.

use crate::helpers::*;
use chorus::accounts::Role;
use reqwest::{Client, Response, StatusCode};
use serde_json::{Value, json};

/// A running app with a steward and their API token.
pub struct Api {
    pub app: TestApp,
    pub token: String,
    pub http: Client,
}

pub async fn token_for(app: &TestApp, role: Role, email: &str) -> String {
    let user = app.insert_steward(role, email).await;
    let db = sea_orm::Database::connect(app.database_url.as_str())
        .await
        .unwrap();
    let token = chorus::accounts::tokens::create(&db, chorus::accounts::StewardId(user.id), "test")
        .await
        .unwrap();
    db.close().await.unwrap();
    token
}

pub async fn api() -> Api {
    api_with(|_| {}).await
}

/// An API client with a steward's token on an app with these settings.
pub async fn api_with(configure: impl FnOnce(&mut chorus::config::RawSettings)) -> Api {
    let app = spawn_app_with(configure).await;
    let token = token_for(&app, Role::Steward, "sam@example.org").await;
    Api {
        app,
        token,
        http: new_client(),
    }
}

impl Api {
    pub async fn send(&self, method: &str, path: &str, body: Option<Value>) -> Response {
        self.send_as(&self.token, method, path, body).await
    }

    pub async fn send_as(
        &self,
        token: &str,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> Response {
        let mut req = self
            .http
            .request(method.parse().unwrap(), self.app.url(path))
            .bearer_auth(token);
        if let Some(body) = body {
            req = req.json(&body);
        }
        req.send().await.unwrap()
    }

    pub async fn json(&self, method: &str, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let res = self.send(method, path, body).await;
        let status = res.status();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    pub async fn project(&self) -> i64 {
        let (status, body) = self
            .json("POST", "/api/v1/projects", Some(project_body()))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body["id"].as_i64().unwrap()
    }

    /// A project with a published survey of every question type; returns (survey id, slug).
    pub async fn open_survey(&self) -> (i64, String) {
        let project = self.project().await;
        let (status, survey) = self
            .json(
                "POST",
                &format!("/api/v1/projects/{project}/surveys"),
                Some(survey_body()),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{survey}");
        let id = survey["id"].as_i64().unwrap();
        let (status, _) = self
            .json("POST", &format!("/api/v1/surveys/{id}/publish"), None)
            .await;
        assert_eq!(status, StatusCode::OK);
        (id, survey["slug"].as_str().unwrap().to_owned())
    }

    pub async fn submit(&self, slug: &str, answers: Value) -> (StatusCode, Value) {
        let res = self
            .http
            .post(self.app.url(&format!("/api/v1/s/{slug}/responses")))
            .json(&json!({"client_id": uuid::Uuid::new_v4(), "answers": answers}))
            .send()
            .await
            .unwrap();
        let status = res.status();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    pub async fn response_count(&self, survey: i64) -> u64 {
        let (status, body) = self
            .json("GET", &format!("/api/v1/surveys/{survey}/responses"), None)
            .await;
        assert_eq!(status, StatusCode::OK);
        body["total"].as_u64().unwrap()
    }
}

pub fn project_body() -> Value {
    json!({
        "title": "Early help",
        "outcome": "Families get help sooner",
        "scale": "place",
        "description": "",
        "safeguarding_lead": "lead@example.org"
    })
}

pub fn survey_body() -> Value {
    json!({
        "title": "How was today?",
        "kind": "questionnaire",
        "audience": "children",
        "intro": "A few questions",
        "questions": [
            {"key": "feeling", "type": "faces", "prompt": "How do you feel?", "required": true},
            {"key": "much", "type": "scale", "prompt": "How much did it help?"},
            {"key": "rating", "type": "rating", "prompt": "Would you tell a friend?"},
            {"key": "colour", "type": "single_choice", "prompt": "Favourite colour?", "options": ["Red", "Blue"], "allow_other": true},
            {"key": "pets", "type": "multiple_choice", "prompt": "Pets?", "options": ["Cat", "Dog", "Fish"], "allow_none": true},
            {"key": "safe", "type": "yes_no", "prompt": "Did you feel safe?"},
            {"key": "word", "type": "short_text", "prompt": "One word for today"},
            {"key": "story", "type": "long_text", "prompt": "Tell us more", "hint": "As much as you like"}
        ]
    })
}

pub fn full_answers() -> Value {
    json!({
        "feeling": 4, "much": 3, "rating": 9, "colour": {"other": "Green"},
        "pets": ["Cat", "Fish"], "safe": true, "word": "=sunny", "story": "We played, \"a lot\", outside\nall day"
    })
}

/// (case, content type, body bytes, expected status, expected error key)
type BodyCase = (
    &'static str,
    &'static str,
    Vec<u8>,
    u16,
    Option<&'static str>,
);

fn is_problem(res: &Response) -> bool {
    res.headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/problem+json"))
}

#[tokio::test]
async fn a_survey_goes_from_creation_to_responses_and_csv_through_the_api() {
    let api = api().await;
    let (survey, slug) = api.open_survey().await;
    let (status, body) = api
        .json("GET", &format!("/api/v1/surveys/{survey}"), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["status"], "open");
    assert_eq!(body["questions"].as_array().unwrap().len(), 8);
    assert!(
        body["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/s/{slug}"))
    );
    assert!(body["url"].as_str().unwrap().starts_with("http"));

    let client_id = uuid::Uuid::new_v4();
    let submission = json!({"client_id": client_id, "mode": "assisted", "channel": "qr", "answers": full_answers()});
    let path = format!("/api/v1/s/{slug}/responses");
    let first = api
        .http
        .post(api.app.url(&path))
        .json(&submission)
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    let receipt = first.json::<Value>().await.unwrap()["receipt"].clone();
    assert_eq!(receipt.as_str().unwrap().len(), 11);
    let again = api
        .http
        .post(api.app.url(&path))
        .json(&submission)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(again.json::<Value>().await.unwrap()["receipt"], receipt);

    let (status, page) = api
        .json(
            "GET",
            &format!("/api/v1/surveys/{survey}/responses?page=1&per_page=10"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["total"], 1);
    assert_eq!(page["page"], 1);
    assert_eq!(page["per_page"], 10);
    let item = &page["items"][0];
    assert!(item.get("receipt").is_none());
    assert!(!page.to_string().contains(receipt.as_str().unwrap()));
    assert_eq!(item["mode"], "assisted");
    assert_eq!(item["channel"], "qr");
    assert_eq!(item["answers"]["feeling"], 4);
    assert_eq!(item["answers"]["pets"], json!(["Cat", "Fish"]));
    assert_eq!(item["answers"]["colour"], json!({"other": "Green"}));
    assert_eq!(item["answers"]["safe"], "yes");

    let csv = api
        .send(
            "GET",
            &format!("/api/v1/surveys/{survey}/responses.csv"),
            None,
        )
        .await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(
        csv.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment; filename=\"")
    );
    let text = csv.text().await.unwrap();
    assert!(text.starts_with("response_id,submitted_at,mode,channel,context,feeling,much,rating,colour,pets,safe,word,story,safeguarding_flag\r\n"));
    assert!(text.contains(",Good,3,9,Other: Green,Cat; Fish,Yes,'=sunny,"));
}

#[tokio::test]
async fn bad_submissions_get_problem_json_and_store_nothing() {
    let api = api().await;
    let (survey, slug) = api.open_survey().await;
    let path = format!("/api/v1/s/{slug}/responses");
    let id = uuid::Uuid::new_v4().to_string();
    let long = "x".repeat(201);
    let huge = "x".repeat(300 * 1024);
    // (case, content type, body bytes, expected status, expected error key)
    let cases: Vec<BodyCase> = vec![
        (
            "missing required answer",
            "application/json",
            json!({"client_id": id, "answers": {}})
                .to_string()
                .into_bytes(),
            422,
            Some("feeling"),
        ),
        (
            "missing client id",
            "application/json",
            json!({"answers": {"feeling": 3}}).to_string().into_bytes(),
            422,
            Some("client_id"),
        ),
        (
            "unknown field",
            "application/json",
            json!({"client_id": id, "answers": {"feeling": 3}, "extra": 1})
                .to_string()
                .into_bytes(),
            422,
            None,
        ),
        (
            "wrong type of answers",
            "application/json",
            json!({"client_id": id, "answers": []})
                .to_string()
                .into_bytes(),
            422,
            None,
        ),
        (
            "wrong type of client id",
            "application/json",
            json!({"client_id": 5, "answers": {"feeling": 3}})
                .to_string()
                .into_bytes(),
            422,
            None,
        ),
        (
            "number out of range",
            "application/json",
            json!({"client_id": id, "answers": {"feeling": 9}})
                .to_string()
                .into_bytes(),
            422,
            Some("feeling"),
        ),
        (
            "answer of the wrong type",
            "application/json",
            json!({"client_id": id, "answers": {"feeling": 3, "pets": [1, 2]}})
                .to_string()
                .into_bytes(),
            422,
            Some("pets"),
        ),
        (
            "option that does not exist",
            "application/json",
            json!({"client_id": id, "answers": {"feeling": 3, "colour": "Purple"}})
                .to_string()
                .into_bytes(),
            422,
            Some("colour"),
        ),
        (
            "text too long",
            "application/json",
            json!({"client_id": id, "answers": {"feeling": 3, "word": long}})
                .to_string()
                .into_bytes(),
            422,
            Some("word"),
        ),
        (
            "unknown question key",
            "application/json",
            json!({"client_id": id, "answers": {"feeling": 3, "nope": "x"}})
                .to_string()
                .into_bytes(),
            422,
            Some("nope"),
        ),
        (
            "bad mode",
            "application/json",
            json!({"client_id": id, "mode": "robot", "answers": {"feeling": 3}})
                .to_string()
                .into_bytes(),
            422,
            Some("mode"),
        ),
        (
            "invalid UTF-8",
            "application/json",
            b"{\"client_id\": \"\xff\xfe\", \"answers\": {}}".to_vec(),
            400,
            None,
        ),
        (
            "malformed JSON",
            "application/json",
            b"{\"client_id\": ".to_vec(),
            400,
            None,
        ),
        (
            "wrong content type",
            "text/plain",
            json!({"client_id": id, "answers": {"feeling": 3}})
                .to_string()
                .into_bytes(),
            415,
            None,
        ),
        (
            "oversized body",
            "application/json",
            json!({"client_id": id, "answers": {"word": huge}})
                .to_string()
                .into_bytes(),
            413,
            None,
        ),
    ];
    for (case, content_type, body, status, key) in cases {
        let res = api
            .http
            .post(api.app.url(&path))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), status, "{case}");
        assert!(is_problem(&res), "{case} should be problem+json");
        let doc: Value = res.json().await.unwrap();
        assert_eq!(doc["status"].as_u64(), Some(u64::from(status)), "{case}");
        if let Some(key) = key {
            assert!(doc["errors"][key].is_string(), "{case}: {doc}");
        }
    }
    assert_eq!(api.response_count(survey).await, 0);
}

#[tokio::test]
async fn closed_and_draft_surveys_refuse_answers_with_a_clear_problem() {
    let api = api().await;
    let (survey, slug) = api.open_survey().await;
    let (status, _) = api
        .json("POST", &format!("/api/v1/surveys/{survey}/close"), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, doc) = api.submit(&slug, json!({"feeling": 3})).await;
    assert_eq!(status, StatusCode::GONE);
    assert!(
        doc["detail"]
            .as_str()
            .unwrap()
            .contains("no longer taking answers")
    );

    let project = api.project().await;
    let (_, draft) = api
        .json(
            "POST",
            &format!("/api/v1/projects/{project}/surveys"),
            Some(survey_body()),
        )
        .await;
    let (status, doc) = api
        .submit(draft["slug"].as_str().unwrap(), json!({"feeling": 3}))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        doc["detail"]
            .as_str()
            .unwrap()
            .contains("not been published")
    );
    assert_eq!(api.response_count(survey).await, 0);
}

#[tokio::test]
async fn closing_is_seen_at_once_by_submissions_even_right_after_answers_arrived() {
    let api = api().await;
    let (survey, slug) = api.open_survey().await;
    let path = format!("/api/v1/s/{slug}/responses");
    let first = json!({"client_id": uuid::Uuid::new_v4(), "answers": full_answers()});
    let sent = api
        .http
        .post(api.app.url(&path))
        .json(&first)
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), StatusCode::CREATED);
    let receipt = sent.json::<Value>().await.unwrap()["receipt"].clone();

    let (status, _) = api
        .json("POST", &format!("/api/v1/surveys/{survey}/close"), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, doc) = api.submit(&slug, full_answers()).await;
    assert_eq!(status, StatusCode::GONE, "{doc}");

    // The first submission sent again still gets its receipt.
    let again = api
        .http
        .post(api.app.url(&path))
        .json(&first)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(again.json::<Value>().await.unwrap()["receipt"], receipt);
    assert_eq!(api.response_count(survey).await, 1);
}

#[tokio::test]
async fn bad_builder_input_gets_problem_json_with_errors_by_field() {
    let api = api().await;
    let project = api.project().await;
    let surveys = format!("/api/v1/projects/{project}/surveys");
    let mut duplicate = survey_body();
    duplicate["questions"][1]["key"] = json!("feeling");
    let mut no_options = survey_body();
    no_options["questions"][3]["options"] = json!(["Only"]);
    let cases: Vec<(&str, &str, Value, u16, Option<&str>)> = vec![
        (
            "project missing fields",
            "/api/v1/projects",
            json!({}),
            422,
            Some("title"),
        ),
        (
            "project bad scale",
            "/api/v1/projects",
            json!({"title": "t", "outcome": "o", "scale": "galaxy", "safeguarding_lead": "a@b.org"}),
            422,
            Some("scale"),
        ),
        (
            "project unknown field",
            "/api/v1/projects",
            json!({"title": "t", "colour": "red"}),
            422,
            None,
        ),
        (
            "project wrong type",
            "/api/v1/projects",
            json!({"title": 5}),
            422,
            None,
        ),
        (
            "project title too long",
            "/api/v1/projects",
            json!({"title": "x".repeat(121), "outcome": "o", "scale": "team", "safeguarding_lead": "a@b.org"}),
            422,
            Some("title"),
        ),
        (
            "survey missing fields",
            &surveys,
            json!({}),
            422,
            Some("title"),
        ),
        (
            "survey duplicate keys",
            &surveys,
            duplicate,
            422,
            Some("questions.1.key"),
        ),
        (
            "survey too few options",
            &surveys,
            no_options,
            422,
            Some("questions.3.options"),
        ),
        (
            "survey unknown question type",
            &surveys,
            json!({"title": "t", "kind": "questionnaire", "audience": "anyone", "questions": [{"type": "essay", "prompt": "p"}]}),
            422,
            Some("questions.0.type"),
        ),
        (
            "survey unknown question field",
            &surveys,
            json!({"title": "t", "kind": "questionnaire", "audience": "anyone", "questions": [{"type": "yes_no", "prompt": "p", "weight": 2}]}),
            422,
            None,
        ),
    ];
    for (case, path, body, status, key) in cases {
        let res = api.send("POST", path, Some(body)).await;
        assert_eq!(res.status().as_u16(), status, "{case}");
        assert!(is_problem(&res), "{case}");
        let doc: Value = res.json().await.unwrap();
        if let Some(key) = key {
            assert!(doc["errors"][key].is_string(), "{case}: {doc}");
        }
    }
    let (_, list) = api.json("GET", "/api/v1/projects", None).await;
    assert_eq!(
        list.as_array().unwrap().len(),
        1,
        "no bad project was stored"
    );
}

#[tokio::test]
async fn replacing_questions_after_responses_archives_and_refuses_type_changes() {
    let api = api().await;
    let (survey, slug) = api.open_survey().await;
    let (status, _) = api.submit(&slug, full_answers()).await;
    assert_eq!(status, StatusCode::CREATED);
    let path = format!("/api/v1/surveys/{survey}");
    let mut changed = survey_body();
    changed["questions"][0]["type"] = json!("rating");
    let (status, doc) = api.json("PUT", &path, Some(changed)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(doc["detail"].as_str().unwrap().contains("feeling"));

    let mut fewer = survey_body();
    fewer["questions"].as_array_mut().unwrap().remove(6);
    fewer["title"] = json!("How was this week?");
    let (status, body) = api.json("PUT", &path, Some(fewer)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["title"], "How was this week?");
    let word = body["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["key"] == "word")
        .unwrap();
    assert_eq!(word["archived"], true);
    let csv = api
        .send("GET", &format!("{path}/responses.csv"), None)
        .await
        .text()
        .await
        .unwrap();
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with(",story,word,safeguarding_flag")
    );
}

#[tokio::test]
async fn the_api_needs_a_valid_bearer_token() {
    let api = api().await;
    for token in ["", "chorus_not-a-real-token", "nonsense"] {
        let res = api.send_as(token, "GET", "/api/v1/projects", None).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{token:?}");
        assert!(is_problem(&res));
        assert_eq!(res.headers()["www-authenticate"], "Bearer");
    }
    let res = api
        .http
        .get(api.app.url("/api/v1/projects"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn another_projects_things_are_not_found_on_every_route() {
    let api = api().await;
    let (survey, _) = api.open_survey().await;
    let project = api
        .json("GET", &format!("/api/v1/surveys/{survey}"), None)
        .await
        .1["project_id"]
        .as_i64()
        .unwrap();
    let stranger = token_for(&api.app, Role::Steward, "other@example.org").await;
    let cases = [
        ("GET", format!("/api/v1/projects/{project}"), None),
        (
            "POST",
            format!("/api/v1/projects/{project}/surveys"),
            Some(survey_body()),
        ),
        ("GET", format!("/api/v1/surveys/{survey}"), None),
        (
            "PUT",
            format!("/api/v1/surveys/{survey}"),
            Some(survey_body()),
        ),
        ("POST", format!("/api/v1/surveys/{survey}/publish"), None),
        ("POST", format!("/api/v1/surveys/{survey}/close"), None),
        ("GET", format!("/api/v1/surveys/{survey}/responses"), None),
        (
            "GET",
            format!("/api/v1/surveys/{survey}/responses.csv"),
            None,
        ),
        ("GET", "/api/v1/surveys/999999".to_owned(), None),
        ("GET", "/api/v1/surveys/not-a-number".to_owned(), None),
    ];
    for (method, path, body) in cases {
        let res = api.send_as(&stranger, method, &path, body).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{method} {path}");
        assert!(is_problem(&res), "{method} {path}");
    }
    let (_, mine) = api.json("GET", "/api/v1/projects", None).await;
    assert_eq!(mine.as_array().unwrap().len(), 1);
    let theirs = api
        .send_as(&stranger, "GET", "/api/v1/projects", None)
        .await;
    assert_eq!(theirs.json::<Value>().await.unwrap(), json!([]));
}

#[tokio::test]
async fn practitioners_can_read_but_not_change_a_project_they_belong_to() {
    let api = api().await;
    let (survey, _) = api.open_survey().await;
    let project = api
        .json("GET", &format!("/api/v1/surveys/{survey}"), None)
        .await
        .1["project_id"]
        .as_i64()
        .unwrap();
    let practitioner = token_for(&api.app, Role::Practitioner, "pat@example.org").await;
    let db = sea_orm::Database::connect(api.app.database_url.as_str())
        .await
        .unwrap();
    // By address: the project's safeguarding lead has an account too.
    let pat = chorus::accounts::EmailAddress::parse("pat@example.org").unwrap();
    let (pat, _) = chorus::accounts::store::find_by_email(&db, &pat)
        .await
        .unwrap()
        .unwrap();
    chorus::projects::store::set_member(
        &db,
        chorus::projects::ProjectId(project),
        pat.id,
        chorus::projects::MemberRole::Practitioner,
    )
    .await
    .unwrap();
    db.close().await.unwrap();
    let res = api
        .send_as(
            &practitioner,
            "GET",
            &format!("/api/v1/surveys/{survey}"),
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let cases = [
        ("POST", "/api/v1/projects".to_owned(), Some(project_body())),
        (
            "POST",
            format!("/api/v1/projects/{project}/surveys"),
            Some(survey_body()),
        ),
        (
            "PUT",
            format!("/api/v1/surveys/{survey}"),
            Some(survey_body()),
        ),
        ("POST", format!("/api/v1/surveys/{survey}/close"), None),
        ("GET", format!("/api/v1/surveys/{survey}/responses"), None),
    ];
    for (method, path, body) in cases {
        let res = api.send_as(&practitioner, method, &path, body).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{method} {path}");
        assert!(is_problem(&res));
    }
}

/// Every route registered under /api, as (method, OpenAPI path).
const API_ROUTES: &[(&str, &str)] = &[
    ("get", "/api/openapi.json"),
    ("post", "/api/v1/projects"),
    ("get", "/api/v1/projects"),
    ("get", "/api/v1/projects/{id}"),
    ("post", "/api/v1/projects/{id}/surveys"),
    ("get", "/api/v1/surveys/{id}"),
    ("put", "/api/v1/surveys/{id}"),
    ("post", "/api/v1/surveys/{id}/publish"),
    ("post", "/api/v1/surveys/{id}/close"),
    ("post", "/api/v1/surveys/{id}/invitations"),
    ("get", "/api/v1/surveys/{id}/responses"),
    ("get", "/api/v1/surveys/{id}/responses.csv"),
    ("post", "/api/v1/s/{slug}/responses"),
    ("get", "/api/v1/surveys/{id}/events"),
    ("get", "/api/v1/projects/{id}/themes.csv"),
    ("get", "/api/v1/projects/{id}/coded-answers.csv"),
    ("get", "/api/v1/projects/{id}/themes.xlsx"),
    ("get", "/api/v1/projects/{id}/coded-answers.xlsx"),
    ("post", "/api/v1/projects/{id}/experiments"),
    ("get", "/api/v1/projects/{id}/experiments"),
    ("get", "/api/v1/experiments/{id}"),
    ("patch", "/api/v1/experiments/{id}"),
    ("post", "/api/v1/experiments/{id}/transitions"),
    ("get", "/api/v1/experiments/{id}/results"),
    ("get", "/api/v1/audit"),
    ("get", "/api/v1/projects/{id}/decisions"),
    ("post", "/api/v1/projects/{id}/decisions"),
    ("get", "/api/v1/projects/{id}/rounds"),
    ("get", "/api/v1/rounds/{id}/results"),
    ("get", "/api/v1/p/{slug}"),
    ("put", "/api/v1/p/{slug}/items/{item}/vote"),
];

#[tokio::test]
async fn the_openapi_document_lists_every_api_route_and_the_bearer_scheme() {
    let app = spawn_app().await;
    let res = app.get("/api/openapi.json").await;
    assert_eq!(res.status(), StatusCode::OK);
    let doc: Value = res.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for (method, path) in API_ROUTES {
        assert!(
            paths.get(*path).and_then(|p| p.get(*method)).is_some(),
            "{method} {path} missing"
        );
    }
    let documented: usize = paths.values().map(|p| p.as_object().unwrap().len()).sum();
    assert_eq!(
        documented,
        API_ROUTES.len(),
        "the document lists routes the test does not know"
    );
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    assert!(doc["components"]["schemas"]["SurveyBody"].is_object());
}
