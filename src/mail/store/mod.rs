//! The outbox in the database: queueing, claiming, and recording what happened.
//!
//! Claiming is the heart of "nothing lost, nothing sent twice": a worker moves due rows to
//! `sending` under its own instance id in one atomic statement, so no other worker takes them.
//! On PostgreSQL the rows are picked with `FOR UPDATE SKIP LOCKED`, so several instances can
//! share one outbox without waiting on each other; SQLite has a single writer, and the same
//! `UPDATE … WHERE id IN (…)` statement is atomic there too.

use std::time::Duration;

use chrono::{DateTime, Utc};
use entity::outbox;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder,
};

use crate::mail::model::{MailKind, OutboxId, OutboxStatus, OutgoingMessage, SendErrorKind};

mod claim;
mod page;

pub use claim::claim_due;
pub use page::{counts, failed, find, resend};

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
