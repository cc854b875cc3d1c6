//! Roles, inviting people, changing roles, disabling accounts, and API tokens.

use crate::helpers::*;
use chorus::accounts::Role;
use reqwest::StatusCode;

#[tokio::test]
async fn practitioners_and_stewards_cannot_reach_the_people_pages() {
    let app = spawn_app().await;
    let other = app.insert_steward(Role::Steward, "other@example.org").await;
    let other = other.id.to_string();
    for (role, email) in [
        (Role::Practitioner, "pat@example.org"),
        (Role::Steward, "sam@example.org"),
    ] {
        let (client, _) = app.signed_in_client(role, email).await;
        let res = app.get_with(&client, "/admin/stewards").await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{role} GET");
        let body = res.text().await.unwrap();
        assert_eq!(
            texts(&body, "h1"),
            ["You do not have permission to see this page"]
        );
        let posts: [(String, Vec<(&str, &str)>); 5] = [
            (
                "/admin/stewards".into(),
                vec![
                    ("name", "New Person"),
                    ("email", "new@example.org"),
                    ("role", "admin"),
                ],
            ),
            (
                format!("/admin/stewards/{other}/role"),
                vec![("role", "admin")],
            ),
            (format!("/admin/stewards/{other}/disable"), vec![]),
            (format!("/admin/stewards/{other}/enable"), vec![]),
            (format!("/admin/stewards/{other}/invite-link"), vec![]),
        ];
        for (path, fields) in posts {
            let res = app.post_form_with(&client, &path, &fields).await;
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{role} POST {path}");
        }
    }
    // Nothing changed: the steward can still sign in and nobody new was added.
    let res = app
        .sign_in_with(&new_client(), "other@example.org", PASSWORD)
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = app
        .sign_in_with(&new_client(), "new@example.org", PASSWORD)
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_admin_sees_the_people_page() {
    let app = spawn_app().await;
    app.create_admin().await;
    let (status, body) = app.page("/admin/stewards").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(texts(&body, "h1"), ["People"]);
    assert!(body.contains("ada@example.org"));
}

/// Invites someone as an admin and returns the invitation link's path.
async fn invite(app: &TestApp, name: &str, email: &str, role: &str) -> String {
    let res = app
        .post_form(
            "/admin/stewards",
            &[("name", name), ("email", email), ("role", role)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let body = res.text().await.unwrap();
    let link = texts(&body, ".panel-notice code").pop().unwrap();
    assert!(link.starts_with(&app.address), "{link}");
    path_of(&link)
}

#[tokio::test]
async fn an_invited_person_sets_a_password_with_the_link_and_can_then_sign_in() {
    let app = spawn_app().await;
    app.create_admin().await;
    let path = invite(&app, "Pat Practitioner", "pat@example.org", "practitioner").await;
    let (_, people) = app.page("/admin/stewards").await;
    assert!(texts(&people, "td").contains(&"Invited".to_owned()));

    let pat = new_client();
    let page = app.get_with(&pat, &path).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert_accessible(&page.text().await.unwrap(), "invitation page");
    let short = app
        .post_form_with(&pat, &path, &[("password", "short")])
        .await;
    assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = app
        .post_form_with(&pat, &path, &[("password", PASSWORD)])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let home = app.get_with(&pat, "/home").await.text().await.unwrap();
    assert!(home.contains("Hello, Pat Practitioner"));
    assert_eq!(
        app.get_with(&new_client(), &path).await.status(),
        StatusCode::NOT_FOUND,
        "the invitation link works once"
    );
    let res = app
        .sign_in_with(&new_client(), "pat@example.org", PASSWORD)
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn inviting_with_bad_input_keeps_what_was_typed() {
    let app = spawn_app().await;
    app.create_admin().await;
    let res = app
        .post_form(
            "/admin/stewards",
            &[("name", "Pat"), ("email", "not an email"), ("role", "")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = res.text().await.unwrap();
    assert_eq!(texts(&body, ".error-summary h2"), ["There is a problem"]);
    assert_eq!(texts(&body, ".error-summary a").len(), 2);
    assert!(body.contains("value=\"not an email\""));
    assert_accessible(&body, "people page with errors");
    let taken = app
        .post_form(
            "/admin/stewards",
            &[
                ("name", "Ada"),
                ("email", "ADA@example.org"),
                ("role", "steward"),
            ],
        )
        .await;
    assert_eq!(taken.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn an_admin_can_change_a_role() {
    let app = spawn_app().await;
    app.create_admin().await;
    let (client, user) = app
        .signed_in_client(Role::Practitioner, "pat@example.org")
        .await;
    let res = app
        .post_form(
            &format!("/admin/stewards/{}/role", user.id),
            &[("role", "steward")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let home = app.get_with(&client, "/home").await.text().await.unwrap();
    assert_eq!(texts(&home, ".caption"), ["Steward"]);
    let res = app
        .post_form(
            &format!("/admin/stewards/{}/role", user.id),
            &[("role", "owner")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_disabled_account_loses_its_session_and_cannot_sign_in_until_enabled() {
    let app = spawn_app().await;
    app.create_admin().await;
    let (client, user) = app.signed_in_client(Role::Steward, "sam@example.org").await;
    let res = app
        .post_form(&format!("/admin/stewards/{}/disable", user.id), &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, people) = app.page("/admin/stewards").await;
    assert!(texts(&people, "td").contains(&"Disabled".to_owned()));
    assert_eq!(
        app.get_with(&client, "/home").await.status(),
        StatusCode::SEE_OTHER,
        "the existing session stopped working"
    );
    let res = app.sign_in_with(&new_client(), &user.email, PASSWORD).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

    let res = app
        .post_form(&format!("/admin/stewards/{}/enable", user.id), &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = app.sign_in_with(&new_client(), &user.email, PASSWORD).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn an_admin_cannot_disable_themselves() {
    let app = spawn_app().await;
    let admin = app.create_admin().await;
    let res = app
        .post_form(&format!("/admin/stewards/{}/disable", admin.id), &[])
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.get("/home").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_new_api_token_is_shown_once_and_can_be_revoked() {
    let app = spawn_app().await;
    let (client, _) = app.signed_in_client(Role::Steward, "sam@example.org").await;
    let res = app
        .post_form_with(&client, "/account/tokens", &[("label", "monthly report")])
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let body = res.text().await.unwrap();
    let token = texts(&body, ".panel-notice code").pop().unwrap();
    assert!(token.starts_with("chorus_"), "{token}");
    assert!(texts(&body, "td").contains(&"monthly report".to_owned()));

    let page = app.get_with(&client, "/account/tokens").await;
    let page = page.text().await.unwrap();
    assert!(!page.contains(&token), "the token is shown only once");
    let revoke = scraper::Html::parse_document(&page)
        .select(&scraper::Selector::parse("form[action$='/revoke']").unwrap())
        .next()
        .and_then(|f| f.value().attr("action").map(str::to_owned))
        .unwrap();
    let res = app.post_form_with(&client, &revoke, &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = app.get_with(&client, "/account/tokens").await;
    let page = page.text().await.unwrap();
    assert!(texts(&page, "td").contains(&"Revoked".to_owned()));
    assert!(!page.contains("/revoke"), "nothing left to revoke");
    let again = app.post_form_with(&client, &revoke, &[]).await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_token_needs_a_label_and_belongs_to_its_owner() {
    let app = spawn_app().await;
    let (sam, _) = app.signed_in_client(Role::Steward, "sam@example.org").await;
    let res = app
        .post_form_with(&sam, "/account/tokens", &[("label", "  ")])
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = app
        .post_form_with(&sam, "/account/tokens", &[("label", "script")])
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let (kim, _) = app.signed_in_client(Role::Steward, "kim@example.org").await;
    let res = app
        .post_form_with(&kim, "/account/tokens/1/revoke", &[])
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let page = app.get_with(&sam, "/account/tokens").await;
    assert!(!page.text().await.unwrap().contains("Revoked"));
}
