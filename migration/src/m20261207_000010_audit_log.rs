//! The audit log: one row per steward or administrator action that changed something (or
//! downloaded an export), chained by hashes so a changed, missing or reordered row is found by
//! `chorus audit verify`. Ids are given by the appender (the last id plus one, under a lock), not
//! by a sequence, so a rolled-back append can never leave a gap that looks like a deletion.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditEntry::Table)
                    .col(
                        ColumnDef::new(AuditEntry::Id)
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(timestamp_with_time_zone(AuditEntry::At))
                    .col(big_integer_null(AuditEntry::StewardId))
                    .col(string(AuditEntry::Method))
                    .col(string(AuditEntry::Route))
                    .col(text(AuditEntry::Object))
                    .col(big_integer_null(AuditEntry::ProjectId))
                    .col(integer(AuditEntry::Status))
                    .col(string(AuditEntry::PrevHash))
                    .col(string(AuditEntry::Hash))
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_audit_entry_steward", AuditEntry::StewardId),
            ("idx_audit_entry_project", AuditEntry::ProjectId),
            ("idx_audit_entry_at", AuditEntry::At),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(AuditEntry::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AuditEntry::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum AuditEntry {
    Table,
    Id,
    At,
    StewardId,
    Method,
    Route,
    Object,
    ProjectId,
    Status,
    PrevHash,
    Hash,
}
