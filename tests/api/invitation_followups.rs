//! Invitations after sending: reminders after N days, unsubscribing (confirm page and
//! one-click), deleting addresses on close, the API, and 404 for other projects' surveys.

use std::time::Duration;

use chorus::accounts::{Role, StewardId};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;
use crate::invitations::{age_invitations, header, invite, link, scalar, setup};
use crate::runner_fixtures::db;

#[tokio::test]
async fn a_reminder_goes_after_n_days_only_to_unused_subscribed_invitations() {
    let s = setup().await;
    invite(
        &s,
        "used@example.org\ngone@example.org\nwaiting@example.org",
    )
    .await;
    let got = s.smtp.wait_for(3).await;
    let to = |who: &str| got.iter().find(|m| m.rcpt_to[0] == who).unwrap().clone();
    let visitor = new_client();
    s.app
        .get_with(&visitor, &link(&to("used@example.org"), "/i/"))
        .await;
    let res = visitor
        .post(s.app.url(&link(&to("gone@example.org"), "/unsubscribe/")))
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    // Two days is not yet three: nothing goes.
    age_invitations(&s.app, 2).await;
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert_eq!(s.smtp.received().len(), 3);
    age_invitations(&s.app, 2).await;
    let got = s.smtp.wait_for(4).await;
    let reminder = &got[3];
    assert_eq!(reminder.rcpt_to, ["waiting@example.org"]);
    assert!(
        reminder
            .parsed()
            .subject()
            .unwrap()
            .starts_with("Reminder:")
    );
    // The reminder has a new link that works too, and an unsubscribe link.
    let res = visitor
        .get(s.app.url(&link(reminder, "/i/")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(header(reminder, "List-Unsubscribe").contains("/unsubscribe/"));
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert_eq!(s.smtp.received().len(), 4, "one reminder only");
}

#[tokio::test]
async fn a_survey_can_wait_longer_before_its_reminder() {
    let s = setup().await;
    let path = format!("/surveys/{}/invitations/reminders", s.survey.id.0);
    let res = s.app.post_form(&path, &[("reminder_days", "0")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = s.app.post_form(&path, &[("reminder_days", "10")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    invite(&s, "amy@example.org").await;
    s.smtp.wait_for(1).await;
    age_invitations(&s.app, 2).await;
    age_invitations(&s.app, 2).await;
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert_eq!(s.smtp.received().len(), 1, "4 days is not 10");
}

#[tokio::test]
async fn unsubscribing_asks_to_confirm_and_needs_the_form_token() {
    let s = setup().await;
    invite(&s, "amy@example.org").await;
    let m = &s.smtp.wait_for(1).await[0];
    let path = link(m, "/unsubscribe/");
    let visitor = new_client();
    let res = s.app.get_with(&visitor, &path).await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert_accessible(&html, "unsubscribe page");
    let token = csrf_in(&html).unwrap();
    let res = visitor
        .post(s.app.url(&path))
        .form(&[("csrf_token", "wrong")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let unsubscribed = "SELECT COUNT(*) AS n FROM invitation WHERE unsubscribed_at IS NOT NULL";
    assert_eq!(scalar(&s.app, unsubscribed).await, 0);
    let res = visitor
        .post(s.app.url(&path))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("You will not get more emails")
    );
    assert_eq!(scalar(&s.app, unsubscribed).await, 1);
    let unknown = "/unsubscribe/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    assert_eq!(
        s.app.get_with(&visitor, unknown).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn closing_a_survey_asks_first_then_deletes_the_invited_addresses_but_keeps_the_counts() {
    let s = setup().await;
    invite(&s, "amy@example.org, ben@example.org").await;
    s.smtp.wait_for(2).await;
    let survey = format!("/surveys/{}", s.survey.id.0);
    // The survey page's "Close survey" is a link to a page that says what closing does.
    let (_, page) = s.app.page(&survey).await;
    let close = texts_attr(&page, "a.button-secondary[href$='/close']", "href");
    assert_eq!(
        close,
        [format!("{survey}/close")],
        "a secondary link, not a form"
    );
    let (status, confirm) = s.app.page(&close[0]).await;
    assert_eq!(status, StatusCode::OK);
    assert_accessible(&confirm, "close a survey");
    assert!(confirm.contains("the email addresses of the 2 people you invited are deleted"));
    assert!(confirm.contains("The deleted email addresses do not come back"));
    assert_eq!(
        scalar(
            &s.app,
            "SELECT COUNT(*) AS n FROM invitation WHERE email IS NOT NULL"
        )
        .await,
        2,
        "looking at the page changes nothing"
    );
    let action = texts_attr(&confirm, "main form", "action");
    assert_eq!(action, [format!("{survey}/close")]);
    let res = s.app.post_form(&action[0], &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // Closed: the confirmation page now leads back to the survey.
    let res = s.app.get(&close[0]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        scalar(
            &s.app,
            "SELECT COUNT(*) AS n FROM invitation WHERE email IS NOT NULL"
        )
        .await,
        0
    );
    assert_eq!(
        scalar(&s.app, "SELECT COUNT(*) AS n FROM invitation").await,
        2
    );
    let (_, html) = s
        .app
        .page(&format!("/surveys/{}/invitations", s.survey.id.0))
        .await;
    assert!(html.contains("This survey is closed"));
}

async fn admin_token(app: &TestApp) -> String {
    let db = db(app).await;
    let token = chorus::accounts::tokens::create(&db, StewardId(1), "test")
        .await
        .unwrap();
    db.close().await.unwrap();
    token
}

#[tokio::test]
async fn the_api_invites_with_202_and_names_each_rejection() {
    let s = setup().await;
    let token = admin_token(&s.app).await;
    let http = new_client();
    let path = s
        .app
        .url(&format!("/api/v1/surveys/{}/invitations", s.survey.id.0));
    let send = |body: Value| http.post(&path).bearer_auth(&token).json(&body).send();
    let res = send(json!({"emails": ["amy@example.org", "nope", "AMY@example.org"]}))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let body: Value = res.json().await.unwrap();
    assert_eq!(
        body,
        json!({"accepted": 1, "rejected": [
            {"email": "nope", "reason": "not a valid email address"},
            {"email": "AMY@example.org", "reason": "already invited"}
        ]})
    );
    s.smtp.wait_for(1).await;
    let res = send(json!({"emails": []})).await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = send(json!({"addresses": ["a@example.org"]})).await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Closing through the API deletes the addresses too.
    let res = http
        .post(
            s.app
                .url(&format!("/api/v1/surveys/{}/close", s.survey.id.0)),
        )
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        scalar(
            &s.app,
            "SELECT COUNT(*) AS n FROM invitation WHERE email IS NOT NULL"
        )
        .await,
        0
    );
    let res = send(json!({"emails": ["new@example.org"]})).await.unwrap();
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let (_, doc) = s.app.page("/api/openapi.json").await;
    assert!(doc.contains("/api/v1/surveys/{id}/invitations"));
}

#[tokio::test]
async fn another_projects_survey_is_not_found_on_every_invitation_route() {
    let s = setup().await;
    let (other, user) = s
        .app
        .signed_in_client(Role::Steward, "stranger@example.org")
        .await;
    let id = s.survey.id.0;
    let res = s
        .app
        .get_with(&other, &format!("/surveys/{id}/invitations"))
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    for (path, field, value) in [
        (
            format!("/surveys/{id}/invitations"),
            "addresses",
            "a@example.org",
        ),
        (
            format!("/surveys/{id}/invitations/reminders"),
            "reminder_days",
            "5",
        ),
    ] {
        let res = s.app.post_form_with(&other, &path, &[(field, value)]).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let db = db(&s.app).await;
    let token = chorus::accounts::tokens::create(&db, StewardId(user.id), "t")
        .await
        .unwrap();
    db.close().await.unwrap();
    let res = new_client()
        .post(s.app.url(&format!("/api/v1/surveys/{id}/invitations")))
        .bearer_auth(&token)
        .json(&json!({"emails": ["a@example.org"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        scalar(&s.app, "SELECT COUNT(*) AS n FROM invitation").await,
        0
    );
}
