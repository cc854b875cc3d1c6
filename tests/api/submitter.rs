//! The group-commit submitter used by the runner and the API: one response per submission
//! token, and one bad submission in a batch never fails the others. Also the shared validation.

use std::collections::BTreeMap;

use chorus::responses::{Channel, Mode, Submission, SubmissionId, Submitter, validate_submission};
use chorus::surveys::{AnswerValue, Layout, QuestionId, RawAnswer, SurveyKind};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection};

use crate::helpers::*;
use crate::runner_fixtures::*;

/// One connection with foreign keys enforced (SQLite needs the pragma per connection).
async fn strict_db(app: &TestApp) -> DatabaseConnection {
    let mut options = ConnectOptions::new(app.database_url.clone());
    options.max_connections(1).sqlx_logging(false);
    let db = Database::connect(options).await.unwrap();
    if app.database_url.starts_with("sqlite") {
        db.execute_unprepared("PRAGMA foreign_keys = ON")
            .await
            .unwrap();
    }
    db
}

#[tokio::test]
async fn the_submitter_stores_each_token_once_and_a_bad_submission_fails_alone() {
    let app = spawn_app().await;
    let survey = open_survey(
        &app,
        SurveyKind::Questionnaire,
        Layout::SinglePage,
        vec![q("faces", "feel", true)],
    )
    .await;
    let db = strict_db(&app).await;
    let question = chorus::surveys::store::questions(&db, survey.id, false)
        .await
        .unwrap()[0]
        .id;
    let submitter = Submitter::start(db.clone());
    let make = |id: SubmissionId, question: QuestionId| Submission {
        survey_id: survey.id,
        submission_id: id,
        answers: vec![(question, AnswerValue::Number(3))],
        mode: Mode::SelfCompleted,
        channel: Channel::Kiosk,
        context: None,
        steward_id: None,
        invitation: None,
    };
    let token = SubmissionId::generate();
    let first = submitter
        .submit(make(token.clone(), question))
        .await
        .unwrap();
    let again = submitter
        .submit(make(token.clone(), question))
        .await
        .unwrap();
    assert!(first.created && !again.created);
    assert_eq!(first.receipt, again.receipt);

    let sends = (0..30).map(|i| {
        let submitter = submitter.clone();
        let q = if i == 7 {
            QuestionId(999_999)
        } else {
            question
        };
        let s = make(SubmissionId::generate(), q);
        tokio::spawn(async move { submitter.submit(s).await })
    });
    let results: Vec<_> = futures_util::future::join_all(sends)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert!(
        results[7].is_err(),
        "the answer to an unknown question is refused"
    );
    assert_eq!(
        results
            .iter()
            .filter(|r| r.as_ref().is_ok_and(|s| s.created))
            .count(),
        29
    );
    assert_eq!(count(&app, "response").await, 30);
    assert_eq!(count(&app, "answer").await, 30);
}

#[tokio::test]
async fn validation_checks_every_question_and_rejects_unknown_keys() {
    let app = spawn_app().await;
    let survey = open_survey(
        &app,
        SurveyKind::Questionnaire,
        Layout::SinglePage,
        vec![q("faces", "feel", true), q("short_text", "why", false)],
    )
    .await;
    let db = db(&app).await;
    let questions = chorus::surveys::store::questions(&db, survey.id, false)
        .await
        .unwrap();
    let mut answers = BTreeMap::new();
    answers.insert("feel".to_owned(), RawAnswer::one("5"));
    let valid = validate_submission(&survey, &questions, &answers).unwrap();
    assert_eq!(valid, vec![(questions[0].id, AnswerValue::Number(5))]);
    answers.insert("colour".to_owned(), RawAnswer::one("blue"));
    answers.remove("feel");
    let errors = validate_submission(&survey, &questions, &answers).unwrap_err();
    assert!(errors.get("feel").is_some());
    assert!(errors.get("colour").is_some());
    assert!(errors.get("why").is_none());
}

#[tokio::test]
async fn a_form_too_large_to_read_gets_a_clear_413_page() {
    let app = spawn_app().await;
    let survey = open_survey(
        &app,
        SurveyKind::Questionnaire,
        Layout::SinglePage,
        vec![q("long_text", "ideas", true)],
    )
    .await;
    let base = format!("/s/{}", survey.slug);
    let huge = "a".repeat(300 * 1024);
    let res = fill(
        &app,
        &app.client,
        &format!("{base}/form"),
        &format!("{base}/form"),
        &[("q_ideas", &huge)],
    )
    .await;
    assert_eq!(res.status(), reqwest::StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("What you sent is too large")
    );
    assert_eq!(count(&app, "response").await, 0);
}
