//! Coding: keyword coding through the pages, steward decisions that automation never undoes,
//! the queue of learned suggestions, and 404 for another project's answers and codings.

use std::time::Duration;

use chorus::accounts::{Role, StewardId};
use chorus::projects::model::{NewProject, ProjectInput};
use chorus::surveys::{Audience, Layout, NewSurvey, QuestionDef, SurveyKind};
use entity::{answer, coding, question, response};
use reqwest::{Client, StatusCode};
use sea_orm::{ActiveModelTrait, ColumnTrait, Database, EntityTrait, QueryFilter, Set};

use crate::helpers::*;
use crate::runner_fixtures::q;

/// A project with one survey (a long-text question and a choice with "Other"), answered.
pub struct Coded {
    pub app: TestApp,
    pub client: Client,
    pub project: i64,
    pub answers: Vec<i64>,
}

/// Makes a project owned by a signed-in steward, with one text answer per entry of `texts`.
pub async fn project_with_answers(texts: &[&str]) -> Coded {
    let app = spawn_app().await;
    let (client, user) = app
        .signed_in_client(Role::Steward, "coder@example.org")
        .await;
    let project = make_project(&app, user.id, texts).await;
    let db = Database::connect(app.database_url.as_str()).await.unwrap();
    let mut answers: Vec<i64> = answer::Entity::find()
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .filter(|a| a.text.is_some() && a.text.as_deref() != Some("Football"))
        .map(|a| a.id)
        .collect();
    answers.sort();
    db.close().await.unwrap();
    Coded {
        app,
        client,
        project: project.0,
        answers,
    }
}

/// A project owned by `steward` with answers (a "story" text answer each; every third one is
/// an "Other" text answer to a choice question instead).
pub async fn make_project(
    app: &TestApp,
    steward: i64,
    texts: &[&str],
) -> chorus::projects::ProjectId {
    let db = Database::connect(app.database_url.as_str()).await.unwrap();
    let project = NewProject::parse(&ProjectInput {
        title: "Family hubs".into(),
        outcome: "Families feel heard".into(),
        scale: "team".into(),
        description: String::new(),
        safeguarding_lead: "lead@example.org".into(),
    })
    .unwrap();
    let project = chorus::projects::store::create(&db, &project, StewardId(steward))
        .await
        .unwrap();
    let new = NewSurvey {
        kind: SurveyKind::Questionnaire,
        title: "Our hub".into(),
        audience: Audience::Children,
        intro: "Tell us.".into(),
        privacy_notice: chorus::surveys::DEFAULT_PRIVACY_NOTICE.into(),
        layout: Layout::OnePerPage,
        anonymous: true,
        sensitive: false,
        opens_at: None,
        closes_at: None,
        context_prompt: None,
        context_options: vec![],
        questions: [
            q("long_text", "story", false),
            q("single_choice", "club", false),
        ]
        .iter()
        .map(|i| QuestionDef::parse(i).unwrap())
        .collect(),
    };
    let survey = chorus::surveys::store::create(&db, project, &new)
        .await
        .unwrap();
    let qs = question::Entity::find()
        .filter(question::Column::SurveyId.eq(survey.id.0))
        .all(&db)
        .await
        .unwrap();
    let story = qs.iter().find(|q| q.key == "story").unwrap().id;
    let club = qs.iter().find(|q| q.key == "club").unwrap().id;
    for (i, text) in texts.iter().enumerate() {
        let row = response::ActiveModel {
            survey_id: Set(survey.id.0),
            submission_id: Set(uuid::Uuid::new_v4().to_string()),
            receipt: Set(uuid::Uuid::new_v4().simple().to_string()),
            submitted_at: Set(chrono::Utc::now()),
            mode: Set("self".into()),
            channel: Set("link".into()),
            ..Default::default()
        }
        .insert(&db)
        .await
        .unwrap();
        let other = i % 3 == 2;
        answer::ActiveModel {
            response_id: Set(row.id),
            question_id: Set(if other { club } else { story }),
            text: Set(Some((*text).to_owned())),
            choices: Set(other.then(|| "[\"Other\"]".to_owned())),
            ..Default::default()
        }
        .insert(&db)
        .await
        .unwrap();
        if !other {
            // A plain choice answer is not a text answer and never shows on the coding page.
            answer::ActiveModel {
                response_id: Set(row.id),
                question_id: Set(club),
                text: Set(Some("Football".into())),
                ..Default::default()
            }
            .insert(&db)
            .await
            .unwrap();
        }
    }
    db.close().await.unwrap();
    project
}

impl Coded {
    pub async fn get(&self, path: &str) -> (StatusCode, String) {
        let res = self.app.get_with(&self.client, path).await;
        (res.status(), res.text().await.unwrap())
    }

    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> StatusCode {
        self.app
            .post_form_with(&self.client, path, fields)
            .await
            .status()
    }

    /// Creates a theme through the page; returns its id.
    pub async fn create_theme(&self, name: &str, codebook: &str) -> i64 {
        let res = self
            .app
            .post_form_with(
                &self.client,
                &format!("/projects/{}/themes", self.project),
                &[("name", name), ("description", ""), ("codebook", codebook)],
            )
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let loc = res.headers()["location"].to_str().unwrap().to_owned();
        loc.rsplit('/').next().unwrap().parse().unwrap()
    }

    /// Waits until the background coding job is idle, then returns the coding page.
    pub async fn settled_coding_page(&self) -> String {
        let path = format!("/projects/{}/coding", self.project);
        for _ in 0..600 {
            let (status, html) = self.get(&path).await;
            assert_eq!(status, StatusCode::OK);
            if !html.contains("Automatic coding is running") {
                return html;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the coding job did not finish");
    }

    /// The coding rows of an answer: (theme id, source, status).
    pub async fn codings_of(&self, answer: i64) -> Vec<(i64, String, String)> {
        let db = Database::connect(self.app.database_url.as_str())
            .await
            .unwrap();
        let mut rows: Vec<(i64, String, String)> = coding::Entity::find()
            .filter(coding::Column::AnswerId.eq(answer))
            .all(&db)
            .await
            .unwrap()
            .into_iter()
            .map(|c| (c.theme_id, c.source, c.status))
            .collect();
        db.close().await.unwrap();
        rows.sort();
        rows
    }
}

/// The theme names shown on an answer on the coding page.
pub fn themes_on(html: &str, answer: i64) -> Vec<String> {
    texts(html, &format!("#answer-{answer} .answer-themes li strong"))
}

#[tokio::test]
async fn codebook_phrases_code_answers_by_stem_ignoring_punctuation() {
    let c = project_with_answers(&[
        "We WAITED, time after time, for ages",
        "The waiting-times were long",
        "Too long a wait in the queue",
        "Staff were kind",
        "time waiting",
    ])
    .await;
    c.create_theme("Waiting", "waiting times\nqueue").await;
    let html = c.settled_coding_page().await;
    assert_accessible(&html, "coding page");
    let a = &c.answers;
    assert_eq!(themes_on(&html, a[0]), ["Waiting"], "{html}");
    assert_eq!(themes_on(&html, a[1]), ["Waiting"]);
    assert_eq!(
        themes_on(&html, a[2]),
        ["Waiting"],
        "an Other answer is coded too"
    );
    assert!(themes_on(&html, a[3]).is_empty());
    assert!(
        themes_on(&html, a[4]).is_empty(),
        "phrases need their words in order"
    );
    assert!(html.contains("(codebook)"));
    assert!(
        !html.contains(">Football<"),
        "plain choice answers are not text answers"
    );
}

#[tokio::test]
async fn a_steward_removal_survives_recoding_and_a_steward_addition_stays() {
    let c =
        project_with_answers(&["Long waiting times", "Waiting times again", "Nice staff"]).await;
    let waiting = c.create_theme("Waiting", "waiting times").await;
    let staff = c.create_theme("Staff", "").await;
    c.settled_coding_page().await;
    let (a0, a2) = (c.answers[0], c.answers[2]);
    let base = format!("/projects/{}/coding", c.project);
    let w = waiting.to_string();
    let s = staff.to_string();
    assert_eq!(
        c.post(&format!("{base}/{a0}/remove"), &[("theme", &w)])
            .await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        c.post(&format!("{base}/{a2}/add"), &[("theme", &s)]).await,
        StatusCode::SEE_OTHER
    );
    // Changing the codebook recodes every answer; the steward's decisions stand.
    let edit = format!("/projects/{}/themes/{waiting}", c.project);
    let st = c
        .post(
            &edit,
            &[
                ("name", "Waiting"),
                ("description", ""),
                ("codebook", "waiting times\nwait"),
            ],
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let html = c.settled_coding_page().await;
    assert!(themes_on(&html, a0).is_empty(), "{html}");
    assert_eq!(themes_on(&html, c.answers[1]), ["Waiting"]);
    assert_eq!(themes_on(&html, a2), ["Staff"]);
    assert!(
        c.codings_of(a0)
            .await
            .contains(&(waiting, "steward".into(), "rejected".into()))
    );
    assert!(
        c.codings_of(a2)
            .await
            .contains(&(staff, "steward".into(), "accepted".into()))
    );
}

fn training_texts() -> Vec<String> {
    let mut v = Vec::new();
    for i in 0..12 {
        v.push(format!("The staff were kind and friendly {i}"));
        v.push(format!("The food was cold and late {i}"));
    }
    for extra in [
        "Lovely friendly staff",
        "Kind nurses and staff",
        "Cold food again",
        "Late and cold dinner",
    ] {
        v.push(extra.to_owned());
    }
    v
}

#[tokio::test]
async fn the_queue_offers_learned_suggestions_and_a_rejection_never_comes_back() {
    let texts = training_texts();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let c = project_with_answers(&refs).await;
    let staff = c.create_theme("Staff", "").await;
    let food = c.create_theme("Food", "").await;
    let base = format!("/projects/{}/coding", c.project);
    // A steward codes the first 24 answers; the last 4 are left for the learned coder.
    for (i, a) in c.answers.iter().take(24).enumerate() {
        let (keep, drop) = if i % 2 == 0 {
            (staff, food)
        } else {
            (food, staff)
        };
        assert_eq!(
            c.post(&format!("{base}/{a}/add"), &[("theme", &keep.to_string())])
                .await,
            StatusCode::SEE_OTHER
        );
        assert_eq!(
            c.post(
                &format!("{base}/{a}/remove"),
                &[("theme", &drop.to_string())]
            )
            .await,
            StatusCode::SEE_OTHER
        );
    }
    c.settled_coding_page().await;
    let (status, html) = c.get(&format!("{base}/queue")).await;
    assert_eq!(status, StatusCode::OK);
    assert_accessible(&html, "coding queue");
    let actions = texts_attr(&html, "form[action$='/reject']", "action");
    assert!(!actions.is_empty(), "{html}");
    let reject = actions[0].clone();
    let coding_id: i64 = reject.split('/').nth(5).unwrap().parse().unwrap();
    let db = Database::connect(c.app.database_url.as_str())
        .await
        .unwrap();
    let row = coding::Entity::find_by_id(coding_id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    db.close().await.unwrap();
    assert_eq!(c.post(&reject, &[]).await, StatusCode::SEE_OTHER);
    c.settled_coding_page().await;
    let rows = c.codings_of(row.answer_id).await;
    assert!(
        rows.contains(&(row.theme_id, "steward".into(), "rejected".into())),
        "{rows:?}"
    );
    assert!(
        !rows
            .iter()
            .any(|r| r.0 == row.theme_id && r.2 == "suggested"),
        "{rows:?}"
    );
    // Accept the next one: it applies and stays after retraining.
    let (_, html) = c.get(&format!("{base}/queue")).await;
    if let Some(accept) = texts_attr(&html, "form[action$='/accept']", "action").first() {
        let id: i64 = accept.split('/').nth(5).unwrap().parse().unwrap();
        assert_eq!(c.post(accept, &[]).await, StatusCode::SEE_OTHER);
        c.settled_coding_page().await;
        let db = Database::connect(c.app.database_url.as_str())
            .await
            .unwrap();
        let row = coding::Entity::find_by_id(id)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        db.close().await.unwrap();
        assert_eq!(row.status, "accepted");
        assert!(row.confirmed_by.is_some());
    }
}

#[tokio::test]
async fn another_projects_answers_and_codings_are_not_found() {
    let c = project_with_answers(&["Long waiting times"]).await;
    let theme = c.create_theme("Waiting", "waiting times").await;
    c.settled_coding_page().await;
    // A second steward with their own project sees none of it.
    let (other, user) = c
        .app
        .signed_in_client(Role::Steward, "other@example.org")
        .await;
    let theirs = make_project(&c.app, user.id, &["Their answer"]).await.0;
    let p = c.project;
    let a = c.answers[0];
    for path in [
        format!("/projects/{p}/themes"),
        format!("/projects/{p}/themes/{theme}"),
        format!("/projects/{p}/themes/suggestions"),
        format!("/projects/{p}/coding"),
        format!("/projects/{p}/coding/queue"),
        format!("/projects/{theirs}/themes/{theme}"),
    ] {
        let res = c.app.get_with(&other, &path).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let t = theme.to_string();
    for path in [
        format!("/projects/{p}/themes"),
        format!("/projects/{p}/themes/{theme}"),
        format!("/projects/{p}/themes/{theme}/merge"),
        format!("/projects/{p}/themes/{theme}/retire"),
        format!("/projects/{p}/themes/{theme}/restore"),
        format!("/projects/{p}/coding/{a}/add"),
        format!("/projects/{p}/coding/{a}/remove"),
        format!("/projects/{p}/coding/queue/1/accept"),
        format!("/projects/{p}/coding/queue/1/reject"),
        format!("/projects/{theirs}/coding/{a}/add"),
        format!("/projects/{theirs}/themes/{theme}/retire"),
    ] {
        let res = c
            .app
            .post_form_with(&other, &path, &[("theme", &t), ("into", &t), ("name", "x")])
            .await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
    }
    // Nothing changed.
    assert_eq!(
        c.codings_of(a).await,
        [(theme, "keyword".to_owned(), "accepted".to_owned())]
    );
}

#[tokio::test]
async fn a_bad_theme_or_page_is_a_clear_client_error() {
    let c = project_with_answers(&["Long waiting times"]).await;
    let a = c.answers[0];
    let p = c.project;
    assert_eq!(
        c.post(
            &format!("/projects/{p}/coding/{a}/add"),
            &[("theme", "abc")]
        )
        .await,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        c.post(
            &format!("/projects/{p}/coding/{a}/add"),
            &[("theme", "999")]
        )
        .await,
        StatusCode::NOT_FOUND
    );
    let (status, _) = c.get(&format!("/projects/{p}/coding?page=x")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_new_answer_is_coded_soon_after_it_is_sent_without_anyone_opening_a_page() {
    let c = project_with_answers(&["Staff were kind"]).await;
    let theme = c.create_theme("Kindness", "kind").await;
    c.settled_coding_page().await;
    // Open the survey and send a new answer through the public API.
    let db = Database::connect(c.app.database_url.as_str())
        .await
        .unwrap();
    let survey = entity::survey::Entity::find()
        .filter(entity::survey::Column::ProjectId.eq(c.project))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let mut open: entity::survey::ActiveModel = survey.clone().into();
    open.status = Set("open".into());
    open.update(&db).await.unwrap();
    let res = c
        .client
        .post(c.app.url(&format!("/api/v1/s/{}/responses", survey.slug)))
        .json(&serde_json::json!({
            "client_id": uuid::Uuid::new_v4(),
            "answers": {"story": "The people there were so kind to us"}
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let newest = answer::Entity::find()
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .max()
        .unwrap();
    db.close().await.unwrap();
    // No page is opened meanwhile: the response writer asked for the run.
    for _ in 0..200 {
        let codings = c.codings_of(newest).await;
        if !codings.is_empty() {
            assert_eq!(
                codings,
                [(theme, "keyword".to_owned(), "accepted".to_owned())]
            );
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the new answer was not coded within 10 seconds");
}
