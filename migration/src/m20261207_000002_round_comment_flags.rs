//! A safeguarding flag can point at a "Have your say" comment: `safeguarding_flag` gains a
//! nullable `round_comment_id` (such flags have no answer or response and a `survey_id` of 0),
//! so the lead reviews comments on the same pages, with the same alerts, as answers.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Flag::Table)
                    .add_column(big_integer_null(Flag::RoundCommentId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_safeguarding_flag_round_comment")
                    .table(Flag::Table)
                    .col(Flag::RoundCommentId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DELETE FROM safeguarding_flag WHERE round_comment_id IS NOT NULL")
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_safeguarding_flag_round_comment")
                    .table(Flag::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Flag::Table)
                    .drop_column(Flag::RoundCommentId)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Flag {
    #[sea_orm(iden = "safeguarding_flag")]
    Table,
    RoundCommentId,
}
