//! One text rule for every string that enters: a NUL byte is refused everywhere (the field
//! named), control characters are refused in one-line fields and tidied in longer texts, on
//! SQLite and PostgreSQL alike; nothing is stored and nothing answers 500.

use chorus::accounts::Role;
use reqwest::{Client, StatusCode};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::api::{Api, full_answers, project_body, survey_body, token_for};
use crate::helpers::*;
use crate::runner_fixtures::{count, fill};

/// Characters no one-line field may hold.
const ONE_LINE_BAD: [&str; 6] = ["\0", "\r", "\n", "\t", "\u{1b}[31m", "\u{7}"];

/// Tables a refused request must leave as they were.
const TABLES: [&str; 14] = [
    "project",
    "project_member",
    "survey",
    "question",
    "theme",
    "experiment",
    "reflection",
    "decision",
    "api_token",
    "steward",
    "help_contact",
    "response",
    "answer",
    "invitation",
];

/// A running app with an administrator signed in on the web and holding an API token, a
/// project, an open survey (id, slug), a draft survey and an experiment.
struct World {
    api: Api,
    web: Client,
    project: i64,
    open: (i64, String),
    draft: i64,
    experiment: i64,
}

async fn world() -> World {
    let app = spawn_app().await;
    let token = token_for(&app, Role::Admin, "ada@example.org").await;
    let api = Api {
        app,
        token,
        http: new_client(),
    };
    let web = new_client();
    let res = api
        .app
        .sign_in_with(&web, "ada@example.org", PASSWORD)
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let open = api.open_survey().await;
    let project = api.project().await;
    let (status, draft) = api
        .json(
            "POST",
            &format!("/api/v1/projects/{project}/surveys"),
            Some(survey_body()),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{draft}");
    let (status, experiment) = api
        .json(
            "POST",
            &format!("/api/v1/projects/{project}/experiments"),
            Some(experiment_body()),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{experiment}");
    // A fixture: an experiment under review takes reflections.
    let db = crate::runner_fixtures::db(&api.app).await;
    db.execute_unprepared(&format!(
        "UPDATE experiment SET status = 'reviewing' WHERE id = {}",
        experiment["id"]
    ))
    .await
    .unwrap();
    db.close().await.unwrap();
    World {
        project,
        open,
        draft: draft["id"].as_i64().unwrap(),
        experiment: experiment["id"].as_i64().unwrap(),
        api,
        web,
    }
}

/// The API tests' experiment, with the problem in people's words instead of a theme.
fn experiment_body() -> Value {
    let mut body = crate::experiments_api::body(0);
    body.as_object_mut().unwrap().remove("themes");
    body["problem"] = json!("Children miss the drop-in after school");
    body
}

async fn counts(app: &TestApp) -> Vec<i64> {
    let mut all = Vec::new();
    for table in TABLES {
        all.push(count(app, table).await);
    }
    all
}

/// Sets a field in a JSON body, following `a.0.b` paths into arrays and objects.
fn with(mut body: Value, path: &str, value: &str) -> Value {
    let mut at = &mut body;
    for part in path.split('.') {
        at = match part.parse::<usize>() {
            Ok(i) => &mut at[i],
            Err(_) => &mut at[part],
        };
    }
    *at = Value::from(value);
    body
}

/// A project with its local help contact.
fn with_contact() -> Value {
    let mut body = project_body();
    body["help_contact"] =
        json!({"name": "Riverside hub", "phone": "01632 960 001", "hours": "Mornings"});
    body
}

/// (method, path, body, field sent bad, where the error is named, one line?)
type ApiCase = (
    &'static str,
    String,
    Value,
    &'static str,
    &'static str,
    bool,
);

fn api_cases(w: &World) -> Vec<ApiCase> {
    let (p, d, x) = (w.project, w.draft, w.experiment);
    let projects = "/api/v1/projects".to_owned();
    let surveys = format!("/api/v1/projects/{p}/surveys");
    let experiments = format!("/api/v1/projects/{p}/experiments");
    vec![
        (
            "POST",
            projects.clone(),
            project_body(),
            "title",
            "title",
            true,
        ),
        (
            "POST",
            projects.clone(),
            project_body(),
            "outcome",
            "outcome",
            false,
        ),
        (
            "POST",
            projects,
            project_body(),
            "description",
            "description",
            false,
        ),
        (
            "POST",
            "/api/v1/projects".to_owned(),
            with_contact(),
            "help_contact.name",
            "help_contact.name",
            true,
        ),
        (
            "POST",
            "/api/v1/projects".to_owned(),
            with_contact(),
            "help_contact.hours",
            "help_contact.hours",
            true,
        ),
        (
            "POST",
            surveys.clone(),
            survey_body(),
            "title",
            "title",
            true,
        ),
        (
            "POST",
            surveys.clone(),
            survey_body(),
            "intro",
            "intro",
            false,
        ),
        (
            "POST",
            surveys.clone(),
            survey_body(),
            "questions.0.prompt",
            "questions.0.prompt",
            false,
        ),
        (
            "POST",
            surveys.clone(),
            survey_body(),
            "questions.1.hint",
            "questions.1.hint",
            true,
        ),
        (
            "POST",
            surveys.clone(),
            survey_body(),
            "questions.7.easy_read",
            "questions.7.easy_read",
            false,
        ),
        (
            "POST",
            surveys,
            survey_body(),
            "questions.3.options.1",
            "questions.3.options",
            true,
        ),
        (
            "PUT",
            format!("/api/v1/surveys/{d}"),
            survey_body(),
            "title",
            "title",
            true,
        ),
        (
            "PUT",
            format!("/api/v1/surveys/{d}"),
            survey_body(),
            "privacy_notice",
            "privacy_notice",
            false,
        ),
        (
            "POST",
            experiments.clone(),
            experiment_body(),
            "title",
            "title",
            true,
        ),
        (
            "POST",
            experiments.clone(),
            experiment_body(),
            "owners",
            "owners",
            true,
        ),
        (
            "POST",
            experiments,
            experiment_body(),
            "if_we",
            "if_we",
            false,
        ),
        (
            "PATCH",
            format!("/api/v1/experiments/{x}"),
            experiment_body(),
            "title",
            "title",
            true,
        ),
        (
            "POST",
            format!("/api/v1/experiments/{x}/transitions"),
            json!({"to": "reviewing", "rationale": "x"}),
            "rationale",
            "rationale",
            false,
        ),
    ]
}

#[tokio::test]
async fn every_api_route_refuses_a_nul_and_one_line_control_characters_naming_the_field() {
    let w = world().await;
    let before = counts(&w.api.app).await;
    for (method, path, body, field, named, one_line) in api_cases(&w) {
        let bad: &[&str] = if one_line { &ONE_LINE_BAD } else { &["\0"] };
        for b in bad {
            let sent = with(body.clone(), field, &format!("Fine{b}words"));
            let (status, problem) = w.api.json(method, &path, Some(sent)).await;
            assert_eq!(
                status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{method} {path} {field} {b:?}: {problem}"
            );
            let message = problem["errors"][named].as_str().unwrap_or_default();
            assert!(
                message.contains("special characters"),
                "{method} {path} {field} {b:?}: {problem}"
            );
        }
    }
    assert_eq!(counts(&w.api.app).await, before, "nothing is stored");
}

#[tokio::test]
async fn a_nul_in_an_answer_sent_to_the_api_is_refused_naming_the_question() {
    let w = world().await;
    let slug = &w.open.1;
    let before = counts(&w.api.app).await;
    for (key, value) in [
        ("story", json!("We played\u{0} outside")),
        ("word", json!("sun\u{0}ny")),
        ("colour", json!({"other": "Gre\u{0}en"})),
    ] {
        let mut answers = full_answers();
        answers[key] = value;
        let (status, problem) = w.api.submit(slug, answers).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{key}: {problem}");
        assert!(problem["errors"][key].is_string(), "{key}: {problem}");
    }
    assert_eq!(counts(&w.api.app).await, before, "nothing is stored");
}

/// (path, the other fields a valid form needs, field sent bad, one line?)
type FormCase = (
    String,
    Vec<(&'static str, &'static str)>,
    &'static str,
    bool,
);

fn form_cases(w: &World) -> Vec<FormCase> {
    let (p, d, x) = (w.project, w.draft, w.experiment);
    let project = vec![
        ("title", "Early help"),
        ("outcome", "Families get help sooner"),
        ("scale", "place"),
        ("description", ""),
        ("safeguarding_lead", "lead@example.org"),
    ];
    let survey = vec![
        ("kind", "feedback"),
        ("title", "How was club?"),
        ("audience", "practitioners"),
        ("intro", "Tell us about club"),
        ("privacy_notice", "We keep your answers safe."),
        ("anonymous", "yes"),
        ("context_prompt", "Where were you?"),
        ("context_options", "Home\nSchool"),
    ];
    let question = vec![
        ("kind", "single_choice"),
        ("prompt", "Favourite colour?"),
        ("hint", ""),
        ("easy_read", ""),
        ("options", "Red\nBlue"),
        ("required", "yes"),
    ];
    let theme = vec![
        ("name", "Feeling safe"),
        ("description", ""),
        ("codebook", "safe"),
    ];
    let help = vec![
        ("name", "Riverside hub"),
        ("phone", "01632 960 001"),
        ("hours", "Mornings"),
    ];
    let reflection = vec![
        ("role", "practitioner"),
        ("name", "Sam"),
        ("happened", "It went well"),
    ];
    let base = format!("/projects/{p}/experiments/{x}");
    vec![
        ("/projects/new".into(), project.clone(), "title", true),
        ("/projects/new".into(), project.clone(), "outcome", false),
        (
            format!("/projects/{p}/edit"),
            project.clone(),
            "title",
            true,
        ),
        (format!("/projects/{p}/edit"), project, "description", false),
        (
            format!("/projects/{p}/surveys/new"),
            survey.clone(),
            "title",
            true,
        ),
        (
            format!("/projects/{p}/surveys/new"),
            survey.clone(),
            "context_prompt",
            true,
        ),
        (
            format!("/projects/{p}/surveys/new"),
            survey.clone(),
            "context_options",
            false,
        ),
        (
            format!("/surveys/{d}/settings"),
            survey.clone(),
            "title",
            true,
        ),
        (format!("/surveys/{d}/settings"), survey, "intro", false),
        (
            format!("/surveys/{d}/questions/new"),
            question.clone(),
            "prompt",
            false,
        ),
        (
            format!("/surveys/{d}/questions/new"),
            question.clone(),
            "hint",
            true,
        ),
        (
            format!("/surveys/{d}/questions/new"),
            question.clone(),
            "easy_read",
            false,
        ),
        (
            format!("/surveys/{d}/questions/new"),
            question,
            "options",
            false,
        ),
        (format!("/projects/{p}/themes"), theme.clone(), "name", true),
        (
            format!("/projects/{p}/themes"),
            theme.clone(),
            "description",
            false,
        ),
        (format!("/projects/{p}/themes"), theme, "codebook", false),
        (format!("/projects/{p}/help"), help.clone(), "name", true),
        (format!("/projects/{p}/help"), help, "hours", true),
        (
            "/account/tokens".into(),
            vec![("label", "Reports")],
            "label",
            true,
        ),
        (
            "/admin/stewards".into(),
            vec![
                ("name", "Bo"),
                ("email", "bo@example.org"),
                ("role", "steward"),
            ],
            "name",
            true,
        ),
        (
            format!("{base}/reflections"),
            reflection.clone(),
            "name",
            true,
        ),
        (format!("{base}/reflections"), reflection, "happened", false),
        (
            format!("{base}/decide"),
            vec![("to", "reviewing"), ("rationale", "x")],
            "rationale",
            false,
        ),
        (
            format!("{base}/edit"),
            vec![
                ("title", "Drop-in"),
                ("if_we", "a"),
                ("then_we", "b"),
                ("because", "c"),
                ("change", "d"),
                ("scale", "team"),
            ],
            "title",
            true,
        ),
    ]
}

#[tokio::test]
async fn every_form_refuses_a_nul_and_one_line_control_characters_and_keeps_what_was_typed() {
    let w = world().await;
    let before = counts(&w.api.app).await;
    for (path, fields, field, one_line) in form_cases(&w) {
        let bad: &[&str] = if one_line { &ONE_LINE_BAD } else { &["\0"] };
        for b in bad {
            let typed = format!("Kept{b}words");
            let mut sent: Vec<(&str, &str)> = fields
                .iter()
                .filter(|(f, _)| *f != field)
                .copied()
                .collect();
            sent.push((field, &typed));
            let res = w.api.app.post_form_with(&w.web, &path, &sent).await;
            let status = res.status();
            let html = res.text().await.unwrap();
            assert_eq!(
                status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{path} {field} {b:?}"
            );
            assert!(html.contains("There is a problem"), "{path} {field} {b:?}");
            assert!(
                html.contains("special characters"),
                "{path} {field} {b:?}: {html}"
            );
            assert!(html.contains("Kept"), "{path} {field} {b:?}: input kept");
        }
    }
    assert_eq!(counts(&w.api.app).await, before, "nothing is stored");
}

#[tokio::test]
async fn a_nul_in_a_public_form_query_or_path_is_a_client_error_never_a_server_error() {
    let w = world().await;
    let (id, slug) = (&w.open.0, &w.open.1);
    let p = w.project;
    let before = counts(&w.api.app).await;
    let public = new_client();
    let app = &w.api.app;
    // The one-page form keeps the answers and names the question.
    let form = format!("/s/{slug}/form");
    let fields = [("q_feeling", "4"), ("q_story", "We played\0 outside")];
    let res = fill(app, &public, &form, &form, &fields).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("cannot be saved"),
        "{}",
        texts(&html, ".error-summary").join(" ")
    );
    assert!(html.contains("outside"), "the answer is kept");
    for (path, fields) in [
        ("/receipt".to_owned(), vec![("receipt", "7KQ\0M4P")]),
        ("/receipt/delete".to_owned(), vec![("receipt", "\0")]),
        ("/resume".to_owned(), vec![("code", "\0")]),
        (
            format!("/s/{slug}/resume/email"),
            vec![("email", "a\0@example.org")],
        ),
        (
            "/sign-in".to_owned(),
            vec![("email", "a\0@example.org"), ("password", "x\0")],
        ),
        ("/unsubscribe/%00".to_owned(), vec![]),
    ] {
        let res = app.post_form_with(&public, &path, &fields).await;
        assert!(res.status().is_client_error(), "{path}: {}", res.status());
    }
    // The step-by-step runner (which keeps a draft) takes no NUL either.
    let step = format!("/s/{slug}/q/8");
    let res = fill(app, &public, &step, &step, &[("q_story", "a\0b")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{step}");
    // Addresses and other signed-in forms whose own parser refuses a NUL.
    let x = format!("/projects/{p}/experiments/{}", w.experiment);
    for (path, fields) in [
        (
            format!("/surveys/{id}/invitations"),
            vec![("addresses", "a\0@example.org")],
        ),
        (
            format!("/projects/{p}/members"),
            vec![("email", "a\0@example.org"), ("role", "steward")],
        ),
        (
            format!("/projects/{p}/safeguarding/settings"),
            vec![
                ("backup_email", "a\0@example.org"),
                ("review_hours", "24\0"),
            ],
        ),
        (
            "/admin/stewards".to_owned(),
            vec![
                ("name", "Bo"),
                ("email", "b\0@example.org"),
                ("role", "steward"),
            ],
        ),
        (
            format!("{x}/plan"),
            vec![("design", "before_after\0"), ("why", "\0")],
        ),
        (
            format!("{x}/plan/measures"),
            vec![
                ("measure", "q:\0"),
                ("better", "higher"),
                ("measure_why", "\0"),
            ],
        ),
        (
            format!("/projects/{p}/themes/1/merge"),
            vec![("into", "\0")],
        ),
    ] {
        let res = app.post_form_with(&w.web, &path, &fields).await;
        assert!(res.status().is_client_error(), "{path}: {}", res.status());
    }
    for path in [
        "/unsubscribe/%00".to_owned(),
        "/invite/%00".to_owned(),
        "/setup/%00".to_owned(),
        "/receipt?receipt=%00".to_owned(),
        format!("/s/{slug}?channel=%00&mode=%00&change=%00&easy_read=%00"),
        format!("/s/{slug}/q/1?change=%00"),
    ] {
        let res = app.get_with(&public, &path).await;
        assert!(res.status().as_u16() < 500, "{path}: {}", res.status());
    }
    for path in [
        format!("/projects/{p}/safeguarding?status=%00&age=%00"),
        format!("/surveys/{id}/results?page=%00"),
        format!("/surveys/{id}/responses.csv?bom=%00"),
        format!("/surveys/{id}/preview?easy_read=%00"),
        format!("/projects/{p}/experiments/new?theme=%00"),
        format!("/projects/{p}/coding?page=%00"),
        "/projects/%00".to_owned(),
        "/surveys/%00/settings".to_owned(),
    ] {
        let res = app.get_with(&w.web, &path).await;
        assert!(res.status().as_u16() < 500, "{path}: {}", res.status());
    }
    for path in [
        format!("/api/v1/surveys/{id}/responses?page=%00"),
        "/api/v1/surveys/%00".to_owned(),
        "/api/v1/projects/%00".to_owned(),
    ] {
        let res = w.api.send("GET", &path, None).await;
        assert!(res.status().is_client_error(), "{path}: {}", res.status());
    }
    assert_eq!(counts(app).await, before, "nothing is stored");
}

#[tokio::test]
async fn longer_texts_keep_newlines_and_tabs_turn_crlf_into_lf_and_drop_other_controls() {
    let w = world().await;
    let sent = "First line\r\nSecond\tpart\rThird\u{1b} line";
    let kept = "First line\nSecond\tpart\nThird line";
    let body = with(survey_body(), "intro", sent);
    let (status, survey) = w
        .api
        .json("PUT", &format!("/api/v1/surveys/{}", w.draft), Some(body))
        .await;
    assert_eq!(status, StatusCode::OK, "{survey}");
    assert_eq!(survey["intro"], kept);
    let mut answers = full_answers();
    answers["story"] = json!(sent);
    let (status, receipt) = w.api.submit(&w.open.1, answers).await;
    assert_eq!(status, StatusCode::CREATED, "{receipt}");
    let (_, list) = w
        .api
        .json(
            "GET",
            &format!("/api/v1/surveys/{}/responses", w.open.0),
            None,
        )
        .await;
    assert!(
        list.to_string().contains(&json!(kept).to_string()),
        "{list}"
    );
}

#[tokio::test]
async fn one_line_fields_take_no_line_break_escape_or_bell_through_the_api() {
    let w = world().await;
    for bad in ["\r", "\n", "\r\n", "\u{1b}", "\u{7}", "\u{2028}"] {
        let body = with(project_body(), "title", &format!("Early{bad}help"));
        let (status, problem) = w.api.json("POST", "/api/v1/projects", Some(body)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad:?}");
        assert_eq!(
            problem["errors"]["title"],
            "Title must not contain special characters such as line breaks, tabs or control codes"
        );
    }
    // Space around a title is still only trimmed.
    let body = with(project_body(), "title", "  Early help \n");
    let (status, project) = w.api.json("POST", "/api/v1/projects", Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{project}");
    assert_eq!(project["title"], "Early help");
}
