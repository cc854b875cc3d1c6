//! The outbox as the administrators' mail page sees it: counts by status, failed messages,
//! one message, and sending a failed one again.

use chrono::{DateTime, Utc};
use entity::outbox;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::mail::model::{
    MailKind, OutboxId, OutboxStatus, QueuedMessage, SendErrorKind, StatusCounts,
};

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
