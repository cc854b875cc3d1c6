//! Group commit: one writer task gathers concurrent submissions into one transaction, so many
//! acknowledged responses share one disk sync. A waiter hears back only after the commit.
//! The handle and the writer's loop are here; one batch's transaction is in [`batch`], the live
//! announcements after it in [`announce`].

mod announce;
mod batch;

use std::sync::Arc;

use sea_orm::DatabaseConnection;
use tokio::sync::{mpsc, oneshot};
use url::Url;

use crate::live::Hub;
use crate::mail::MailHandle;
use crate::responses::model::{Receipt, Submission};
use crate::safeguarding::Scanner;
use crate::themes::ThemeJobs;

use announce::Announcer;

/// Most submissions stored in one transaction.
pub const MAX_BATCH: usize = 256;
/// Submissions that may wait for the writer before senders wait too.
const QUEUE: usize = 4096;

/// What storing a submission gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submitted {
    /// The receipt code to show.
    pub receipt: Receipt,
    /// False when this submission token had already been stored (a double click or re-send).
    pub created: bool,
}

/// Why a submission could not be stored.
#[derive(Debug, thiserror::Error)]
pub enum SubmitError {
    /// The writer has stopped (the service is shutting down).
    #[error("the response writer has stopped")]
    Stopped,
    /// The database refused the write.
    #[error("storing the response failed: {0}")]
    Database(String),
    /// The survey stopped taking answers (closed meanwhile, perhaps through another instance)
    /// and nothing was stored.
    #[error("the survey is not taking answers")]
    NotTaking,
    /// A response with other answers is already stored under this submission id: nothing was
    /// stored and no receipt is given.
    #[error("other answers were already sent with this id")]
    Conflict,
}

type Reply = oneshot::Sender<Result<Submitted, SubmitError>>;

/// The handle handlers use to store responses; cheap to clone.
#[derive(Clone)]
pub struct Submitter {
    queue: mpsc::Sender<(Submission, Reply)>,
}

/// What the writer needs for safeguarding: the scanner, and where alerts link to and who
/// delivers them (`None`: flags are stored but no alert is queued).
#[derive(Clone)]
pub struct Safeguard {
    scanner: Arc<Scanner>,
    alerts: Option<(Url, MailHandle)>,
}

impl Safeguard {
    /// Flags only, no alert mail.
    pub fn flags_only() -> Safeguard {
        Safeguard {
            scanner: Arc::new(Scanner::default()),
            alerts: None,
        }
    }

    /// Flags, and an alert to the safeguarding lead linking under `base_url`.
    pub fn with_alerts(base_url: Url, mail: MailHandle) -> Safeguard {
        Safeguard {
            scanner: Arc::new(Scanner::default()),
            alerts: Some((base_url, mail)),
        }
    }
}

impl Submitter {
    /// Starts the writer task on the current tokio runtime (safeguarding flags, no alerts,
    /// no live announcements).
    pub fn start(db: DatabaseConnection) -> Submitter {
        Submitter::start_service(db, None, Safeguard::flags_only(), None)
    }

    /// Starts the writer task as the service runs it: live announcements, safeguarding alerts,
    /// and theme coding asked for when new answers arrive.
    pub fn start_service(
        db: DatabaseConnection,
        hub: Option<Hub>,
        guard: Safeguard,
        themes: Option<ThemeJobs>,
    ) -> Submitter {
        let (queue, rx) = mpsc::channel(QUEUE);
        let announcer = Announcer::new(hub, themes);
        tokio::spawn(writer(db, rx, announcer, guard));
        Submitter { queue }
    }

    /// Stores a validated submission and returns its receipt once it is committed.
    pub async fn submit(&self, submission: Submission) -> Result<Submitted, SubmitError> {
        let (tx, rx) = oneshot::channel();
        self.queue
            .send((submission, tx))
            .await
            .map_err(|_| SubmitError::Stopped)?;
        rx.await.map_err(|_| SubmitError::Stopped)?
    }
}
async fn writer(
    db: DatabaseConnection,
    mut rx: mpsc::Receiver<(Submission, Reply)>,
    mut announcer: Announcer,
    guard: Safeguard,
) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while rx.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let work = std::mem::take(&mut batch);
        batch::store_batch(&db, &guard, work, &mut announcer).await;
    }
}
