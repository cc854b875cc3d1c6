//! Who safeguarding mail goes to and when: the project's settings (backup address, review
//! hours), the lead and backup recipients of every alert, the admins for reminders and
//! escalations, and the overdue-review reminder the notifications task sends once per flag.

use chrono::{DateTime, Duration, Utc};
use entity::{safeguarding_flag, safeguarding_setting, steward};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set,
};
use url::Url;

use crate::accounts::{EmailAddress, Role};
use crate::mail::{self, Content, MailKind};
use crate::projects::ProjectId;
use crate::safeguarding::messages::{About, Recipient, reminder_content};
use crate::safeguarding::model::FlagId;
use crate::safeguarding::review::SafeguardingSettings;

/// The project's safeguarding settings, or the defaults.
pub async fn settings<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
) -> Result<SafeguardingSettings, DbErr> {
    Ok(safeguarding_setting::Entity::find_by_id(project.0)
        .one(db)
        .await?
        .map(|row| SafeguardingSettings {
            backup: row
                .backup_email
                .as_deref()
                .and_then(|e| EmailAddress::parse(e).ok()),
            review_hours: u32::try_from(row.review_hours).unwrap_or(24),
        })
        .unwrap_or_default())
}

/// Saves the project's safeguarding settings.
pub async fn save_settings<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    new: &SafeguardingSettings,
) -> Result<(), DbErr> {
    safeguarding_setting::Entity::insert(safeguarding_setting::ActiveModel {
        project_id: Set(project.0),
        backup_email: Set(new.backup.as_ref().map(|e| e.as_str().to_owned())),
        review_hours: Set(i32::try_from(new.review_hours).unwrap_or(24)),
    })
    .on_conflict(
        OnConflict::column(safeguarding_setting::Column::ProjectId)
            .update_columns([
                safeguarding_setting::Column::BackupEmail,
                safeguarding_setting::Column::ReviewHours,
            ])
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

/// Who gets a project's alerts: the lead's address and the backup address (once each).
pub async fn recipients<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    lead: &str,
) -> Result<Vec<(EmailAddress, Recipient)>, DbErr> {
    let mut out = Vec::new();
    if let Ok(lead) = EmailAddress::parse(lead) {
        out.push((lead, Recipient::Lead));
    } else {
        tracing::warn!(project_id = project.0, "no valid safeguarding lead address");
    }
    if let Some(backup) = settings(db, project).await?.backup
        && !out.iter().any(|(e, _)| *e == backup)
    {
        out.push((backup, Recipient::Backup));
    }
    Ok(out)
}

/// The backup address and every enabled administrator (once each), for reminders and
/// escalations.
pub async fn backup_and_admins<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
) -> Result<Vec<(EmailAddress, Recipient)>, DbErr> {
    let mut out = Vec::new();
    if let Some(backup) = settings(db, project).await?.backup {
        out.push((backup, Recipient::Backup));
    }
    let admins: Vec<String> = steward::Entity::find()
        .filter(steward::Column::Role.eq(Role::Admin.as_str()))
        .filter(steward::Column::Disabled.eq(false))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.email)
        .collect();
    for email in admins {
        if let Ok(email) = EmailAddress::parse(&email)
            && !out.iter().any(|(e, _)| *e == email)
        {
            out.push((email, Recipient::Admin));
        }
    }
    Ok(out)
}

/// Queues one message per recipient, built by `content`; returns how many.
pub async fn queue<C: ConnectionTrait>(
    db: &C,
    base: &Url,
    to: &[(EmailAddress, Recipient)],
    content: impl Fn(Recipient) -> Content,
) -> Result<u64, DbErr> {
    for (address, why) in to {
        let message = mail::compose(base, address, MailKind::Safeguarding, &content(*why));
        mail::enqueue(db, &message).await?;
    }
    Ok(to.len() as u64)
}

/// Sends the overdue reminder for every flag still waiting for a review (no outcome, or
/// escalated) longer than its project's review time, to the backup address and the admins.
/// Each flag is claimed with a guarded `UPDATE … WHERE reminded_at IS NULL` inside its own
/// transaction, so it is reminded once even with several instances. Returns messages queued.
pub async fn send_overdue_reminders(
    db: &DatabaseConnection,
    base: &Url,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let waiting = safeguarding_flag::Entity::find()
        .filter(safeguarding_flag::Column::RemindedAt.is_null())
        .filter(
            sea_orm::Condition::any()
                .add(safeguarding_flag::Column::Outcome.is_null())
                .add(safeguarding_flag::Column::Outcome.eq("escalated")),
        )
        .filter(safeguarding_flag::Column::FlaggedAt.lt(now - Duration::hours(1)))
        .all(db)
        .await?;
    let mut queued = 0;
    for flag in waiting {
        let project = ProjectId(flag.project_id);
        let hours = settings(db, project).await?.review_hours;
        if now - flag.flagged_at < Duration::hours(i64::from(hours)) {
            continue;
        }
        let txn = crate::db::begin_write(db).await?;
        let claimed = safeguarding_flag::Entity::update_many()
            .col_expr(safeguarding_flag::Column::RemindedAt, Expr::value(now))
            .filter(safeguarding_flag::Column::Id.eq(flag.id))
            .filter(safeguarding_flag::Column::RemindedAt.is_null())
            .exec(&txn)
            .await?;
        if claimed.rows_affected == 1 {
            let (survey_title, project_title) =
                crate::safeguarding::about::flag_titles(&txn, &flag).await?;
            let about = About {
                project,
                survey_title: &survey_title,
                project_title: &project_title,
            };
            let to = backup_and_admins(&txn, project).await?;
            queued += queue(&txn, base, &to, |why| {
                reminder_content(base, about, FlagId(flag.id), hours, why)
            })
            .await?;
        }
        txn.commit().await?;
    }
    Ok(queued)
}
