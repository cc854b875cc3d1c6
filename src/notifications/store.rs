//! Notification preferences and the daily digest's claim and counts.

use chrono::{DateTime, Utc};
use entity::{notification_pref, response, survey, theme};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter,
};

use crate::accounts::StewardId;
use crate::projects::ProjectId;

/// A steward's digest preference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pref {
    /// Whose.
    pub steward_id: StewardId,
    /// Whether they want the daily digest.
    pub daily_digest: bool,
    /// The next digest counts what happened after this.
    pub since: DateTime<Utc>,
}

/// Whether the steward has opted in to the daily digest.
pub async fn wants_digest<C: ConnectionTrait>(db: &C, who: StewardId) -> Result<bool, DbErr> {
    Ok(notification_pref::Entity::find_by_id(who.0)
        .one(db)
        .await?
        .is_some_and(|p| p.daily_digest))
}

/// Turns the daily digest on or off. Turning it on starts counting now and makes tomorrow's
/// digest the first.
pub async fn set_digest<C: ConnectionTrait>(db: &C, who: StewardId, on: bool) -> Result<(), DbErr> {
    let now = Utc::now();
    let existing = notification_pref::Entity::find_by_id(who.0).one(db).await?;
    match existing {
        Some(p) if p.daily_digest == on => Ok(()),
        Some(_) => {
            notification_pref::Entity::update_many()
                .col_expr(notification_pref::Column::DailyDigest, Expr::value(on))
                .col_expr(notification_pref::Column::DigestSince, Expr::value(now))
                .col_expr(
                    notification_pref::Column::LastDigestDay,
                    Expr::value(day(now)),
                )
                .filter(notification_pref::Column::StewardId.eq(who.0))
                .exec(db)
                .await?;
            Ok(())
        }
        None => {
            notification_pref::Entity::insert(notification_pref::ActiveModel {
                steward_id: Set(who.0),
                daily_digest: Set(on),
                last_digest_day: Set(Some(day(now))),
                digest_since: Set(now),
            })
            .exec(db)
            .await?;
            Ok(())
        }
    }
}

/// The UTC day of a moment, as stored.
pub fn day(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d").to_string()
}

fn not_sent_on(today: &str) -> Condition {
    Condition::any()
        .add(notification_pref::Column::LastDigestDay.is_null())
        .add(notification_pref::Column::LastDigestDay.ne(today))
}

/// Stewards who want a digest and have not had one on `today`.
pub async fn due_digests<C: ConnectionTrait>(db: &C, today: &str) -> Result<Vec<Pref>, DbErr> {
    let rows = notification_pref::Entity::find()
        .filter(notification_pref::Column::DailyDigest.eq(true))
        .filter(not_sent_on(today))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|p| Pref {
            steward_id: StewardId(p.steward_id),
            daily_digest: p.daily_digest,
            since: p.digest_since,
        })
        .collect())
}

/// Claims today's digest for this steward: one guarded `UPDATE … WHERE last_digest_day <>
/// today`, so of several instances exactly one gets `true`. Call inside the transaction that
/// queues the digest.
pub async fn claim_digest<C: ConnectionTrait>(
    db: &C,
    who: StewardId,
    today: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let done = notification_pref::Entity::update_many()
        .col_expr(notification_pref::Column::LastDigestDay, Expr::value(today))
        .col_expr(notification_pref::Column::DigestSince, Expr::value(now))
        .filter(notification_pref::Column::StewardId.eq(who.0))
        .filter(notification_pref::Column::DailyDigest.eq(true))
        .filter(not_sent_on(today))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Responses to a project's surveys submitted after `since` and up to `until`.
pub async fn new_responses<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    since: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let mut surveys = Query::select();
    surveys
        .column(survey::Column::Id)
        .from(survey::Entity)
        .and_where(survey::Column::ProjectId.eq(project.0));
    response::Entity::find()
        .filter(response::Column::SurveyId.in_subquery(surveys))
        .filter(response::Column::SubmittedAt.gt(since))
        .filter(response::Column::SubmittedAt.lte(until))
        .count(db)
        .await
}

/// The number of themes created in a project after `since`, for the digest.
pub async fn new_themes<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    since: DateTime<Utc>,
) -> Result<Option<u64>, DbErr> {
    theme::Entity::find()
        .filter(theme::Column::ProjectId.eq(project.0))
        .filter(theme::Column::CreatedAt.gt(since))
        .count(db)
        .await
        .map(Some)
}
