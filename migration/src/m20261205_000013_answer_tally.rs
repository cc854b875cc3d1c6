//! `answer_tally`: how many answers each measurable question (faces, scale, rating, yes/no,
//! single choice) got per day, channel and value. The response writer keeps it in the same
//! transaction as the answers, so an experiment's results read a few hundred rows instead of
//! every answer. Free text is never tallied: a choice answered with "Other" counts under an
//! empty value. Existing answers are tallied here, once.

use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The value an answer is tallied under, and which answers are tallied, as SQL (the response
/// writer's `responses::tally::value_of` says the same in Rust).
const BACKFILL: &str = "
    INSERT INTO answer_tally (question_id, day, channel, value, n)
    SELECT a.question_id, {day}, r.channel,
           CASE WHEN q.kind IN ('faces', 'scale', 'rating') THEN CAST(a.number AS TEXT)
                WHEN a.choices IS NULL THEN a.text
                ELSE '' END,
           COUNT(*)
    FROM answer a
    JOIN response r ON r.id = a.response_id
    JOIN question q ON q.id = a.question_id
    WHERE (q.kind IN ('faces', 'scale', 'rating') AND a.number IS NOT NULL)
       OR (q.kind IN ('yes_no', 'single_choice') AND a.text IS NOT NULL)
    GROUP BY 1, 2, 3, 4";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AnswerTally::Table)
                    .col(big_pk_auto(AnswerTally::Id))
                    .col(big_integer(AnswerTally::QuestionId))
                    .col(date(AnswerTally::Day))
                    .col(string(AnswerTally::Channel))
                    .col(text(AnswerTally::Value))
                    .col(big_integer(AnswerTally::N))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AnswerTally::Table, AnswerTally::QuestionId)
                            .to(Question::Table, Question::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_answer_tally_key")
                    .table(AnswerTally::Table)
                    .col(AnswerTally::QuestionId)
                    .col(AnswerTally::Day)
                    .col(AnswerTally::Channel)
                    .col(AnswerTally::Value)
                    .unique()
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        let day = match db.get_database_backend() {
            DbBackend::Postgres => "(r.submitted_at AT TIME ZONE 'UTC')::date",
            // Timestamps are stored as UTC text that begins with the date.
            _ => "substr(r.submitted_at, 1, 10)",
        };
        db.execute_unprepared(&BACKFILL.replace("{day}", day))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AnswerTally::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum AnswerTally {
    Table,
    Id,
    QuestionId,
    Day,
    Channel,
    Value,
    N,
}

#[derive(DeriveIden)]
enum Question {
    Table,
    Id,
}
