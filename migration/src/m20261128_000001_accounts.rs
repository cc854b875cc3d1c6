//! Steward accounts, their sessions and their API tokens.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Steward::Table)
                    .col(big_pk_auto(Steward::Id))
                    .col(string(Steward::Email).unique_key())
                    .col(string(Steward::Name))
                    .col(string(Steward::Role))
                    .col(string_null(Steward::PasswordHash))
                    .col(boolean(Steward::Disabled).default(false))
                    .col(string_null(Steward::InviteHash).unique_key())
                    .col(timestamp_with_time_zone_null(Steward::InviteExpiresAt))
                    .col(timestamp_with_time_zone(Steward::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Session::Table)
                    .col(big_pk_auto(Session::Id))
                    .col(string(Session::TokenHash).unique_key())
                    .col(big_integer(Session::StewardId))
                    .col(timestamp_with_time_zone(Session::CreatedAt))
                    .col(timestamp_with_time_zone(Session::LastSeenAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Session::Table, Session::StewardId)
                            .to(Steward::Table, Steward::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ApiToken::Table)
                    .col(big_pk_auto(ApiToken::Id))
                    .col(big_integer(ApiToken::StewardId))
                    .col(string(ApiToken::Label))
                    .col(string(ApiToken::TokenHash).unique_key())
                    .col(timestamp_with_time_zone(ApiToken::CreatedAt))
                    .col(timestamp_with_time_zone_null(ApiToken::LastUsedAt))
                    .col(timestamp_with_time_zone_null(ApiToken::RevokedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ApiToken::Table, ApiToken::StewardId)
                            .to(Steward::Table, Steward::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_session_steward")
                    .table(Session::Table)
                    .col(Session::StewardId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ApiToken::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Session::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Steward::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
pub enum Steward {
    Table,
    Id,
    Email,
    Name,
    Role,
    PasswordHash,
    Disabled,
    InviteHash,
    InviteExpiresAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    Id,
    TokenHash,
    StewardId,
    CreatedAt,
    LastSeenAt,
}

#[derive(DeriveIden)]
enum ApiToken {
    Table,
    Id,
    StewardId,
    Label,
    TokenHash,
    CreatedAt,
    LastUsedAt,
    RevokedAt,
}
