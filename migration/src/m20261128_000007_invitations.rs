//! Invitations by email (with their link and unsubscribe tokens, stored only as hashes), each
//! survey's reminder setting, and stewards' notification preferences.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Invitation::Table)
                    .col(big_pk_auto(Invitation::Id))
                    .col(big_integer(Invitation::SurveyId))
                    .col(string_null(Invitation::Email))
                    .col(timestamp_with_time_zone(Invitation::SentAt))
                    .col(timestamp_with_time_zone_null(Invitation::UsedAt))
                    .col(timestamp_with_time_zone_null(Invitation::RemindedAt))
                    .col(string_null(Invitation::ReminderClaim))
                    .col(timestamp_with_time_zone_null(Invitation::UnsubscribedAt))
                    .col(big_integer_null(Invitation::ResponseId))
                    .col(timestamp_with_time_zone(Invitation::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Invitation::Table, Invitation::SurveyId)
                            .to(Survey::Table, Survey::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .index(
                        Index::create()
                            .name("uq_invitation_survey_email")
                            .col(Invitation::SurveyId)
                            .col(Invitation::Email)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(InvitationToken::Table)
                    .col(big_pk_auto(InvitationToken::Id))
                    .col(string_uniq(InvitationToken::TokenHash))
                    .col(big_integer(InvitationToken::InvitationId))
                    .col(string(InvitationToken::Purpose))
                    .col(timestamp_with_time_zone(InvitationToken::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(InvitationToken::Table, InvitationToken::InvitationId)
                            .to(Invitation::Table, Invitation::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(InvitationSetting::Table)
                    .col(big_integer(InvitationSetting::SurveyId).primary_key())
                    .col(integer(InvitationSetting::ReminderDays))
                    .foreign_key(
                        ForeignKey::create()
                            .from(InvitationSetting::Table, InvitationSetting::SurveyId)
                            .to(Survey::Table, Survey::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NotificationPref::Table)
                    .col(big_integer(NotificationPref::StewardId).primary_key())
                    .col(boolean(NotificationPref::DailyDigest))
                    .col(string_null(NotificationPref::LastDigestDay))
                    .col(timestamp_with_time_zone(NotificationPref::DigestSince))
                    .foreign_key(
                        ForeignKey::create()
                            .from(NotificationPref::Table, NotificationPref::StewardId)
                            .to(Steward::Table, Steward::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            NotificationPref::Table.into_iden(),
            InvitationSetting::Table.into_iden(),
            InvitationToken::Table.into_iden(),
            Invitation::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Invitation {
    Table,
    Id,
    SurveyId,
    Email,
    SentAt,
    UsedAt,
    RemindedAt,
    ReminderClaim,
    UnsubscribedAt,
    ResponseId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum InvitationToken {
    Table,
    Id,
    TokenHash,
    InvitationId,
    Purpose,
    CreatedAt,
}

#[derive(DeriveIden)]
enum InvitationSetting {
    Table,
    SurveyId,
    ReminderDays,
}

#[derive(DeriveIden)]
enum NotificationPref {
    Table,
    StewardId,
    DailyDigest,
    LastDigestDay,
    DigestSince,
}

#[derive(DeriveIden)]
enum Survey {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Steward {
    Table,
    Id,
}
