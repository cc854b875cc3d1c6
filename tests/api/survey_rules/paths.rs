//! The other ways a survey is made or changed: changing settings, adding questions one at a
//! time, and duplicating.

use super::{BASE, stored, summary_message};
use crate::helpers::*;
use crate::projects::create_project;
use chorus::accounts::Role;
use reqwest::StatusCode;
use serde_json::json;

/// The settings form changes an existing survey through the same parse: a questionnaire
/// cannot be made identified by changing it, through either path.
#[tokio::test]
async fn changing_a_survey_keeps_the_rules_on_both_paths() {
    let app = spawn_app().await;
    let (web, _) = app.signed_in_client(Role::Steward, "sam@example.org").await;
    let project = create_project(&app, &web, "Youth club").await;
    let res = app
        .post_form_with(&web, &format!("/projects/{project}/surveys/new"), BASE)
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let survey = stored(&app, project).await[0].clone();
    let mut named: Vec<(&str, &str)> = BASE.to_vec();
    named.retain(|(k, _)| *k != "anonymous");
    named.push(("anonymous", "no"));
    let res = app
        .post_form_with(&web, &format!("/surveys/{}/settings", survey.id.0), &named)
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let api = crate::api::api().await;
    let project = api.project().await;
    let mut body = crate::api::survey_body();
    let (status, created) = api
        .json(
            "POST",
            &format!("/api/v1/projects/{project}/surveys"),
            Some(body.clone()),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    body["anonymous"] = json!(false);
    let path = format!("/api/v1/surveys/{}", created["id"]);
    let (status, doc) = api.json("PUT", &path, Some(body)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{doc}");
    assert!(doc["errors"]["anonymous"].is_string(), "{doc}");
    let (_, now) = api.json("GET", &path, None).await;
    assert_eq!(now["anonymous"], json!(true));
}

/// A survey asks at most 100 questions, whether they come in one API body or one at a time
/// in the builder.
#[tokio::test]
async fn the_question_limit_holds_in_the_builder_and_the_api() {
    let api = crate::api::api().await;
    let project = api.project().await;
    let mut body = crate::api::survey_body();
    body["questions"] = (0..101)
        .map(|i| json!({"key": format!("q{i}"), "type": "yes_no", "prompt": "Again?"}))
        .collect();
    let (status, doc) = api
        .json(
            "POST",
            &format!("/api/v1/projects/{project}/surveys"),
            Some(body),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{doc}");
    let message = doc["errors"]["questions"].as_str().unwrap().to_owned();

    let app = &api.app;
    let (web, _) = app.signed_in_client(Role::Steward, "kit@example.org").await;
    let project = create_project(app, &web, "Youth club").await;
    let res = app
        .post_form_with(&web, &format!("/projects/{project}/surveys/new"), BASE)
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let survey = stored(app, project).await[0].id.0;
    let token = app.csrf_for(&web).await;
    let add = |i: usize| {
        let key = format!("q{i}");
        web.post(app.url(&format!("/surveys/{survey}/questions/new")))
            .form(&[
                ("csrf_token", token.as_str()),
                ("kind", "yes_no"),
                ("prompt", "Again?"),
                ("key", key.as_str()),
                ("required", "yes"),
            ])
            .send()
    };
    for i in 0..100 {
        assert_eq!(add(i).await.unwrap().status(), StatusCode::SEE_OTHER, "{i}");
    }
    let res = add(100).await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert_eq!(summary_message(&page, "prompt"), Some(message));
}

/// Duplicating goes through the same parse: a questionnaire stored before the rule (not
/// anonymous, as the API once allowed) is not copied, and the builder page says why.
#[tokio::test]
async fn duplicating_keeps_the_rules() {
    let app = spawn_app().await;
    let (web, _) = app.signed_in_client(Role::Steward, "sam@example.org").await;
    let project = create_project(&app, &web, "Youth club").await;
    let res = app
        .post_form_with(&web, &format!("/projects/{project}/surveys/new"), BASE)
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let survey = stored(&app, project).await[0].id.0;
    let db = connect_db(&app).await;
    sea_orm::ActiveModelTrait::update(
        entity::survey::ActiveModel {
            id: sea_orm::Set(survey),
            anonymous: sea_orm::Set(false),
            ..Default::default()
        },
        &db,
    )
    .await
    .unwrap();
    db.close().await.unwrap();
    let res = app
        .post_form_with(&web, &format!("/surveys/{survey}/duplicate"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    let message = summary_message(&page, "settings").unwrap();
    assert!(
        message.contains("cannot be copied") && message.contains("always anonymous"),
        "{message}"
    );
    assert_eq!(stored(&app, project).await.len(), 1, "nothing copied");
}
