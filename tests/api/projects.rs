//! Projects: create, validate, overview, edit, members, and who may do what.

use crate::helpers::*;
use chorus::accounts::Role;
use reqwest::StatusCode;

pub const PROJECT: &[(&str, &str)] = &[
    ("title", "Early help"),
    ("outcome", "Families get help before things reach crisis"),
    ("scale", "place"),
    ("description", ""),
    ("safeguarding_lead", "lead@example.org"),
];

/// Creates a project with this client and returns its id.
pub async fn create_project(app: &TestApp, client: &reqwest::Client, title: &str) -> i64 {
    let mut fields = PROJECT.to_vec();
    fields[0] = ("title", title);
    let res = app.post_form_with(client, "/projects/new", &fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    location.trim_start_matches("/projects/").parse().unwrap()
}

#[tokio::test]
async fn a_steward_creates_a_project_and_sees_it_in_their_list() {
    let app = spawn_app().await;
    let (client, _) = app.signed_in_client(Role::Steward, "sam@example.org").await;
    let id = create_project(&app, &client, "Early help").await;
    let body = app
        .get_with(&client, "/projects")
        .await
        .text()
        .await
        .unwrap();
    assert!(body.contains("Early help") && body.contains("Create a project"));
    let body = app
        .get_with(&client, &format!("/projects/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(body.contains("Families get help before things reach crisis"));
    assert!(body.contains("A place") && body.contains("lead@example.org"));
    assert!(body.contains("Test Steward"));
}

#[tokio::test]
async fn an_invalid_project_comes_back_with_every_problem_and_what_was_typed() {
    let app = spawn_app().await;
    app.create_admin().await;
    let res = app
        .post_form(
            "/projects/new",
            &[
                ("title", "Kept title"),
                ("outcome", ""),
                ("safeguarding_lead", "not-an-email"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = res.text().await.unwrap();
    assert!(texts(&body, "title")[0].starts_with("Error: "));
    let summary = texts(&body, ".error-summary a");
    assert_eq!(summary.len(), 3, "{summary:?}");
    assert!(body.contains("href=\"#outcome\"") && body.contains("href=\"#scale\""));
    assert!(body.contains("value=\"Kept title\"") && body.contains("value=\"not-an-email\""));
}

#[tokio::test]
async fn a_project_can_be_edited() {
    let app = spawn_app().await;
    app.create_admin().await;
    let id = create_project(&app, &app.client, "Early help").await;
    let mut fields = PROJECT.to_vec();
    fields[0] = ("title", "Earlier help");
    let res = app
        .post_form(&format!("/projects/{id}/edit"), &fields)
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, body) = app.page(&format!("/projects/{id}")).await;
    assert!(body.contains("Earlier help"));
}

#[tokio::test]
async fn members_can_be_added_by_email_and_removed() {
    let app = spawn_app().await;
    app.create_admin().await;
    let practitioner = app
        .insert_steward(Role::Practitioner, "pat@example.org")
        .await;
    let id = create_project(&app, &app.client, "Early help").await;
    let members = format!("/projects/{id}/members");
    let res = app
        .post_form(
            &members,
            &[("email", "nobody@example.org"), ("role", "steward")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("value=\"nobody@example.org\"")
    );
    let res = app
        .post_form(
            &members,
            &[("email", "pat@example.org"), ("role", "steward")],
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a practitioner account cannot be a project steward"
    );
    let res = app
        .post_form(
            &members,
            &[("email", "pat@example.org"), ("role", "practitioner")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, body) = app.page(&members).await;
    assert!(body.contains("pat@example.org"));
    let res = app
        .post_form(
            &format!("/projects/{id}/members/{}/remove", practitioner.id),
            &[],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, body) = app.page(&members).await;
    assert!(!body.contains("pat@example.org"));
}

#[tokio::test]
async fn practitioners_see_their_project_but_cannot_build_in_it() {
    let app = spawn_app().await;
    app.create_admin().await;
    let id = create_project(&app, &app.client, "Early help").await;
    let (client, _) = app
        .signed_in_client(Role::Practitioner, "pat@example.org")
        .await;
    assert_eq!(
        app.get_with(&client, &format!("/projects/{id}"))
            .await
            .status(),
        StatusCode::NOT_FOUND,
        "not a member yet"
    );
    let res = app
        .post_form(
            &format!("/projects/{id}/members"),
            &[("email", "pat@example.org"), ("role", "practitioner")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = app.get_with(&client, &format!("/projects/{id}")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body = res.text().await.unwrap();
    assert!(!body.contains("Create a survey") && !body.contains("Manage members"));
    for path in [
        format!("/projects/{id}/edit"),
        format!("/projects/{id}/members"),
        format!("/projects/{id}/surveys/new"),
        "/projects/new".to_owned(),
    ] {
        assert_eq!(
            app.get_with(&client, &path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let res = app.post_form_with(&client, "/projects/new", PROJECT).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let body = app
        .get_with(&client, "/projects")
        .await
        .text()
        .await
        .unwrap();
    assert!(body.contains("Early help") && !body.contains("Create a project"));
}
