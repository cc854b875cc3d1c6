//! Health checks, error pages, static assets and the accessibility basics of every page.

use crate::helpers::*;
use chorus::accounts::Role;
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Database};

#[tokio::test]
async fn health_and_readiness_answer_while_the_database_is_up() {
    let app = spawn_app().await;
    let res = app.get("/healthz").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.text().await.unwrap(), "ok");
    assert_eq!(app.get("/readyz").await.status(), StatusCode::OK);
}

/// PostgreSQL only: SQLite is a file inside this process, so there is no server to stop, and
/// an open SQLite handle keeps answering even if the file is removed. Without
/// `TEST_DATABASE_URL` this test says so and returns; the PostgreSQL run (`.ci/run`) covers it.
#[tokio::test]
async fn readiness_fails_while_postgresql_refuses_connections_and_recovers_after() {
    let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
        eprintln!("skipped: needs TEST_DATABASE_URL (PostgreSQL only)");
        return;
    };
    let app = spawn_app().await;
    assert_eq!(app.get("/readyz").await.status(), StatusCode::OK);
    let name = url::Url::parse(&app.database_url).unwrap().path()[1..].to_owned();
    let admin = Database::connect(admin_url.as_str()).await.unwrap();
    admin
        .execute_unprepared(&format!(
            "ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false"
        ))
        .await
        .unwrap();
    admin
        .execute_unprepared(&format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = '{name}' AND pid <> pg_backend_pid()"
        ))
        .await
        .unwrap();
    let res = app.get("/readyz").await;
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        app.get("/healthz").await.status(),
        StatusCode::OK,
        "still alive"
    );

    admin
        .execute_unprepared(&format!(
            "ALTER DATABASE {name} WITH ALLOW_CONNECTIONS true"
        ))
        .await
        .unwrap();
    admin.close().await.unwrap();
    let mut status = StatusCode::SERVICE_UNAVAILABLE;
    for _ in 0..50 {
        status = app.get("/readyz").await.status();
        if status == StatusCode::OK {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(
        status,
        StatusCode::OK,
        "ready again once the database answers"
    );
}

#[tokio::test]
async fn an_unknown_address_gets_the_accessible_404_page() {
    let app = spawn_app().await;
    let res = app.get("/no/such/page").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let content_type = res.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(content_type.starts_with("text/html"), "{content_type}");
    let body = res.text().await.unwrap();
    assert_eq!(texts(&body, "h1"), ["Page not found"]);
    assert_eq!(texts_attr(&body, "a.skip-link", "href"), ["#main"]);
    let footer = texts_attr(&body, "footer a", "href");
    assert!(footer.contains(&"/accessibility".to_owned()));
    assert!(footer.contains(&"/privacy".to_owned()));
    assert_accessible(&body, "404");
}

#[tokio::test]
async fn framework_errors_come_back_as_chorus_pages() {
    let app = spawn_app().await;
    let res = app.client.delete(app.url("/sign-in")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_security_headers(&res, "405");
    let content_type = res.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(content_type.starts_with("text/html"), "{content_type}");
    assert_accessible(&res.text().await.unwrap(), "405");

    let res = app.get("/account/tokens/abc/revoke").await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    let res = app
        .client
        .post(app.url("/sign-in"))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_accessible(&res.text().await.unwrap(), "400");
}

#[tokio::test]
async fn an_oversized_form_gets_413_as_a_chorus_page() {
    let app = spawn_app().await;
    let big = "x".repeat(300 * 1024);
    let res = app
        .post_form("/sign-in", &[("email", big.as_str()), ("password", "p")])
        .await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let content_type = res.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(content_type.starts_with("text/html"), "{content_type}");
    let body = res.text().await.unwrap();
    assert_eq!(texts(&body, "h1"), ["What you sent is too large"]);
    assert_accessible(&body, "413");
}

#[tokio::test]
async fn the_stylesheet_has_a_content_hash_and_is_cached_for_a_year() {
    let app = spawn_app().await;
    let (_, body) = app.page("/").await;
    let href = texts_attr(&body, "link[rel=stylesheet]", "href")
        .pop()
        .unwrap();
    let hash = href
        .strip_prefix("/assets/chorus-")
        .and_then(|rest| rest.strip_suffix(".css"))
        .unwrap_or_else(|| panic!("unexpected stylesheet URL {href}"));
    assert_eq!(hash.len(), 12);
    assert!(hash.chars().all(|c| c.is_ascii_hexdigit()), "{hash}");
    let res = app.get(&href).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    let cache = res.headers()["cache-control"].to_str().unwrap();
    assert!(
        cache.contains("max-age=31536000") && cache.contains("immutable"),
        "{cache}"
    );
    assert!(!res.text().await.unwrap().is_empty());
    let stale = app.get("/assets/chorus-000000000000.css").await;
    assert_eq!(stale.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn every_foundation_page_meets_the_accessibility_basics() {
    let app = spawn_app().await;
    let setup = path_of(app.setup_link.as_deref().unwrap());
    for path in [
        "/",
        "/sign-in",
        setup.as_str(),
        "/accessibility",
        "/privacy",
        "/nope",
    ] {
        let (_, body) = app.page(path).await;
        assert_accessible(&body, &format!("{path} (signed out)"));
    }
    app.create_admin().await;
    app.insert_steward(Role::Practitioner, "pat@example.org")
        .await;
    let res = app
        .post_form("/account/tokens", &[("label", "report script")])
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    for path in [
        "/",
        "/home",
        "/admin/stewards",
        "/account/tokens",
        "/accessibility",
        "/privacy",
        "/nope",
    ] {
        let (status, body) = app.page(path).await;
        assert!(
            status.is_success() || status == StatusCode::NOT_FOUND,
            "{path}"
        );
        assert_accessible(&body, &format!("{path} (signed in)"));
    }
    let (_, people) = app.page("/admin/stewards").await;
    assert!(!texts(&people, "select").is_empty(), "role select rendered");
    assert!(
        !texts(&people, "fieldset legend").is_empty(),
        "role radios rendered"
    );
}
