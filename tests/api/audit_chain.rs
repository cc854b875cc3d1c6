//! The audit log's entries for real actions done by clicking, and its hash chain checked by
//! `chorus audit verify` (whole, changed, missing), with many actions at once keeping one
//! unbroken chain on both databases.

use crate::api::{Api, api, survey_body};
use crate::audit::{entries, newest, scalar};
use crate::helpers::*;
use crate::safeguarding_leads::flagged_project;
use chorus::accounts::Role;
use reqwest::{Client, StatusCode};
use sea_orm::{ConnectionTrait, DatabaseConnection};

/// Runs `chorus audit verify` on the app's database: (succeeded, stdout, stderr).
fn verify(app: &TestApp) -> (bool, String, String) {
    let out = chorus_command(app.data_dir.path(), &app.database_url)
        .args(["audit", "verify"])
        .output()
        .unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.success(), text(&out.stdout), text(&out.stderr))
}

/// The newest entry, as (who, method route, object, project).
async fn last(db: &DatabaseConnection) -> (Option<i64>, String, String, Option<i64>) {
    let (id, who, method, route, object) = newest(db).await.unwrap();
    let project = scalar(
        db,
        &format!("SELECT project_id FROM audit_entry WHERE id = {id}"),
    )
    .await;
    (who, format!("{method} {route}"), object, project)
}

/// An administrator signed in on their own client, beside a steward's project with a
/// published survey and a flagged answer.
pub async fn setup() -> (Api, Client, i64, i64, i64) {
    let api = api().await;
    let (admin, me) = api
        .app
        .signed_in_client(Role::Admin, "ada@example.org")
        .await;
    let (project, _) = flagged_project(&api).await;
    let db = connect_db(&api.app).await;
    let survey = scalar(
        &db,
        &format!("SELECT id FROM survey WHERE project_id = {project}"),
    )
    .await
    .unwrap();
    (api, admin, me.id, project, survey)
}

#[tokio::test]
async fn real_actions_clicked_through_are_recorded_with_who_what_and_the_object() {
    let (api, admin, me, project, survey) = setup().await;
    let app = &api.app;
    let db = connect_db(app).await;

    // Close the survey from its close page.
    let page = app
        .get_with(&admin, &format!("/surveys/{survey}/close"))
        .await
        .text()
        .await
        .unwrap();
    let action = texts_attr(&page, "main form[method=post]", "action").remove(0);
    assert_eq!(
        app.post_form_with(&admin, &action, &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    let close = (
        Some(me),
        "POST /surveys/{id}/close".into(),
        format!("id={survey}"),
        Some(project),
    );
    assert_eq!(last(&db).await, close);

    // Publish a new draft.
    let (status, draft) = api
        .json(
            "POST",
            &format!("/api/v1/projects/{project}/surveys"),
            Some(survey_body()),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let draft = draft["id"].as_i64().unwrap();
    let res = app
        .post_form_with(&admin, &format!("/surveys/{draft}/publish"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let publish = (
        Some(me),
        "POST /surveys/{id}/publish".into(),
        format!("id={draft}"),
        Some(project),
    );
    assert_eq!(last(&db).await, publish);

    // Change someone's role on the People page.
    let bo = app.insert_steward(Role::Steward, "bo@example.org").await;
    let page = app
        .get_with(&admin, "/admin/stewards")
        .await
        .text()
        .await
        .unwrap();
    let role_form = format!("/admin/stewards/{}/role", bo.id);
    assert!(texts_attr(&page, "form", "action").contains(&role_form));
    let res = app
        .post_form_with(&admin, &role_form, &[("role", "practitioner")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let role = (
        Some(me),
        "POST /admin/stewards/{id}/role".into(),
        format!("id={}", bo.id),
        None,
    );
    assert_eq!(last(&db).await, role);

    // Review the flag, opened from the project's safeguarding list.
    let list = app
        .get_with(&admin, &format!("/projects/{project}/safeguarding"))
        .await
        .text()
        .await
        .unwrap();
    let flag = texts_attr(&list, "#flags a", "href").remove(0);
    let fields = [("outcome", "action_taken"), ("note", "Told the lead")];
    let res = app
        .post_form_with(&admin, &format!("{flag}/review"), &fields)
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (who, what, object, in_project) = last(&db).await;
    assert_eq!(
        (who, what.as_str(), in_project),
        (
            Some(me),
            "POST /projects/{id}/safeguarding/{flag}/review",
            Some(project)
        )
    );
    assert!(
        object.starts_with(&format!("id={project} flag=")),
        "{object}"
    );
    assert!(!object.contains("Told"), "no note text in the log");

    // Merge one new theme into another.
    let themes = format!("/projects/{project}/themes");
    for name in ["Waiting", "Delays"] {
        let fields = [("name", name), ("description", ""), ("codebook", name)];
        assert_eq!(
            app.post_form_with(&admin, &themes, &fields).await.status(),
            StatusCode::SEE_OTHER
        );
    }
    let id = |name: &str| {
        format!("SELECT id FROM theme WHERE project_id = {project} AND name = '{name}'")
    };
    let (from, into) = (
        scalar(&db, &id("Waiting")).await.unwrap(),
        scalar(&db, &id("Delays")).await.unwrap(),
    );
    let into_text = into.to_string();
    let fields = [("into", into_text.as_str()), ("confirm", "yes")];
    let res = app
        .post_form_with(&admin, &format!("{themes}/{from}/merge"), &fields)
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let merge = (
        Some(me),
        "POST /projects/{id}/themes/{theme}/merge".into(),
        format!("id={project} theme={from}"),
        Some(project),
    );
    assert_eq!(last(&db).await, merge);

    // Download the responses as CSV: recorded as a download. Reading a page is not recorded.
    let res = app
        .get_with(&admin, &format!("/surveys/{survey}/responses.csv"))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let csv = (
        Some(me),
        "GET /surveys/{id}/responses.csv".into(),
        format!("id={survey}"),
        Some(project),
    );
    assert_eq!(last(&db).await, csv);
    let n = entries(&db).await;
    app.get_with(&admin, &format!("/surveys/{survey}/results"))
        .await;
    assert_eq!(entries(&db).await, n);
    let (ok, out, err) = verify(app);
    assert!(ok, "{err}");
    assert!(out.starts_with(&format!("ok: {n} entries")), "{out}");
}

#[tokio::test]
async fn verify_names_a_changed_entry_and_a_missing_one() {
    let (api, admin, _, _, survey) = setup().await;
    let app = &api.app;
    for _ in 0..2 {
        app.get_with(&admin, &format!("/surveys/{survey}/responses.csv"))
            .await;
        app.get_with(&admin, "/admin/audit.csv").await;
    }
    let db = connect_db(app).await;
    let n = entries(&db).await;
    assert!(n >= 5, "{n}");
    let (ok, out, _) = verify(app);
    assert!(ok && out.starts_with(&format!("ok: {n} entries")), "{out}");

    db.execute_unprepared("UPDATE audit_entry SET object = 'id=999' WHERE id = 3")
        .await
        .unwrap();
    let (ok, _, err) = verify(app);
    assert!(!ok, "a changed entry must fail the check");
    assert!(err.contains("entry 3 was changed"), "{err}");

    db.execute_unprepared(&format!(
        "UPDATE audit_entry SET object = 'id={survey}' WHERE id = 3"
    ))
    .await
    .unwrap();
    db.execute_unprepared("DELETE FROM audit_entry WHERE id = 4")
        .await
        .unwrap();
    let (ok, _, err) = verify(app);
    assert!(!ok, "a missing entry must fail the check");
    assert!(err.contains("entry 4 is missing"), "{err}");
}

#[tokio::test]
async fn many_actions_at_once_keep_one_unbroken_chain() {
    let api = api().await;
    // Each names its own safeguarding lead (a new account per project).
    let bodies: Vec<_> = (0..24)
        .map(|i| {
            let mut body = crate::api::project_body();
            body["safeguarding_lead"] = format!("lead{i}@example.org").into();
            body
        })
        .collect();
    let calls = bodies
        .into_iter()
        .map(|b| api.json("POST", "/api/v1/projects", Some(b)));
    let done = futures_util::future::join_all(calls).await;
    assert!(
        done.iter().all(|(s, _)| *s == StatusCode::CREATED),
        "{done:?}"
    );
    let db = connect_db(&api.app).await;
    assert_eq!(entries(&db).await, 24);
    let (ok, out, err) = verify(&api.app);
    assert!(ok, "{err}");
    assert!(out.starts_with("ok: 24 entries"), "{out}");
}
