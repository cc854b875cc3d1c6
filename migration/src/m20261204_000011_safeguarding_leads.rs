//! Safeguarding leads: nothing about a flag disappears (answer and response links become
//! nullable with ON DELETE SET NULL, and the flag records when the answer was deleted), each
//! flag has a review outcome and a reminder mark, audit entries may come from no account (the
//! respondent), and each project has safeguarding settings (backup address, review hours).
//!
//! SQLite cannot alter a foreign key, so there the flag and audit tables are rebuilt: create
//! the new table, copy every row, drop the old one, rename, recreate the indexes. PostgreSQL
//! drops and re-adds the constraints in place. Flags reviewed before this migration get the
//! outcome "no_concern", the one outcome that releases an answer, as "reviewed" did.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

const FLAG_COLUMNS: &str = "id, answer_id, response_id, survey_id, project_id, category, phrase, flagged_at, reviewed_by, reviewed_at, review_note";
const AUDIT_COLUMNS: &str = "id, flag_id, project_id, steward_id, action, note, at";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    // On SQLite too: the rebuild must run on one connection, all or nothing (sea-orm runs
    // SQLite migrations outside a transaction by default, statement by statement on the pool).
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        if db.get_database_backend() == DbBackend::Sqlite {
            rebuild_flags(manager, true).await?;
            rebuild_audit(manager, true).await?;
        } else {
            drop_flag_foreign_keys(manager).await?;
            for sql in [
                "ALTER TABLE safeguarding_flag ALTER COLUMN answer_id DROP NOT NULL",
                "ALTER TABLE safeguarding_flag ALTER COLUMN response_id DROP NOT NULL",
                "ALTER TABLE safeguarding_audit ALTER COLUMN steward_id DROP NOT NULL",
            ] {
                db.execute_unprepared(sql).await?;
            }
            add_flag_foreign_keys(manager, ForeignKeyAction::SetNull).await?;
        }
        for column in [
            ColumnDef::new(Flag::Outcome).string().null().to_owned(),
            ColumnDef::new(Flag::AnswerDeletedAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
            ColumnDef::new(Flag::RemindedAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Flag::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        db.execute_unprepared(
            "UPDATE safeguarding_flag SET outcome = 'no_concern' WHERE reviewed_at IS NOT NULL",
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(Setting::Table)
                    .col(big_integer(Setting::ProjectId).primary_key())
                    .col(string_null(Setting::BackupEmail))
                    .col(integer(Setting::ReviewHours))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        manager
            .drop_table(Table::drop().table(Setting::Table).to_owned())
            .await?;
        // Flags whose answer is gone cannot point at it again; audit entries without an
        // account cannot be kept under a NOT NULL steward.
        db.execute_unprepared(
            "DELETE FROM safeguarding_flag WHERE answer_id IS NULL OR response_id IS NULL",
        )
        .await?;
        db.execute_unprepared("DELETE FROM safeguarding_audit WHERE steward_id IS NULL")
            .await?;
        for column in [Flag::Outcome, Flag::AnswerDeletedAt, Flag::RemindedAt] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Flag::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        if db.get_database_backend() == DbBackend::Sqlite {
            rebuild_flags(manager, false).await?;
            rebuild_audit(manager, false).await
        } else {
            drop_flag_foreign_keys(manager).await?;
            for sql in [
                "ALTER TABLE safeguarding_flag ALTER COLUMN answer_id SET NOT NULL",
                "ALTER TABLE safeguarding_flag ALTER COLUMN response_id SET NOT NULL",
                "ALTER TABLE safeguarding_audit ALTER COLUMN steward_id SET NOT NULL",
            ] {
                db.execute_unprepared(sql).await?;
            }
            add_flag_foreign_keys(manager, ForeignKeyAction::Cascade).await
        }
    }
}

fn link(column: Flag, to: (Parent, Parent), action: ForeignKeyAction) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_safeguarding_flag_{}", column.to_string()))
        .from(Flag::Table, column)
        .to(to.0, to.1)
        .on_delete(action)
        .to_owned()
}

/// The flag table's shape: `keep` = nullable links that survive deletion (SET NULL), otherwise
/// the original NOT NULL links with CASCADE.
fn flag_table(name: Flag, keep: bool) -> TableCreateStatement {
    let action = if keep {
        ForeignKeyAction::SetNull
    } else {
        ForeignKeyAction::Cascade
    };
    let link_col = |c: Flag| {
        if keep {
            big_integer_null(c)
        } else {
            big_integer(c)
        }
    };
    let mut answer = link(Flag::AnswerId, (Parent::Answer, Parent::Id), action);
    let mut response = link(Flag::ResponseId, (Parent::Response, Parent::Id), action);
    Table::create()
        .table(name)
        .col(big_pk_auto(Flag::Id))
        .col(link_col(Flag::AnswerId))
        .col(link_col(Flag::ResponseId))
        .col(big_integer(Flag::SurveyId))
        .col(big_integer(Flag::ProjectId))
        .col(string(Flag::Category))
        .col(string(Flag::Phrase))
        .col(timestamp_with_time_zone(Flag::FlaggedAt))
        .col(big_integer_null(Flag::ReviewedBy))
        .col(timestamp_with_time_zone_null(Flag::ReviewedAt))
        .col(text_null(Flag::ReviewNote))
        .foreign_key(&mut answer)
        .foreign_key(&mut response)
        .to_owned()
}

async fn copy_and_swap(
    manager: &SchemaManager<'_>,
    table: &str,
    columns: &str,
) -> Result<(), DbErr> {
    let db = manager.get_connection();
    db.execute_unprepared(&format!(
        "INSERT INTO {table}_new ({columns}) SELECT {columns} FROM {table}"
    ))
    .await?;
    db.execute_unprepared(&format!("DROP TABLE {table}"))
        .await?;
    db.execute_unprepared(&format!("ALTER TABLE {table}_new RENAME TO {table}"))
        .await?;
    Ok(())
}

async fn rebuild_flags(manager: &SchemaManager<'_>, keep: bool) -> Result<(), DbErr> {
    manager
        .create_table(flag_table(Flag::TableNew, keep))
        .await?;
    copy_and_swap(manager, "safeguarding_flag", FLAG_COLUMNS).await?;
    manager
        .create_index(
            Index::create()
                .name("idx_safeguarding_flag_project")
                .table(Flag::Table)
                .col(Flag::ProjectId)
                .col(Flag::ReviewedAt)
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_safeguarding_flag_response")
                .table(Flag::Table)
                .col(Flag::ResponseId)
                .to_owned(),
        )
        .await
}

async fn rebuild_audit(manager: &SchemaManager<'_>, keep: bool) -> Result<(), DbErr> {
    let steward = if keep {
        big_integer_null(Audit::StewardId)
    } else {
        big_integer(Audit::StewardId)
    };
    manager
        .create_table(
            Table::create()
                .table(Audit::TableNew)
                .col(big_pk_auto(Audit::Id))
                .col(big_integer(Audit::FlagId))
                .col(big_integer(Audit::ProjectId))
                .col(steward)
                .col(string(Audit::Action))
                .col(text_null(Audit::Note))
                .col(timestamp_with_time_zone(Audit::At))
                .to_owned(),
        )
        .await?;
    copy_and_swap(manager, "safeguarding_audit", AUDIT_COLUMNS).await?;
    manager
        .create_index(
            Index::create()
                .name("idx_safeguarding_audit_project")
                .table(Audit::Table)
                .col(Audit::ProjectId)
                .to_owned(),
        )
        .await
}

/// Drops every foreign key on the flag table, whatever PostgreSQL named it.
async fn drop_flag_foreign_keys(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let rows = db
        .query_all_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT conname FROM pg_constraint WHERE conrelid = 'safeguarding_flag'::regclass AND contype = 'f'",
        ))
        .await?;
    for row in rows {
        let name: String = row.try_get("", "conname")?;
        db.execute_unprepared(&format!(
            "ALTER TABLE safeguarding_flag DROP CONSTRAINT \"{}\"",
            name.replace('"', "")
        ))
        .await?;
    }
    Ok(())
}

async fn add_flag_foreign_keys(
    manager: &SchemaManager<'_>,
    action: ForeignKeyAction,
) -> Result<(), DbErr> {
    manager
        .create_foreign_key(link(Flag::AnswerId, (Parent::Answer, Parent::Id), action))
        .await?;
    manager
        .create_foreign_key(link(
            Flag::ResponseId,
            (Parent::Response, Parent::Id),
            action,
        ))
        .await
}

#[derive(DeriveIden, Clone, Copy)]
enum Flag {
    #[sea_orm(iden = "safeguarding_flag")]
    Table,
    #[sea_orm(iden = "safeguarding_flag_new")]
    TableNew,
    Id,
    AnswerId,
    ResponseId,
    SurveyId,
    ProjectId,
    Category,
    Phrase,
    FlaggedAt,
    ReviewedBy,
    ReviewedAt,
    ReviewNote,
    Outcome,
    AnswerDeletedAt,
    RemindedAt,
}

#[derive(DeriveIden)]
enum Audit {
    #[sea_orm(iden = "safeguarding_audit")]
    Table,
    #[sea_orm(iden = "safeguarding_audit_new")]
    TableNew,
    Id,
    FlagId,
    ProjectId,
    StewardId,
    Action,
    Note,
    At,
}

#[derive(DeriveIden)]
enum Setting {
    #[sea_orm(iden = "safeguarding_setting")]
    Table,
    ProjectId,
    BackupEmail,
    ReviewHours,
}

#[derive(DeriveIden, Clone, Copy)]
enum Parent {
    Answer,
    Response,
    Id,
}
