//! The shared application state handed to every handler.

use std::sync::Arc;

use sea_orm::DatabaseConnection;
use url::Url;

use crate::accounts::{SetupGate, SignInThrottle};
use crate::config::Settings;
use crate::mail::MailHandle;

/// What every request can reach: the database pool, settings and in-memory guards.
#[derive(Clone)]
pub struct AppState {
    /// The database pool.
    pub db: DatabaseConnection,
    /// Checked settings.
    pub settings: Arc<Settings>,
    /// The absolute URL people reach this instance on.
    pub base_url: Url,
    /// The first-run setup link, while no steward exists.
    pub setup: Arc<SetupGate>,
    /// Sign-in throttling, kept in memory only.
    pub throttle: Arc<SignInThrottle>,
    /// Wakes the outbox worker after a message is queued; describes the mail transport.
    pub mail: MailHandle,
}
