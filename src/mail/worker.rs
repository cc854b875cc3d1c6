//! The outbox worker: one per running instance, claiming due messages and sending them.
//!
//! # Delivery guarantees
//!
//! A message is a database row before anyone tries to send it, written in the same transaction
//! as whatever caused it, so a crash never loses one: after a restart the worker finds it
//! pending, or finds it in `sending` with an expired lease and takes it over.
//!
//! In the normal path nothing is sent twice: a message is claimed by exactly one worker (an
//! atomic `UPDATE`, with `FOR UPDATE SKIP LOCKED` on PostgreSQL) and marked `sent` as soon as
//! the SMTP server accepts it.
//!
//! One window cannot be closed, and Chorus is therefore *at least once*: if the process dies
//! (or the database becomes unreachable) after the SMTP server answered `250 OK` to the message
//! but before `sent` is committed, the lease runs out and the message is sent again. Both
//! copies carry the same `Message-ID` — fixed when the message was queued, not when it is sent
//! — so receiving mail systems and mail clients that deduplicate on `Message-ID` show it once.

use std::sync::Arc;
use std::time::Duration;

use lettre::message::Mailbox;
use sea_orm::DatabaseConnection;
use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;

use crate::mail::model::{ClaimedMessage, Next, RetryPolicy, domain_of};
use crate::mail::store;
use crate::mail::transport::{MailBackend, TransportInfo};

/// Messages claimed at once: small, so a stopping worker has little to hand back.
const BATCH: u64 = 10;
/// Sent messages are deleted this long after they were queued.
const KEEP_SENT_DAYS: i64 = 30;
/// Failed messages are deleted this long after they were queued (time enough to resend).
const KEEP_FAILED_DAYS: i64 = 90;
/// How often the worker prunes old messages.
const PRUNE_EVERY: Duration = Duration::from_secs(3600);

/// What handlers hold: wake the worker after queuing, and describe the transport.
#[derive(Clone)]
pub struct MailHandle {
    notify: Arc<Notify>,
    transport: TransportInfo,
}

impl MailHandle {
    /// Tells this instance's worker there is mail, so it does not wait for its next poll.
    /// Call it after the transaction that queued the message has committed.
    pub fn wake(&self) {
        self.notify.notify_one();
    }

    /// Where messages go.
    pub fn transport(&self) -> &TransportInfo {
        &self.transport
    }
}

/// Everything the worker needs.
pub struct WorkerConfig {
    /// The database holding the outbox.
    pub db: DatabaseConnection,
    /// Where messages go.
    pub backend: MailBackend,
    /// The From of every message.
    pub from: Mailbox,
    /// Retry spacing and the attempt limit.
    pub policy: RetryPolicy,
    /// How often to look for due messages when nothing wakes the worker.
    pub poll_interval: Duration,
    /// How long a `sending` claim holds before another worker may take the message.
    pub lease: Duration,
}

/// The running worker task.
pub struct Worker {
    join: JoinHandle<()>,
    stop: watch::Sender<bool>,
}

impl Worker {
    /// Starts the worker on the current tokio runtime.
    pub fn spawn(config: WorkerConfig) -> (Worker, MailHandle) {
        let notify = Arc::new(Notify::new());
        let handle = MailHandle {
            notify: notify.clone(),
            transport: config.backend.describe(),
        };
        let (stop, stopped) = watch::channel(false);
        let instance = format!("chorus-{}", uuid::Uuid::new_v4().simple());
        let join = tokio::spawn(run(config, instance, notify, stopped));
        (Worker { join, stop }, handle)
    }

    /// Aborts the task at once, as a crash would: a message being sent stays `sending` until
    /// its lease runs out.
    pub fn abort_handle(&self) -> tokio::task::AbortHandle {
        self.join.abort_handle()
    }

    /// Asks the worker to stop after the message in hand, waiting at most `grace`; claimed
    /// messages it has not started are handed back.
    pub async fn stop(self, grace: Duration) {
        let _ = self.stop.send(true);
        let abort = self.join.abort_handle();
        if tokio::time::timeout(grace, self.join).await.is_err() {
            abort.abort();
            tracing::warn!("mail worker did not stop in time; its message will be retried");
        }
    }
}

async fn run(
    config: WorkerConfig,
    instance: String,
    notify: Arc<Notify>,
    mut stopped: watch::Receiver<bool>,
) {
    tracing::info!(transport = ?config.backend.describe(), "mail worker started");
    let mut last_prune: Option<tokio::time::Instant> = None;
    loop {
        if *stopped.borrow() {
            break;
        }
        if last_prune.is_none_or(|at| at.elapsed() >= PRUNE_EVERY) {
            last_prune = Some(tokio::time::Instant::now());
            prune(&config.db).await;
        }
        match store::claim_due(&config.db, &instance, config.lease, BATCH).await {
            Ok(batch) if !batch.is_empty() => {
                let mut batch = batch.into_iter();
                for message in batch.by_ref() {
                    deliver(&config, &instance, message).await;
                    if *stopped.borrow() {
                        break;
                    }
                }
                for left in batch {
                    if let Err(e) = store::release(&config.db, left.id, &instance).await {
                        tracing::warn!(outbox_id = left.id.0, error = %e, "could not hand back a message");
                    }
                }
                continue;
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "could not read the outbox"),
        }
        let wait = match store::next_due(&config.db).await {
            Ok(Some(at)) => (at - chrono::Utc::now())
                .to_std()
                .unwrap_or(Duration::ZERO)
                .min(config.poll_interval),
            _ => config.poll_interval,
        };
        tokio::select! {
            _ = notify.notified() => {}
            _ = tokio::time::sleep(wait.max(Duration::from_millis(5))) => {}
            changed = stopped.changed() => {
                // The sender is gone when the Application was dropped without running: stop.
                if changed.is_err() {
                    break;
                }
            }
        }
    }
    tracing::info!("mail worker stopped");
}

async fn prune(db: &DatabaseConnection) {
    let now = chrono::Utc::now();
    match store::prune(
        db,
        now - chrono::Duration::days(KEEP_SENT_DAYS),
        now - chrono::Duration::days(KEEP_FAILED_DAYS),
    )
    .await
    {
        Ok(0) => {}
        Ok(n) => tracing::info!(deleted = n, "old outbox messages deleted"),
        Err(e) => tracing::warn!(error = %e, "could not prune the outbox"),
    }
}

async fn deliver(config: &WorkerConfig, instance: &str, message: ClaimedMessage) {
    let domain = domain_of(&message.to).to_owned();
    let id = message.id;
    let outcome = config.backend.send(&config.from, &message).await;
    let recorded = match outcome {
        Ok(()) => {
            tracing::info!(outbox_id = id.0, kind = %message.kind, domain, attempt = message.attempts, "mail sent");
            store::mark_sent(&config.db, id, instance).await
        }
        Err(kind) => {
            match config
                .policy
                .after_failure(message.attempts, kind, rand::random::<f64>())
            {
                Next::RetryIn(delay) => {
                    tracing::warn!(outbox_id = id.0, kind = %message.kind, domain, attempt = message.attempts, error = %kind, retry_in_ms = delay.as_millis() as u64, "mail attempt failed; will retry");
                    store::mark_retry(&config.db, id, instance, delay, kind).await
                }
                Next::GiveUp => {
                    tracing::error!(outbox_id = id.0, kind = %message.kind, domain, attempt = message.attempts, error = %kind, "mail failed; giving up");
                    store::mark_failed(&config.db, id, instance, kind).await
                }
            }
        }
    };
    if let Err(e) = recorded {
        tracing::error!(outbox_id = id.0, error = %e, "could not record the outcome of a mail attempt");
    }
}
