//! The notifications task: one per instance, started by `Application::build` like the mail
//! worker. Every poll it deletes invited addresses of closed surveys, queues due reminders, due
//! daily digests and the once-per-flag reminder for safeguarding flags not reviewed in time,
//! then wakes the mail worker. Safe with several instances: every reminder and digest is
//! claimed with a guarded `UPDATE` before its message is queued.

use std::time::Duration;

use sea_orm::DatabaseConnection;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use url::Url;

use crate::invitations;
use crate::mail::MailHandle;
use crate::notifications::digest;
use crate::safeguarding;

/// What the task needs.
pub struct TaskConfig {
    /// The database.
    pub db: DatabaseConnection,
    /// Chorus's absolute URL, for links in messages.
    pub base_url: Url,
    /// Default reminder delay in days.
    pub reminder_days: u32,
    /// Time between rounds.
    pub poll_interval: Duration,
    /// Woken after a round queued mail.
    pub mail: MailHandle,
}

/// The running task.
pub struct Task {
    join: JoinHandle<()>,
    stop: watch::Sender<bool>,
}

impl Task {
    /// Starts the task on the current tokio runtime.
    pub fn spawn(config: TaskConfig) -> Task {
        let (stop, stopped) = watch::channel(false);
        let join = tokio::spawn(run(config, stopped));
        Task { join, stop }
    }

    /// Aborts the task at once (what it had claimed but not committed is rolled back).
    pub fn abort_handle(&self) -> tokio::task::AbortHandle {
        self.join.abort_handle()
    }

    /// Asks the task to stop after the round in hand, waiting at most `grace`.
    pub async fn stop(self, grace: Duration) {
        let _ = self.stop.send(true);
        let abort = self.join.abort_handle();
        if tokio::time::timeout(grace, self.join).await.is_err() {
            abort.abort();
        }
    }
}

/// One round: addresses of closed surveys, reminders, digests, overdue safeguarding reviews.
/// Returns messages queued.
pub async fn round(config: &TaskConfig, instance: &str) -> u64 {
    if let Err(e) = invitations::store::delete_addresses_of_closed(&config.db).await {
        tracing::warn!(error = %e, "could not delete addresses of closed surveys");
    }
    let mut queued = 0;
    match invitations::send_reminders(&config.db, &config.base_url, config.reminder_days, instance)
        .await
    {
        Ok(n) => queued += n,
        Err(e) => tracing::warn!(error = %e, "could not queue reminders"),
    }
    match digest::send_digests(&config.db, &config.base_url, chrono::Utc::now()).await {
        Ok(n) => queued += n,
        Err(e) => tracing::warn!(error = %e, "could not queue daily digests"),
    }
    match safeguarding::alerts::send_overdue_reminders(
        &config.db,
        &config.base_url,
        chrono::Utc::now(),
    )
    .await
    {
        Ok(n) => queued += n,
        Err(e) => tracing::warn!(error = %e, "could not queue safeguarding reminders"),
    }
    if queued > 0 {
        tracing::info!(queued, "reminders and digests queued");
        config.mail.wake();
    }
    queued
}

async fn run(config: TaskConfig, mut stopped: watch::Receiver<bool>) {
    let instance = format!("chorus-{}", uuid::Uuid::new_v4().simple());
    loop {
        if *stopped.borrow() {
            break;
        }
        round(&config, &instance).await;
        tokio::select! {
            _ = tokio::time::sleep(config.poll_interval) => {}
            changed = stopped.changed() => {
                if changed.is_err() {
                    break;
                }
            }
        }
    }
}
