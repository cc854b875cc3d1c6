//! In-progress answers for one-question-per-page surveys, kept server-side without accounts:
//! keyed by a hash of a random per-browser cookie token and the survey, and short-lived.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Draft::Table)
                    .col(big_pk_auto(Draft::Id))
                    .col(string(Draft::TokenHash))
                    .col(big_integer(Draft::SurveyId))
                    .col(text(Draft::Data))
                    .col(timestamp_with_time_zone(Draft::UpdatedAt))
                    .col(timestamp_with_time_zone(Draft::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Draft::Table, Draft::SurveyId)
                            .to(Survey::Table, Survey::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .index(
                        Index::create()
                            .name("uq_draft_token_survey")
                            .col(Draft::TokenHash)
                            .col(Draft::SurveyId)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_draft_expires")
                    .table(Draft::Table)
                    .col(Draft::ExpiresAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Draft::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Draft {
    Table,
    Id,
    TokenHash,
    SurveyId,
    Data,
    UpdatedAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum Survey {
    Table,
    Id,
}
