//! Each coding carries its answer's question, day and channel, written by every coding writer
//! and filled for old codings by the upgrade, so a theme's share in an experiment is counted
//! from the codings alone and gives the same figures as counting answer by answer.

use migration::{Migrator, MigratorTrait};
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Statement};

use crate::experiment_fixtures::*;
use crate::experiment_tallies::{figures, roll_back_to, send_story, slug, theme_share_from_today};
use crate::helpers::*;

/// Every coding with its answer's facts as stored, and what they should be, read from the
/// answers and responses.
async fn facts(db: &sea_orm::DatabaseConnection) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    let read = |sql: &'static str| async move {
        db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
            .await
            .unwrap()
            .into_iter()
            .map(|r| {
                ["id", "question", "day", "channel"]
                    .map(|c| r.try_get::<String>("", c).unwrap())
                    .to_vec()
            })
            .collect::<Vec<_>>()
    };
    let stored = read(
        "SELECT CAST(c.id AS TEXT) AS id, CAST(c.question_id AS TEXT) AS question, \
         CAST(c.day AS TEXT) AS day, c.channel FROM coding c ORDER BY c.id",
    )
    .await;
    let expected = read(
        "SELECT CAST(c.id AS TEXT) AS id, CAST(a.question_id AS TEXT) AS question, \
         substr(CAST(r.submitted_at AS TEXT), 1, 10) AS day, r.channel \
         FROM coding c JOIN answer a ON a.id = c.answer_id \
         JOIN response r ON r.id = a.response_id ORDER BY c.id",
    )
    .await;
    (stored, expected)
}

#[tokio::test]
async fn every_coding_writer_records_the_answers_question_day_and_channel_and_upgrading_fills_old_codings()
 {
    let lab = lab().await;
    let x = theme_share_from_today(&lab).await;
    let db = connect_db(&lab.app).await;
    let slug = slug(&lab, &db).await;
    // Today ten children write; two about waiting (the codebook's keyword codes them), and a
    // steward puts the theme on a third answer by hand.
    let fine = ["Fine"; 7];
    for story in ["Waiting ages", "I was waiting", "The bus was late"]
        .iter()
        .chain(&fine)
    {
        send_story(&lab, &slug, 3, "yes", story).await;
    }
    let late: i64 = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT id FROM answer WHERE text = 'The bus was late'",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get("", "id")
        .unwrap();
    let res = lab
        .post(
            &format!("/projects/{}/coding/{late}/add", lab.project),
            &[("theme", &lab.theme.to_string())],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // The keyword job runs in the background: wait until today's three count.
    let mut rows = Vec::new();
    for _ in 0..100 {
        rows = figures(&lab, x).await;
        if rows
            .get(1)
            .is_some_and(|r| r.starts_with("During the test1030%"))
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(rows[1].starts_with("During the test1030%"), "{rows:?}");
    assert!(rows[0].starts_with("Before4025%"), "{rows:?}");
    let (stored, expected) = facts(&db).await;
    assert!(stored.len() >= 13, "{stored:?}");
    assert_eq!(stored, expected);
    // Back to before the facts existed, then up again: the upgrade fills every coding, and the
    // figures do not move.
    roll_back_to(&db, "m20261206_000015_coding_facts").await;
    Migrator::up(&db, None).await.unwrap();
    assert_eq!(facts(&db).await, (stored.clone(), stored));
    assert_eq!(figures(&lab, x).await, rows);
    db.close().await.unwrap();
}
