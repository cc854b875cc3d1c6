//! CSRF protection and the security headers on every kind of response.

use crate::helpers::*;
use chorus::accounts::Role;
use reqwest::{Client, StatusCode};

/// A request that was rejected for its CSRF token gets Chorus's accessible 403 page.
async fn assert_csrf_page(res: reqwest::Response, what: &str) {
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "{what}");
    assert_security_headers(&res, what);
    let content_type = res.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(content_type.starts_with("text/html"), "{what}");
    let body = res.text().await.unwrap();
    assert_accessible(&body, what);
    assert_eq!(texts(&body, "h1"), ["This form has expired"], "{what}");
}

#[tokio::test]
async fn forms_without_a_valid_csrf_token_are_refused() {
    let app = spawn_app().await;
    app.create_admin().await;
    let admin = &app.client;
    let stranger = new_client();
    let stranger_token = app.csrf_for(&stranger).await;
    let invite: &[(&str, &str)] = &[
        ("name", "Mallory"),
        ("email", "mallory@example.org"),
        ("role", "admin"),
    ];
    let sign_in: &[(&str, &str)] = &[("email", "ada@example.org"), ("password", PASSWORD)];
    let cases: [(&str, &[(&str, &str)]); 3] = [
        ("/sign-in", sign_in),
        ("/sign-out", &[]),
        ("/admin/stewards", invite),
    ];
    for (path, fields) in cases {
        let tokens = [
            ("no token", None),
            ("a wrong token", Some("0".repeat(64))),
            ("another browser's token", Some(stranger_token.clone())),
        ];
        for (kind, token) in tokens {
            let mut all: Vec<(&str, &str)> = fields.to_vec();
            if let Some(token) = token.as_deref() {
                all.push(("csrf_token", token));
            }
            let res = admin.post(app.url(path)).form(&all).send().await.unwrap();
            assert_csrf_page(res, &format!("POST {path} with {kind}")).await;
        }
    }
    // None of that signed anyone out or invited anyone.
    let (status, body) = app.page("/admin/stewards").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.contains("mallory@example.org"));
}

#[tokio::test]
async fn a_form_from_a_browser_without_the_cookie_is_refused() {
    let app = spawn_app().await;
    let token = app.csrf_for(&app.client).await;
    let fresh = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let res = fresh
        .post(app.url("/sign-in"))
        .form(&[("csrf_token", token.as_str()), ("email", "a@b.org")])
        .send()
        .await
        .unwrap();
    assert_csrf_page(res, "POST /sign-in without the cookie").await;
}

#[tokio::test]
async fn every_kind_of_response_carries_the_security_headers() {
    let app = spawn_app().await;
    let (practitioner, _) = app
        .signed_in_client(Role::Practitioner, "pat@example.org")
        .await;
    let (_, landing) = app.page("/").await;
    let css = texts_attr(&landing, "link[rel=stylesheet]", "href");
    let cases = [
        ("an HTML page", app.get("/").await, StatusCode::OK),
        (
            "the 404 page",
            app.get("/no-such-page").await,
            StatusCode::NOT_FOUND,
        ),
        (
            "a 403 page",
            app.get_with(&practitioner, "/admin/stewards").await,
            StatusCode::FORBIDDEN,
        ),
        ("/healthz", app.get("/healthz").await, StatusCode::OK),
        ("a static asset", app.get(&css[0]).await, StatusCode::OK),
    ];
    for (what, res, status) in cases {
        assert_eq!(res.status(), status, "{what}");
        assert_security_headers(&res, what);
        assert!(
            !res.headers().contains_key("strict-transport-security"),
            "{what}: no HSTS over plain http"
        );
    }
}

#[tokio::test]
async fn strict_transport_security_is_sent_when_the_base_url_is_https() {
    let app = spawn_app_with(|raw| raw.base_url = Some("https://chorus.example".into())).await;
    for path in ["/", "/no-such-page", "/healthz"] {
        let res = app.get(path).await;
        let hsts = res.headers()["strict-transport-security"].to_str().unwrap();
        assert!(hsts.contains("max-age="), "{path}: {hsts}");
        assert_security_headers(&res, path);
    }
    let res = app.get_with(&new_client(), "/sign-in").await;
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    assert!(
        cookie.contains("Secure"),
        "cookies are Secure on https: {cookie}"
    );
}

#[tokio::test]
async fn pages_are_not_cached_and_cookies_are_http_only() {
    let app = spawn_app().await;
    let res = app.get("/sign-in").await;
    assert_eq!(res.headers()["cache-control"], "no-store");
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    let user = app.insert_steward(Role::Steward, "sam@example.org").await;
    let res = app.sign_in_with(&app.client, &user.email, PASSWORD).await;
    let session = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|v| v.starts_with("chorus_session="))
        .unwrap();
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Lax"));
}
