//! Help for children and families: one local contact per project (a name, a phone number and
//! when it is answered), shown beside Childline and 999 on every page of a children's or
//! families' survey. Nothing about respondents is stored here.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(HelpContact::Table)
                    .col(big_integer(HelpContact::ProjectId).primary_key())
                    .col(string(HelpContact::Name))
                    .col(string(HelpContact::Phone))
                    .col(string(HelpContact::Hours))
                    .col(timestamp_with_time_zone(HelpContact::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(HelpContact::Table, HelpContact::ProjectId)
                            .to(Project::Table, Project::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(HelpContact::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum HelpContact {
    Table,
    ProjectId,
    Name,
    Phone,
    Hours,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Project {
    Table,
    Id,
}
