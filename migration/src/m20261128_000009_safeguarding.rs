//! Safeguarding: a flag per text answer the scanner matched (kept out of shared views until a
//! steward reviews it), and an audit log of every review.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SafeguardingFlag::Table)
                    .col(big_pk_auto(SafeguardingFlag::Id))
                    .col(big_integer(SafeguardingFlag::AnswerId))
                    .col(big_integer(SafeguardingFlag::ResponseId))
                    .col(big_integer(SafeguardingFlag::SurveyId))
                    .col(big_integer(SafeguardingFlag::ProjectId))
                    .col(string(SafeguardingFlag::Category))
                    .col(string(SafeguardingFlag::Phrase))
                    .col(timestamp_with_time_zone(SafeguardingFlag::FlaggedAt))
                    .col(big_integer_null(SafeguardingFlag::ReviewedBy))
                    .col(timestamp_with_time_zone_null(SafeguardingFlag::ReviewedAt))
                    .col(text_null(SafeguardingFlag::ReviewNote))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SafeguardingFlag::Table, SafeguardingFlag::AnswerId)
                            .to(Answer::Table, Answer::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SafeguardingFlag::Table, SafeguardingFlag::ResponseId)
                            .to(Response::Table, Response::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_safeguarding_flag_project")
                    .table(SafeguardingFlag::Table)
                    .col(SafeguardingFlag::ProjectId)
                    .col(SafeguardingFlag::ReviewedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_safeguarding_flag_response")
                    .table(SafeguardingFlag::Table)
                    .col(SafeguardingFlag::ResponseId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SafeguardingAudit::Table)
                    .col(big_pk_auto(SafeguardingAudit::Id))
                    .col(big_integer(SafeguardingAudit::FlagId))
                    .col(big_integer(SafeguardingAudit::ProjectId))
                    .col(big_integer(SafeguardingAudit::StewardId))
                    .col(string(SafeguardingAudit::Action))
                    .col(text_null(SafeguardingAudit::Note))
                    .col(timestamp_with_time_zone(SafeguardingAudit::At))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_safeguarding_audit_project")
                    .table(SafeguardingAudit::Table)
                    .col(SafeguardingAudit::ProjectId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SafeguardingAudit::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(SafeguardingFlag::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum SafeguardingFlag {
    Table,
    Id,
    AnswerId,
    ResponseId,
    SurveyId,
    ProjectId,
    Category,
    Phrase,
    FlaggedAt,
    ReviewedBy,
    ReviewedAt,
    ReviewNote,
}

#[derive(DeriveIden)]
enum SafeguardingAudit {
    Table,
    Id,
    FlagId,
    ProjectId,
    StewardId,
    Action,
    Note,
    At,
}

#[derive(DeriveIden)]
enum Answer {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Response {
    Table,
    Id,
}
