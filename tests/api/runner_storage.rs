//! Runner storage: idempotent re-sends, concurrent sends, the honeypot, the rate limit, and
//! nothing about the person's device stored.

use chorus::surveys::{Layout, SurveyKind};
use reqwest::StatusCode;

use crate::helpers::*;
use crate::runner_fixtures::*;
use sea_orm::{ConnectionTrait, Statement};

#[tokio::test]
async fn sending_the_same_form_twice_stores_one_response_with_one_receipt() {
    let app = spawn_app().await;
    let survey = open_survey(
        &app,
        SurveyKind::Questionnaire,
        Layout::SinglePage,
        vec![q("faces", "feel", true)],
    )
    .await;
    let base = format!("/s/{}", survey.slug);
    let (_, form) = app.page(&format!("{base}/form")).await;
    let mut fields = hidden_fields(&form);
    fields.push(("q_feel".into(), "2".into()));
    let mut receipts = Vec::new();
    for _ in 0..2 {
        let res = app
            .client
            .post(app.url(&format!("{base}/form")))
            .form(&fields)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        receipts.push(receipt_in(&res.text().await.unwrap()));
    }
    assert_eq!(receipts[0], receipts[1]);
    assert_eq!(count(&app, "response").await, 1);

    // Twice at the same moment, too.
    let (_, form) = app.page(&format!("{base}/form")).await;
    let mut fields = hidden_fields(&form);
    fields.push(("q_feel".into(), "3".into()));
    let sends = (0..5).map(|_| {
        let (client, url, fields) = (
            app.client.clone(),
            app.url(&format!("{base}/form")),
            fields.clone(),
        );
        tokio::spawn(async move {
            client
                .post(url)
                .form(&fields)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        })
    });
    let pages = futures_util::future::join_all(sends).await;
    let codes: std::collections::BTreeSet<String> =
        pages.into_iter().map(|p| receipt_in(&p.unwrap())).collect();
    assert_eq!(codes.len(), 1);
    assert_eq!(count(&app, "response").await, 2);
}

#[tokio::test]
async fn fifty_people_sending_at_once_store_fifty_responses() {
    let app = spawn_app().await;
    let survey = open_survey(
        &app,
        SurveyKind::Questionnaire,
        Layout::SinglePage,
        vec![q("faces", "feel", true), q("short_text", "why", false)],
    )
    .await;
    let base = format!("/s/{}", survey.slug);
    let (_, form) = app.page(&format!("{base}/form")).await;
    let csrf = csrf_in(&form).unwrap();
    let sends = (0..50).map(|i| {
        let (client, url, csrf) = (
            app.client.clone(),
            app.url(&format!("{base}/form")),
            csrf.clone(),
        );
        tokio::spawn(async move {
            let id = uuid::Uuid::new_v4().to_string();
            let n = (i % 5 + 1).to_string();
            let why = format!("Reason {i}");
            let res = client
                .post(url)
                .form(&[
                    ("csrf_token", csrf.as_str()),
                    ("submission_id", &id),
                    ("q_feel", &n),
                    ("q_why", &why),
                ])
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), StatusCode::OK);
            receipt_in(&res.text().await.unwrap())
        })
    });
    let receipts: std::collections::BTreeSet<String> = futures_util::future::join_all(sends)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(receipts.len(), 50);
    assert_eq!(count(&app, "response").await, 50);
    assert_eq!(count(&app, "answer").await, 100);
}

#[tokio::test]
async fn a_filled_honeypot_looks_sent_but_stores_nothing() {
    let app = spawn_app().await;
    let survey = open_survey(
        &app,
        SurveyKind::Questionnaire,
        Layout::SinglePage,
        vec![q("faces", "feel", true)],
    )
    .await;
    let base = format!("/s/{}", survey.slug);
    let res = fill(
        &app,
        &app.client,
        &format!("{base}/form"),
        &format!("{base}/form"),
        &[("q_feel", "2"), ("website", "http://spam.example")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Your code to see or delete your answers is")
    );
    assert_eq!(count(&app, "response").await, 0);
}

#[tokio::test]
async fn too_many_answers_from_one_address_are_refused_and_kept() {
    let app = spawn_app_with(|raw| raw.rate_limit = Some("3".into())).await;
    let survey = open_survey(
        &app,
        SurveyKind::Questionnaire,
        Layout::SinglePage,
        vec![q("faces", "feel", true), q("short_text", "why", false)],
    )
    .await;
    let base = format!("/s/{}", survey.slug);
    for _ in 0..3 {
        let res = fill(
            &app,
            &app.client,
            &format!("{base}/form"),
            &format!("{base}/form"),
            &[("q_feel", "4")],
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK);
    }
    let res = fill(
        &app,
        &app.client,
        &format!("{base}/form"),
        &format!("{base}/form"),
        &[("q_feel", "4"), ("q_why", "Kept for later")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(res.headers().contains_key("retry-after"));
    let page = res.text().await.unwrap();
    assert!(page.contains("You have sent a lot of answers in a short time"));
    assert!(page.contains(r#"value="Kept for later""#));
    assert_eq!(count(&app, "response").await, 3);
}

#[tokio::test]
async fn no_address_or_user_agent_is_stored_with_a_response() {
    let app = spawn_app().await;
    let survey = open_survey(
        &app,
        SurveyKind::Questionnaire,
        Layout::OnePerPage,
        vec![q("short_text", "why", true)],
    )
    .await;
    let base = format!("/s/{}", survey.slug);
    fill(
        &app,
        &app.client,
        &format!("{base}/q/1"),
        &format!("{base}/q/1"),
        &[("q_why", "Because")],
    )
    .await;
    let (_, check) = app.page(&format!("{base}/check")).await;
    assert!(check.contains("Because"));
    let db = db(&app).await;
    let backend = db.get_database_backend();
    let draft_rows = db
        .query_all_raw(Statement::from_string(backend, "SELECT * FROM draft"))
        .await
        .unwrap();
    fill(
        &app,
        &app.client,
        &format!("{base}/check"),
        &format!("{base}/check"),
        &[],
    )
    .await;
    for (table, rows) in [
        ("draft", draft_rows),
        (
            "response",
            db.query_all_raw(Statement::from_string(backend, "SELECT * FROM response"))
                .await
                .unwrap(),
        ),
        (
            "answer",
            db.query_all_raw(Statement::from_string(backend, "SELECT * FROM answer"))
                .await
                .unwrap(),
        ),
    ] {
        assert!(!rows.is_empty(), "{table} has rows");
        for row in rows {
            for column in row.column_names() {
                let c = column.to_lowercase();
                assert!(
                    !c.split('_').any(|w| w == "ip") && !c.contains("agent") && !c.contains("addr"),
                    "{table}.{column}"
                );
                if let Ok(Some(value)) = row.try_get::<Option<String>>("", &column) {
                    assert!(
                        !value.contains("127.0.0.1") && !value.to_lowercase().contains("reqwest"),
                        "{table}.{column}"
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn sending_check_answers_again_shows_the_same_receipt() {
    let app = spawn_app().await;
    let survey = open_survey(
        &app,
        SurveyKind::Questionnaire,
        Layout::OnePerPage,
        vec![q("yes_no", "again", true)],
    )
    .await;
    let base = format!("/s/{}", survey.slug);
    fill(
        &app,
        &app.client,
        &format!("{base}/q/1"),
        &format!("{base}/q/1"),
        &[("q_again", "yes")],
    )
    .await;
    let (_, check) = app.page(&format!("{base}/check")).await;
    let fields = hidden_fields(&check);
    let mut receipts = Vec::new();
    for _ in 0..2 {
        let res = app
            .client
            .post(app.url(&format!("{base}/check")))
            .form(&fields)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        receipts.push(receipt_in(&res.text().await.unwrap()));
    }
    assert_eq!(receipts[0], receipts[1]);
    assert_eq!(count(&app, "response").await, 1);
    // With nothing kept any more, the check page starts again.
    let res = app.get(&format!("{base}/check")).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}
