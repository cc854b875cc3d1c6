//! What participant representatives think of a decision: one opinion per person per decision
//! (agree, not sure, disagree) with an optional note; saying it again changes it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(DecisionOpinion::Table)
                    .col(big_pk_auto(DecisionOpinion::Id))
                    .col(big_integer(DecisionOpinion::DecisionId))
                    .col(big_integer(DecisionOpinion::StewardId))
                    .col(string(DecisionOpinion::Opinion))
                    .col(text(DecisionOpinion::Note))
                    .col(timestamp_with_time_zone(DecisionOpinion::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(DecisionOpinion::Table, DecisionOpinion::DecisionId)
                            .to(Decision::Table, Decision::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(DecisionOpinion::Table, DecisionOpinion::StewardId)
                            .to(Steward::Table, Steward::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_decision_opinion_one_each")
                    .table(DecisionOpinion::Table)
                    .col(DecisionOpinion::DecisionId)
                    .col(DecisionOpinion::StewardId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(DecisionOpinion::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum DecisionOpinion {
    Table,
    Id,
    DecisionId,
    StewardId,
    Opinion,
    Note,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Decision {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Steward {
    Table,
    Id,
}
