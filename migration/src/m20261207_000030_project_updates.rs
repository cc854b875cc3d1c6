//! "You said, we did": each project's update page (a steward's draft and the last published
//! text, public at `/u/{slug}` only once published) and the email addresses of people who asked
//! to hear when it changes (with a secret unsubscribe token; nothing else about them).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProjectUpdate::Table)
                    .col(big_pk_auto(ProjectUpdate::Id))
                    .col(big_integer_uniq(ProjectUpdate::ProjectId))
                    .col(string_null(ProjectUpdate::Slug).unique_key())
                    .col(text(ProjectUpdate::Draft))
                    .col(text_null(ProjectUpdate::Published))
                    .col(big_integer(ProjectUpdate::Version))
                    .col(boolean(ProjectUpdate::IsPublic))
                    .col(timestamp_with_time_zone(ProjectUpdate::UpdatedAt))
                    .col(timestamp_with_time_zone_null(ProjectUpdate::PublishedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProjectUpdate::Table, ProjectUpdate::ProjectId)
                            .to(Project::Table, Project::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(UpdateSubscriber::Table)
                    .col(big_pk_auto(UpdateSubscriber::Id))
                    .col(big_integer(UpdateSubscriber::ProjectId))
                    .col(string(UpdateSubscriber::Email))
                    .col(string_uniq(UpdateSubscriber::Token))
                    .foreign_key(
                        ForeignKey::create()
                            .from(UpdateSubscriber::Table, UpdateSubscriber::ProjectId)
                            .to(Project::Table, Project::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_update_subscriber_once")
                    .table(UpdateSubscriber::Table)
                    .col(UpdateSubscriber::ProjectId)
                    .col(UpdateSubscriber::Email)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(UpdateSubscriber::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ProjectUpdate::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum ProjectUpdate {
    Table,
    Id,
    ProjectId,
    Slug,
    Draft,
    Published,
    Version,
    IsPublic,
    UpdatedAt,
    PublishedAt,
}

#[derive(DeriveIden)]
enum UpdateSubscriber {
    Table,
    Id,
    ProjectId,
    Email,
    Token,
}

#[derive(DeriveIden)]
enum Project {
    Table,
    Id,
}
