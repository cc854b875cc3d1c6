//! Behind a reverse proxy each client keeps its own rate limit and sign-in throttle, but only
//! when the proxy is trusted (`CHORUS_TRUSTED_PROXIES`): otherwise forwarding headers are
//! ignored, so nobody escapes a limit by writing their own.

use chorus::accounts::Role;
use chorus::accounts::throttle::PER_ADDRESS;
use reqwest::StatusCode;
use serde_json::json;

use crate::api::{Api, api_with, full_answers};
use crate::helpers::*;

/// An API client on an app limited to two submissions a minute, trusting the test's own
/// address as a proxy or not.
async fn limited(trust: bool) -> (Api, String) {
    let api = api_with(|raw| {
        raw.rate_limit = Some("2".into());
        if trust {
            raw.trusted_proxies = Some("127.0.0.1/32, ::1".into());
        }
    })
    .await;
    let (_, slug) = api.open_survey().await;
    (api, slug)
}

async fn send_as(api: &Api, slug: &str, header: (&str, &str)) -> StatusCode {
    api.http
        .post(api.app.url(&format!("/api/v1/s/{slug}/responses")))
        .header(header.0, header.1)
        .json(&json!({"client_id": uuid::Uuid::new_v4(), "answers": full_answers()}))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_rate_limit() {
    let (api, slug) = limited(true).await;
    let a = ("x-forwarded-for", "198.51.100.1");
    assert_eq!(send_as(&api, &slug, a).await, StatusCode::CREATED);
    assert_eq!(send_as(&api, &slug, a).await, StatusCode::CREATED);
    assert_eq!(send_as(&api, &slug, a).await, StatusCode::TOO_MANY_REQUESTS);
    // Another family behind the same proxy is not held back by the first.
    let b = ("x-forwarded-for", "198.51.100.2");
    assert_eq!(send_as(&api, &slug, b).await, StatusCode::CREATED);
    // The standard header names the client too; the left of a chain is the client's own say
    // and does not count.
    let c = ("forwarded", "for=\"[2001:db8::7]:4711\";proto=https");
    assert_eq!(send_as(&api, &slug, c).await, StatusCode::CREATED);
    let spoof = ("x-forwarded-for", "203.0.113.50, 198.51.100.1");
    assert_eq!(
        send_as(&api, &slug, spoof).await,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn without_a_trusted_proxy_forwarding_headers_are_ignored() {
    let (api, slug) = limited(false).await;
    assert_eq!(
        send_as(&api, &slug, ("x-forwarded-for", "198.51.100.1")).await,
        StatusCode::CREATED
    );
    assert_eq!(
        send_as(&api, &slug, ("x-forwarded-for", "198.51.100.2")).await,
        StatusCode::CREATED
    );
    for header in [
        ("x-forwarded-for", "198.51.100.3"),
        ("forwarded", "for=198.51.100.4"),
    ] {
        assert_eq!(
            send_as(&api, &slug, header).await,
            StatusCode::TOO_MANY_REQUESTS
        );
    }
}

#[tokio::test]
async fn the_sign_in_throttle_counts_each_client_behind_a_trusted_proxy_on_its_own() {
    for trust in [true, false] {
        let app = spawn_app_with(|raw| {
            if trust {
                raw.trusted_proxies = Some("127.0.0.1, ::1".into());
            }
        })
        .await;
        let user = app.insert_steward(Role::Steward, "sam@example.org").await;
        let attempt = |from: &'static str, email: String, password: String| {
            let (app, client) = (&app, new_client());
            async move {
                let token = app.csrf_for(&client).await;
                client
                    .post(app.url("/sign-in"))
                    .header("x-forwarded-for", from)
                    .form(&[
                        ("csrf_token", token.as_str()),
                        ("email", email.as_str()),
                        ("password", password.as_str()),
                    ])
                    .send()
                    .await
                    .unwrap()
                    .status()
            }
        };
        // Someone tries many accounts from one address until that address is blocked.
        for i in 0..PER_ADDRESS {
            let status =
                attempt("198.51.100.66", format!("n{i}@example.org"), "guess".into()).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {i}");
        }
        let blocked = attempt("198.51.100.66", user.email.clone(), user.password.clone()).await;
        assert_eq!(blocked, StatusCode::TOO_MANY_REQUESTS);
        // A colleague behind the same proxy signs in, if the proxy is trusted.
        let other = attempt("198.51.100.7", user.email.clone(), user.password.clone()).await;
        let expected = if trust {
            StatusCode::SEE_OTHER
        } else {
            StatusCode::TOO_MANY_REQUESTS
        };
        assert_eq!(other, expected, "trusted proxy: {trust}");
    }
}

#[test]
fn a_trusted_proxy_setting_that_is_not_an_address_stops_the_start_with_a_clear_message() {
    let raw = chorus::config::RawSettings {
        trusted_proxies: Some("10.0.0.0/8, proxy.example".into()),
        ..chorus::config::RawSettings::default()
    };
    let err = chorus::config::Settings::parse(raw)
        .unwrap_err()
        .to_string();
    assert!(err.contains("CHORUS_TRUSTED_PROXIES"), "{err}");
    assert!(err.contains("proxy.example"), "{err}");
}
