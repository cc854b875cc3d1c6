//! A project ready for experiments: a children's questionnaire (faces, yes/no, a story) with
//! 40 answers in September 2026 and 40 in October 2026 (better in October), a practitioner
//! feedback form, a theme with coded answers, and a practitioner member. In October every
//! second response came by QR code, the rest by link.

use chorus::accounts::{Role, StewardId};
use chorus::projects::model::{MemberRole, NewProject, ProjectInput};
use chorus::surveys::{Audience, Layout, NewSurvey, QuestionDef, SurveyKind};
use chrono::{TimeZone, Utc};
use entity::{answer, coding, question, response, theme};
use reqwest::{Client, StatusCode};
use sea_orm::{ActiveModelTrait, ColumnTrait, Database, EntityTrait, QueryFilter, Set};

use crate::helpers::*;
use crate::runner_fixtures::q;

/// September's faces (1 to 5): mean 2.8.
pub const BEFORE_FACES: [u64; 5] = [5, 10, 15, 8, 2];
/// October's faces: mean 3.725.
pub const AFTER_FACES: [u64; 5] = [1, 4, 10, 15, 10];

pub struct Lab {
    pub app: TestApp,
    pub client: Client,
    pub steward: TestUser,
    pub project: i64,
    pub survey: i64,
    pub faces: i64,
    pub safe: i64,
    pub theme: i64,
    pub feedback: i64,
}

async fn survey(
    db: &sea_orm::DatabaseConnection,
    project: chorus::projects::ProjectId,
    kind: SurveyKind,
    keys: &[(&str, &str)],
) -> i64 {
    let new = NewSurvey {
        kind,
        title: if kind == SurveyKind::Feedback {
            "How did the session go?".into()
        } else {
            "Our hub".into()
        },
        audience: if kind == SurveyKind::Feedback {
            Audience::Practitioners
        } else {
            Audience::Children
        },
        intro: "Tell us.".into(),
        privacy_notice: chorus::surveys::DEFAULT_PRIVACY_NOTICE.into(),
        layout: Layout::OnePerPage,
        anonymous: true,
        sensitive: false,
        opens_at: None,
        closes_at: None,
        context_prompt: None,
        context_options: vec![],
        questions: keys
            .iter()
            .map(|(k, key)| QuestionDef::parse(&q(k, key, false)).unwrap())
            .collect(),
    };
    chorus::surveys::store::create(db, project, &new)
        .await
        .unwrap()
        .id
        .0
}

/// Stores one response with the given answers on `day` of `month` 2026.
/// Puts answer `a`'s question, day and channel on a coding, as the coding writers do.
pub async fn with_facts(db: &sea_orm::DatabaseConnection, row: &mut coding::ActiveModel, a: i64) {
    let id = chorus::themes::model::AnswerId(a);
    let facts = chorus::themes::coding::facts::answer_facts(db, [id])
        .await
        .unwrap();
    facts[&id].apply(row);
}

async fn respond(
    db: &sea_orm::DatabaseConnection,
    survey: i64,
    month: u32,
    day: u32,
    channel: &str,
    answers: &[(i64, Option<i32>, Option<&str>)],
) -> i64 {
    let row = response::ActiveModel {
        survey_id: Set(survey),
        submission_id: Set(uuid::Uuid::new_v4().to_string()),
        receipt: Set(uuid::Uuid::new_v4().simple().to_string()),
        submitted_at: Set(Utc.with_ymd_and_hms(2026, month, day, 10, 0, 0).unwrap()),
        mode: Set("self".into()),
        channel: Set(channel.into()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let mut last = 0;
    // Tallied as the response writer would (the results read the tallies).
    let kinds = chorus::responses::tally::kinds(db, answers.iter().map(|a| a.0).collect())
        .await
        .unwrap();
    let mut tallies = chorus::responses::tally::Tallies::default();
    for (question, number, text) in answers {
        tallies.count(
            kinds[question],
            (*question, row.submitted_at.date_naive(), channel),
            (*number, *text, None),
        );
        last = answer::ActiveModel {
            response_id: Set(row.id),
            question_id: Set(*question),
            number: Set(*number),
            text: Set(text.map(str::to_owned)),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap()
        .id;
    }
    chorus::responses::tally::add(db, &tallies).await.unwrap();
    last
}

/// The lab: everything above, with the steward signed in.
pub async fn lab() -> Lab {
    let app = spawn_app().await;
    let (client, steward) = app.signed_in_client(Role::Steward, "sam@example.org").await;
    let db = Database::connect(app.database_url.as_str()).await.unwrap();
    let input = ProjectInput {
        title: "Family hubs".into(),
        outcome: "Children feel safe and heard".into(),
        scale: "team".into(),
        description: String::new(),
        safeguarding_lead: "lead@example.org".into(),
    };
    let project = chorus::projects::store::create(
        &db,
        &NewProject::parse(&input).unwrap(),
        StewardId(steward.id),
    )
    .await
    .unwrap();
    let s = survey(
        &db,
        project,
        SurveyKind::Questionnaire,
        &[
            ("faces", "feel"),
            ("yes_no", "safe"),
            ("long_text", "story"),
        ],
    )
    .await;
    let feedback = survey(&db, project, SurveyKind::Feedback, &[("faces", "session")]).await;
    entity::survey::Entity::update_many()
        .col_expr(
            entity::survey::Column::Status,
            sea_orm::sea_query::Expr::value("open"),
        )
        .exec(&db)
        .await
        .unwrap();
    let qs = question::Entity::find()
        .filter(question::Column::SurveyId.eq(s))
        .all(&db)
        .await
        .unwrap();
    let id = |k: &str| qs.iter().find(|q| q.key == k).unwrap().id;
    let (faces, safe, story) = (id("feel"), id("safe"), id("story"));
    let t = theme::ActiveModel {
        project_id: Set(project.0),
        name: Set("Waiting".into()),
        description: Set("Waiting too long to be seen".into()),
        codebook: Set("[\"waiting\"]".into()),
        status: Set("active".into()),
        created_at: Set(Utc::now()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap()
    .id;
    for (month, dist, yes) in [(9, BEFORE_FACES, 15), (10, AFTER_FACES, 30)] {
        let mut n = 0;
        for (level, count) in dist.iter().enumerate() {
            for _ in 0..*count {
                n += 1;
                let waiting = n % 4 == 0;
                let story_text = if waiting {
                    "I was waiting a long time"
                } else {
                    "It was fine"
                };
                let channel = if month == 10 && n % 2 == 0 {
                    "qr"
                } else {
                    "link"
                };
                let a = respond(
                    &db,
                    s,
                    month,
                    1 + (n % 28),
                    channel,
                    &[
                        (faces, Some(level as i32 + 1), None),
                        (safe, None, Some(if n <= yes { "yes" } else { "no" })),
                        (story, None, Some(story_text)),
                    ],
                )
                .await;
                if waiting {
                    let mut row = coding::ActiveModel {
                        answer_id: Set(a),
                        theme_id: Set(t),
                        source: Set("steward".into()),
                        confidence: Set(1.0),
                        status: Set("accepted".into()),
                        created_at: Set(Utc::now()),
                        ..Default::default()
                    };
                    // With its answer's question, day and channel, as the coding writers do.
                    with_facts(&db, &mut row, a).await;
                    row.insert(&db).await.unwrap();
                }
            }
        }
    }
    db.close().await.unwrap();
    Lab {
        app,
        client,
        steward,
        project: project.0,
        survey: s,
        faces,
        safe,
        theme: t,
        feedback,
    }
}

impl Lab {
    pub async fn get(&self, path: &str) -> (StatusCode, String) {
        let res = self.app.get_with(&self.client, path).await;
        (res.status(), res.text().await.unwrap())
    }

    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.app.post_form_with(&self.client, path, fields).await
    }

    /// Adds a practitioner member and returns their signed-in client.
    pub async fn practitioner(&self) -> Client {
        let (client, user) = self
            .app
            .signed_in_client(Role::Practitioner, "pat@example.org")
            .await;
        let db = Database::connect(self.app.database_url.as_str())
            .await
            .unwrap();
        chorus::projects::store::set_member(
            &db,
            chorus::projects::ProjectId(self.project),
            StewardId(user.id),
            MemberRole::Practitioner,
        )
        .await
        .unwrap();
        db.close().await.unwrap();
        client
    }

    /// Proposes an experiment through the form, linked to the theme; returns its id.
    pub async fn propose(&self) -> i64 {
        let theme = self.theme.to_string();
        let res = self
            .post(
                &format!("/projects/{}/experiments", self.project),
                &proposal(&theme),
            )
            .await;
        assert_eq!(
            res.status(),
            StatusCode::SEE_OTHER,
            "{}",
            res.text().await.unwrap()
        );
        let location = res.headers()["location"].to_str().unwrap().to_owned();
        location.rsplit('/').next().unwrap().parse().unwrap()
    }

    /// Sets a before/after plan over September and October with two measures.
    pub async fn plan(&self, x: i64) {
        let base = format!("/projects/{}/experiments/{x}", self.project);
        for (measure, better) in [
            (format!("q:{}", self.faces), "higher"),
            (format!("q:{}:yes", self.safe), "higher"),
        ] {
            let res = self
                .post(
                    &format!("{base}/plan/measures"),
                    &[("measure", &measure), ("better", better)],
                )
                .await;
            assert_eq!(
                res.status(),
                StatusCode::SEE_OTHER,
                "{}",
                res.text().await.unwrap()
            );
        }
        let res = self.post(&format!("{base}/plan"), &PLAN).await;
        assert_eq!(
            res.status(),
            StatusCode::SEE_OTHER,
            "{}",
            res.text().await.unwrap()
        );
    }

    /// Records a decision through the form.
    pub async fn decide(&self, x: i64, to: &str, why: &str) -> reqwest::Response {
        self.post(
            &format!("/projects/{}/experiments/{x}/decide", self.project),
            &[("to", to), ("rationale", why)],
        )
        .await
    }
}

/// A before/after plan: September against October 2026.
pub const PLAN: [(&str, &str); 13] = [
    ("design", "before_after"),
    ("baseline_start_day", "1"),
    ("baseline_start_month", "9"),
    ("baseline_start_year", "2026"),
    ("baseline_end_day", "30"),
    ("baseline_end_month", "9"),
    ("baseline_end_year", "2026"),
    ("test_start_day", "1"),
    ("test_start_month", "10"),
    ("test_start_year", "2026"),
    ("test_end_day", "31"),
    ("test_end_month", "10"),
    ("test_end_year", "2026"),
];

/// A complete proposal linked to `theme`.
pub fn proposal(theme: &str) -> Vec<(&'static str, &str)> {
    vec![
        ("title", "Evening drop-in"),
        ("themes", theme),
        ("if_we", "open the hub on Tuesday evenings"),
        (
            "then_we",
            "children will wait less and feel better about coming",
        ),
        (
            "because",
            "they told us school hours clash with opening hours",
        ),
        ("change", "The hub opens 5pm to 8pm on Tuesdays"),
        ("codesigners", "children"),
        ("codesigners", "practitioners"),
        ("children", "6"),
        ("practitioners", "3"),
        ("scale", "team"),
        ("place", "Riverside family hub"),
        (
            "limits",
            "Fewer than two families come for three weeks running",
        ),
        ("owners", "Hub team leader"),
        ("planned_start_day", "1"),
        ("planned_start_month", "10"),
        ("planned_start_year", "2026"),
        ("planned_end_day", "31"),
        ("planned_end_month", "10"),
        ("planned_end_year", "2026"),
    ]
}
