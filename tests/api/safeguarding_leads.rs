//! The safeguarding lead as a person who can act: invited by email when the project is made,
//! they accept, sign in, reach the flags by clicking, review one, and can build nothing; alerts
//! reach the lead and the backup address; a flag not reviewed in time reminds the backup and
//! the admins once; the settings page's errors.

use crate::api::{Api, project_body};
use crate::helpers::*;
use crate::safeguarding::{api_with, submit_mode, survey_in};
use crate::smtp::{Mode, Received, SmtpServer};
use chorus::accounts::Role;
use reqwest::StatusCode;
use serde_json::json;

/// The text part of a message.
pub fn body(m: &Received) -> String {
    m.parsed().body_text(0).unwrap().into_owned()
}

/// Messages to `to` so far.
pub fn to<'a>(got: &'a [Received], to: &str) -> Vec<&'a Received> {
    got.iter().filter(|m| m.rcpt_to == [to]).collect()
}

/// The `/invite/…` path in a message.
fn invite_path(m: &Received) -> String {
    let text = body(m);
    let start = text.find("/invite/").expect("an invitation link");
    text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '>' && *c != ')')
        .collect()
}

/// A flag in a new project whose lead is `lead@example.org`: returns (project, slug).
pub async fn flagged_project(api: &Api) -> (i64, String) {
    let project = api.project().await;
    let (_, slug) = survey_in(api, project, |_| {}).await;
    submit_mode(
        api,
        &slug,
        "self",
        json!({"feeling": 2, "story": "my stepdad hits me when mum is out"}),
    )
    .await;
    (project, slug)
}

/// The lead accepts the invitation in `got` and is signed in on a new client.
pub async fn lead_accepts(api: &Api, got: &[Received]) -> reqwest::Client {
    let invite = to(got, "lead@example.org")
        .into_iter()
        .find(|m| body(m).contains("/invite/"))
        .expect("the lead is invited by email");
    let path = invite_path(invite);
    let lead = new_client();
    let page = api.app.get_with(&lead, &path).await;
    assert_eq!(page.status(), StatusCode::OK);
    let res = api
        .app
        .post_form_with(&lead, &path, &[("password", PASSWORD)])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    lead
}

#[tokio::test]
async fn a_lead_without_an_account_is_invited_reaches_the_flags_by_clicking_and_reviews_one() {
    let smtp = SmtpServer::start(Mode::Accept).await;
    let api = api_with(Some(&smtp), "5").await;
    let (project, _) = flagged_project(&api).await;
    let got = smtp.wait_for(2).await;
    let mail = to(&got, "lead@example.org");
    assert_eq!(mail.len(), 2, "an invitation and an alert");
    assert!(body(mail[0]).contains("You have been named as the safeguarding lead for Early help"));
    let lead = lead_accepts(&api, &got).await;

    // From the projects list to the project to the flags, by following links.
    let html = api
        .app
        .get_with(&lead, "/projects")
        .await
        .text()
        .await
        .unwrap();
    let project_href = format!("/projects/{project}");
    assert!(texts_attr(&html, "main a", "href").contains(&project_href));
    let html = api
        .app
        .get_with(&lead, &project_href)
        .await
        .text()
        .await
        .unwrap();
    let list = format!("/projects/{project}/safeguarding");
    assert!(
        texts_attr(&html, "main a", "href").contains(&list),
        "{html}"
    );
    let html = api.app.get_with(&lead, &list).await.text().await.unwrap();
    let flag = texts_attr(&html, "#flags a", "href").pop().unwrap();
    let html = api.app.get_with(&lead, &flag).await.text().await.unwrap();
    assert!(html.contains("my stepdad hits me when mum is out"));
    let res = api
        .app
        .post_form_with(
            &lead,
            &format!("{flag}/review"),
            &[
                ("outcome", "action_taken"),
                ("note", "Called children's social care"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let html = api.app.get_with(&lead, &flag).await.text().await.unwrap();
    let audit = texts(&html, "#audit tbody tr");
    assert!(audit[0].contains("Safeguarding lead"), "{audit:?}");
    assert!(audit[0].contains("Concern — action taken"));

    // The lead builds nothing.
    for path in [
        format!("/projects/{project}/edit"),
        format!("/projects/{project}/members"),
        format!("/projects/{project}/themes"),
        format!("/projects/{project}/results"),
    ] {
        let status = api.app.get_with(&lead, &path).await.status();
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
    }
    let html = api
        .app
        .get_with(&lead, &project_href)
        .await
        .text()
        .await
        .unwrap();
    assert!(!html.contains(&format!("/projects/{project}/edit")));
}

#[tokio::test]
async fn a_lead_with_an_account_is_added_and_told_without_a_new_invitation() {
    let smtp = SmtpServer::start(Mode::Accept).await;
    let api = api_with(Some(&smtp), "5").await;
    let (lead, _) = api
        .app
        .signed_in_client(Role::Practitioner, "lead@example.org")
        .await;
    let project = api.project().await;
    let got = smtp.wait_for(1).await;
    assert!(!body(&got[0]).contains("/invite/"));
    assert!(body(&got[0]).contains("safeguarding lead for Early help"));
    let res = api
        .app
        .get_with(&lead, &format!("/projects/{project}/safeguarding"))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    // Changing the lead address makes the new person the lead and the old one no member.
    let steward = crate::csv::signed_in(&api.app).await;
    let mut fields = project_body();
    fields["safeguarding_lead"] = json!("newlead@example.org");
    let form: Vec<(&str, &str)> = [
        "title",
        "outcome",
        "scale",
        "description",
        "safeguarding_lead",
    ]
    .iter()
    .map(|k| (*k, fields[*k].as_str().unwrap()))
    .collect();
    let res = api
        .app
        .post_form_with(&steward, &format!("/projects/{project}/edit"), &form)
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let got = smtp.wait_for(2).await;
    assert_eq!(to(&got, "newlead@example.org").len(), 1);
    let res = api
        .app
        .get_with(&lead, &format!("/projects/{project}/safeguarding"))
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn alerts_reach_the_lead_and_the_backup_and_an_unreviewed_flag_reminds_backup_and_admins_once()
 {
    let smtp = SmtpServer::start(Mode::Accept).await;
    let api = api_with(Some(&smtp), "5").await;
    api.app
        .insert_steward(Role::Admin, "admin@example.org")
        .await;
    let project = api.project().await;
    let (_, slug) = survey_in(&api, project, |_| {}).await;
    let steward = crate::csv::signed_in(&api.app).await;
    let settings = format!("/projects/{project}/safeguarding/settings");
    let res = api
        .app
        .post_form_with(
            &steward,
            &settings,
            &[
                ("backup_email", "backup@example.org"),
                ("review_hours", "24"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    submit_mode(
        &api,
        &slug,
        "self",
        json!({"feeling": 2, "story": "i want to die"}),
    )
    .await;
    let got = smtp.wait_for(3).await;
    for who in ["lead@example.org", "backup@example.org"] {
        let alert = to(&got, who)
            .into_iter()
            .find(|m| body(m).contains("may contain a safeguarding concern"))
            .unwrap_or_else(|| panic!("{who} is alerted"));
        assert!(!body(alert).contains("die"));
    }
    assert!(to(&got, "admin@example.org").is_empty());

    // Not yet overdue, then overdue: the backup and the admins, once.
    let db = connect_db(&api.app).await;
    let base = url::Url::parse(&format!("{}/", api.app.address)).unwrap();
    let soon = chrono::Utc::now() + chrono::Duration::hours(23);
    let later = chrono::Utc::now() + chrono::Duration::hours(25);
    let remind = chorus::safeguarding::alerts::send_overdue_reminders;
    assert_eq!(remind(&db, &base, soon).await.unwrap(), 0);
    assert_eq!(remind(&db, &base, later).await.unwrap(), 2);
    assert_eq!(remind(&db, &base, later).await.unwrap(), 0);
    db.close().await.unwrap();
    let got = smtp.wait_for(5).await;
    assert_eq!(got.len(), 5);
    for who in ["backup@example.org", "admin@example.org"] {
        let reminder: Vec<_> = to(&got, who)
            .into_iter()
            .filter(|m| body(m).contains("has not been reviewed within 24 hours"))
            .collect();
        assert_eq!(reminder.len(), 1, "{who}");
        assert!(!body(reminder[0]).contains("die"));
    }
}

#[tokio::test]
async fn the_settings_page_explains_each_mistake_and_keeps_what_was_typed() {
    let api = api_with(None, "5").await;
    let project = api.project().await;
    let steward = crate::csv::signed_in(&api.app).await;
    let path = format!("/projects/{project}/safeguarding/settings");
    let (status, html) = {
        let res = api.app.get_with(&steward, &path).await;
        (res.status(), res.text().await.unwrap())
    };
    assert_eq!(status, StatusCode::OK);
    assert_accessible(&html, &path);
    assert!(html.contains("value=\"24\""), "the default is 24 hours");
    let cases = [
        (
            "not an email",
            "24",
            "backup_email",
            "Enter an email address in the correct format",
        ),
        (
            "",
            "",
            "review_hours",
            "Enter how many hours a flag may wait for a review",
        ),
        ("", "0", "review_hours", "between 1 and 336 hours"),
        ("", "a day", "review_hours", "a whole number of hours"),
        (
            "",
            "9999999999999",
            "review_hours",
            "a whole number of hours",
        ),
    ];
    for (backup, hours, field, message) in cases {
        let res = api
            .app
            .post_form_with(
                &steward,
                &path,
                &[("backup_email", backup), ("review_hours", hours)],
            )
            .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{hours}");
        let html = res.text().await.unwrap();
        assert!(html.contains("There is a problem"));
        assert!(html.contains(&format!("href=\"#{field}\"")), "{field}");
        assert!(html.contains(message), "{message}");
        assert!(
            html.contains(&format!("value=\"{hours}\"")),
            "keeps {hours:?}"
        );
        assert!(html.starts_with("<!DOCTYPE html>"));
    }
    let (outsider, _) = api
        .app
        .signed_in_client(Role::Steward, "outsider@example.org")
        .await;
    assert_eq!(
        api.app.get_with(&outsider, &path).await.status(),
        StatusCode::NOT_FOUND
    );
}
