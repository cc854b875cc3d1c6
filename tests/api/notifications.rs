//! Notifications: the daily digest opt-in page, the digest's content and once-a-day claim, and
//! safeguarding alerts that name the survey but never the answers.

use std::time::Duration;

use chorus::surveys::{Layout, Status, SurveyKind};
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};

use crate::helpers::*;
use crate::runner_fixtures::{db, fill, q, survey_with};
use crate::smtp::{Mode, SmtpServer};

async fn app_with_smtp() -> (TestApp, SmtpServer) {
    let smtp = SmtpServer::start(Mode::Accept).await;
    let url = smtp.url();
    let app = spawn_app_with(|raw| {
        raw.smtp_url = Some(url);
        raw.mail_poll_ms = Some("100".into());
        raw.tasks_poll_ms = Some("150".into());
    })
    .await;
    (app, smtp)
}

/// Makes yesterday's digest look like the last one (time passing, as a fixture).
async fn a_day_passes(app: &TestApp) {
    let db = db(app).await;
    for row in entity::notification_pref::Entity::find()
        .all(&db)
        .await
        .unwrap()
    {
        let since = row.digest_since - chrono::Duration::days(1);
        let yesterday = (chrono::Utc::now() - chrono::Duration::days(1))
            .format("%Y-%m-%d")
            .to_string();
        let mut row: entity::notification_pref::ActiveModel = row.into();
        row.digest_since = Set(since);
        row.last_digest_day = Set(Some(yesterday));
        row.update(&db).await.unwrap();
    }
    db.close().await.unwrap();
}

#[tokio::test]
async fn the_daily_digest_is_off_until_a_steward_turns_it_on() {
    let (app, _smtp) = app_with_smtp().await;
    app.create_admin().await;
    let (status, html) = app.page("/account/notifications").await;
    assert_eq!(status, StatusCode::OK);
    assert_accessible(&html, "notifications page");
    assert!(html.contains("name=\"daily_digest\" value=\"no\" checked"));
    let res = app
        .post_form("/account/notifications", &[("daily_digest", "maybe")])
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("There is a problem"));
    let res = app
        .post_form("/account/notifications", &[("daily_digest", "yes")])
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let (_, html) = app.page("/account/notifications").await;
    assert!(html.contains("name=\"daily_digest\" value=\"yes\" checked"));
    assert_eq!(
        app.get_with(&new_client(), "/account/notifications")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn a_digest_counts_new_responses_per_project_once_a_day_without_answers() {
    let (app, smtp) = app_with_smtp().await;
    app.create_admin().await;
    let survey = survey_with(
        &app,
        SurveyKind::Questionnaire,
        Layout::SinglePage,
        vec![q("yes_no", "again", true), q("long_text", "ideas", false)],
        Status::Open,
        |_| {},
    )
    .await;
    // A second steward who has not opted in gets nothing.
    app.insert_steward(chorus::accounts::Role::Admin, "quiet@example.org")
        .await;
    app.post_form("/account/notifications", &[("daily_digest", "yes")])
        .await;
    let base = format!("/s/{}", survey.slug);
    for _ in 0..2 {
        let res = fill(
            &app,
            &new_client(),
            &format!("{base}/form"),
            &format!("{base}/form"),
            &[
                ("q_again", "yes"),
                ("q_ideas", "A secret idea about the club"),
            ],
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK);
    }
    let res = app
        .post_form(
            &format!("/projects/{}/themes", survey.project_id.0),
            &[
                ("name", "The club"),
                ("description", ""),
                ("codebook", "club"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // Today's digest is not due: opting in makes tomorrow's the first.
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert!(smtp.received().is_empty());
    a_day_passes(&app).await;
    let got = smtp.wait_for(1).await;
    let m = &got[0];
    assert_eq!(m.rcpt_to, ["ada@example.org"]);
    let text = m.parsed().body_text(0).unwrap().into_owned();
    assert!(
        text.contains("Family hubs: 2 new responses, 1 new theme"),
        "{text}"
    );
    assert!(!text.contains("secret idea"));
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(smtp.received().len(), 1, "one digest a day");
    // Opting out stops them.
    app.post_form("/account/notifications", &[("daily_digest", "no")])
        .await;
    a_day_passes(&app).await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(smtp.received().len(), 1);
}

#[tokio::test]
async fn a_safeguarding_alert_names_the_survey_but_never_the_answers() {
    let (app, smtp) = app_with_smtp().await;
    let survey = survey_with(
        &app,
        SurveyKind::Questionnaire,
        Layout::SinglePage,
        vec![q("long_text", "ideas", false)],
        Status::Open,
        |_| {},
    )
    .await;
    let db = db(&app).await;
    let project = chorus::projects::store::find(&db, survey.project_id)
        .await
        .unwrap()
        .unwrap();
    let base = url::Url::parse(&format!("{}/", app.address)).unwrap();
    chorus::notifications::queue_safeguarding_alert(&db, &base, &project, &survey)
        .await
        .unwrap();
    db.close().await.unwrap();
    let m = &smtp.wait_for(1).await[0];
    assert_eq!(m.rcpt_to, ["lead@example.org"]);
    let text = m.parsed().body_text(0).unwrap().into_owned();
    assert!(text.contains(
        "A response to Our youth club may contain a safeguarding concern. Sign in to review it."
    ));
    assert!(text.contains(&format!("{}/sign-in", app.address)));
    assert!(!text.contains("Question ideas"));
}
