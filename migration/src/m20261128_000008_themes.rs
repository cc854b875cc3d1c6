//! Themes and coding: `theme` (with a codebook of phrases), `theme_event` (history),
//! `coding` (one theme on one answer, by keyword, learned coder or steward) and
//! `coder_model` (the last trained coder of a project, as JSON).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Theme::Table)
                    .col(big_pk_auto(Theme::Id))
                    .col(big_integer(Theme::ProjectId))
                    .col(string(Theme::Name))
                    .col(text(Theme::Description))
                    .col(text(Theme::Codebook))
                    .col(string(Theme::Status))
                    .col(big_integer_null(Theme::MergedInto))
                    .col(timestamp_with_time_zone(Theme::CreatedAt))
                    .col(timestamp_with_time_zone(Theme::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Theme::Table, Theme::ProjectId)
                            .to(Project::Table, Project::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_theme_project")
                    .table(Theme::Table)
                    .col(Theme::ProjectId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ThemeEvent::Table)
                    .col(big_pk_auto(ThemeEvent::Id))
                    .col(big_integer(ThemeEvent::ThemeId))
                    .col(big_integer_null(ThemeEvent::StewardId))
                    .col(string(ThemeEvent::Action))
                    .col(text(ThemeEvent::Detail))
                    .col(timestamp_with_time_zone(ThemeEvent::At))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ThemeEvent::Table, ThemeEvent::ThemeId)
                            .to(Theme::Table, Theme::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_theme_event_theme")
                    .table(ThemeEvent::Table)
                    .col(ThemeEvent::ThemeId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Coding::Table)
                    .col(big_pk_auto(Coding::Id))
                    .col(big_integer(Coding::AnswerId))
                    .col(big_integer(Coding::ThemeId))
                    .col(string(Coding::Source))
                    .col(double(Coding::Confidence))
                    .col(double_null(Coding::Uncertainty))
                    .col(big_integer_null(Coding::ConfirmedBy))
                    .col(string(Coding::Status))
                    .col(timestamp_with_time_zone(Coding::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Coding::Table, Coding::AnswerId)
                            .to(Answer::Table, Answer::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Coding::Table, Coding::ThemeId)
                            .to(Theme::Table, Theme::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .index(
                        Index::create()
                            .name("uq_coding_answer_theme_source")
                            .col(Coding::AnswerId)
                            .col(Coding::ThemeId)
                            .col(Coding::Source)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_coding_theme")
                    .table(Coding::Table)
                    .col(Coding::ThemeId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CoderModel::Table)
                    .col(big_integer(CoderModel::ProjectId).primary_key())
                    .col(timestamp_with_time_zone(CoderModel::TrainedAt))
                    .col(integer(CoderModel::NExamples))
                    .col(text(CoderModel::Model))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CoderModel::Table, CoderModel::ProjectId)
                            .to(Project::Table, Project::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CoderModel::Table.into_iden(),
            Coding::Table.into_iden(),
            ThemeEvent::Table.into_iden(),
            Theme::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Theme {
    Table,
    Id,
    ProjectId,
    Name,
    Description,
    Codebook,
    Status,
    MergedInto,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ThemeEvent {
    Table,
    Id,
    ThemeId,
    StewardId,
    Action,
    Detail,
    At,
}

#[derive(DeriveIden)]
enum Coding {
    Table,
    Id,
    AnswerId,
    ThemeId,
    Source,
    Confidence,
    Uncertainty,
    ConfirmedBy,
    Status,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CoderModel {
    Table,
    ProjectId,
    TrainedAt,
    NExamples,
    Model,
}

#[derive(DeriveIden)]
enum Project {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Answer {
    Table,
    Id,
}
