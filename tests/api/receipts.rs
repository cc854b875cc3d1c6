//! Receipts: seeing your answers by receipt code, deleting them, and limits on guessing.

use chorus::surveys::{Layout, SurveyKind};
use reqwest::StatusCode;

use crate::helpers::*;
use crate::runner_fixtures::*;

async fn send_one(app: &TestApp) -> (chorus::surveys::Survey, String) {
    let survey = open_survey(
        app,
        SurveyKind::Questionnaire,
        Layout::SinglePage,
        vec![q("faces", "feel", true), q("long_text", "ideas", false)],
    )
    .await;
    let base = format!("/s/{}", survey.slug);
    let res = fill(
        app,
        &app.client,
        &format!("{base}/form"),
        &format!("{base}/form"),
        &[("q_feel", "1"), ("q_ideas", "A quiet room")],
    )
    .await;
    (survey, receipt_in(&res.text().await.unwrap()))
}

#[tokio::test]
async fn a_receipt_shows_the_answers_and_deleting_removes_them_all() {
    let app = spawn_app().await;
    let (_, receipt) = send_one(&app).await;
    let (_, other) = send_one(&app).await;
    assert_eq!(count(&app, "answer").await, 4);

    let (status, page) = app.page("/receipt").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Your code to see or delete your answers"));
    let res = app
        .post_form(
            "/receipt",
            &[("receipt", &format!(" {} ", receipt.to_lowercase()))],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("Our youth club")
            && page.contains("Really bad")
            && page.contains("A quiet room")
    );
    assert!(page.contains("Delete my answers"));

    // First a confirmation step, which deletes nothing.
    let res = app
        .post_form("/receipt/delete", &[("receipt", &receipt)])
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.unwrap().contains("Are you sure"));
    assert_eq!(count(&app, "response").await, 2);

    let res = app
        .post_form(
            "/receipt/delete",
            &[("receipt", &receipt), ("confirm", "yes")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Your answers have been deleted")
    );
    assert_eq!(count(&app, "response").await, 1);
    assert_eq!(
        count(&app, "answer").await,
        2,
        "only the other response's answers remain"
    );

    let res = app.post_form("/receipt", &[("receipt", &receipt)]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = app.post_form("/receipt", &[("receipt", &other)]).await;
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn unknown_and_malformed_receipt_codes_get_a_clear_message() {
    let app = spawn_app().await;
    for (typed, message) in [
        ("", "Enter your code"),
        ("12", "Enter a code like 7KQ-M4P-2XD"),
        (
            "ZZZ-ZZZ-ZZZ",
            "We could not find any answers with that code",
        ),
    ] {
        let res = app.post_form("/receipt", &[("receipt", typed)]).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = res.text().await.unwrap();
        assert!(
            page.contains("There is a problem") && page.contains(message),
            "{typed}"
        );
        assert!(page.contains(r##"href="#receipt""##));
    }
    let res = app
        .post_form(
            "/receipt/delete",
            &[("receipt", "ZZZ-ZZZ-ZZZ"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn empty_or_malformed_receipt_codes_are_not_counted_as_guesses() {
    let app = spawn_app().await;
    let (_, receipt) = send_one(&app).await;
    for typed in ["", "not a code"] {
        for _ in 0..=chorus::responses::receipts::FAILED_LOOKUPS {
            let res = app.post_form("/receipt", &[("receipt", typed)]).await;
            assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{typed:?}");
        }
    }
    let res = app.post_form("/receipt", &[("receipt", &receipt)]).await;
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn guessing_receipt_codes_is_slowed_down() {
    let app = spawn_app().await;
    let (_, receipt) = send_one(&app).await;
    for _ in 0..chorus::responses::receipts::FAILED_LOOKUPS {
        let res = app
            .post_form("/receipt", &[("receipt", "ZZZ-ZZZ-ZZZ")])
            .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let res = app.post_form("/receipt", &[("receipt", &receipt)]).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("You have tried a lot of codes")
    );
}
