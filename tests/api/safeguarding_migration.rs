//! The safeguarding-leads migration on a database holding flags in the old schema: every flag
//! and audit row survives, reviewed flags become "no concern", and afterwards deleting an
//! answer keeps its flag (ON DELETE SET NULL) where before it took the flag with it.

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;

use crate::helpers::*;
use crate::safeguarding::{api_with, submit_mode, survey_in};

async fn number(db: &sea_orm::DatabaseConnection, sql: &str) -> i64 {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap();
    row.try_get("", "n").unwrap()
}

#[tokio::test]
async fn flags_in_the_old_schema_survive_the_migration_and_outlive_their_answers() {
    let api = api_with(None, "5").await;
    let project = api.project().await;
    let (_, slug) = survey_in(&api, project, |_| {}).await;
    for text in [
        "i want to die",
        "he hits me",
        "there is no food at home most days",
    ] {
        submit_mode(&api, &slug, "self", json!({"feeling": 2, "story": text})).await;
    }
    let db = connect_db(&api.app).await;
    // Back to the schema before this migration, with the data in it (the migrations that came
    // later go first).
    let all = Migrator::migrations();
    let at = all
        .iter()
        .position(|m| m.name().contains("safeguarding_leads"))
        .unwrap();
    Migrator::down(&db, Some(u32::try_from(all.len() - at).unwrap()))
        .await
        .unwrap();
    let applied = Migrator::get_applied_migrations(&db).await.unwrap();
    assert!(
        applied
            .iter()
            .all(|m| !m.name().contains("safeguarding_leads"))
    );
    let flag = number(&db, "SELECT MIN(id) AS n FROM safeguarding_flag").await;
    db.execute_unprepared(&format!(
        "UPDATE safeguarding_flag SET reviewed_by = 1, reviewed_at = flagged_at, review_note = 'ok' WHERE id = {flag}"
    ))
    .await
    .unwrap();
    db.execute_unprepared(&format!(
        "INSERT INTO safeguarding_audit (flag_id, project_id, steward_id, action, note, at) SELECT id, project_id, 1, 'reviewed', 'ok', flagged_at FROM safeguarding_flag WHERE id = {flag}"
    ))
    .await
    .unwrap();

    Migrator::up(&db, None).await.unwrap();
    assert_eq!(
        number(&db, "SELECT COUNT(*) AS n FROM safeguarding_flag").await,
        3
    );
    assert_eq!(
        number(&db, "SELECT COUNT(*) AS n FROM safeguarding_audit").await,
        1
    );
    assert_eq!(
        number(
            &db,
            "SELECT COUNT(*) AS n FROM safeguarding_flag WHERE outcome = 'no_concern'"
        )
        .await,
        1
    );
    assert_eq!(
        number(&db, "SELECT COUNT(*) AS n FROM safeguarding_flag WHERE answer_id IS NOT NULL AND response_id IS NOT NULL").await,
        3
    );
    // New rows still get fresh ids after the rebuild.
    submit_mode(
        &api,
        &slug,
        "self",
        json!({"feeling": 2, "story": "i want to die"}),
    )
    .await;
    assert_eq!(
        number(&db, "SELECT COUNT(*) AS n FROM safeguarding_flag").await,
        4
    );
    // Deleting the answers (as the database would for any reason) keeps every flag.
    db.execute_unprepared("DELETE FROM answer").await.unwrap();
    db.execute_unprepared("DELETE FROM response").await.unwrap();
    assert_eq!(
        number(&db, "SELECT COUNT(*) AS n FROM safeguarding_flag").await,
        4
    );
    assert_eq!(
        number(&db, "SELECT COUNT(*) AS n FROM safeguarding_flag WHERE answer_id IS NULL AND response_id IS NULL").await,
        4
    );
    db.close().await.unwrap();
}
