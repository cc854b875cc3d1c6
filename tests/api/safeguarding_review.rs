//! The review workflow: three outcomes with who and when, a note required for "action taken",
//! escalation alerts, what stays withheld, the list's filters, the flag log CSV without answer
//! text, who may see flags, and the trail that survives a respondent deleting their answer.

use crate::api::Api;
use crate::csv::signed_in;
use crate::helpers::*;
use crate::safeguarding::{api_with, submit_mode, survey_in};
use crate::safeguarding_leads::{body, to};
use crate::smtp::{Mode, SmtpServer};
use chorus::accounts::Role;
use reqwest::{Client, StatusCode};
use serde_json::json;

const TEXTS: [&str; 3] = [
    "my stepdad hits me when mum is out",
    "i want to die",
    "there is no food at home most days",
];

/// A project with three flagged answers; returns (project, survey, flag pages newest first).
async fn three_flags(api: &Api, client: &Client) -> (i64, i64, Vec<String>) {
    let project = api.project().await;
    let (survey, slug) = survey_in(api, project, |_| {}).await;
    for text in TEXTS {
        submit_mode(api, &slug, "self", json!({"feeling": 2, "story": text})).await;
    }
    let html = api
        .app
        .get_with(client, &format!("/projects/{project}/safeguarding"))
        .await
        .text()
        .await
        .unwrap();
    let flags = texts_attr(&html, "#flags a", "href");
    assert_eq!(flags.len(), 3);
    (project, survey, flags)
}

async fn review(api: &Api, client: &Client, flag: &str, outcome: &str, note: &str) -> StatusCode {
    api.app
        .post_form_with(
            client,
            &format!("{flag}/review"),
            &[("outcome", outcome), ("note", note)],
        )
        .await
        .status()
}

#[tokio::test]
async fn each_outcome_is_recorded_with_who_and_when_and_only_no_concern_releases_the_answer() {
    let smtp = SmtpServer::start(Mode::Accept).await;
    let api = api_with(Some(&smtp), "5").await;
    api.app
        .insert_steward(Role::Admin, "admin@example.org")
        .await;
    let client = signed_in(&api.app).await;
    let (_, survey, flags) = three_flags(&api, &client).await;

    // No outcome, and "action taken" without a note: the form comes back with the typed note.
    let res = api
        .app
        .post_form_with(
            &client,
            &format!("{}/review", flags[0]),
            &[("note", "kept")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("Select what you found") && html.contains(">kept</textarea>"));
    assert_accessible(&html, "flag page with errors");
    let res = api
        .app
        .post_form_with(
            &client,
            &format!("{}/review", flags[0]),
            &[("outcome", "action_taken"), ("note", " ")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Enter what action you took")
    );

    assert_eq!(
        review(&api, &client, &flags[0], "action_taken", "Told the DSL").await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        review(&api, &client, &flags[1], "no_concern", "").await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        review(&api, &client, &flags[2], "escalated", "Unsure").await,
        StatusCode::SEE_OTHER
    );
    let today = chrono::Utc::now().format("%-d %B %Y").to_string();
    for (flag, what) in flags.iter().zip([
        "Concern — action taken",
        "No concern",
        "Not sure — escalate",
    ]) {
        let html = api.app.get_with(&client, flag).await.text().await.unwrap();
        let audit = texts(&html, "#audit tbody tr");
        assert_eq!(audit.len(), 1, "{flag}");
        assert!(
            audit[0].contains(what)
                && audit[0].contains("Test Steward")
                && audit[0].contains(&today),
            "{audit:?}"
        );
    }
    // Only the "no concern" answer shows in results; the others stay withheld.
    let results = api
        .app
        .get_with(&client, &format!("/surveys/{survey}/results"))
        .await
        .text()
        .await
        .unwrap();
    let released: Vec<&str> = TEXTS
        .iter()
        .copied()
        .filter(|t| results.contains(t))
        .collect();
    assert_eq!(released.len(), 1, "{released:?}");
    // The escalation alerted the admins (and no answer text went).
    let got = smtp.wait_for(5).await;
    let escalation = to(&got, "admin@example.org");
    assert_eq!(escalation.len(), 1);
    assert!(body(escalation[0]).contains("escalated"));
    for t in TEXTS {
        assert!(!body(escalation[0]).contains(t));
    }
}

#[tokio::test]
async fn the_list_filters_by_status_and_age_without_javascript() {
    let api = api_with(None, "5").await;
    let client = signed_in(&api.app).await;
    let (project, _, flags) = three_flags(&api, &client).await;
    review(&api, &client, &flags[0], "no_concern", "").await;
    review(&api, &client, &flags[1], "escalated", "").await;
    // The oldest flag was flagged two days ago.
    let db = connect_db(&api.app).await;
    sea_orm::ConnectionTrait::execute_unprepared(
        &db,
        &format!(
            "UPDATE safeguarding_flag SET flagged_at = '{}' WHERE id = {}",
            (chrono::Utc::now() - chrono::Duration::days(2)).format("%Y-%m-%d %H:%M:%S%:z"),
            flags[2].rsplit('/').next().unwrap()
        ),
    )
    .await
    .unwrap();
    db.close().await.unwrap();
    let list = format!("/projects/{project}/safeguarding");
    let html = api.app.get_with(&client, &list).await.text().await.unwrap();
    assert!(html.contains("form method=\"get\""));
    assert_accessible(&html, &list);
    let cases = [
        ("status=to_review", vec![&flags[2]]),
        ("status=no_concern", vec![&flags[0]]),
        ("status=escalated", vec![&flags[1]]),
        ("status=action_taken", vec![]),
        ("age=older_24h", vec![&flags[2]]),
        ("age=last_24h", vec![&flags[0], &flags[1]]),
        ("status=to_review&age=last_24h", vec![]),
        ("status=&age=", vec![&flags[0], &flags[1], &flags[2]]),
        ("status=nonsense", vec![&flags[0], &flags[1], &flags[2]]),
    ];
    for (query, expected) in cases {
        let path = format!("{list}?{query}");
        let res = api.app.get_with(&client, &path).await;
        assert_eq!(res.status(), StatusCode::OK, "{query}");
        let html = res.text().await.unwrap();
        let shown = texts_attr(&html, "#flags a", "href");
        let expected: Vec<String> = expected.into_iter().cloned().collect();
        assert_eq!(shown, expected, "{query}");
    }
}

#[tokio::test]
async fn the_flag_log_csv_has_every_flag_and_no_answer_text() {
    let api = api_with(None, "5").await;
    let client = signed_in(&api.app).await;
    let (project, _, flags) = three_flags(&api, &client).await;
    review(
        &api,
        &client,
        &flags[0],
        "action_taken",
        "=cmd|' /C calc'!A0",
    )
    .await;
    let res = api
        .app
        .get_with(&client, &format!("/projects/{project}/safeguarding.csv"))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let text = res.text().await.unwrap();
    let rows: Vec<Vec<String>> = ::csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(rows.len(), 3);
    assert!(text.starts_with(
        "flag_id,survey,category,reason,flagged_at,status,reviewed_by,reviewed_at,answer_deleted_at"
    ));
    let statuses: Vec<&str> = rows.iter().map(|r| r[5].as_str()).collect();
    assert_eq!(statuses, ["Action taken", "To review", "To review"]);
    assert_eq!(rows[0][6], "Test Steward");
    for t in TEXTS {
        assert!(!text.contains(t), "the log leaks {t:?}");
    }
    assert!(!text.contains("calc"), "notes are not in the log");
}

#[tokio::test]
async fn practitioners_and_outsiders_cannot_see_flags() {
    let api = api_with(None, "5").await;
    let client = signed_in(&api.app).await;
    let (project, _, flags) = three_flags(&api, &client).await;
    let (practitioner, user) = api
        .app
        .signed_in_client(Role::Practitioner, "pat@example.org")
        .await;
    let db = connect_db(&api.app).await;
    chorus::projects::store::set_member(
        &db,
        chorus::projects::ProjectId(project),
        chorus::accounts::StewardId(user.id),
        chorus::projects::MemberRole::Practitioner,
    )
    .await
    .unwrap();
    db.close().await.unwrap();
    let (outsider, _) = api
        .app
        .signed_in_client(Role::Steward, "out@example.org")
        .await;
    let pages = [
        format!("/projects/{project}/safeguarding"),
        format!("/projects/{project}/safeguarding.csv"),
        format!("/projects/{project}/safeguarding/settings"),
        flags[0].clone(),
    ];
    for path in &pages {
        assert_eq!(
            api.app.get_with(&practitioner, path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
        assert_eq!(
            api.app.get_with(&outsider, path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let res = api
        .app
        .post_form_with(
            &practitioner,
            &format!("{}/review", flags[0]),
            &[("outcome", "no_concern")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let html = api
        .app
        .get_with(&practitioner, &format!("/projects/{project}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!html.contains("/safeguarding"));
}

#[tokio::test]
async fn deleting_a_flagged_answer_keeps_the_flag_its_trail_and_tells_the_lead() {
    let smtp = SmtpServer::start(Mode::Accept).await;
    let api = api_with(Some(&smtp), "5").await;
    let client = signed_in(&api.app).await;
    let project = api.project().await;
    let (_, slug) = survey_in(&api, project, |_| {}).await;
    let res = api
        .http
        .post(api.app.url(&format!("/api/v1/s/{slug}/responses")))
        .json(&json!({"client_id": uuid::Uuid::new_v4(), "answers": {"feeling": 1, "story": TEXTS[0]}}))
        .send()
        .await
        .unwrap();
    let receipt = res.json::<serde_json::Value>().await.unwrap()["receipt"]
        .as_str()
        .unwrap()
        .to_owned();
    let list = format!("/projects/{project}/safeguarding");
    let html = api.app.get_with(&client, &list).await.text().await.unwrap();
    let flag = texts_attr(&html, "#flags a", "href").pop().unwrap();
    review(&api, &client, &flag, "escalated", "Checking").await;

    let respondent = new_client();
    let res = api
        .app
        .post_form_with(
            &respondent,
            "/receipt/delete",
            &[("receipt", &receipt), ("confirm", "yes")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(crate::runner_fixtures::count(&api.app, "response").await, 0);
    assert_eq!(
        crate::runner_fixtures::count(&api.app, "safeguarding_flag").await,
        1
    );

    let html = api.app.get_with(&client, &flag).await.text().await.unwrap();
    assert!(!html.contains(TEXTS[0]));
    assert!(html.contains("The person who wrote this deleted it on"));
    assert!(html.contains("Physical abuse"), "the category stays");
    let audit = texts(&html, "#audit tbody tr");
    assert_eq!(audit.len(), 2, "{audit:?}");
    assert!(audit[0].contains("Not sure — escalate"));
    assert!(
        audit[1].contains("The person who wrote it")
            && audit[1].contains("Answer deleted by the person who wrote it")
    );
    let html = api.app.get_with(&client, &list).await.text().await.unwrap();
    assert!(html.contains("Answer deleted"));
    let csv = api
        .app
        .get_with(&client, &format!("{list}.csv"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !csv.lines().nth(1).unwrap().ends_with(','),
        "answer_deleted_at is filled: {csv}"
    );

    let got = smtp.wait_for(3).await;
    let notice = to(&got, "lead@example.org")
        .into_iter()
        .find(|m| body(m).contains("has deleted it with their receipt code"))
        .expect("the lead is told");
    assert!(!String::from_utf8_lossy(&notice.data).contains("stepdad"));
}
