//! The whole route table, walked: every route that is not public refuses an anonymous visitor,
//! and a steward of another project is told "not found" (404, never 403) for anything inside a
//! project that is not theirs, so ids are never confirmed. A route added later is checked the
//! same way without anyone remembering to: the paths come from `chorus::routes::paths()`.

use crate::api::{Api, api, survey_body};
use crate::helpers::*;
use crate::safeguarding_leads::flagged_project;
use chorus::accounts::Role;
use reqwest::{Client, Method, StatusCode};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set, Statement};
use serde_json::json;

/// Paths anyone may reach without signing in (the runner, receipts, sign-in, health…).
pub fn is_public(path: &str) -> bool {
    const EXACT: [&str; 13] = [
        "/",
        "/healthz",
        "/readyz",
        "/assets/{file}",
        "/accessibility",
        "/privacy",
        "/sign-in",
        "/sign-out",
        "/receipt",
        "/receipt/delete",
        "/resume",
        "/api/openapi.json",
        "/api/v1/s/{slug}/responses",
    ];
    const PREFIXES: [&str; 8] = [
        "/u/{slug}",
        "/s/{slug}",
        "/p/{slug}",
        "/api/v1/p/{slug}",
        "/setup/",
        "/invite/",
        "/i/",
        "/unsubscribe/",
    ];
    EXACT.contains(&path) || PREFIXES.iter().any(|p| path.starts_with(p))
}

/// Paths any signed-in person has (their own home, lists and account), with no project id.
pub fn is_personal(path: &str) -> bool {
    [
        "/home",
        "/projects",
        "/projects/new",
        "/feedback",
        "/account/tokens",
        "/account/notifications",
        "/api/v1/projects",
    ]
    .contains(&path)
}

/// The real ids in steward A's project, one per placeholder.
struct Ids {
    project: i64,
    survey: i64,
    question: i64,
    flag: i64,
    theme: i64,
    coding: i64,
    answer: i64,
    steward: i64,
    token: i64,
    experiment: i64,
    decision: i64,
    round: i64,
    item: i64,
    comment: i64,
}

async fn first(db: &sea_orm::DatabaseConnection, sql: &str) -> i64 {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no row for {sql}"));
    row.try_get("", "id").unwrap()
}

/// Steward A (sam@example.org, the API helper's token) with a project holding a published
/// survey, a flagged answer, a theme and a coding.
async fn project_a(api: &Api) -> Ids {
    let (project, _) = flagged_project(api).await;
    let db = connect_db(&api.app).await;
    let survey = first(
        &db,
        &format!("SELECT id FROM survey WHERE project_id = {project}"),
    )
    .await;
    let answer = first(&db, "SELECT id FROM answer ORDER BY id LIMIT 1").await;
    let now = chrono::Utc::now();
    let theme = entity::theme::ActiveModel {
        project_id: Set(project),
        name: Set("Waiting".into()),
        description: Set(String::new()),
        codebook: Set("wait".into()),
        status: Set("active".into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    let coding = entity::coding::ActiveModel {
        answer_id: Set(answer),
        theme_id: Set(theme.id),
        source: Set("keyword".into()),
        confidence: Set(0.9),
        status: Set("suggested".into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    let experiment = entity::experiment::ActiveModel {
        project_id: Set(project),
        title: Set("Evening drop-in".into()),
        problem: Set("Waiting".into()),
        if_we: Set("open later".into()),
        then_we: Set("more come".into()),
        because: Set("they said so".into()),
        change: Set("Open until 8pm".into()),
        codesigners: Set("children".into()),
        children: Set(3),
        families: Set(0),
        practitioners: Set(1),
        scale: Set("team".into()),
        place: Set("The hub".into()),
        limits: Set("Nobody comes".into()),
        owners: Set("Hub lead".into()),
        planned_start: Set("2026-10-01".into()),
        planned_end: Set("2026-10-31".into()),
        status: Set("testing".into()),
        plan: Set("{}".into()),
        snapshot: Set("{}".into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap()
    .id;
    let decision = entity::decision::ActiveModel {
        project_id: Set(project),
        subject_kind: Set("project".into()),
        subject_id: Set(project),
        kind: Set("choice".into()),
        from_state: Set(String::new()),
        to_state: Set("Keep the hub open".into()),
        rationale: Set("Families asked".into()),
        evidence: Set("{}".into()),
        steward_id: Set(None),
        decided_at: Set(now),
        question: Set("Keep it?".into()),
        framework: Set("{}".into()),
        review_on: Set(None),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap()
    .id;
    let (round, item, comment) = a_round(&db, project).await;
    let ids = Ids {
        decision,
        round,
        item,
        comment,
        experiment,
        project,
        survey,
        question: first(
            &db,
            &format!("SELECT id FROM question WHERE survey_id = {survey} ORDER BY id LIMIT 1"),
        )
        .await,
        flag: first(&db, "SELECT id FROM safeguarding_flag ORDER BY id LIMIT 1").await,
        theme: theme.id,
        coding: coding.id,
        answer,
        steward: first(
            &db,
            "SELECT id FROM steward WHERE email = 'sam@example.org'",
        )
        .await,
        token: first(&db, "SELECT id FROM api_token ORDER BY id LIMIT 1").await,
    };
    db.close().await.unwrap();
    ids
}

/// An open round in the project with one item and one held comment: (round, item, comment).
pub async fn a_round(db: &sea_orm::DatabaseConnection, project: i64) -> (i64, i64, i64) {
    let now = chrono::Utc::now();
    let round = entity::round::ActiveModel {
        project_id: Set(project),
        title: Set("Have your say".into()),
        intro: Set(String::new()),
        audience: Set("anyone".into()),
        slug: Set("roundabc123".into()),
        status: Set("open".into()),
        show_results: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
    .id;
    let item = entity::round_item::ActiveModel {
        round_id: Set(round),
        position: Set(0),
        source_kind: Set("free".into()),
        title: Set("Waiting".into()),
        body: Set("Waiting is too long".into()),
        easy_read: Set(String::new()),
        quotes: Set("[]".into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
    .id;
    let comment = entity::round_comment::ActiveModel {
        round_id: Set(round),
        item_id: Set(item),
        device: Set("d".repeat(64)),
        text: Set("Yes".into()),
        who: Set("unsaid".into()),
        status: Set("held".into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
    .id;
    (round, item, comment)
}

/// The path with A's real ids in place of its placeholders.
fn fill(path: &str, ids: &Ids) -> String {
    let id = if path.contains("/projects/{id}") {
        ids.project
    } else if path.contains("/experiments/{id}") {
        ids.experiment
    } else if path.contains("/rounds/{id}") {
        ids.round
    } else if false {
        ids.project
    } else if path.contains("/surveys/{id}") {
        ids.survey
    } else if path.starts_with("/account/tokens/{id}") {
        ids.token
    } else {
        ids.steward
    };
    path.replace("{id}", &id.to_string())
        .replace("{question}", &ids.question.to_string())
        .replace("{flag}", &ids.flag.to_string())
        .replace("{theme}", &ids.theme.to_string())
        .replace("{coding}", &ids.coding.to_string())
        .replace("{answer}", &ids.answer.to_string())
        .replace("{steward}", &ids.steward.to_string())
        .replace("{experiment}", &ids.experiment.to_string())
        .replace("{decision}", &ids.decision.to_string())
        .replace("{index}", "0")
        .replace("{round}", &ids.round.to_string())
        .replace("{item}", &ids.item.to_string())
        .replace("{comment}", &ids.comment.to_string())
}

/// What a request got: the status and where a redirect points.
async fn try_route(
    app: &TestApp,
    client: &Client,
    method: Method,
    path: &str,
    csrf: Option<&str>,
    bearer: Option<&str>,
) -> (StatusCode, String) {
    let mut req = client.request(method.clone(), app.url(path));
    if let Some(token) = bearer {
        req = req.bearer_auth(token);
    }
    if path.starts_with("/api/") {
        // A body the API would accept, so only access can refuse it.
        if path.ends_with("/invitations") {
            req = req.json(&json!({"emails": ["pat@example.org"]}));
        } else if path.contains("/experiments") && method != Method::GET {
            // Every experiment field is optional in the body's shape.
            req = req.json(&json!({}));
        } else if method != Method::GET {
            req = req.json(&survey_body());
        }
    } else if method == Method::POST
        && let Some(csrf) = csrf
    {
        req = req.form(&[("csrf_token", csrf)]);
    }
    let res = req.send().await.unwrap();
    let location = res
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or("")
        .to_owned();
    (res.status(), location)
}

/// Fails listing every request that was not refused; the table must not be empty.
fn all_refused(checked: usize, wrong: &[String], what: &str) {
    assert!(
        checked > 150,
        "only {checked} requests: is the table empty?"
    );
    assert!(wrong.is_empty(), "{what}:\n  {}", wrong.join("\n  "));
}

const METHODS: [Method; 3] = [Method::GET, Method::POST, Method::PUT];

#[tokio::test]
async fn every_route_that_is_not_public_refuses_an_anonymous_visitor() {
    let api = api().await;
    let ids = project_a(&api).await;
    let anon = new_client();
    let csrf = api.app.csrf_for(&anon).await;
    let mut wrong = Vec::new();
    let mut checked = 0;
    for path in chorus::routes::paths() {
        if is_public(&path) {
            continue;
        }
        let url = fill(&path, &ids);
        for method in METHODS {
            let (status, location) =
                try_route(&api.app, &anon, method.clone(), &url, Some(&csrf), None).await;
            let refused = match status {
                StatusCode::SEE_OTHER => location.starts_with("/sign-in"),
                StatusCode::UNAUTHORIZED | StatusCode::NOT_FOUND => true,
                StatusCode::METHOD_NOT_ALLOWED => true,
                _ => false,
            };
            checked += 1;
            if !refused {
                wrong.push(format!("{method} {url}: {status} {location}"));
            }
        }
    }
    all_refused(checked, &wrong, "open to anyone");
}

#[tokio::test]
async fn a_steward_of_another_project_is_told_not_found_for_everything_inside_it() {
    let api = api().await;
    let ids = project_a(&api).await;
    // Steward B builds their own project and has an API token, but is no member of A's.
    let b_token = crate::api::token_for(&api.app, Role::Steward, "bo@example.org").await;
    let b = new_client();
    let res = api.app.sign_in_with(&b, "bo@example.org", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let csrf = api.app.csrf_for(&b).await;
    // Steward A signed in, to show every id used is real: A never gets 404 where B does.
    let a = new_client();
    let res = api.app.sign_in_with(&a, "sam@example.org", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    let mut wrong = Vec::new();
    let mut checked = 0;
    for path in chorus::routes::paths() {
        if is_public(&path) || is_personal(&path) {
            continue;
        }
        let url = fill(&path, &ids);
        let api_path = path.starts_with("/api/");
        let admin = path.starts_with("/admin/") || path == "/api/v1/audit";
        if !api_path {
            let (owner, _) = try_route(&api.app, &a, Method::GET, &url, None, None).await;
            if owner == StatusCode::NOT_FOUND {
                wrong.push(format!(
                    "GET {url}: the owner gets 404, so the ids are wrong"
                ));
            }
        }
        for method in METHODS {
            let bearer = api_path.then_some(b_token.as_str());
            let (status, location) =
                try_route(&api.app, &b, method.clone(), &url, Some(&csrf), bearer).await;
            let refused = match status {
                StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED => true,
                // Administration is refused by role, whatever the id.
                StatusCode::FORBIDDEN => admin,
                _ => false,
            };
            checked += 1;
            if !refused {
                wrong.push(format!("{method} {url}: {status} {location}"));
            }
        }
    }
    all_refused(
        checked,
        &wrong,
        "another project's steward was not told 'not found'",
    );
}
