//! Help through the JSON API and the upgrade: the project API takes the help contact with the
//! form's rules, the survey API lists a broken privacy promise, and the migration replaces the
//! old default notice on anonymous surveys.

use chorus::surveys::{Audience, Survey, SurveyKind};

use crate::help::{steward_project, survey_in};
use crate::helpers::spawn_app;
use crate::runner_fixtures::db;
use reqwest::StatusCode;

#[tokio::test]
async fn the_project_api_takes_the_help_contact_with_the_same_rules_as_the_form() {
    let api = crate::api::api().await;
    let mut body = crate::api::project_body();
    body["help_contact"] =
        serde_json::json!({"name": "Riverside", "phone": "call us", "hours": ""});
    let (status, problem) = api
        .json("POST", "/api/v1/projects", Some(body.clone()))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert!(
        problem["errors"]["help_contact.phone"].is_string(),
        "{problem}"
    );
    assert!(
        problem["errors"]["help_contact.hours"].is_string(),
        "{problem}"
    );
    body["help_contact"] = serde_json::json!({
        "name": "Riverside Family Hub", "phone": "01632 960 001", "hours": "9am to 5pm"
    });
    let (status, made) = api.json("POST", "/api/v1/projects", Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let id = made["id"].as_i64().unwrap();
    let (_, read) = api
        .json("GET", &format!("/api/v1/projects/{id}"), None)
        .await;
    assert_eq!(read["help_contact"]["phone"], "01632 960 001", "{read}");
    let (_, plain) = api
        .json("POST", "/api/v1/projects", Some(crate::api::project_body()))
        .await;
    assert!(plain["help_contact"].is_null(), "{plain}");
}

#[tokio::test]
async fn the_survey_api_lists_a_broken_privacy_promise_in_warnings() {
    let api = crate::api::api().await;
    let project = api.project().await;
    let notice = "We will call you if we are worried.";
    let (broken, _) = crate::safeguarding::survey_in(&api, project, |b| {
        b["privacy_notice"] = notice.into();
    })
    .await;
    let (honest, _) = crate::safeguarding::survey_in(&api, project, |_| {}).await;
    let (_, survey) = api
        .json("GET", &format!("/api/v1/surveys/{broken}"), None)
        .await;
    let warnings = survey["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{survey}");
    assert!(warnings[0].as_str().unwrap().contains("call you"));
    let (_, survey) = api
        .json("GET", &format!("/api/v1/surveys/{honest}"), None)
        .await;
    assert_eq!(survey["warnings"], serde_json::json!([]), "{survey}");
}

#[tokio::test]
async fn upgrading_replaces_the_old_promise_on_anonymous_surveys_only() {
    use migration::m20261204_000010_help_contacts as help_migration;
    use migration::{MigrationName, MigratorTrait};
    let app = spawn_app().await;
    let (_, project) = steward_project(&app).await;
    let old = help_migration::OLD_DEFAULT;
    let child = survey_in(&app, project, |s| s.privacy_notice = old.into()).await;
    let named = survey_in(&app, project, |s| {
        s.privacy_notice = old.into();
        s.kind = SurveyKind::Feedback;
        s.audience = Audience::Practitioners;
        s.anonymous = false;
    })
    .await;
    let db = db(&app).await;
    let all = migration::Migrator::migrations();
    let mine = help_migration::Migration.name().to_owned();
    let at = all.iter().position(|m| m.name() == mine).unwrap();
    let later = u32::try_from(all.len() - at).unwrap();
    migration::Migrator::down(&db, Some(later)).await.unwrap();
    migration::Migrator::up(&db, None).await.unwrap();
    let notice = |s: Option<Survey>| s.unwrap().privacy_notice;
    let find = |id| chorus::surveys::store::find(&db, id);
    assert_eq!(
        notice(find(child.id).await.unwrap()),
        chorus::surveys::privacy::ANONYMOUS_CHILDREN
    );
    assert_eq!(notice(find(named.id).await.unwrap()), old);
}
