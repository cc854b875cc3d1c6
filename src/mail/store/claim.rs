//! Claiming due messages: one atomic statement moves them to `sending` under this instance's
//! id (`FOR UPDATE SKIP LOCKED` on PostgreSQL).

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use entity::outbox;
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType, Query};
use sea_orm::{
    ColumnTrait, Condition, DatabaseBackend, DatabaseConnection, DbErr, EntityTrait, QueryFilter,
};

use crate::mail::model::{ClaimedMessage, MailKind, MessageId, OutboxId, OutboxStatus};

fn due(now: DateTime<Utc>, lease: Duration) -> Condition {
    let stale = now - chrono::Duration::from_std(lease).unwrap_or(chrono::Duration::minutes(5));
    Condition::any()
        .add(
            Condition::all()
                .add(outbox::Column::Status.eq(OutboxStatus::Pending.as_str()))
                .add(outbox::Column::NextAttemptAt.lte(now)),
        )
        .add(
            Condition::all()
                .add(outbox::Column::Status.eq(OutboxStatus::Sending.as_str()))
                .add(outbox::Column::ClaimedAt.lt(stale)),
        )
}

/// Claims up to `limit` due messages for the worker `instance`: pending ones whose time has
/// come, and ones left in `sending` longer than `lease` (their worker died mid-send). Each
/// claim counts as an attempt.
pub async fn claim_due(
    db: &DatabaseConnection,
    instance: &str,
    lease: Duration,
    limit: u64,
) -> Result<Vec<ClaimedMessage>, DbErr> {
    let now = Utc::now();
    let postgres = db.get_database_backend() == DatabaseBackend::Postgres;
    let claim = claim_statement(postgres, instance, now, lease, limit);
    let txn = crate::db::begin_write(db).await?;
    let rows = if postgres {
        claim.exec_with_returning(&txn).await?
    } else {
        claim.exec(&txn).await?;
        outbox::Entity::find()
            .filter(outbox::Column::Status.eq(OutboxStatus::Sending.as_str()))
            .filter(outbox::Column::ClaimedBy.eq(instance))
            .filter(outbox::Column::ClaimedAt.eq(now))
            .all(&txn)
            .await?
    };
    txn.commit().await?;
    let mut claimed: Vec<ClaimedMessage> = rows.into_iter().map(to_claimed).collect();
    claimed.sort_by_key(|m| m.id);
    Ok(claimed)
}

/// `UPDATE outbox SET status = 'sending', … WHERE id IN (SELECT id … LIMIT n)`, with
/// `FOR UPDATE SKIP LOCKED` on the inner select when `postgres`.
fn claim_statement(
    postgres: bool,
    instance: &str,
    now: DateTime<Utc>,
    lease: Duration,
    limit: u64,
) -> sea_orm::UpdateMany<outbox::Entity> {
    let mut pick = Query::select();
    pick.column(outbox::Column::Id)
        .from(outbox::Entity)
        .cond_where(due(now, lease))
        .order_by(outbox::Column::NextAttemptAt, sea_orm::Order::Asc)
        .order_by(outbox::Column::Id, sea_orm::Order::Asc)
        .limit(limit);
    if postgres {
        pick.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    outbox::Entity::update_many()
        .col_expr(
            outbox::Column::Status,
            Expr::value(OutboxStatus::Sending.as_str()),
        )
        .col_expr(outbox::Column::ClaimedBy, Expr::value(instance))
        .col_expr(outbox::Column::ClaimedAt, Expr::value(now))
        .col_expr(
            outbox::Column::Attempts,
            Expr::col(outbox::Column::Attempts).add(1),
        )
        .filter(outbox::Column::Id.in_subquery(pick))
}

fn to_claimed(row: outbox::Model) -> ClaimedMessage {
    let headers: BTreeMap<String, String> = serde_json::from_str(&row.headers).unwrap_or_default();
    ClaimedMessage {
        id: OutboxId(row.id),
        to: row.recipient,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
        headers,
        kind: MailKind::parse(&row.kind).unwrap_or(MailKind::Test),
        message_id: MessageId::from_stored(row.message_id),
        attempts: u32::try_from(row.attempts).unwrap_or(u32::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::QueryTrait;

    #[test]
    fn postgresql_claims_skip_rows_another_worker_has_locked() {
        let now = Utc::now();
        let lease = Duration::from_secs(300);
        let pg = claim_statement(true, "a", now, lease, 10)
            .build(DatabaseBackend::Postgres)
            .to_string();
        assert!(pg.starts_with("UPDATE \"outbox\" SET"), "{pg}");
        assert!(pg.contains("FOR UPDATE SKIP LOCKED"), "{pg}");
        let sqlite = claim_statement(false, "a", now, lease, 10)
            .build(DatabaseBackend::Sqlite)
            .to_string();
        assert!(!sqlite.contains("FOR UPDATE"), "{sqlite}");
        assert!(sqlite.contains("LIMIT"), "{sqlite}");
    }
}
