//! Invitations by email: pasted and CSV lists, the messages at a real SMTP server, and the
//! link (use recorded, channel email, linked responses only for identified surveys). Shared
//! fixtures for `invitation_followups`.

use chorus::surveys::{Layout, Status, Survey, SurveyKind};
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Statement};

use crate::helpers::*;
use crate::runner_fixtures::{db, fill, q, survey_with};
use crate::smtp::{Mode, Received, SmtpServer};

pub(crate) struct Setup {
    pub app: TestApp,
    pub smtp: SmtpServer,
    pub survey: Survey,
}

/// An app with fast mail and task timings, signed in as an administrator (Build access
/// everywhere), and an open single-page survey.
pub(crate) async fn setup_with(kind: SurveyKind, anonymous: bool) -> Setup {
    let smtp = SmtpServer::start(Mode::Accept).await;
    let url = smtp.url();
    let app = spawn_app_with(|raw| {
        raw.smtp_url = Some(url);
        raw.mail_poll_ms = Some("100".into());
        raw.mail_retry_base_ms = Some("50".into());
        raw.tasks_poll_ms = Some("150".into());
    })
    .await;
    app.create_admin().await;
    let survey = survey_with(
        &app,
        kind,
        Layout::SinglePage,
        vec![q("yes_no", "again", true)],
        Status::Open,
        |s| {
            s.anonymous = anonymous;
            s.intro = "Tell us what you think of the youth club. It takes two minutes.".into();
        },
    )
    .await;
    Setup { app, smtp, survey }
}

pub(crate) async fn setup() -> Setup {
    setup_with(SurveyKind::Questionnaire, true).await
}

pub(crate) fn body_text(m: &Received) -> String {
    m.parsed().body_text(0).unwrap().into_owned()
}

/// The path of the first link in a message starting with `prefix` (e.g. "/i/").
pub(crate) fn link(m: &Received, prefix: &str) -> String {
    body_text(m)
        .split_whitespace()
        .filter_map(|w| url::Url::parse(w.trim_matches(['<', '>', '(', ')'])).ok())
        .map(|u| u.path().to_owned())
        .find(|p| p.starts_with(prefix))
        .unwrap_or_else(|| panic!("no {prefix} link in {}", body_text(m)))
}

pub(crate) fn header(m: &Received, name: &str) -> String {
    m.parsed()
        .header_raw(name)
        .unwrap_or_else(|| panic!("no {name} header"))
        .trim()
        .to_owned()
}

pub(crate) async fn invite(s: &Setup, addresses: &str) -> (StatusCode, String) {
    let path = format!("/surveys/{}/invitations", s.survey.id.0);
    let res = s.app.post_form(&path, &[("addresses", addresses)]).await;
    (res.status(), res.text().await.unwrap())
}

/// Moves every invitation's `sent_at` back by `days` (time passing, as a fixture).
pub(crate) async fn age_invitations(app: &TestApp, days: i64) {
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};
    let db = db(app).await;
    for row in entity::invitation::Entity::find().all(&db).await.unwrap() {
        let sent = row.sent_at - chrono::Duration::days(days);
        let mut row: entity::invitation::ActiveModel = row.into();
        row.sent_at = Set(sent);
        row.update(&db).await.unwrap();
    }
    db.close().await.unwrap();
}

pub(crate) async fn scalar(app: &TestApp, query: &str) -> i64 {
    let db = db(app).await;
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            query.to_owned(),
        ))
        .await
        .unwrap()
        .unwrap();
    let n: i64 = row.try_get("", "n").unwrap();
    db.close().await.unwrap();
    n
}

#[tokio::test]
async fn pasted_addresses_are_invited_once_each_and_invalid_ones_are_named() {
    let s = setup().await;
    let (page, html) = s.app.page(&format!("/surveys/{}", s.survey.id.0)).await;
    assert_eq!(page, StatusCode::OK);
    assert!(html.contains("Invite people by email"));
    let (status, html) = invite(
        &s,
        "amy@example.org\nben@example.org, not-an-address; AMY@example.org",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let notice = texts(&html, ".notification").join(" ");
    assert!(
        notice.contains("2 people invited, 1 not valid: not-an-address. 1 already invited"),
        "{notice}"
    );
    assert_accessible(&html, "invitations page");
    let got = s.smtp.wait_for(2).await;
    let mut to: Vec<String> = got.iter().map(|m| m.rcpt_to[0].clone()).collect();
    to.sort();
    assert_eq!(to, ["amy@example.org", "ben@example.org"]);
    let m = &got[0];
    let text = body_text(m);
    assert!(m.parsed().subject().unwrap().contains("Family hubs"));
    assert!(text.contains("Our youth club"), "{text}");
    assert!(text.contains("Tell us what you think of the youth club."));
    assert!(!text.contains("It takes two minutes"));
    let unsubscribe = link(m, "/unsubscribe/");
    assert!(header(m, "List-Unsubscribe").contains(&unsubscribe));
    assert_eq!(
        header(m, "List-Unsubscribe-Post"),
        "List-Unsubscribe=One-Click"
    );
    assert_ne!(link(&got[0], "/i/"), link(&got[1], "/i/"));
    // Tokens are stored only as hashes.
    let token = link(m, "/i/").trim_start_matches("/i/").to_owned();
    let stored = scalar(
        &s.app,
        &format!("SELECT COUNT(*) AS n FROM invitation_token WHERE token_hash = '{token}'"),
    )
    .await;
    assert_eq!(stored, 0);
    // Sending the same list again invites no one.
    let (status, html) = invite(&s, "amy@example.org").await;
    assert_eq!(status, StatusCode::OK);
    assert!(texts(&html, ".notification")[0].contains("0 people invited."));
    assert_eq!(
        scalar(&s.app, "SELECT COUNT(*) AS n FROM invitation").await,
        2
    );
    assert_eq!(scalar(&s.app, "SELECT COUNT(*) AS n FROM outbox").await, 2);
}

#[tokio::test]
async fn a_csv_with_an_email_column_invites_only_that_column() {
    let s = setup().await;
    let (status, html) = invite(
        &s,
        "Name,Email address\n\"Smith, Sam\",sam@example.org\nAli,ali@example.org\n",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(texts(&html, ".notification")[0].starts_with("2 people invited."));
    s.smtp.wait_for(2).await;
}

#[tokio::test]
async fn a_list_with_no_valid_address_is_refused_with_the_addresses_named() {
    let s = setup().await;
    for (typed, expected) in [
        ("nope; also@", "Not valid: nope, also@"),
        ("   ", "Enter at least one email address"),
    ] {
        let (status, html) = invite(&s, typed).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{typed}");
        assert!(html.contains("There is a problem"));
        assert!(texts(&html, "title")[0].starts_with("Error: "));
        assert!(
            texts(&html, ".error-summary-list a")[0].contains(expected),
            "{html}"
        );
        assert!(texts(&html, "textarea#addresses")[0].contains(typed.trim()));
    }
    assert_eq!(
        scalar(&s.app, "SELECT COUNT(*) AS n FROM invitation").await,
        0
    );
}

#[tokio::test]
async fn following_the_link_records_use_and_a_submission_through_it_has_channel_email() {
    let s = setup().await;
    invite(&s, "amy@example.org").await;
    let m = &s.smtp.wait_for(1).await[0];
    let visitor = new_client();
    let res = s.app.get_with(&visitor, &link(m, "/i/")).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(location, format!("/s/{}?channel=email", s.survey.slug));
    assert_eq!(
        scalar(
            &s.app,
            "SELECT COUNT(*) AS n FROM invitation WHERE used_at IS NOT NULL"
        )
        .await,
        1
    );
    let base = format!("/s/{}", s.survey.slug);
    let res = fill(
        &s.app,
        &visitor,
        &format!("{base}/form?channel=email"),
        &format!("{base}/form"),
        &[("q_again", "yes")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        scalar(
            &s.app,
            "SELECT COUNT(*) AS n FROM response WHERE channel = 'email'"
        )
        .await,
        1
    );
    // An anonymous survey's response is never linked to the invitation.
    assert_eq!(
        scalar(
            &s.app,
            "SELECT COUNT(*) AS n FROM invitation WHERE response_id IS NOT NULL"
        )
        .await,
        0
    );
    assert_eq!(
        s.app.get_with(&visitor, "/i/not-a-token").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn an_identified_surveys_response_is_linked_to_its_invitation() {
    let s = setup_with(SurveyKind::Feedback, false).await;
    invite(&s, "pat@example.org").await;
    let m = &s.smtp.wait_for(1).await[0];
    // Feedback forms that are not anonymous need a signed-in practitioner: the admin here.
    let res = s.app.get(&link(m, "/i/")).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let base = format!("/s/{}", s.survey.slug);
    let res = fill(
        &s.app,
        &s.app.client,
        &format!("{base}/form?channel=email"),
        &format!("{base}/form"),
        &[("q_again", "yes")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        scalar(
            &s.app,
            "SELECT COUNT(*) AS n FROM invitation i JOIN response r ON r.id = i.response_id WHERE r.channel = 'email'"
        )
        .await,
        1
    );
}
