//! The public runner: introduction, one question per page, check answers, single-page forms,
//! feedback forms, validation of every kind of question, idempotency, concurrency and limits.

use chorus::surveys::{Layout, Status, SurveyKind};
use reqwest::StatusCode;

use crate::helpers::*;
use crate::runner_fixtures::*;

fn location(res: &reqwest::Response) -> String {
    res.headers()["location"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_child_answers_one_question_per_page_checks_changes_and_sends() {
    let app = spawn_app().await;
    let survey = open_survey(
        &app,
        SurveyKind::Questionnaire,
        Layout::OnePerPage,
        five_questions(),
    )
    .await;
    let base = format!("/s/{}", survey.slug);

    let (status, intro) = app.page(&format!("{base}?channel=qr")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(texts(&intro, "h1"), vec!["Our youth club"]);
    assert!(intro.contains("What happens to my answers?"));
    let start: Vec<String> = {
        let doc = scraper::Html::parse_document(&intro);
        let sel = scraper::Selector::parse("a.button-start").unwrap();
        doc.select(&sel)
            .map(|e| e.value().attr("href").unwrap().to_owned())
            .collect()
    };
    assert_eq!(start, vec![format!("{base}/q/1?channel=qr")]);

    let (_, first) = app.page(&start[0]).await;
    assert!(first.contains("Question 1 of 5"));
    assert_eq!(texts(&first, "legend h1"), vec!["Question feel?"]);
    assert!(first.contains(r#"id="q_feel""#) && first.contains("Really good"));
    assert!(first.contains("novalidate"));

    // A missing answer comes back with an error summary and status 422.
    let res = fill(&app, &app.client, &start[0], &format!("{base}/q/1"), &[]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains("There is a problem") && page.contains("href=\"#q_feel\""));
    assert!(texts(&page, "title")[0].starts_with("Error: "));

    let steps: [(usize, Vec<(&str, &str)>); 5] = [
        (1, vec![("q_feel", "4")]),
        (2, vec![("q_club", "Other"), ("q_club_other", "Chess")]),
        (3, vec![("q_likes", "Art"), ("q_likes", "Music")]),
        (4, vec![("q_again", "yes")]),
        (5, vec![("q_ideas", "More trips")]),
    ];
    for (n, fields) in steps {
        let page = if n == 1 {
            start[0].clone()
        } else {
            format!("{base}/q/{n}")
        };
        let res = fill(&app, &app.client, &page, &format!("{base}/q/{n}"), &fields).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "question {n}");
        let next = if n == 5 {
            format!("{base}/check")
        } else {
            format!("{base}/q/{}", n + 1)
        };
        assert_eq!(location(&res), next);
    }
    // Going back shows the answer kept.
    let (_, second) = app.page(&format!("{base}/q/2")).await;
    assert!(second.contains(r#"value="Chess""#));

    let (status, check) = app.page(&format!("{base}/check")).await;
    assert_eq!(status, StatusCode::OK);
    let values = texts(&check, ".summary-value");
    assert_eq!(
        values,
        vec!["Good", "Other: Chess", "Art; Music", "Yes", "More trips"]
    );
    assert!(check.contains(&format!("{base}/q/2?change=1")));

    // Change an answer: back to check answers afterwards.
    let res = fill(
        &app,
        &app.client,
        &format!("{base}/q/1?change=1"),
        &format!("{base}/q/1?change=1"),
        &[("q_feel", "5")],
    )
    .await;
    assert_eq!(location(&res), format!("{base}/check"));
    let (_, check) = app.page(&format!("{base}/check")).await;
    assert_eq!(texts(&check, ".summary-value")[0], "Really good");

    let res = fill(
        &app,
        &app.client,
        &format!("{base}/check"),
        &format!("{base}/check"),
        &[],
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let done = res.text().await.unwrap();
    assert!(done.contains("What happens next"));
    let receipt = receipt_in(&done);
    assert!(chorus::responses::Receipt::parse(&receipt).is_some());
    assert_eq!(count(&app, "response").await, 1);
    assert_eq!(count(&app, "answer").await, 5);
    assert_eq!(
        count(&app, "draft").await,
        0,
        "the draft is deleted on submit"
    );

    let db = db(&app).await;
    let stored = chorus::responses::store::list(&db, survey.id, None, 10)
        .await
        .unwrap();
    assert_eq!(stored[0].channel, chorus::responses::Channel::Qr);
    assert_eq!(stored[0].receipt.as_str(), receipt);
    assert_eq!(
        chorus::responses::store::count(&db, survey.id)
            .await
            .unwrap(),
        1
    );

    // The receipt shows the answers.
    let res = app
        .post_form(
            "/receipt",
            &[("receipt", &receipt.to_lowercase().replace('-', " "))],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let mine = res.text().await.unwrap();
    assert!(mine.contains("Really good") && mine.contains("Other: Chess"));
}

#[tokio::test]
async fn a_single_page_questionnaire_is_answered_on_one_page() {
    let app = spawn_app().await;
    let survey = open_survey(
        &app,
        SurveyKind::Questionnaire,
        Layout::SinglePage,
        five_questions(),
    )
    .await;
    let base = format!("/s/{}", survey.slug);
    let (_, intro) = app.page(&base).await;
    assert!(intro.contains(&format!("{base}/form")));
    let (_, form) = app.page(&format!("{base}/form")).await;
    assert_eq!(texts(&form, "fieldset legend").len(), 4);
    assert!(form.contains("Leave this empty"));
    let res = fill(
        &app,
        &app.client,
        &format!("{base}/form"),
        &format!("{base}/form"),
        &[("q_feel", "3"), ("q_club", "Art"), ("q_again", "no")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Your code to see or delete your answers is")
    );
    assert_eq!(count(&app, "answer").await, 3);
}

#[tokio::test]
async fn draft_closed_and_not_yet_open_surveys_explain_themselves() {
    let app = spawn_app().await;
    let draft = survey_with(
        &app,
        SurveyKind::Questionnaire,
        Layout::OnePerPage,
        five_questions(),
        Status::Draft,
        |_| {},
    )
    .await;
    let (status, page) = app.page(&format!("/s/{}", draft.slug)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.contains("not open yet"));

    let closed = survey_with(
        &app,
        SurveyKind::Questionnaire,
        Layout::OnePerPage,
        five_questions(),
        Status::Closed,
        |_| {},
    )
    .await;
    let (status, page) = app.page(&format!("/s/{}/q/1", closed.slug)).await;
    assert_eq!(status, StatusCode::GONE);
    assert!(page.contains("has closed"));
    let res = fill(
        &app,
        &app.client,
        "/receipt",
        &format!("/s/{}/q/1", closed.slug),
        &[("q_feel", "3")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::GONE);

    let past = survey_with(
        &app,
        SurveyKind::Questionnaire,
        Layout::SinglePage,
        five_questions(),
        Status::Open,
        |s| s.closes_at = Some(chrono::Utc::now() - chrono::Duration::hours(1)),
    )
    .await;
    assert_eq!(
        app.page(&format!("/s/{}", past.slug)).await.0,
        StatusCode::GONE
    );

    let later = survey_with(
        &app,
        SurveyKind::Questionnaire,
        Layout::SinglePage,
        five_questions(),
        Status::Open,
        |s| s.opens_at = Some(chrono::Utc::now() + chrono::Duration::days(2)),
    )
    .await;
    let (status, page) = app.page(&format!("/s/{}/form", later.slug)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("You can answer from"));
    let res = fill(
        &app,
        &app.client,
        "/receipt",
        &format!("/s/{}/form", later.slug),
        &[("q_feel", "3")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(count(&app, "response").await, 0);

    assert_eq!(app.page("/s/nosuchsurvey").await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn feedback_forms_can_be_sent_again_and_again_with_a_context() {
    let app = spawn_app().await;
    let survey = survey_with(
        &app,
        SurveyKind::Feedback,
        Layout::SinglePage,
        vec![q("faces", "visit", true)],
        Status::Open,
        |s| {
            s.context_prompt = Some("Where was this?".into());
            s.context_options = vec!["After a home visit".into(), "In a meeting".into()];
        },
    )
    .await;
    let base = format!("/s/{}", survey.slug);
    let (status, form) = app.page(&base).await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("Where was this?") && form.contains("Send feedback"));
    for context in ["After a home visit", "In a meeting"] {
        let res = fill(
            &app,
            &app.client,
            &base,
            &format!("{base}/form"),
            &[("q_visit", "5"), ("context", context)],
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK);
        let page = res.text().await.unwrap();
        assert!(page.contains("Give more feedback"));
    }
    let res = fill(
        &app,
        &app.client,
        &base,
        &format!("{base}/form"),
        &[("q_visit", "5"), ("context", "Elsewhere")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let db = db(&app).await;
    let stored = chorus::responses::store::list(&db, survey.id, None, 10)
        .await
        .unwrap();
    assert_eq!(stored.len(), 2);
    assert_eq!(stored[1].context.as_deref(), Some("In a meeting"));
    assert!(stored.iter().all(|r| r.steward_id.is_none()));
}

#[tokio::test]
async fn attributed_feedback_needs_sign_in_and_records_the_practitioner() {
    let app = spawn_app().await;
    let survey = survey_with(
        &app,
        SurveyKind::Feedback,
        Layout::SinglePage,
        vec![q("faces", "visit", true)],
        Status::Open,
        |s| s.anonymous = false,
    )
    .await;
    let base = format!("/s/{}", survey.slug);
    let res = app.get(&base).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/sign-in");
    let (client, user) = app
        .signed_in_client(chorus::accounts::Role::Practitioner, "pat@example.org")
        .await;
    let res = fill(
        &app,
        &client,
        &base,
        &format!("{base}/form"),
        &[("q_visit", "4")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let db = db(&app).await;
    let stored = chorus::responses::store::list(&db, survey.id, None, 10)
        .await
        .unwrap();
    assert_eq!(stored[0].steward_id.map(|s| s.0), Some(user.id));
}
