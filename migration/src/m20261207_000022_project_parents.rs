//! Learning cycles at five scales: a project may sit inside a wider one (a team inside an
//! organisation, an organisation in a place, a place in a region). One row per project that
//! has a parent; the parent is always of a larger scale, so the nesting can never loop.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProjectParent::Table)
                    .col(big_integer(ProjectParent::ProjectId).primary_key())
                    .col(big_integer(ProjectParent::ParentId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProjectParent::Table, ProjectParent::ProjectId)
                            .to(Project::Table, Project::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProjectParent::Table, ProjectParent::ParentId)
                            .to(Project::Table, Project::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_project_parent_parent")
                    .table(ProjectParent::Table)
                    .col(ProjectParent::ParentId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ProjectParent::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum ProjectParent {
    Table,
    ProjectId,
    ParentId,
}

#[derive(DeriveIden)]
enum Project {
    Table,
    Id,
}
