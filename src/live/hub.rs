//! The event hub: publish after a commit; every instance's boards hear it.

use std::time::Duration;

use sea_orm::sqlx::postgres::PgListener;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use tokio::sync::broadcast;

use crate::live::model::LiveEvent;

const CHANNEL: &str = "chorus_live";
const CAPACITY: usize = 4096;

/// Fans live events out to subscribers.
#[derive(Clone)]
pub struct Hub {
    tx: broadcast::Sender<LiveEvent>,
    postgres: bool,
}

impl Hub {
    /// A hub for this database. On PostgreSQL it starts a listener so events published by any
    /// instance reach this one's subscribers.
    pub fn start(db: &DatabaseConnection) -> Hub {
        let (tx, _) = broadcast::channel(CAPACITY);
        let postgres = db.get_database_backend() == DbBackend::Postgres;
        if postgres {
            let pool = db.get_postgres_connection_pool().clone();
            let tx = tx.clone();
            tokio::spawn(async move {
                let mut delay = Duration::from_millis(200);
                loop {
                    match listen(&pool, &tx).await {
                        Ok(()) => return,
                        // The server is stopping: the pool closed under the listener.
                        Err(_) if pool.is_closed() => {
                            tracing::debug!("live event listener stopped");
                            return;
                        }
                        Err(err) => {
                            tracing::warn!(error = %err, "live event listener lost its connection; retrying");
                            tokio::time::sleep(delay).await;
                            delay = (delay * 2).min(Duration::from_secs(10));
                        }
                    }
                }
            });
        }
        Hub { tx, postgres }
    }

    /// Listens to this instance's events.
    pub fn subscribe(&self) -> broadcast::Receiver<LiveEvent> {
        self.tx.subscribe()
    }

    /// Announces a committed response. Call only after the commit.
    pub async fn publish<C: ConnectionTrait>(&self, db: &C, event: &LiveEvent) {
        self.publish_many(db, std::slice::from_ref(event)).await;
    }

    /// Announces committed responses. On PostgreSQL they travel in as few notifications as
    /// the payload limit allows ([`PER_NOTIFY`] each), so a batch of stored responses costs a
    /// statement or two, not one each. Call only after the commit.
    pub async fn publish_many<C: ConnectionTrait>(&self, db: &C, events: &[LiveEvent]) {
        if !self.postgres {
            for event in events {
                let _ = self.tx.send(event.clone());
            }
            return;
        }
        for chunk in events.chunks(PER_NOTIFY) {
            let payload = serde_json::to_string(chunk).unwrap_or_default();
            let stmt = Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT pg_notify($1, $2)",
                [CHANNEL.into(), payload.into()],
            );
            if let Err(err) = db.execute_raw(stmt).await {
                tracing::warn!(error = %err, "could not announce responses to other instances");
                for event in chunk {
                    let _ = self.tx.send(event.clone());
                }
            }
        }
    }
}

/// Events per notification: each is under 120 bytes of JSON, and PostgreSQL refuses payloads
/// of 8,000 bytes or more.
pub const PER_NOTIFY: usize = 50;

/// A notification's events: a JSON array (or, from older instances, one object).
fn decode(payload: &str) -> Result<Vec<LiveEvent>, serde_json::Error> {
    match serde_json::from_str::<Vec<LiveEvent>>(payload) {
        Ok(events) => Ok(events),
        Err(_) => serde_json::from_str::<LiveEvent>(payload).map(|e| vec![e]),
    }
}

async fn listen(
    pool: &sea_orm::sqlx::PgPool,
    tx: &broadcast::Sender<LiveEvent>,
) -> Result<(), sea_orm::sqlx::Error> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    loop {
        let note = listener.recv().await?;
        match decode(note.payload()) {
            Ok(events) => {
                for event in events {
                    let _ = tx.send(event);
                }
            }
            Err(err) => tracing::warn!(error = %err, "ignored a malformed live event"),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use super::*;

    fn event(id: i64) -> LiveEvent {
        LiveEvent {
            response_id: id,
            survey_id: 7,
            project_id: 3,
            submitted_at: DateTime::<Utc>::UNIX_EPOCH,
            round_id: None,
        }
    }

    #[test]
    fn a_full_notification_stays_under_postgresqls_payload_limit() {
        let mut e = event(i64::MAX);
        e.survey_id = i64::MAX;
        e.project_id = i64::MAX;
        e.submitted_at = Utc::now();
        let chunk = vec![e; PER_NOTIFY];
        assert!(serde_json::to_string(&chunk).unwrap().len() < 8000);
    }

    #[test]
    fn notifications_decode_as_a_list_or_a_single_event() {
        let list = serde_json::to_string(&[event(1), event(2)]).unwrap();
        assert_eq!(decode(&list).unwrap(), vec![event(1), event(2)]);
        let one = serde_json::to_string(&event(3)).unwrap();
        assert_eq!(decode(&one).unwrap(), vec![event(3)]);
        assert!(decode("nonsense").is_err());
    }
}
