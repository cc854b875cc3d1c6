//! Safeguarding through real submissions: flags and alert emails (with no answer text), the
//! banner, the flag page with its audit trail, withholding from results until "no concern",
//! the CSV mark, the scan command, and 404 for other projects.

use crate::api::{Api, survey_body, token_for};
use crate::csv::signed_in;
use crate::helpers::*;
use crate::smtp::{Mode, SmtpServer};
use chorus::accounts::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// An API helper on an app that delivers mail to `smtp` (when given) and hides groups below
/// `min_group`.
pub async fn api_with(smtp: Option<&SmtpServer>, min_group: &str) -> Api {
    let min = min_group.to_owned();
    let app = spawn_app_with(|raw| {
        raw.smtp_url = smtp.map(SmtpServer::url);
        raw.mail_retry_base_ms = Some("50".into());
        raw.mail_poll_ms = Some("100".into());
        raw.min_group = Some(min);
    })
    .await;
    let token = token_for(&app, Role::Steward, "sam@example.org").await;
    Api {
        app,
        token,
        http: new_client(),
    }
}

/// A published survey (the API helper's questions, with `tweak` applied) in `project`;
/// returns (survey id, slug).
pub async fn survey_in(api: &Api, project: i64, tweak: impl FnOnce(&mut Value)) -> (i64, String) {
    let mut body = survey_body();
    tweak(&mut body);
    let (status, survey) = api
        .json(
            "POST",
            &format!("/api/v1/projects/{project}/surveys"),
            Some(body),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{survey}");
    let id = survey["id"].as_i64().unwrap();
    let (status, _) = api
        .json("POST", &format!("/api/v1/surveys/{id}/publish"), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    (id, survey["slug"].as_str().unwrap().to_owned())
}

/// Submits answers with a mode through the public API.
pub async fn submit_mode(api: &Api, slug: &str, mode: &str, answers: Value) {
    let res = api
        .http
        .post(api.app.url(&format!("/api/v1/s/{slug}/responses")))
        .json(&json!({"client_id": uuid::Uuid::new_v4(), "mode": mode, "answers": answers}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
}

async fn story(api: &Api, slug: &str, text: &str) {
    submit_mode(api, slug, "self", json!({"feeling": 3, "story": text})).await;
}

async fn flags(api: &Api) -> i64 {
    crate::runner_fixtures::count(&api.app, "safeguarding_flag").await
}

const DISCLOSURES: [&str; 4] = [
    "I don't want to kill myself but I think about it",
    "my stepdad hits me when mum is out",
    "there is no food at home most days",
    "older boys give me stuff to carry",
];

const EVERYDAY: [&str; 4] = [
    "I died laughing at the magic show",
    "this homework is killing me",
    "nobody hurts me here, it is great",
    "We played football and it was fun",
];

#[tokio::test]
async fn disclosures_are_flagged_and_alert_the_lead_without_the_answer_text() {
    let smtp = SmtpServer::start(Mode::Accept).await;
    let api = api_with(Some(&smtp), "5").await;
    let project = api.project().await;
    let (_, slug) = survey_in(&api, project, |_| {}).await;
    for (i, text) in DISCLOSURES.iter().enumerate() {
        story(&api, &slug, text).await;
        assert_eq!(flags(&api).await, i as i64 + 1, "{text}");
    }
    for text in EVERYDAY {
        story(&api, &slug, text).await;
        assert_eq!(flags(&api).await, DISCLOSURES.len() as i64, "{text}");
    }
    // One more message: the lead's invitation to an account, sent when the project was made.
    let got: Vec<_> = smtp
        .wait_for(DISCLOSURES.len() + 1)
        .await
        .into_iter()
        .filter(|m| !String::from_utf8_lossy(&m.data).contains("/invite/"))
        .collect();
    assert_eq!(got.len(), DISCLOSURES.len());
    for mail in &got {
        assert_eq!(mail.rcpt_to, ["lead@example.org"]);
        let raw = String::from_utf8_lossy(&mail.data).to_string();
        let parsed = mail.parsed();
        let text = parsed.body_text(0).unwrap().to_string();
        assert!(
            text.contains("A response to How was today? in Early help may contain a safeguarding concern. Sign in to review it."),
            "{text}"
        );
        assert!(text.contains(&format!("/projects/{project}/safeguarding")));
        for word in ["kill", "hits", "food", "older boys", "laughing", "stepdad"] {
            assert!(!raw.contains(word), "the alert leaks {word:?}");
        }
    }
}

#[tokio::test]
async fn a_flag_shows_a_banner_is_withheld_until_reviewed_and_the_review_is_audited() {
    let api = api_with(None, "5").await;
    let project = api.project().await;
    let (survey, slug) = survey_in(&api, project, |_| {}).await;
    let secret = "my uncle touches me and says it is a secret";
    story(&api, &slug, secret).await;
    story(&api, &slug, "Ring me on 07700 900123 about the club").await;
    let client = signed_in(&api.app).await;
    let banner = "1 response may contain a safeguarding concern";
    for page in [
        format!("/projects/{project}"),
        format!("/surveys/{survey}/results"),
        format!("/surveys/{survey}/live"),
        format!("/projects/{project}/live"),
        format!("/surveys/{survey}/live/fragment"),
    ] {
        let html = api.app.get_with(&client, &page).await.text().await.unwrap();
        assert!(html.contains(banner), "{page}");
        if page.contains("/live") {
            assert!(
                html.contains("[withheld for safeguarding review]")
                    && html.contains("Ring me on [phone removed] about the club"),
                "{page} withholds the flagged answer and redacts the rest:\n{html}"
            );
        }
        assert!(html.contains(&format!("href=\"/projects/{project}/safeguarding\"")));
        assert!(
            !html.contains("uncle touches"),
            "{page} shows withheld text"
        );
    }
    let results = api
        .app
        .get_with(&client, &format!("/surveys/{survey}/results"))
        .await
        .text()
        .await
        .unwrap();
    assert!(results.contains("[withheld for safeguarding review]"));
    assert!(results.contains("Ring me on [phone removed] about the club"));
    // The responses CSV keeps the text, with the row marked.
    let csv = api
        .app
        .get_with(&client, &format!("/surveys/{survey}/responses.csv"))
        .await
        .text()
        .await
        .unwrap();
    let flagged: Vec<&str> = csv.lines().filter(|l| l.ends_with(",flagged")).collect();
    assert_eq!(flagged.len(), 1, "{csv}");
    assert!(flagged[0].contains("uncle touches"));
    // The list shows no text; the flag's own page shows it; "no concern" releases it, audited.
    let path = format!("/projects/{project}/safeguarding");
    let res = api.app.get_with(&client, &path).await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert_accessible(&html, &path);
    assert!(!html.contains(secret));
    let flag_page = texts_attr(&html, "#flags a", "href").pop().unwrap();
    let html = api
        .app
        .get_with(&client, &flag_page)
        .await
        .text()
        .await
        .unwrap();
    assert_accessible(&html, &flag_page);
    assert!(html.contains(secret));
    let action = texts_attr(&html, "main form", "action")
        .into_iter()
        .find(|a| a.ends_with("/review"))
        .unwrap();
    let too_long = "x".repeat(2001);
    let res = api
        .app
        .post_form_with(
            &client,
            &action,
            &[("outcome", "no_concern"), ("note", too_long.as_str())],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("There is a problem"));
    let res = api
        .app
        .post_form_with(
            &client,
            &action,
            &[("outcome", "no_concern"), ("note", "Passed to the lead")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let html = api
        .app
        .get_with(&client, &flag_page)
        .await
        .text()
        .await
        .unwrap();
    let audit = texts(&html, "#audit tbody tr");
    assert_eq!(audit.len(), 1);
    assert!(audit[0].contains("No concern"), "{audit:?}");
    assert!(audit[0].contains("Passed to the lead"));
    assert_eq!(
        crate::runner_fixtures::count(&api.app, "safeguarding_audit").await,
        1
    );
    let results = api
        .app
        .get_with(&client, &format!("/surveys/{survey}/results"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!results.contains(banner));
    assert!(results.contains("my uncle touches me"));
    let board = api
        .app
        .get_with(&client, &format!("/surveys/{survey}/live"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        board.contains("my uncle touches me"),
        "reviewed answers show on boards"
    );
    // Without a CSRF token the review is refused.
    let res = client
        .post(api.app.url(&action))
        .form(&[("note", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn another_projects_safeguarding_and_results_are_not_found() {
    let api = api_with(None, "5").await;
    let project = api.project().await;
    let (survey, slug) = survey_in(&api, project, |_| {}).await;
    story(&api, &slug, "i want to die").await;
    let (outsider, _) = api
        .app
        .signed_in_client(Role::Steward, "outsider@example.org")
        .await;
    for path in [
        format!("/projects/{project}/safeguarding"),
        format!("/projects/{project}/results"),
        format!("/projects/{project}/aggregates.csv"),
        format!("/surveys/{survey}/aggregates.csv"),
        format!("/surveys/{survey}/results"),
    ] {
        let res = api.app.get_with(&outsider, &path).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let res = api
        .app
        .post_form_with(
            &outsider,
            &format!("/projects/{project}/safeguarding/1/review"),
            &[("note", "")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    // A flag of this project reached through another project the outsider owns: 404 too.
    let own_token = token_for(&api.app, Role::Steward, "owner2@example.org").await;
    let res = api
        .send_as(
            &own_token,
            "POST",
            "/api/v1/projects",
            Some(crate::api::project_body()),
        )
        .await;
    let own: Value = res.json().await.unwrap();
    let own_id = own["id"].as_i64().unwrap();
    let owner = new_client();
    let ok = api
        .app
        .sign_in_with(&owner, "owner2@example.org", PASSWORD)
        .await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    let res = api
        .app
        .post_form_with(
            &owner,
            &format!("/projects/{own_id}/safeguarding/1/review"),
            &[("note", "")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        api.app
            .get_with(&owner, &format!("/projects/{own_id}/safeguarding"))
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_scan_command_flags_rows_of_a_csv() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("answers.csv");
    std::fs::write(
        &file,
        "id,text\na1,i want to die\na2,\"I died laughing, honestly\"\na3,he hits me\n",
    )
    .unwrap();
    let out = chorus_command(dir.path(), "sqlite::memory:")
        .args(["safeguarding", "scan"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<Vec<String>> = ::csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let flags: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str()))
        .collect();
    assert_eq!(flags, [("a1", "1"), ("a2", "0"), ("a3", "1")]);
    assert!(rows[0][2].starts_with("self_harm_suicide"));
    let missing = chorus_command(dir.path(), "sqlite::memory:")
        .args(["safeguarding", "scan", "/no/such/file.csv"])
        .output()
        .unwrap();
    assert!(!missing.status.success());
}
