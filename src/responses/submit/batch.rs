//! One batch of submissions in one transaction: those already stored answered with their
//! receipt when the answers are the same (otherwise a conflict, with no receipt), those whose survey stopped taking answers refused, the rest stored with their
//! safeguarding flags; on any failure, one transaction per submission instead.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{DatabaseConnection, SqliteTransactionMode, TransactionOptions, TransactionTrait};

use super::announce::Announcer;
use super::{Reply, Safeguard, SubmitError, Submitted};
use crate::responses::model::{Receipt, ResponseId, StoredAnswer, Submission};
use crate::responses::store::{self, Earlier};
use crate::safeguarding;
use crate::surveys::SurveyId;

type Key = (SurveyId, String);

/// Stores a batch; on any failure falls back to one transaction per submission.
pub(super) async fn store_batch(
    db: &DatabaseConnection,
    guard: &Safeguard,
    work: Vec<(Submission, Reply)>,
    announcer: &mut Announcer,
) {
    // Duplicates inside the batch (rare) wait for the first submission with the same key, each
    // with its answers as stored: only the answers stored under the key get the receipt.
    let mut order: Vec<Key> = Vec::new();
    let mut groups: HashMap<Key, (Submission, Vec<Waiting>)> = HashMap::new();
    for (s, reply) in work {
        let key = (s.survey_id, s.submission_id.as_str().to_owned());
        match groups.get_mut(&key) {
            Some((_, replies)) => replies.push((reply, Some(s.stored_form()))),
            None => {
                order.push(key.clone());
                groups.insert(key, (s, vec![(reply, None)]));
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
                Outcome::Conflict(earlier) => (k, Err(Failed::Conflict(earlier))),
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
        if let Some((first, replies)) = groups.remove(&key) {
            let outcome = results.get(&key);
            // The first's answers as stored, worked out only when a duplicate needs them.
            let first = (replies.len() > 1).then(|| first.stored_form());
            for (reply, form) in replies {
                let same_as_first = form.is_none() || form == first;
                let answer = match outcome {
                    Some(Ok(done)) if same_as_first => Ok(Submitted {
                        receipt: done.receipt.clone(),
                        created: done.created && form.is_none(),
                    }),
                    Some(Err(Failed::Conflict(earlier)))
                        if form.as_ref().is_some_and(|f| *f == earlier.answers) =>
                    {
                        Ok(Submitted {
                            receipt: earlier.receipt.clone(),
                            created: false,
                        })
                    }
                    Some(Ok(_) | Err(Failed::Conflict(_))) => Err(SubmitError::Conflict),
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

/// A sender waiting for its reply, with its answers as they would be stored when it is a
/// duplicate (`None` for the first with its key, whose answers are the group's own).
type Waiting = (Reply, Option<Vec<StoredAnswer>>);

/// Why one submission of a batch was not stored.
#[derive(Clone, Debug)]
enum Failed {
    NotTaking,
    Conflict(Earlier),
    Database(String),
}

/// What the transaction did with one submission.
enum Outcome {
    Stored(Submitted),
    NotTaking,
    /// Already stored under this id with other answers: no receipt (but a duplicate in the
    /// batch with those answers gets it).
    Conflict(Earlier),
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
                Some(Outcome::Conflict(earlier)) => return Err(Failed::Conflict(earlier)),
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
    let existing = store::earlier_copies(&txn, &keys).await.map_err(db_err)?;
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
            Some(earlier) if earlier.same_as(s) => Outcome::Stored(Submitted {
                receipt: earlier.receipt.clone(),
                created: false,
            }),
            Some(earlier) => Outcome::Conflict(earlier.clone()),
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
