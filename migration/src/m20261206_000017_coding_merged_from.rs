//! A coding a merge moved remembers the theme it came from, so restoring that theme moves it
//! back and both themes return to their answers exactly.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Coding::Table)
                    .add_column(big_integer_null(Coding::MergedFrom))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Coding::Table)
                    .drop_column(Coding::MergedFrom)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Coding {
    Table,
    MergedFrom,
}
