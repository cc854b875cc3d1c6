//! Invitations in the database: inviting, tokens (hashes only), use, unsubscribing, reminder
//! claims, and deleting addresses when a survey closes.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use entity::{invitation, invitation_setting, invitation_token, survey};
use sea_orm::sea_query::{Expr, LockBehavior, LockType, Query};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QuerySelect,
};

use crate::invitations::model::{InvitationId, Purpose, hash_token, new_token};
use crate::surveys::{Status, SurveyId};

/// An invitation as the public routes need it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// Its id.
    pub id: InvitationId,
    /// The survey it invites to.
    pub survey_id: SurveyId,
    /// Whether its person has unsubscribed.
    pub unsubscribed: bool,
}

/// How many people a survey has invited, and what happened.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Invitations sent.
    pub invited: u64,
    /// Links followed.
    pub used: u64,
    /// Reminders sent.
    pub reminded: u64,
    /// People who asked for no more emails.
    pub unsubscribed: u64,
    /// Addresses still held (none once the survey has closed).
    pub addresses: u64,
}

/// The addresses already invited to a survey (lower-cased as stored).
pub async fn invited_addresses<C: ConnectionTrait>(
    db: &C,
    survey: SurveyId,
) -> Result<BTreeSet<String>, DbErr> {
    let rows = invitation::Entity::find()
        .filter(invitation::Column::SurveyId.eq(survey.0))
        .filter(invitation::Column::Email.is_not_null())
        .all(db)
        .await?;
    Ok(rows.into_iter().filter_map(|r| r.email).collect())
}

/// Records a new invitation to `email`, sent now.
pub async fn create<C: ConnectionTrait>(
    db: &C,
    survey: SurveyId,
    email: &str,
) -> Result<InvitationId, DbErr> {
    let now = Utc::now();
    let row = invitation::ActiveModel {
        survey_id: Set(survey.0),
        email: Set(Some(email.to_owned())),
        sent_at: Set(now),
        created_at: Set(now),
        ..Default::default()
    };
    let done = invitation::Entity::insert(row).exec(db).await?;
    Ok(InvitationId(done.last_insert_id))
}

/// Makes a fresh link token and unsubscribe token for one message; stores only their hashes.
/// Returns `(link, unsubscribe)`.
pub async fn new_tokens<C: ConnectionTrait>(
    db: &C,
    id: InvitationId,
) -> Result<(String, String), DbErr> {
    let mut out = Vec::with_capacity(2);
    for purpose in [Purpose::Link, Purpose::Unsubscribe] {
        let (token, hash) = new_token();
        invitation_token::Entity::insert(invitation_token::ActiveModel {
            token_hash: Set(hash),
            invitation_id: Set(id.0),
            purpose: Set(purpose.as_str().to_owned()),
            created_at: Set(Utc::now()),
            ..Default::default()
        })
        .exec(db)
        .await?;
        out.push(token);
    }
    let unsubscribe = out.pop().unwrap_or_default();
    let link = out.pop().unwrap_or_default();
    Ok((link, unsubscribe))
}

/// The invitation a token of this purpose belongs to.
pub async fn find_by_token<C: ConnectionTrait>(
    db: &C,
    token: &str,
    purpose: Purpose,
) -> Result<Option<Found>, DbErr> {
    let Some(t) = invitation_token::Entity::find()
        .filter(invitation_token::Column::TokenHash.eq(hash_token(token)))
        .filter(invitation_token::Column::Purpose.eq(purpose.as_str()))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(invitation::Entity::find_by_id(t.invitation_id)
        .one(db)
        .await?
        .map(|row| Found {
            id: InvitationId(row.id),
            survey_id: SurveyId(row.survey_id),
            unsubscribed: row.unsubscribed_at.is_some(),
        }))
}

/// Records the first use of an invitation's link.
pub async fn mark_used<C: ConnectionTrait>(db: &C, id: InvitationId) -> Result<(), DbErr> {
    invitation::Entity::update_many()
        .col_expr(invitation::Column::UsedAt, Expr::value(Utc::now()))
        .filter(invitation::Column::Id.eq(id.0))
        .filter(invitation::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Stops reminders to this invitation's address.
pub async fn unsubscribe<C: ConnectionTrait>(db: &C, id: InvitationId) -> Result<(), DbErr> {
    invitation::Entity::update_many()
        .col_expr(invitation::Column::UnsubscribedAt, Expr::value(Utc::now()))
        .filter(invitation::Column::Id.eq(id.0))
        .filter(invitation::Column::UnsubscribedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Links an identified survey's new response to the invitation whose link token the
/// respondent followed (called inside the response's transaction). Does nothing when the token
/// is not found or belongs to another survey.
pub async fn link_response<C: ConnectionTrait>(
    db: &C,
    survey: SurveyId,
    token: &str,
    response: i64,
) -> Result<(), DbErr> {
    let Some(found) = find_by_token(db, token, Purpose::Link).await? else {
        return Ok(());
    };
    if found.survey_id != survey {
        return Ok(());
    }
    invitation::Entity::update_many()
        .col_expr(invitation::Column::ResponseId, Expr::value(response))
        .filter(invitation::Column::Id.eq(found.id.0))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes every invited address of a survey (the rows stay, for counts). Returns how many.
pub async fn delete_addresses<C: ConnectionTrait>(db: &C, survey: SurveyId) -> Result<u64, DbErr> {
    let done = invitation::Entity::update_many()
        .col_expr(
            invitation::Column::Email,
            Expr::value(Option::<String>::None),
        )
        .filter(invitation::Column::SurveyId.eq(survey.0))
        .filter(invitation::Column::Email.is_not_null())
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

/// Deletes the addresses of surveys that have closed by themselves (their closing date passed)
/// or were closed some other way. Returns how many.
pub async fn delete_addresses_of_closed<C: ConnectionTrait>(db: &C) -> Result<u64, DbErr> {
    let mut closed = Query::select();
    closed
        .column(survey::Column::Id)
        .from(survey::Entity)
        .cond_where(
            Condition::any()
                .add(survey::Column::Status.eq(Status::Closed.as_str()))
                .add(survey::Column::ClosesAt.lte(Utc::now())),
        );
    let done = invitation::Entity::update_many()
        .col_expr(
            invitation::Column::Email,
            Expr::value(Option::<String>::None),
        )
        .filter(invitation::Column::Email.is_not_null())
        .filter(invitation::Column::SurveyId.in_subquery(closed))
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

/// The survey's invitation counts.
pub async fn counts<C: ConnectionTrait>(db: &C, survey: SurveyId) -> Result<Counts, DbErr> {
    let base = || invitation::Entity::find().filter(invitation::Column::SurveyId.eq(survey.0));
    Ok(Counts {
        invited: base().count(db).await?,
        used: base()
            .filter(invitation::Column::UsedAt.is_not_null())
            .count(db)
            .await?,
        reminded: base()
            .filter(invitation::Column::RemindedAt.is_not_null())
            .count(db)
            .await?,
        unsubscribed: base()
            .filter(invitation::Column::UnsubscribedAt.is_not_null())
            .count(db)
            .await?,
        addresses: base()
            .filter(invitation::Column::Email.is_not_null())
            .count(db)
            .await?,
    })
}

/// The survey's reminder delay in days, or `default` when it has not set one.
pub async fn reminder_days<C: ConnectionTrait>(
    db: &C,
    survey: SurveyId,
    default: u32,
) -> Result<u32, DbErr> {
    Ok(invitation_setting::Entity::find_by_id(survey.0)
        .one(db)
        .await?
        .and_then(|r| u32::try_from(r.reminder_days).ok())
        .unwrap_or(default))
}

/// Sets the survey's reminder delay.
pub async fn set_reminder_days<C: ConnectionTrait>(
    db: &C,
    survey: SurveyId,
    days: u32,
) -> Result<(), DbErr> {
    let days = i32::try_from(days).unwrap_or(i32::MAX);
    invitation_setting::Entity::delete_by_id(survey.0)
        .exec(db)
        .await?;
    invitation_setting::Entity::insert(invitation_setting::ActiveModel {
        survey_id: Set(survey.0),
        reminder_days: Set(days),
    })
    .exec(db)
    .await?;
    Ok(())
}

fn awaiting_reminder() -> Condition {
    Condition::all()
        .add(invitation::Column::Email.is_not_null())
        .add(invitation::Column::UsedAt.is_null())
        .add(invitation::Column::UnsubscribedAt.is_null())
        .add(invitation::Column::RemindedAt.is_null())
}

/// Surveys with at least one invitation that may still need a reminder.
pub async fn surveys_awaiting_reminders<C: ConnectionTrait>(
    db: &C,
) -> Result<Vec<SurveyId>, DbErr> {
    let ids: Vec<i64> = invitation::Entity::find()
        .select_only()
        .column(invitation::Column::SurveyId)
        .distinct()
        .filter(awaiting_reminder())
        .into_tuple()
        .all(db)
        .await?;
    Ok(ids.into_iter().map(SurveyId).collect())
}

/// Claims up to `limit` of a survey's invitations sent before `cutoff` that are unused,
/// subscribed and not yet reminded: marks them reminded under `claim` in one guarded
/// `UPDATE … WHERE reminded_at IS NULL` (rows picked `FOR UPDATE SKIP LOCKED` on PostgreSQL),
/// so two instances never remind the same person. Call inside the transaction that queues the
/// reminders. Returns the claimed ids and addresses.
pub async fn claim_reminders<C: ConnectionTrait>(
    db: &C,
    survey: SurveyId,
    cutoff: DateTime<Utc>,
    claim: &str,
    limit: u64,
) -> Result<Vec<(InvitationId, String)>, DbErr> {
    let postgres = db.get_database_backend() == DatabaseBackend::Postgres;
    let mut pick = Query::select();
    pick.column(invitation::Column::Id)
        .from(invitation::Entity)
        .cond_where(
            awaiting_reminder()
                .add(invitation::Column::SurveyId.eq(survey.0))
                .add(invitation::Column::SentAt.lte(cutoff)),
        )
        .limit(limit);
    if postgres {
        pick.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    invitation::Entity::update_many()
        .col_expr(invitation::Column::RemindedAt, Expr::value(Utc::now()))
        .col_expr(invitation::Column::ReminderClaim, Expr::value(claim))
        .filter(invitation::Column::Id.in_subquery(pick))
        .filter(invitation::Column::RemindedAt.is_null())
        .exec(db)
        .await?;
    let rows = invitation::Entity::find()
        .filter(invitation::Column::SurveyId.eq(survey.0))
        .filter(invitation::Column::ReminderClaim.eq(claim))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| r.email.map(|e| (InvitationId(r.id), e)))
        .collect())
}
