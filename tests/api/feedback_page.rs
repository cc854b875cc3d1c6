//! "My feedback forms": the open feedback forms of the person's own projects, their own named
//! submissions only, and a link to each team's live board.

use chorus::accounts::{Role, StewardId};
use chorus::projects::MemberRole;
use chorus::surveys::{Layout, Status, SurveyKind};
use entity::response;
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, Set};

use crate::helpers::*;
use crate::runner_fixtures::*;

async fn named_feedback(app: &TestApp, title: &str, status: Status) -> chorus::surveys::Survey {
    let title = title.to_owned();
    survey_with(
        app,
        SurveyKind::Feedback,
        Layout::SinglePage,
        vec![q("faces", "feel", true)],
        status,
        move |s| {
            s.title = title;
            s.anonymous = false;
        },
    )
    .await
}

async fn submission_by(app: &TestApp, survey: i64, steward: Option<i64>) {
    let db = db(app).await;
    response::ActiveModel {
        survey_id: Set(survey),
        submission_id: Set(uuid::Uuid::new_v4().to_string()),
        receipt: Set(uuid::Uuid::new_v4().simple().to_string()),
        submitted_at: Set(chrono::Utc::now()),
        mode: Set("self".into()),
        channel: Set("link".into()),
        steward_id: Set(steward),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    db.close().await.unwrap();
}

#[tokio::test]
async fn my_feedback_forms_lists_only_my_projects_open_forms_and_my_own_submissions() {
    let app = spawn_app().await;
    let mine = named_feedback(&app, "After the session", Status::Open).await;
    let closed = named_feedback(&app, "Last term's check-in", Status::Closed).await;
    let theirs = named_feedback(&app, "Another team's form", Status::Open).await;
    let (client, me) = app
        .signed_in_client(Role::Practitioner, "pat@example.org")
        .await;
    let other = app
        .insert_steward(Role::Practitioner, "other@example.org")
        .await;
    let db = db(&app).await;
    for s in [&mine, &closed] {
        chorus::projects::store::set_member(
            &db,
            s.project_id,
            StewardId(me.id),
            MemberRole::Practitioner,
        )
        .await
        .unwrap();
    }
    db.close().await.unwrap();
    submission_by(&app, mine.id.0, Some(me.id)).await;
    submission_by(&app, closed.id.0, Some(other.id)).await;
    submission_by(&app, theirs.id.0, Some(other.id)).await;

    let res = app.get_with(&client, "/feedback").await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert_accessible(&html, "my feedback forms");
    assert_eq!(texts(&html, "a.feedback-form"), vec!["After the session"]);
    assert_eq!(
        texts_attr(&html, "a.feedback-form", "href"),
        vec![format!("/s/{}", mine.slug)]
    );
    assert!(!html.contains("Another team's form") && !html.contains("Another team&#39;s form"));
    let recent: Vec<String> = texts(&html, "ul.list li")
        .into_iter()
        .filter(|t| t.contains('–'))
        .collect();
    assert_eq!(recent.len(), 1, "{recent:?}");
    assert!(recent[0].starts_with("After the session"));
    assert!(html.contains(&format!("href=\"/projects/{}/live\"", mine.project_id.0)));
    assert!(texts_attr(&html, "nav a", "href").contains(&"/feedback".to_owned()));

    // The team board link works for this practitioner.
    let board = app
        .get_with(&client, &format!("/projects/{}/live", mine.project_id.0))
        .await;
    assert_eq!(board.status(), StatusCode::OK);
    assert_eq!(app.get("/feedback").await.status(), StatusCode::SEE_OTHER);
}
