//! Setup, sign-in and sign-out, wrong passwords, throttling and session timeouts.

use crate::helpers::*;
use chorus::accounts::Role;
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

#[tokio::test]
async fn the_setup_link_creates_the_first_admin_and_then_stops_working() {
    let app = spawn_app().await;
    app.create_admin().await;
    let (status, body) = app.page("/home").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Hello, Ada Admin"));
    let path = path_of(app.setup_link.as_deref().unwrap());
    assert_eq!(app.get(&path).await.status(), StatusCode::NOT_FOUND);
    let again = app
        .post_form(
            &path,
            &[
                ("name", "Eve"),
                ("email", "eve@example.org"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_wrong_setup_secret_is_not_found() {
    let app = spawn_app().await;
    assert_eq!(
        app.get("/setup/not-the-secret").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn setup_with_bad_input_shows_the_problems_and_keeps_what_was_typed() {
    let app = spawn_app().await;
    let path = path_of(app.setup_link.as_deref().unwrap());
    let cases = [
        ("", "ada@example.org", PASSWORD, "name"),
        ("Ada Admin", "not an email", PASSWORD, "email"),
        ("Ada Admin", "ada@example.org", "short", "password"),
    ];
    for (name, email, password, bad_field) in cases {
        let res = app
            .post_form(
                &path,
                &[("name", name), ("email", email), ("password", password)],
            )
            .await;
        assert_eq!(
            res.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{bad_field}"
        );
        let body = res.text().await.unwrap();
        assert_eq!(texts(&body, ".error-summary h2"), ["There is a problem"]);
        let links = texts(&body, ".error-summary a");
        assert_eq!(links.len(), 1, "{bad_field}: {links:?}");
        assert!(body.contains(&format!("href=\"#{bad_field}\"")));
        assert!(texts(&body, "title")[0].starts_with("Error: "));
        assert!(body.contains(&format!("value=\"{name}\"")), "name kept");
        assert!(body.contains(&format!("value=\"{email}\"")), "email kept");
        assert!(!body.contains(password), "a password is never sent back");
        assert_accessible(&body, "setup with errors");
    }
    // The link still works after failed attempts.
    assert_eq!(app.get(&path).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn signing_in_rotates_the_session_cookie_and_signing_out_ends_it_on_the_server() {
    let app = spawn_app().await;
    let user = app.insert_steward(Role::Steward, "sam@example.org").await;
    let client = new_client();
    let first = app.sign_in_with(&client, &user.email, &user.password).await;
    assert_eq!(first.status(), StatusCode::SEE_OTHER);
    let first = session_cookie_in(&first).unwrap();
    let second = app.sign_in_with(&client, &user.email, &user.password).await;
    let second = session_cookie_in(&second).unwrap();
    assert_ne!(first, second, "a new sign-in gets a new session");

    let replay = |value: String| {
        let app = &app;
        async move {
            reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap()
                .get(app.url("/home"))
                .header("Cookie", format!("chorus_session={value}"))
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(
        replay(first).await,
        StatusCode::SEE_OTHER,
        "old session ended"
    );
    assert_eq!(replay(second.clone()).await, StatusCode::OK);

    let out = app.post_form_with(&client, "/sign-out", &[]).await;
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        out.headers()["location"].to_str().unwrap(),
        "/sign-in?signed-out"
    );
    let home = app.get_with(&client, "/home").await;
    assert_eq!(home.status(), StatusCode::SEE_OTHER);
    assert_eq!(home.headers()["location"].to_str().unwrap(), "/sign-in");
    assert_eq!(
        replay(second).await,
        StatusCode::SEE_OTHER,
        "replay refused"
    );
}

#[tokio::test]
async fn a_wrong_password_or_unknown_email_gets_the_same_generic_401() {
    let app = spawn_app().await;
    let user = app.insert_steward(Role::Steward, "sam@example.org").await;
    let wrong_password = app
        .sign_in_with(&app.client, &user.email, "not the password at all")
        .await;
    assert_eq!(wrong_password.status(), StatusCode::UNAUTHORIZED);
    assert!(session_cookie_in(&wrong_password).is_none());
    let wrong_password = wrong_password.text().await.unwrap();
    let unknown = app
        .sign_in_with(&new_client(), "nobody@example.org", PASSWORD)
        .await;
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    let unknown = unknown.text().await.unwrap();
    let message = texts(&wrong_password, ".error-summary a");
    assert_eq!(message, ["Enter a correct email address and password"]);
    assert_eq!(message, texts(&unknown, ".error-summary a"));
    assert_eq!(
        texts(&wrong_password, ".error-message"),
        texts(&unknown, ".error-message")
    );
    assert!(!wrong_password.contains("not the password at all"));
}

#[tokio::test]
async fn five_wrong_passwords_lock_the_account_but_not_another_account_from_the_same_client() {
    let app = spawn_app().await;
    let target = app.insert_steward(Role::Steward, "sam@example.org").await;
    let other = app.insert_steward(Role::Steward, "kim@example.org").await;
    for attempt in 1..=5 {
        let res = app
            .sign_in_with(&app.client, &target.email, "wrong password here")
            .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }
    let sixth = app
        .sign_in_with(&app.client, &target.email, &target.password)
        .await;
    assert_eq!(sixth.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = sixth.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 0 && retry <= 15 * 60, "Retry-After {retry}");
    assert!(session_cookie_in(&sixth).is_none());
    assert!(
        sixth
            .text()
            .await
            .unwrap()
            .contains("Too many failed attempts")
    );

    let res = app
        .sign_in_with(&new_client(), &other.email, &other.password)
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "other account works");
}

#[tokio::test]
async fn twenty_failures_from_one_address_block_every_account_from_it() {
    let app = spawn_app().await;
    let user = app.insert_steward(Role::Steward, "sam@example.org").await;
    // 20 failures spread over 5 unknown accounts, each under its own limit.
    for i in 0..20 {
        let email = format!("guess{}@example.org", i % 5);
        let res = app
            .sign_in_with(&app.client, &email, "wrong password")
            .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "failure {i}");
    }
    let res = app
        .sign_in_with(&new_client(), &user.email, &user.password)
        .await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(res.headers().contains_key("retry-after"));
}

/// Moves every session's clocks into the past: a fixture standing in for waiting.
async fn age_sessions(app: &TestApp, column: entity::session::Column, minutes: i64) {
    let db = connect_db(app).await;
    let past = chrono::Utc::now() - chrono::Duration::minutes(minutes);
    entity::session::Entity::update_many()
        .col_expr(column, Expr::value(past))
        .filter(entity::session::Column::Id.gt(0))
        .exec(&db)
        .await
        .unwrap();
    db.close().await.unwrap();
}

#[tokio::test]
async fn a_session_idle_for_longer_than_the_limit_ends() {
    let app = spawn_app_with(|raw| raw.session_idle_minutes = Some("30".into())).await;
    let (client, _) = app.signed_in_client(Role::Steward, "sam@example.org").await;
    age_sessions(&app, entity::session::Column::LastSeenAt, 29).await;
    assert_eq!(
        app.get_with(&client, "/home").await.status(),
        StatusCode::OK,
        "29 idle minutes are within the limit"
    );
    age_sessions(&app, entity::session::Column::LastSeenAt, 31).await;
    let res = app.get_with(&client, "/home").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"].to_str().unwrap(), "/sign-in");
}

#[tokio::test]
async fn a_session_ends_after_its_lifetime_even_when_in_use() {
    let app = spawn_app_with(|raw| raw.session_lifetime_hours = Some("12".into())).await;
    let (client, _) = app.signed_in_client(Role::Steward, "sam@example.org").await;
    age_sessions(&app, entity::session::Column::CreatedAt, 11 * 60).await;
    assert_eq!(
        app.get_with(&client, "/home").await.status(),
        StatusCode::OK
    );
    age_sessions(&app, entity::session::Column::CreatedAt, 12 * 60 + 1).await;
    assert_eq!(
        app.get_with(&client, "/home").await.status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn activity_keeps_a_session_alive() {
    let app = spawn_app().await;
    let (client, _) = app.signed_in_client(Role::Steward, "sam@example.org").await;
    age_sessions(&app, entity::session::Column::LastSeenAt, 20).await;
    assert_eq!(
        app.get_with(&client, "/home").await.status(),
        StatusCode::OK
    );
    let db = connect_db(&app).await;
    let session = entity::session::Entity::find()
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    db.close().await.unwrap();
    let idle = chrono::Utc::now() - session.last_seen_at;
    assert!(idle < chrono::Duration::minutes(1), "last seen {idle} ago");
}

#[tokio::test]
async fn the_sign_in_page_says_when_someone_has_signed_out() {
    let app = spawn_app().await;
    let (status, body) = app.page("/sign-in?signed-out").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("You have signed out."));
}
