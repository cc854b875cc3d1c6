//! Group commit: one writer task gathers concurrent submissions into one transaction, so many
//! acknowledged responses share one disk sync. A waiter hears back only after the commit.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use entity::survey;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};
use tokio::sync::{mpsc, oneshot};
use url::Url;

use crate::mail::MailHandle;

use crate::live::{Hub, LiveEvent};
use crate::responses::model::{Receipt, ResponseId, Submission};
use crate::responses::store;
use crate::safeguarding::{self, Scanner};
use crate::surveys::SurveyId;
use crate::themes::ThemeJobs;

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
        Submitter::start_full(db, None, Safeguard::flags_only())
    }

    /// Starts the writer task; every new response is announced on `hub` after its commit.
    pub fn start_with_hub(db: DatabaseConnection, hub: Hub) -> Submitter {
        Submitter::start_full(db, Some(hub), Safeguard::flags_only())
    }

    /// Starts the writer task with this safeguarding set-up.
    pub fn start_with(db: DatabaseConnection, guard: Safeguard) -> Submitter {
        Submitter::start_full(db, None, guard)
    }

    /// Starts the writer task with live announcements and safeguarding alerts.
    pub fn start_full(db: DatabaseConnection, hub: Option<Hub>, guard: Safeguard) -> Submitter {
        Submitter::start_service(db, hub, guard, None)
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
        let announcer = Announcer {
            hub,
            themes,
            projects: HashMap::new(),
        };
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

/// Announces committed responses on the live hub and to the theme coder, with each survey's
/// project looked up once and kept (a survey never moves between projects).
struct Announcer {
    hub: Option<Hub>,
    themes: Option<ThemeJobs>,
    projects: HashMap<SurveyId, i64>,
}

impl Announcer {
    /// Publishes one event per new response; call only after the commit.
    async fn announce(
        &mut self,
        db: &DatabaseConnection,
        new: &[(SurveyId, ResponseId)],
        at: DateTime<Utc>,
    ) {
        if self.hub.is_none() && self.themes.is_none() {
            return;
        }
        let mut missing: Vec<i64> = new
            .iter()
            .filter(|(s, _)| !self.projects.contains_key(s))
            .map(|(s, _)| s.0)
            .collect();
        missing.sort_unstable();
        missing.dedup();
        if !missing.is_empty() {
            let rows: Result<Vec<(i64, i64)>, _> = survey::Entity::find()
                .select_only()
                .column(survey::Column::Id)
                .column(survey::Column::ProjectId)
                .filter(survey::Column::Id.is_in(missing))
                .into_tuple()
                .all(db)
                .await;
            match rows {
                Ok(rows) => {
                    for (survey, project) in rows {
                        self.projects.insert(SurveyId(survey), project);
                    }
                }
                Err(err) => {
                    tracing::warn!(error = %err, "could not look up projects for live events")
                }
            }
        }
        let events: Vec<LiveEvent> = new
            .iter()
            .filter_map(|(survey, response)| {
                self.projects.get(survey).map(|project| LiveEvent {
                    response_id: response.0,
                    survey_id: survey.0,
                    project_id: *project,
                    submitted_at: at,
                })
            })
            .collect();
        if let Some(themes) = &self.themes {
            let mut projects: Vec<i64> = events.iter().map(|e| e.project_id).collect();
            projects.sort_unstable();
            projects.dedup();
            for project in projects {
                themes.answers_arrived(crate::projects::ProjectId(project));
            }
        }
        if let Some(hub) = &self.hub {
            hub.publish_many(db, &events).await;
        }
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
        store_batch(&db, &guard, work, &mut announcer).await;
    }
}

type Key = (SurveyId, String);

/// Stores a batch; on any failure falls back to one transaction per submission.
async fn store_batch(
    db: &DatabaseConnection,
    guard: &Safeguard,
    work: Vec<(Submission, Reply)>,
    announcer: &mut Announcer,
) {
    // Duplicates inside the batch wait for the first submission with the same key.
    let mut order: Vec<Key> = Vec::new();
    let mut groups: HashMap<Key, (Submission, Vec<Reply>)> = HashMap::new();
    for (s, reply) in work {
        let key = (s.survey_id, s.submission_id.clone());
        match groups.get_mut(&key) {
            Some((_, replies)) => replies.push(reply),
            None => {
                order.push(key.clone());
                groups.insert(key, (s, vec![reply]));
            }
        }
    }
    let subs: Vec<(&Key, &Submission)> = order
        .iter()
        .filter_map(|k| groups.get(k).map(|(s, _)| (k, s)))
        .collect();
    let results: Results = match commit(db, guard, &subs, announcer).await {
        Ok(done) => done
            .into_iter()
            .map(|(k, v)| match v {
                Outcome::Stored(done) => (k, Ok(done)),
                Outcome::NotTaking => (k, Err(Failed::NotTaking)),
            })
            .collect(),
        Err(_) => {
            tracing::warn!(
                size = subs.len(),
                "storing a batch failed; storing its responses one by one"
            );
            let mut results = Results::new();
            for (key, s) in &subs {
                results.insert(
                    (*key).clone(),
                    commit_one(db, guard, key, s, announcer).await,
                );
            }
            results
        }
    };
    for key in order {
        if let Some((_, replies)) = groups.remove(&key) {
            let outcome = results.get(&key);
            for (i, reply) in replies.into_iter().enumerate() {
                let answer = match outcome {
                    Some(Ok(done)) => Ok(Submitted {
                        receipt: done.receipt.clone(),
                        created: done.created && i == 0,
                    }),
                    Some(Err(Failed::NotTaking)) => Err(SubmitError::NotTaking),
                    Some(Err(Failed::Database(e))) => Err(SubmitError::Database(e.clone())),
                    None => Err(SubmitError::Database("no result".into())),
                };
                // The waiter may have gone (client disconnected); the response is stored anyway.
                let _ = reply.send(answer);
            }
        }
    }
}

type Results = HashMap<Key, Result<Submitted, Failed>>;

/// Why one submission of a batch was not stored.
#[derive(Clone, Debug)]
enum Failed {
    NotTaking,
    Database(String),
}

/// What the transaction did with one submission.
enum Outcome {
    Stored(Submitted),
    NotTaking,
}

/// One submission in its own transaction, tried twice: a second try sees a copy another
/// instance stored meanwhile, or draws a fresh receipt after a (very unlikely) clash.
async fn commit_one(
    db: &DatabaseConnection,
    guard: &Safeguard,
    key: &Key,
    s: &Submission,
    announcer: &mut Announcer,
) -> Result<Submitted, Failed> {
    let mut last = String::new();
    for _ in 0..2 {
        match commit(db, guard, &[(key, s)], announcer).await {
            Ok(mut done) => match done.remove(key) {
                Some(Outcome::Stored(result)) => return Ok(result),
                Some(Outcome::NotTaking) => return Err(Failed::NotTaking),
                None => last = "no result".into(),
            },
            Err(e) => last = e.to_string(),
        }
    }
    tracing::error!("storing a response failed");
    Err(Failed::Database(last))
}

/// One transaction for these submissions: skip those already stored, refuse those whose survey
/// is no longer taking answers, insert the rest with their safeguarding flags and alerts, commit,
/// then wake the mail worker if an alert was queued and announce the new responses.
async fn commit(
    db: &DatabaseConnection,
    guard: &Safeguard,
    subs: &[(&Key, &Submission)],
    announcer: &mut Announcer,
) -> Result<HashMap<Key, Outcome>, SubmitError> {
    let db_err = |e: sea_orm::DbErr| SubmitError::Database(e.to_string());
    // IMMEDIATE on SQLite: take the write lock at BEGIN, so a writer that commits between our
    // first read and first write (the mail worker claiming a message) makes us wait for the
    // busy timeout instead of failing with "database is locked". Ignored by PostgreSQL.
    let txn = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await
        .map_err(db_err)?;
    let keys: Vec<(SurveyId, &str)> = subs.iter().map(|(k, _)| (k.0, k.1.as_str())).collect();
    let existing = store::existing_receipts(&txn, &keys)
        .await
        .map_err(db_err)?;
    let now = Utc::now();
    let mut survey_ids: Vec<SurveyId> = subs.iter().map(|(k, _)| k.0).collect();
    survey_ids.sort_unstable_by_key(|id| id.0);
    survey_ids.dedup();
    let taking = crate::surveys::store::taking_answers(&txn, &survey_ids, now)
        .await
        .map_err(db_err)?;
    let mut results = HashMap::new();
    let mut new = Vec::new();
    for (key, s) in subs {
        let outcome = match existing.get(*key) {
            Some(receipt) => Outcome::Stored(Submitted {
                receipt: receipt.clone(),
                created: false,
            }),
            None if !taking.contains(&key.0) => Outcome::NotTaking,
            None => {
                let receipt = Receipt::generate();
                new.push((*s, receipt.clone()));
                Outcome::Stored(Submitted {
                    receipt,
                    created: true,
                })
            }
        };
        results.insert((*key).clone(), outcome);
    }
    let ids = store::insert_many(&txn, &new, now).await.map_err(db_err)?;
    for ((s, _), id) in new.iter().zip(&ids) {
        if let Some(token) = &s.invitation {
            crate::invitations::store::link_response(&txn, s.survey_id, token, id.0)
                .await
                .map_err(db_err)?;
        }
    }
    let alerts = safeguarding::store::flag_submissions(
        &txn,
        &guard.scanner,
        &new,
        now,
        guard.alerts.as_ref().map(|(url, _)| url),
    )
    .await
    .map_err(db_err)?;
    txn.commit().await.map_err(db_err)?;
    if alerts > 0
        && let Some((_, mail)) = &guard.alerts
    {
        mail.wake();
    }
    let announced: Vec<(SurveyId, ResponseId)> = new
        .iter()
        .zip(ids)
        .map(|((s, _), id)| (s.survey_id, id))
        .collect();
    announcer.announce(db, &announced, now).await;
    Ok(results)
}
