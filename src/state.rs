//! The shared application state handed to every handler.

use std::sync::Arc;

use sea_orm::DatabaseConnection;
use url::Url;

use crate::accounts::{SetupGate, SignInThrottle};
use crate::config::Settings;
use crate::live::Hub;
use crate::mail::MailHandle;
use crate::responses::{RateLimiter, Submitter};
use crate::surveys::cache::SurveyCache;
use crate::themes::ThemeJobs;

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
    /// The group-commit writer every response goes through.
    pub submitter: Submitter,
    /// Public submissions per client address per minute; `None` when turned off.
    pub submit_limit: Option<Arc<RateLimiter>>,
    /// Failed receipt look-ups per client address, against guessing.
    pub receipt_limit: Arc<RateLimiter>,
    /// Wakes the outbox worker after a message is queued; describes the mail transport.
    pub mail: MailHandle,
    /// Live events: new responses announced to boards and SSE clients (across instances on
    /// PostgreSQL).
    pub live: Hub,
    /// The background theme-coding worker (keyword coding and the learned coder).
    pub themes: ThemeJobs,
    /// Surveys and their questions by slug for the public submission API, kept for a second.
    pub surveys: Arc<SurveyCache>,
    /// Theme exports running at once on this instance (each holds a database connection).
    pub exports: Arc<tokio::sync::Semaphore>,
}
