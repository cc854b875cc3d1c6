//! The answer tallies behind experiment results: answers count the moment they are stored,
//! leave when a respondent erases them, and the migration that created the tallies counts the
//! answers already stored exactly as the response writer does.

use chrono::{Datelike, Duration, Utc};
use migration::{Migrator, MigratorTrait};
use reqwest::StatusCode;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, Statement};
use serde_json::{Value, json};

use crate::experiment_fixtures::*;
use crate::helpers::*;

/// The figures of both measures' tables on the experiment page, row by row.
pub async fn figures(lab: &Lab, x: i64) -> Vec<String> {
    let (status, html) = lab
        .get(&format!("/projects/{}/experiments/{x}", lab.project))
        .await;
    assert_eq!(status, StatusCode::OK);
    let mut rows = texts(&html, "#measure-1-table tbody tr");
    rows.extend(texts(&html, "#measure-2-table tbody tr"));
    rows
}

/// Sends one response (with a few words in the story) through the public API and returns its
/// receipt.
async fn send(lab: &Lab, slug: &str, feel: i32, safe: &str) -> String {
    send_story(lab, slug, feel, safe, "It was fine").await
}

pub async fn send_story(lab: &Lab, slug: &str, feel: i32, safe: &str, story: &str) -> String {
    let res = reqwest::Client::new()
        .post(lab.app.url(&format!("/api/v1/s/{slug}/responses")))
        .json(&json!({
            "client_id": uuid::Uuid::new_v4(),
            "mode": "self",
            "answers": {"feel": feel, "safe": safe, "story": story},
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let body: Value = res.json().await.unwrap();
    body["receipt"].as_str().unwrap().to_owned()
}

/// The lab questionnaire's public address.
pub async fn slug(lab: &Lab, db: &sea_orm::DatabaseConnection) -> String {
    entity::survey::Entity::find_by_id(lab.survey)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .slug
}

/// An experiment measuring the lab theme's share (lower is better) before the faces and yes/no
/// measures, September against the four weeks from today.
pub async fn theme_share_from_today(lab: &Lab) -> i64 {
    let x = lab.propose().await;
    let base = format!("/projects/{}/experiments/{x}", lab.project);
    let theme = format!("t:{}", lab.theme);
    let res = lab
        .post(
            &format!("{base}/plan/measures"),
            &[("measure", &theme), ("better", "lower")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    lab.plan(x).await;
    plan_from_today(lab, x).await;
    x
}

/// Re-plans `x` as September against the four weeks from today, so answers sent now count.
pub async fn plan_from_today(lab: &Lab, x: i64) {
    let today = Utc::now().date_naive();
    let end = today + Duration::days(27);
    let (d, m, y) = (today.day(), today.month(), today.year());
    let (ed, em, ey) = (end.day(), end.month(), end.year());
    let s = |n: u32| n.to_string();
    let fields = [
        ("design", "before_after".to_owned()),
        ("baseline_start_day", s(1)),
        ("baseline_start_month", s(9)),
        ("baseline_start_year", "2026".into()),
        ("baseline_end_day", s(30)),
        ("baseline_end_month", s(9)),
        ("baseline_end_year", "2026".into()),
        ("test_start_day", s(d)),
        ("test_start_month", s(m)),
        ("test_start_year", y.to_string()),
        ("test_end_day", s(ed)),
        ("test_end_month", s(em)),
        ("test_end_year", ey.to_string()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let base = format!("/projects/{}/experiments/{x}", lab.project);
    let res = lab.post(&format!("{base}/plan"), &fields).await;
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "{}",
        res.text().await.unwrap()
    );
}

#[tokio::test]
async fn answers_count_in_the_results_as_soon_as_they_are_sent_and_leave_when_erased() {
    let lab = lab().await;
    let x = lab.propose().await;
    lab.plan(x).await;
    plan_from_today(&lab, x).await;
    let db = connect_db(&lab.app).await;
    let slug = slug(&lab, &db).await;
    let mut receipts = Vec::new();
    for (feel, safe) in [
        (5, "yes"),
        (5, "yes"),
        (4, "yes"),
        (4, "no"),
        (3, "yes"),
        (5, "no"),
        (1, "no"),
    ] {
        receipts.push(send(&lab, &slug, feel, safe).await);
    }
    // Seven answers today: mean 27/7 = 3.9 faces; 4 of 7 said yes (57%).
    let rows = figures(&lab, x).await;
    assert!(rows[1].starts_with("During the test73.9"), "{rows:?}");
    assert!(rows[4].starts_with("During the test757%"), "{rows:?}");
    // The very sad face is erased by the child who sent it: 26/6 = 4.3, 4 of 6 (67%).
    let last = receipts.last().unwrap();
    let res = lab
        .app
        .post_form("/receipt/delete", &[("receipt", last), ("confirm", "yes")])
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let rows = figures(&lab, x).await;
    assert!(rows[1].starts_with("During the test64.3"), "{rows:?}");
    assert!(rows[4].starts_with("During the test667%"), "{rows:?}");
    // September is untouched throughout.
    assert!(rows[0].starts_with("Before402.8"), "{rows:?}");
    db.close().await.unwrap();
}

async fn tally_rows(db: &sea_orm::DatabaseConnection) -> Vec<(i64, String, String, String, i64)> {
    let sql = "SELECT question_id, CAST(day AS TEXT) AS day, channel, value, n FROM answer_tally \
               ORDER BY question_id, day, channel, value";
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .into_iter()
        .map(|r| {
            (
                r.try_get("", "question_id").unwrap(),
                r.try_get("", "day").unwrap(),
                r.try_get("", "channel").unwrap(),
                r.try_get("", "value").unwrap(),
                r.try_get("", "n").unwrap(),
            )
        })
        .collect()
}

/// Rolls the schema back to before migration `name` (later migrations go first).
pub async fn roll_back_to(db: &sea_orm::DatabaseConnection, name: &str) {
    let all = Migrator::migrations();
    let at = all.iter().position(|m| m.name() == name).unwrap();
    Migrator::down(db, Some(u32::try_from(all.len() - at).unwrap()))
        .await
        .unwrap();
    let applied = Migrator::get_applied_migrations(db).await.unwrap();
    assert!(applied.iter().all(|m| m.name() != name));
}

#[tokio::test]
async fn upgrading_tallies_the_answers_already_stored_as_the_response_writer_would() {
    let lab = lab().await;
    let x = lab.propose().await;
    lab.plan(x).await;
    // Today's answers through the real writer, beside September's and October's.
    let db = connect_db(&lab.app).await;
    let slug = slug(&lab, &db).await;
    send(&lab, &slug, 2, "no").await;
    send(&lab, &slug, 4, "yes").await;
    let written = tally_rows(&db).await;
    assert!(written.len() > 20, "{written:?}");
    assert!(
        written.iter().any(|(_, _, _, value, _)| value.is_empty()),
        "written answers are tallied under an empty value"
    );
    let shown = figures(&lab, x).await;
    // Back to before the tallies (the table, then written answers joining it), then up again:
    // the migrations count every stored answer.
    roll_back_to(&db, "m20261205_000013_answer_tally").await;
    Migrator::up(&db, None).await.unwrap();
    assert_eq!(tally_rows(&db).await, written);
    assert_eq!(figures(&lab, x).await, shown);
    db.close().await.unwrap();
}

#[tokio::test]
async fn a_themes_share_counts_written_answers_at_once_and_only_codings_in_force() {
    let lab = lab().await;
    let x = theme_share_from_today(&lab).await;
    let db = connect_db(&lab.app).await;
    let slug = slug(&lab, &db).await;
    // Ten children write today, two about waiting; a steward codes those two.
    let mut receipts = Vec::new();
    for i in 0..10 {
        let story = if i < 2 {
            "Waiting for the bus took ages"
        } else {
            "It was fine"
        };
        receipts.push(send_story(&lab, &slug, 4, "yes", story).await);
    }
    let waited: Vec<i64> = entity::answer::Entity::find()
        .filter(entity::answer::Column::Text.eq("Waiting for the bus took ages"))
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(waited.len(), 2);
    let code = |answer: i64, source: &str, status: &str| entity::coding::ActiveModel {
        answer_id: Set(answer),
        theme_id: Set(lab.theme),
        source: Set(source.into()),
        confidence: Set(1.0),
        status: Set(status.into()),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    // The codebook word "waiting" codes them (the keyword job may have done it already).
    let set = |c: entity::coding::ActiveModel| {
        entity::coding::Entity::insert(c).on_conflict(
            OnConflict::columns([
                entity::coding::Column::AnswerId,
                entity::coding::Column::ThemeId,
                entity::coding::Column::Source,
            ])
            .update_column(entity::coding::Column::Status)
            .to_owned(),
        )
    };
    for a in &waited {
        let mut row = code(*a, "keyword", "accepted");
        crate::experiment_fixtures::with_facts(&db, &mut row, *a).await;
        set(row).exec_without_returning(&db).await.unwrap();
    }
    // September: 10 of 40 stories were about waiting; today 2 of 10.
    let rows = figures(&lab, x).await;
    assert!(rows[0].starts_with("Before4025%"), "{rows:?}");
    assert!(rows[1].starts_with("During the test1020%"), "{rows:?}");
    // A steward takes the theme off one of them: it no longer counts.
    set(code(waited[0], "steward", "rejected"))
        .exec_without_returning(&db)
        .await
        .unwrap();
    let rows = figures(&lab, x).await;
    assert!(rows[1].starts_with("During the test1010%"), "{rows:?}");
    // A child who wrote "It was fine" erases their answers: the base shrinks to nine.
    let res = lab
        .app
        .post_form(
            "/receipt/delete",
            &[("receipt", receipts.last().unwrap()), ("confirm", "yes")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let rows = figures(&lab, x).await;
    assert!(rows[1].starts_with("During the test911%"), "{rows:?}");
    assert!(rows[0].starts_with("Before4025%"), "{rows:?}");
    db.close().await.unwrap();
}
