//! Connecting to SQLite or PostgreSQL and applying migrations.

use std::sync::Arc;
use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::Connection;
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr, RuntimeErr};

use crate::config::DatabaseUrl;

/// Opens a pool on the configured database. SQLite gets WAL, `synchronous=FULL`, foreign keys
/// and a busy timeout, so an acknowledged write has reached the disk.
pub async fn connect(url: &DatabaseUrl) -> Result<DatabaseConnection, DbErr> {
    if !url.is_sqlite() {
        probe_postgres(url.expose()).await?;
    }
    let mut options = ConnectOptions::new(url.expose().to_owned());
    options
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    if url.is_sqlite() {
        options
            .max_connections(8)
            .min_connections(1)
            .map_sqlx_sqlite_opts(|o| {
                o.journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10))
                    .create_if_missing(true)
            });
    } else {
        options.max_connections(16).min_connections(1);
    }
    Database::connect(options).await
}

/// One direct connection attempt. The pool retries a refused connection until its acquire
/// timeout and then reports only "pool timed out", so a wrong DATABASE_URL would take ten
/// seconds to fail and hide the reason; this fails within seconds and says why.
async fn probe_postgres(url: &str) -> Result<(), DbErr> {
    let attempt = sea_orm::sqlx::PgConnection::connect(url);
    match tokio::time::timeout(Duration::from_secs(5), attempt).await {
        Ok(Ok(conn)) => {
            let _ = conn.close().await;
            Ok(())
        }
        Ok(Err(e)) => Err(DbErr::Conn(RuntimeErr::SqlxError(Arc::new(e)))),
        Err(_) => Err(DbErr::Conn(RuntimeErr::Internal(
            "the database did not answer within 5 seconds".into(),
        ))),
    }
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    Migrator::up(db, None).await
}

/// Starts a transaction that will write. On SQLite it is IMMEDIATE: it takes the write lock at
/// BEGIN, so a writer that commits between our first read and first write (the mail worker
/// claiming a message, say) makes us wait for the busy timeout instead of failing with
/// "database is locked". PostgreSQL ignores the mode.
pub async fn begin_write<C: sea_orm::TransactionTrait>(db: &C) -> Result<C::Transaction, DbErr> {
    db.begin_with_options(sea_orm::TransactionOptions {
        sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}
