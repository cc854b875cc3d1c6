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
        if self.postgres {
            let payload = serde_json::to_string(event).unwrap_or_default();
            let stmt = Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT pg_notify($1, $2)",
                [CHANNEL.into(), payload.into()],
            );
            if let Err(err) = db.execute_raw(stmt).await {
                tracing::warn!(error = %err, "could not announce a response to other instances");
                let _ = self.tx.send(event.clone());
            }
        } else {
            let _ = self.tx.send(event.clone());
        }
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
        match serde_json::from_str::<LiveEvent>(note.payload()) {
            Ok(event) => {
                let _ = tx.send(event);
            }
            Err(err) => tracing::warn!(error = %err, "ignored a malformed live event"),
        }
        if tx.receiver_count() == 0 && tx.is_empty() {
            // Nobody is watching on this instance right now; keep listening anyway.
        }
    }
}
