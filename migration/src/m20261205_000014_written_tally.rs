//! Written answers join the answer tallies: each short or long text answer counts under an empty
//! value (its words never enter the table), as "Other" already did, so a theme's share of the
//! written answers has its base in a few tally rows instead of every answer. Existing written
//! answers are tallied here, once. The coded answers of a theme are read from an index of the
//! codings by theme and status that holds the answer, so the codings table is never visited.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Which answers are written and how they are tallied, as SQL (the response writer's
/// `responses::tally::value_of` says the same in Rust).
const BACKFILL: &str = "
    INSERT INTO answer_tally (question_id, day, channel, value, n)
    SELECT a.question_id, {day}, r.channel, '', COUNT(*)
    FROM answer a
    JOIN response r ON r.id = a.response_id
    JOIN question q ON q.id = a.question_id
    WHERE q.kind IN ('short_text', 'long_text') AND a.text IS NOT NULL
    GROUP BY 1, 2, 3";

const REMOVE: &str = "
    DELETE FROM answer_tally
    WHERE question_id IN (SELECT id FROM question WHERE kind IN ('short_text', 'long_text'))";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let day = match db.get_database_backend() {
            DbBackend::Postgres => "(r.submitted_at AT TIME ZONE 'UTC')::date",
            // Timestamps are stored as UTC text that begins with the date.
            _ => "substr(r.submitted_at, 1, 10)",
        };
        // Run twice (down then up), the rows are removed first so they are never counted twice.
        db.execute_unprepared(REMOVE).await?;
        db.execute_unprepared(&BACKFILL.replace("{day}", day))
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(Coding::Table)
                    .col(Coding::ThemeId)
                    .col(Coding::Status)
                    .col(Coding::AnswerId)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(INDEX).table(Coding::Table).to_owned())
            .await?;
        manager.get_connection().execute_unprepared(REMOVE).await?;
        Ok(())
    }
}

const INDEX: &str = "idx_coding_theme_status_answer";

#[derive(DeriveIden)]
enum Coding {
    Table,
    ThemeId,
    Status,
    AnswerId,
}
