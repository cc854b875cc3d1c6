//! The outbox in the database: queueing, claiming, and recording what happened.
//!
//! Claiming is the heart of "nothing lost, nothing sent twice": a worker moves due rows to
//! `sending` under its own instance id in one atomic statement, so no other worker takes them.
//! On PostgreSQL the rows are picked with `FOR UPDATE SKIP LOCKED`, so several instances can
//! share one outbox without waiting on each other; SQLite has a single writer, and the same
//! `UPDATE … WHERE id IN (…)` statement is atomic there too.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use entity::outbox;
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType, Query};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, DatabaseConnection,
    DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::mail::model::{
    ClaimedMessage, MailKind, MessageId, OutboxId, OutboxStatus, OutgoingMessage, QueuedMessage,
    SendErrorKind, StatusCounts,
};

/// Queues a message. Call it on the same transaction as the change that causes the message,
/// so the message exists exactly when that change does; then wake the worker (after commit).
pub async fn enqueue<C: ConnectionTrait>(
    db: &C,
    message: &OutgoingMessage,
) -> Result<OutboxId, DbErr> {
    let now = Utc::now();
    let headers = serde_json::to_string(&message.headers)
        .map_err(|e| DbErr::Custom(format!("encoding mail headers: {e}")))?;
    let row = outbox::ActiveModel {
        recipient: Set(message.to.clone()),
        subject: Set(message.subject.clone()),
        text_body: Set(message.text.clone()),
        html_body: Set(message.html.clone()),
        headers: Set(headers),
        kind: Set(message.kind.as_str().to_owned()),
        status: Set(OutboxStatus::Pending.as_str().to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        created_at: Set(now),
        message_id: Set(message.message_id.as_str().to_owned()),
        ..Default::default()
    };
    let done = outbox::Entity::insert(row).exec(db).await?;
    Ok(OutboxId(done.last_insert_id))
}

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

/// Only the worker holding the claim may record the outcome.
fn held_by(id: OutboxId, instance: &str) -> Condition {
    Condition::all()
        .add(outbox::Column::Id.eq(id.0))
        .add(outbox::Column::Status.eq(OutboxStatus::Sending.as_str()))
        .add(outbox::Column::ClaimedBy.eq(instance))
}

/// Records that the server accepted the message. A respondent's resume message is scrubbed
/// at once: only the recipient's domain is kept, and the bodies (which hold the code) go.
pub async fn mark_sent<C: ConnectionTrait>(
    db: &C,
    id: OutboxId,
    instance: &str,
) -> Result<(), DbErr> {
    outbox::Entity::update_many()
        .col_expr(
            outbox::Column::Status,
            Expr::value(OutboxStatus::Sent.as_str()),
        )
        .col_expr(outbox::Column::SentAt, Expr::value(Utc::now()))
        .col_expr(
            outbox::Column::LastError,
            Expr::value(Option::<String>::None),
        )
        .filter(held_by(id, instance))
        .exec(db)
        .await?;
    scrub_resume(db, id).await
}

/// Replaces a sent resume message's recipient with its domain and removes its bodies.
async fn scrub_resume<C: ConnectionTrait>(db: &C, id: OutboxId) -> Result<(), DbErr> {
    let Some(row) = outbox::Entity::find_by_id(id.0)
        .filter(outbox::Column::Kind.eq(MailKind::Resume.as_str()))
        .filter(outbox::Column::Status.eq(OutboxStatus::Sent.as_str()))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let domain = crate::mail::model::domain_of(&row.recipient).to_owned();
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Recipient, Expr::value(domain))
        .col_expr(
            outbox::Column::TextBody,
            Expr::value("(removed after sending)"),
        )
        .col_expr(
            outbox::Column::HtmlBody,
            Expr::value("(removed after sending)"),
        )
        .filter(outbox::Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

/// Puts a message back as pending, due after `delay`, noting what went wrong.
pub async fn mark_retry<C: ConnectionTrait>(
    db: &C,
    id: OutboxId,
    instance: &str,
    delay: Duration,
    error: SendErrorKind,
) -> Result<(), DbErr> {
    let at = Utc::now() + chrono::Duration::from_std(delay).unwrap_or(chrono::Duration::hours(1));
    outbox::Entity::update_many()
        .col_expr(
            outbox::Column::Status,
            Expr::value(OutboxStatus::Pending.as_str()),
        )
        .col_expr(outbox::Column::NextAttemptAt, Expr::value(at))
        .col_expr(outbox::Column::LastError, Expr::value(error.as_str()))
        .filter(held_by(id, instance))
        .exec(db)
        .await?;
    Ok(())
}

/// Gives up on a message, noting why.
pub async fn mark_failed<C: ConnectionTrait>(
    db: &C,
    id: OutboxId,
    instance: &str,
    error: SendErrorKind,
) -> Result<(), DbErr> {
    outbox::Entity::update_many()
        .col_expr(
            outbox::Column::Status,
            Expr::value(OutboxStatus::Failed.as_str()),
        )
        .col_expr(outbox::Column::LastError, Expr::value(error.as_str()))
        .filter(held_by(id, instance))
        .exec(db)
        .await?;
    Ok(())
}

/// Hands a claimed but unsent message back (the worker is stopping): pending, due now, and
/// this claim not counted as an attempt.
pub async fn release<C: ConnectionTrait>(
    db: &C,
    id: OutboxId,
    instance: &str,
) -> Result<(), DbErr> {
    outbox::Entity::update_many()
        .col_expr(
            outbox::Column::Status,
            Expr::value(OutboxStatus::Pending.as_str()),
        )
        .col_expr(
            outbox::Column::Attempts,
            Expr::col(outbox::Column::Attempts).sub(1),
        )
        .col_expr(
            outbox::Column::ClaimedBy,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            outbox::Column::ClaimedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(held_by(id, instance))
        .exec(db)
        .await?;
    Ok(())
}

/// Sends a failed message again: pending, due now, with a fresh set of attempts.
/// Returns false when there is no failed message with this id.
pub async fn resend<C: ConnectionTrait>(db: &C, id: OutboxId) -> Result<bool, DbErr> {
    let done = outbox::Entity::update_many()
        .col_expr(
            outbox::Column::Status,
            Expr::value(OutboxStatus::Pending.as_str()),
        )
        .col_expr(outbox::Column::NextAttemptAt, Expr::value(Utc::now()))
        .col_expr(outbox::Column::Attempts, Expr::value(0))
        .col_expr(
            outbox::Column::ClaimedBy,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            outbox::Column::ClaimedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(outbox::Column::Id.eq(id.0))
        .filter(outbox::Column::Status.eq(OutboxStatus::Failed.as_str()))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Deletes sent messages queued before `sent_before` and failed ones queued before
/// `failed_before`: the outbox holds addresses and message text, so it keeps them no longer
/// than needed to look into problems. Returns how many rows went.
pub async fn prune<C: ConnectionTrait>(
    db: &C,
    sent_before: DateTime<Utc>,
    failed_before: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let done = outbox::Entity::delete_many()
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(outbox::Column::Status.eq(OutboxStatus::Sent.as_str()))
                        .add(outbox::Column::CreatedAt.lt(sent_before)),
                )
                .add(
                    Condition::all()
                        .add(outbox::Column::Status.eq(OutboxStatus::Failed.as_str()))
                        .add(outbox::Column::CreatedAt.lt(failed_before)),
                ),
        )
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

/// When the next pending message falls due, if any is waiting.
pub async fn next_due<C: ConnectionTrait>(db: &C) -> Result<Option<DateTime<Utc>>, DbErr> {
    let next = outbox::Entity::find()
        .filter(outbox::Column::Status.eq(OutboxStatus::Pending.as_str()))
        .order_by_asc(outbox::Column::NextAttemptAt)
        .one(db)
        .await?;
    Ok(next.map(|row| row.next_attempt_at))
}

/// How many messages are in each status.
pub async fn counts<C: ConnectionTrait>(db: &C) -> Result<StatusCounts, DbErr> {
    let mut counts = StatusCounts::default();
    for status in OutboxStatus::ALL {
        let n = outbox::Entity::find()
            .filter(outbox::Column::Status.eq(status.as_str()))
            .count(db)
            .await?;
        match status {
            OutboxStatus::Pending => counts.pending = n,
            OutboxStatus::Sending => counts.sending = n,
            OutboxStatus::Sent => counts.sent = n,
            OutboxStatus::Failed => counts.failed = n,
        }
    }
    Ok(counts)
}

/// The most recent failed messages, newest first.
pub async fn failed<C: ConnectionTrait>(db: &C, limit: u64) -> Result<Vec<QueuedMessage>, DbErr> {
    let rows = outbox::Entity::find()
        .filter(outbox::Column::Status.eq(OutboxStatus::Failed.as_str()))
        .order_by_desc(outbox::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(to_queued).collect())
}

/// One message by id, whatever its status.
pub async fn find<C: ConnectionTrait>(
    db: &C,
    id: OutboxId,
) -> Result<Option<QueuedMessage>, DbErr> {
    Ok(outbox::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .map(to_queued))
}

fn to_queued(row: outbox::Model) -> QueuedMessage {
    QueuedMessage {
        id: OutboxId(row.id),
        to: row.recipient,
        subject: row.subject,
        kind: MailKind::parse(&row.kind).unwrap_or(MailKind::Test),
        status: OutboxStatus::parse(&row.status).unwrap_or(OutboxStatus::Pending),
        attempts: u32::try_from(row.attempts).unwrap_or(0),
        last_error: row.last_error.as_deref().and_then(SendErrorKind::parse),
        created_at: row.created_at,
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
