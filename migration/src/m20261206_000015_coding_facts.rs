//! Each coding carries its answer's question, day (UTC) and channel, which never change once the
//! answer is written, so a theme's share in an experiment counts the theme's codings from one
//! index — without visiting a single answer or response. Existing codings are filled here, once.

use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Fills the facts of codings that lack them from their answers (the coding writers'
/// `themes::coding::store::answer_facts` says the same in Rust).
const BACKFILL: &str = "
    UPDATE coding SET
        question_id = COALESCE((SELECT a.question_id FROM answer a WHERE a.id = coding.answer_id), 0),
        day = COALESCE((SELECT {day} FROM answer a JOIN response r ON r.id = a.response_id
                        WHERE a.id = coding.answer_id), {epoch}),
        channel = COALESCE((SELECT r.channel FROM answer a JOIN response r ON r.id = a.response_id
                            WHERE a.id = coding.answer_id), '')";

const INDEX: &str = "idx_coding_theme_facts";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            big_integer(Coding::QuestionId).default(0).to_owned(),
            date(Coding::Day).default("1970-01-01").to_owned(),
            string(Coding::Channel).default("").to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Coding::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        let db = manager.get_connection();
        let (day, epoch) = match db.get_database_backend() {
            DbBackend::Postgres => (
                "(r.submitted_at AT TIME ZONE 'UTC')::date",
                "DATE '1970-01-01'",
            ),
            // Timestamps are stored as UTC text that begins with the date.
            _ => ("substr(r.submitted_at, 1, 10)", "'1970-01-01'"),
        };
        db.execute_unprepared(&BACKFILL.replace("{day}", day).replace("{epoch}", epoch))
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(Coding::Table)
                    .col(Coding::ThemeId)
                    .col(Coding::Status)
                    .col(Coding::QuestionId)
                    .col(Coding::Day)
                    .col(Coding::Channel)
                    .col(Coding::AnswerId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(INDEX).table(Coding::Table).to_owned())
            .await?;
        for column in [Coding::QuestionId, Coding::Day, Coding::Channel] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Coding::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Coding {
    Table,
    ThemeId,
    Status,
    AnswerId,
    QuestionId,
    Day,
    Channel,
}
