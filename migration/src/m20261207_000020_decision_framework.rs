//! The repeatable decision framework: each project's criteria (`decision_criterion`, started
//! from a template and editable), and on every decision the question asked, the framework part
//! (options considered, each criterion's assessment, who was in the room by role) as JSON, and
//! the date to look at it again.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(DecisionCriterion::Table)
                    .col(big_pk_auto(DecisionCriterion::Id))
                    .col(big_integer(DecisionCriterion::ProjectId))
                    .col(integer(DecisionCriterion::Position))
                    .col(string(DecisionCriterion::Name))
                    .col(text(DecisionCriterion::Question))
                    .foreign_key(
                        ForeignKey::create()
                            .from(DecisionCriterion::Table, DecisionCriterion::ProjectId)
                            .to(Project::Table, Project::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_decision_criterion_project")
                    .table(DecisionCriterion::Table)
                    .col(DecisionCriterion::ProjectId)
                    .col(DecisionCriterion::Position)
                    .to_owned(),
            )
            .await?;
        // SQLite alters one column per statement.
        for col in [
            ColumnDef::new(Decision::Question)
                .text()
                .not_null()
                .default("")
                .to_owned(),
            ColumnDef::new(Decision::Framework)
                .text()
                .not_null()
                .default("{}")
                .to_owned(),
            ColumnDef::new(Decision::ReviewOn).date().null().to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Decision::Table)
                        .add_column(col)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_decision_project_decided")
                    .table(Decision::Table)
                    .col(Decision::ProjectId)
                    .col(Decision::DecidedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_decision_project_decided")
                    .table(Decision::Table)
                    .to_owned(),
            )
            .await?;
        for col in [Decision::ReviewOn, Decision::Framework, Decision::Question] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Decision::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(DecisionCriterion::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum DecisionCriterion {
    Table,
    Id,
    ProjectId,
    Position,
    Name,
    Question,
}

#[derive(DeriveIden)]
enum Decision {
    Table,
    ProjectId,
    DecidedAt,
    Question,
    Framework,
    ReviewOn,
}

#[derive(DeriveIden)]
enum Project {
    Table,
    Id,
}
