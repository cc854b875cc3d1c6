//! Projects (systems of interest), their members, surveys, questions, responses and answers.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261128_000001_accounts::Steward;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Project::Table)
                    .col(big_pk_auto(Project::Id))
                    .col(string(Project::Title))
                    .col(text(Project::Outcome))
                    .col(string(Project::Scale))
                    .col(text(Project::Description))
                    .col(string(Project::SafeguardingLead))
                    .col(timestamp_with_time_zone(Project::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProjectMember::Table)
                    .col(big_pk_auto(ProjectMember::Id))
                    .col(big_integer(ProjectMember::ProjectId))
                    .col(big_integer(ProjectMember::StewardId))
                    .col(string(ProjectMember::Role))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProjectMember::Table, ProjectMember::ProjectId)
                            .to(Project::Table, Project::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProjectMember::Table, ProjectMember::StewardId)
                            .to(Steward::Table, Steward::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .index(
                        Index::create()
                            .name("uq_project_member")
                            .col(ProjectMember::ProjectId)
                            .col(ProjectMember::StewardId)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Survey::Table)
                    .col(big_pk_auto(Survey::Id))
                    .col(big_integer(Survey::ProjectId))
                    .col(string(Survey::Slug).unique_key())
                    .col(string(Survey::Kind))
                    .col(string(Survey::Title))
                    .col(string(Survey::Audience))
                    .col(text(Survey::Intro))
                    .col(text(Survey::PrivacyNotice))
                    .col(string(Survey::Status))
                    .col(timestamp_with_time_zone_null(Survey::OpensAt))
                    .col(timestamp_with_time_zone_null(Survey::ClosesAt))
                    .col(string(Survey::Layout))
                    .col(boolean(Survey::Anonymous).default(true))
                    .col(boolean(Survey::Sensitive).default(false))
                    .col(string_null(Survey::ContextPrompt))
                    .col(text(Survey::ContextOptions))
                    .col(timestamp_with_time_zone(Survey::CreatedAt))
                    .col(timestamp_with_time_zone(Survey::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Survey::Table, Survey::ProjectId)
                            .to(Project::Table, Project::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Question::Table)
                    .col(big_pk_auto(Question::Id))
                    .col(big_integer(Question::SurveyId))
                    .col(string(Question::Key))
                    .col(string(Question::Kind))
                    .col(text(Question::Prompt))
                    .col(text(Question::Hint))
                    .col(text(Question::EasyRead))
                    .col(boolean(Question::Required).default(true))
                    .col(text(Question::Options))
                    .col(boolean(Question::AllowOther).default(false))
                    .col(boolean(Question::AllowNone).default(false))
                    .col(integer(Question::Position))
                    .col(boolean(Question::Archived).default(false))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Question::Table, Question::SurveyId)
                            .to(Survey::Table, Survey::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .index(
                        Index::create()
                            .name("uq_question_key")
                            .col(Question::SurveyId)
                            .col(Question::Key)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Response::Table)
                    .col(big_pk_auto(Response::Id))
                    .col(big_integer(Response::SurveyId))
                    .col(string(Response::SubmissionId))
                    .col(string(Response::Receipt).unique_key())
                    .col(timestamp_with_time_zone(Response::SubmittedAt))
                    .col(string(Response::Mode))
                    .col(string(Response::Channel))
                    .col(string_null(Response::Context))
                    .col(big_integer_null(Response::StewardId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Response::Table, Response::SurveyId)
                            .to(Survey::Table, Survey::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Response::Table, Response::StewardId)
                            .to(Steward::Table, Steward::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .index(
                        Index::create()
                            .name("uq_response_submission")
                            .col(Response::SurveyId)
                            .col(Response::SubmissionId)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Answer::Table)
                    .col(big_pk_auto(Answer::Id))
                    .col(big_integer(Answer::ResponseId))
                    .col(big_integer(Answer::QuestionId))
                    .col(integer_null(Answer::Number))
                    .col(text_null(Answer::Text))
                    .col(text_null(Answer::Choices))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Answer::Table, Answer::ResponseId)
                            .to(Response::Table, Response::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Answer::Table, Answer::QuestionId)
                            .to(Question::Table, Question::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, table, col) in [
            (
                "idx_survey_project",
                Survey::Table.into_iden(),
                Survey::ProjectId.into_iden(),
            ),
            (
                "idx_question_survey",
                Question::Table.into_iden(),
                Question::SurveyId.into_iden(),
            ),
            (
                "idx_response_survey",
                Response::Table.into_iden(),
                Response::SurveyId.into_iden(),
            ),
            (
                "idx_answer_response",
                Answer::Table.into_iden(),
                Answer::ResponseId.into_iden(),
            ),
            (
                "idx_answer_question",
                Answer::Table.into_iden(),
                Answer::QuestionId.into_iden(),
            ),
            (
                "idx_member_steward",
                ProjectMember::Table.into_iden(),
                ProjectMember::StewardId.into_iden(),
            ),
        ] {
            manager
                .create_index(Index::create().name(name).table(table).col(col).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Answer::Table.into_iden(),
            Response::Table.into_iden(),
            Question::Table.into_iden(),
            Survey::Table.into_iden(),
            ProjectMember::Table.into_iden(),
            Project::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Project {
    Table,
    Id,
    Title,
    Outcome,
    Scale,
    Description,
    SafeguardingLead,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ProjectMember {
    Table,
    Id,
    ProjectId,
    StewardId,
    Role,
}

#[derive(DeriveIden)]
enum Survey {
    Table,
    Id,
    ProjectId,
    Slug,
    Kind,
    Title,
    Audience,
    Intro,
    PrivacyNotice,
    Status,
    OpensAt,
    ClosesAt,
    Layout,
    Anonymous,
    Sensitive,
    ContextPrompt,
    ContextOptions,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Question {
    Table,
    Id,
    SurveyId,
    Key,
    Kind,
    Prompt,
    Hint,
    EasyRead,
    Required,
    Options,
    AllowOther,
    AllowNone,
    Position,
    Archived,
}

#[derive(DeriveIden)]
enum Response {
    Table,
    Id,
    SurveyId,
    SubmissionId,
    Receipt,
    SubmittedAt,
    Mode,
    Channel,
    Context,
    StewardId,
}

#[derive(DeriveIden)]
enum Answer {
    Table,
    Id,
    ResponseId,
    QuestionId,
    Number,
    Text,
    Choices,
}
