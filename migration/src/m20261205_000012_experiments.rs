//! The learning half begins: `experiment` (a safe-to-fail change with its hypothesis, its
//! pre-registered plan as JSON and the evidence snapshot taken when it was proposed),
//! `reflection` (what practitioners and stewards noticed while it ran), `decision` (every
//! status change and every deviation from the plan: who, when, why and the figures seen — one
//! log for every capability that decides) and `link` (one typed link between any two things,
//! such as a theme and the experiment it prompted).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn project_fk(table: impl IntoIden + Clone, col: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, col)
        .to(Project::Table, Project::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Experiment::Table)
                    .col(big_pk_auto(Experiment::Id))
                    .col(big_integer(Experiment::ProjectId))
                    .col(string(Experiment::Title))
                    .col(text(Experiment::Problem))
                    .col(text(Experiment::IfWe))
                    .col(text(Experiment::ThenWe))
                    .col(text(Experiment::Because))
                    .col(text(Experiment::Change))
                    .col(string(Experiment::Codesigners))
                    .col(integer(Experiment::Children))
                    .col(integer(Experiment::Families))
                    .col(integer(Experiment::Practitioners))
                    .col(string(Experiment::Scale))
                    .col(string(Experiment::Place))
                    .col(text(Experiment::Limits))
                    .col(string(Experiment::Owners))
                    .col(string(Experiment::PlannedStart))
                    .col(string(Experiment::PlannedEnd))
                    .col(string(Experiment::Status))
                    .col(text(Experiment::Plan))
                    .col(text(Experiment::Snapshot))
                    .col(big_integer_null(Experiment::FeedbackSurveyId))
                    .col(big_integer_null(Experiment::PreviousId))
                    .col(big_integer_null(Experiment::CreatedBy))
                    .col(timestamp_with_time_zone(Experiment::CreatedAt))
                    .col(timestamp_with_time_zone(Experiment::UpdatedAt))
                    .foreign_key(&mut project_fk(Experiment::Table, Experiment::ProjectId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_experiment_project")
                    .table(Experiment::Table)
                    .col(Experiment::ProjectId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Reflection::Table)
                    .col(big_pk_auto(Reflection::Id))
                    .col(big_integer(Reflection::ExperimentId))
                    .col(string(Reflection::Role))
                    .col(string(Reflection::Name))
                    .col(text(Reflection::Happened))
                    .col(text(Reflection::Noticed))
                    .col(text(Reflection::Surprised))
                    .col(text(Reflection::Differently))
                    .col(big_integer_null(Reflection::StewardId))
                    .col(timestamp_with_time_zone(Reflection::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Reflection::Table, Reflection::ExperimentId)
                            .to(Experiment::Table, Experiment::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_reflection_experiment")
                    .table(Reflection::Table)
                    .col(Reflection::ExperimentId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Decision::Table)
                    .col(big_pk_auto(Decision::Id))
                    .col(big_integer(Decision::ProjectId))
                    .col(string(Decision::SubjectKind))
                    .col(big_integer(Decision::SubjectId))
                    .col(string(Decision::Kind))
                    .col(string(Decision::FromState))
                    .col(string(Decision::ToState))
                    .col(text(Decision::Rationale))
                    .col(text(Decision::Evidence))
                    .col(big_integer_null(Decision::StewardId))
                    .col(timestamp_with_time_zone(Decision::DecidedAt))
                    .foreign_key(&mut project_fk(Decision::Table, Decision::ProjectId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_decision_subject")
                    .table(Decision::Table)
                    .col(Decision::SubjectKind)
                    .col(Decision::SubjectId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Link::Table)
                    .col(big_pk_auto(Link::Id))
                    .col(big_integer(Link::ProjectId))
                    .col(string(Link::FromKind))
                    .col(big_integer(Link::FromId))
                    .col(string(Link::ToKind))
                    .col(big_integer(Link::ToId))
                    .col(text(Link::Note))
                    .col(big_integer_null(Link::StewardId))
                    .col(timestamp_with_time_zone(Link::CreatedAt))
                    .foreign_key(&mut project_fk(Link::Table, Link::ProjectId))
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            ("idx_link_from", [Link::FromKind, Link::FromId]),
            ("idx_link_to", [Link::ToKind, Link::ToId]),
        ] {
            let mut index = Index::create();
            index.name(name).table(Link::Table);
            for col in cols {
                index.col(col);
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Link::Table.into_iden(),
            Decision::Table.into_iden(),
            Reflection::Table.into_iden(),
            Experiment::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone)]
enum Experiment {
    Table,
    Id,
    ProjectId,
    Title,
    Problem,
    IfWe,
    ThenWe,
    Because,
    Change,
    Codesigners,
    Children,
    Families,
    Practitioners,
    Scale,
    Place,
    Limits,
    Owners,
    PlannedStart,
    PlannedEnd,
    Status,
    Plan,
    Snapshot,
    FeedbackSurveyId,
    PreviousId,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone)]
enum Reflection {
    Table,
    Id,
    ExperimentId,
    Role,
    Name,
    Happened,
    Noticed,
    Surprised,
    Differently,
    StewardId,
    CreatedAt,
}

#[derive(DeriveIden, Clone)]
enum Decision {
    Table,
    Id,
    ProjectId,
    SubjectKind,
    SubjectId,
    Kind,
    FromState,
    ToState,
    Rationale,
    Evidence,
    StewardId,
    DecidedAt,
}

#[derive(DeriveIden, Clone)]
enum Link {
    Table,
    Id,
    ProjectId,
    FromKind,
    FromId,
    ToKind,
    ToId,
    Note,
    StewardId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Project {
    Table,
    Id,
}
