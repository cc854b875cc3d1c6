//! Sending: invitations for a pasted list (HTML and API alike) and the reminder round the
//! background task runs. Each queues its mail in the same transaction as the rows it writes.

use chrono::Utc;
use sea_orm::{DatabaseConnection, DbErr};
use url::Url;

use crate::accounts::EmailAddress;
use crate::invitations::model::{Screened, screen};
use crate::invitations::{messages, store};
use crate::mail;
use crate::projects::{Project, store as projects};
use crate::surveys::{Availability, Status, Survey, store as surveys};

/// Screens `candidates` against the survey's invitations, then records and queues an
/// invitation for each new valid address, all in one transaction. Wake the mail worker after.
pub async fn invite(
    db: &DatabaseConnection,
    base_url: &Url,
    project: &Project,
    survey: &Survey,
    candidates: &[String],
) -> Result<Screened, DbErr> {
    let txn = crate::db::begin_write(db).await?;
    let already = store::invited_addresses(&txn, survey.id).await?;
    let screened = screen(candidates, &already);
    for address in &screened.accepted {
        let id = store::create(&txn, survey.id, address.as_str()).await?;
        let (link, unsubscribe) = store::new_tokens(&txn, id).await?;
        let message = messages::invitation(
            base_url,
            address,
            project,
            survey,
            &link,
            &unsubscribe,
            false,
        );
        mail::enqueue(&txn, &message).await?;
    }
    txn.commit().await?;
    Ok(screened)
}

/// Reminders claimed and queued in one transaction at most.
const REMINDER_BATCH: u64 = 50;

/// One reminder round: for every open survey with invitations older than its reminder delay
/// that are unused, subscribed and not yet reminded, claims them and queues one reminder each.
/// Returns how many were queued.
pub async fn send_reminders(
    db: &DatabaseConnection,
    base_url: &Url,
    default_days: u32,
    instance: &str,
) -> Result<u64, DbErr> {
    let mut queued = 0;
    for survey_id in store::surveys_awaiting_reminders(db).await? {
        let Some(survey) = surveys::find(db, survey_id).await? else {
            continue;
        };
        if survey.status != Status::Open || survey.availability(Utc::now()) == Availability::Closed
        {
            continue;
        }
        let Some(project) = projects::find(db, survey.project_id).await? else {
            continue;
        };
        let days = store::reminder_days(db, survey.id, default_days).await?;
        let cutoff = Utc::now() - chrono::Duration::days(i64::from(days));
        loop {
            let claim = format!("{instance}-{}", uuid::Uuid::new_v4().simple());
            let txn = crate::db::begin_write(db).await?;
            let claimed =
                store::claim_reminders(&txn, survey.id, cutoff, &claim, REMINDER_BATCH).await?;
            for (id, email) in &claimed {
                let Ok(address) = EmailAddress::parse(email) else {
                    continue;
                };
                let (link, unsubscribe) = store::new_tokens(&txn, *id).await?;
                let message = messages::invitation(
                    base_url,
                    &address,
                    &project,
                    &survey,
                    &link,
                    &unsubscribe,
                    true,
                );
                mail::enqueue(&txn, &message).await?;
                queued += 1;
            }
            txn.commit().await?;
            if (claimed.len() as u64) < REMINDER_BATCH {
                break;
            }
        }
    }
    Ok(queued)
}
