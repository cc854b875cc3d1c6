//! The audit log is complete by construction: the whole route table is walked as an
//! administrator on the demo data, every method sent to every path, and every answer that
//! succeeded on a steward's action left exactly one new entry naming that route, while every
//! failure (and every read that is not an export) left none. Routes added later are walked the
//! same way without anyone remembering to.

use crate::api::{project_body, survey_body, token_for};
use crate::helpers::*;
use chorus::accounts::Role;
use reqwest::{Client, Method, StatusCode};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use serde_json::json;

/// Routes where people answer rather than administer: never recorded, whoever is signed in.
fn answering(path: &str) -> bool {
    [
        "/s/",
        "/p/",
        "/u/",
        "/receipt",
        "/resume",
        "/i/",
        "/unsubscribe/",
        "/api/v1/s/",
        "/api/v1/p/",
    ]
    .iter()
    .any(|p| path.starts_with(p))
}

pub async fn scalar(db: &DatabaseConnection, sql: &str) -> Option<i64> {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()?;
    row.try_get_by_index::<Option<i64>>(0).unwrap()
}

/// The newest entry: (id, steward, method, route, object).
pub async fn newest(db: &DatabaseConnection) -> Option<(i64, Option<i64>, String, String, String)> {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT id, steward_id, method, route, object FROM audit_entry ORDER BY id DESC LIMIT 1",
        ))
        .await
        .unwrap()?;
    Some((
        row.try_get("", "id").unwrap(),
        row.try_get("", "steward_id").unwrap(),
        row.try_get("", "method").unwrap(),
        row.try_get("", "route").unwrap(),
        row.try_get("", "object").unwrap(),
    ))
}

pub async fn entries(db: &DatabaseConnection) -> i64 {
    scalar(db, "SELECT COUNT(*) FROM audit_entry")
        .await
        .unwrap_or(0)
}

/// Real ids in the demo data, one per placeholder; `{id}` by what the path is about.
async fn ids(db: &DatabaseConnection, other: i64, token: i64) -> Vec<(&'static str, i64)> {
    let one = |sql: &'static str| async move { scalar(db, sql).await.unwrap_or(1) };
    vec![
        ("project", one("SELECT MIN(id) FROM project").await),
        ("survey", one("SELECT MIN(id) FROM survey").await),
        (
            "question",
            one("SELECT MIN(id) FROM question WHERE survey_id = (SELECT MIN(id) FROM survey)")
                .await,
        ),
        ("flag", one("SELECT MIN(id) FROM safeguarding_flag").await),
        ("theme", one("SELECT MIN(id) FROM theme").await),
        ("coding", one("SELECT MIN(id) FROM coding").await),
        ("answer", one("SELECT MIN(id) FROM answer").await),
        ("experiment", one("SELECT MIN(id) FROM experiment").await),
        ("steward", other),
        ("token", token),
    ]
}

fn fill(path: &str, ids: &[(&str, i64)]) -> String {
    let get = |k: &str| ids.iter().find(|(n, _)| *n == k).map_or(1, |(_, v)| *v);
    let id = if path.contains("/projects/{id}") {
        get("project")
    } else if path.contains("/experiments/{id}") {
        get("experiment")
    } else if path.contains("/surveys/{id}") {
        get("survey")
    } else if path.starts_with("/account/tokens/{id}") {
        get("token")
    } else {
        get("steward")
    };
    let mut out = path
        .replace("{id}", &id.to_string())
        .replace("{index}", "0");
    for (name, value) in ids {
        out = out.replace(&format!("{{{name}}}"), &value.to_string());
    }
    out
}

const METHODS: [Method; 5] = [
    Method::GET,
    Method::POST,
    Method::PUT,
    Method::PATCH,
    Method::DELETE,
];

async fn send(
    app: &TestApp,
    client: &Client,
    method: &Method,
    url: &str,
    csrf: &str,
    bearer: &str,
) -> StatusCode {
    let mut req = client.request(method.clone(), app.url(url));
    if url.starts_with("/api/") {
        req = req.bearer_auth(bearer);
        if url.ends_with("/invitations") {
            req = req.json(&json!({"emails": ["pat@example.org"]}));
        } else if url.contains("/experiments") && *method != Method::GET {
            req = req.json(&json!({}));
        } else if url.ends_with("/api/v1/projects") && *method != Method::GET {
            req = req.json(&project_body());
        } else if *method != Method::GET {
            req = req.json(&survey_body());
        }
    } else if *method != Method::GET {
        req = req.form(&[("csrf_token", csrf)]);
    }
    req.send().await.unwrap().status()
}

#[tokio::test]
async fn every_successful_steward_action_on_every_route_leaves_exactly_one_entry_naming_it() {
    let app = spawn_app().await;
    let admin = app.create_admin().await;
    app.load_demo();
    let bearer = token_for(&app, Role::Admin, "root@example.org").await;
    let other = app.insert_steward(Role::Steward, "bo@example.org").await;
    let db = connect_db(&app).await;
    let admin_token = scalar(&db, "SELECT MAX(id) FROM api_token").await.unwrap();
    let root = scalar(
        &db,
        "SELECT id FROM steward WHERE email = 'root@example.org'",
    )
    .await
    .unwrap();
    let ids = ids(&db, other.id, admin_token + 1000).await;
    let csrf = app.csrf_for(&app.client).await;
    // Signing out is walked last, so the walk stays signed in until the end.
    let mut paths = chorus::routes::paths();
    paths.sort_by_key(|p| p == "/sign-out");
    let (mut wrong, mut recorded) = (Vec::new(), std::collections::BTreeSet::new());
    for path in &paths {
        let url = fill(path, &ids);
        for method in &METHODS {
            let before = entries(&db).await;
            let status = send(&app, &app.client, method, &url, &csrf, &bearer).await;
            let after = entries(&db).await;
            let ok = status.is_success() || status.is_redirection();
            let changes = *method != Method::GET;
            let download = path.ends_with(".csv") || path.ends_with(".xlsx");
            let expected = ok && (changes || download) && !answering(path);
            let added = after - before;
            if added != i64::from(expected) {
                wrong.push(format!("{method} {url}: {status}, {added} new entries"));
                continue;
            }
            if expected {
                let (_, who, m, route, _) = newest(&db).await.unwrap();
                let me = if path.starts_with("/api/") {
                    root
                } else {
                    admin.id
                };
                if m != method.as_str() || &route != path || who != Some(me) {
                    wrong.push(format!("{method} {url}: entry says {m} {route} by {who:?}"));
                }
                recorded.insert(format!("{method} {path}"));
            }
        }
    }
    assert!(wrong.is_empty(), "entries wrong:\n  {}", wrong.join("\n  "));
    // Enough real actions succeeded that the walk proves something (publish, close, roles,
    // downloads, API writes…), and signing out was one of them.
    assert!(
        recorded.len() > 25,
        "only {} actions succeeded: {recorded:?}",
        recorded.len()
    );
    for must in [
        "POST /sign-out",
        "GET /admin/audit.csv",
        "POST /surveys/{id}/close",
        "POST /api/v1/projects",
    ] {
        assert!(
            recorded.contains(must),
            "{must} was not recorded: {recorded:?}"
        );
    }
}

#[tokio::test]
async fn no_audit_route_accepts_anything_but_get() {
    let app = spawn_app().await;
    app.create_admin().await;
    let bearer = token_for(&app, Role::Admin, "root@example.org").await;
    let csrf = app.csrf_for(&app.client).await;
    let audit: Vec<String> = chorus::routes::paths()
        .into_iter()
        .filter(|p| p.contains("audit"))
        .collect();
    assert_eq!(audit.len(), 3, "{audit:?}");
    for path in audit {
        for method in [Method::POST, Method::PUT, Method::PATCH, Method::DELETE] {
            let status = send(&app, &app.client, &method, &path, &csrf, &bearer).await;
            assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
        }
    }
}

/// Every resource goes through `Routes::resources`, which wraps it in the audit layer: no
/// file but the route table's type may build a resource or a route of its own (the test-only
/// panic routes aside, which change nothing), so no route can be added without the layer.
#[test]
fn every_route_is_registered_through_the_one_table_that_wraps_it_in_the_audit_layer() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let routing = std::fs::read_to_string(src.join("web/routing.rs")).unwrap();
    assert!(
        routing.contains(".wrap(from_fn(audit::record))"),
        "Routes::resources must wrap every resource in the audit layer"
    );
    let mut wrong = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if rel == "web/routing.rs" || rel == "web/panics.rs" {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            // Route methods are only built inside the route tables (`routes/`), and only handed
            // to `Routes::route` there.
            let tables = rel.starts_with("routes/");
            for needle in [
                "web::resource(",
                "Resource::new(",
                ".service(web::",
                "web::post()",
                "web::put()",
                "web::patch()",
                "web::delete()",
                "web::method(",
            ] {
                if text.contains(needle)
                    && !(tables && needle.starts_with("web::") && needle.ends_with("()"))
                {
                    wrong.push(format!("{rel}: {needle}"));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "routes built outside Routes:\n  {}",
        wrong.join("\n  ")
    );
}
