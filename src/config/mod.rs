//! Settings: built once from the environment and flags, validated, then passed in — no globals.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use lettre::message::Mailbox;
use url::Url;

mod parse;
mod proxies;
mod raw;
mod secrets;

use parse::{parse_base_url, parse_database_url, parse_mail, parse_number};
pub use proxies::TrustedProxies;
pub use raw::{DEFAULT_EXIT_URL, RawSettings};
use secrets::load_or_create_key;
pub use secrets::{DatabaseUrl, SecretKey, SmtpUrl};
/// Everything the service needs to start, already checked.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Where to listen. Port 0 picks a free port (tests).
    pub addr: SocketAddr,
    /// Folder for the SQLite database, the generated secret key and outgoing mail files.
    pub data_dir: PathBuf,
    /// The database to use (SQLite or PostgreSQL).
    pub database_url: DatabaseUrl,
    /// Absolute URL people reach Chorus on; `None` means "derive from the bound address".
    pub base_url: Option<Url>,
    /// Key for signing cookies and form tokens.
    pub secret_key: SecretKey,
    /// Sign-in sessions end after this long without a request.
    pub session_idle: Duration,
    /// Sign-in sessions end this long after sign-in, whatever happens.
    pub session_lifetime: Duration,
    /// Public submissions per client address per minute; `None` turns the limit off.
    pub submit_rate_limit: Option<u32>,
    /// Outgoing mail: server, sender and the outbox worker's timings.
    pub mail: MailSettings,
    /// Days after an invitation before a reminder goes to those who have not used their link,
    /// unless a survey sets its own.
    pub reminder_days: u32,
    /// How often the notifications task looks for reminders and digests to send.
    pub tasks_poll_interval: Duration,
    /// Where "Exit this page" on sensitive surveys goes: a neutral site.
    pub exit_url: Url,
    /// How long answers saved with a resume code are kept.
    pub resume_lifetime: Duration,
    /// Smallest group shown in breakdowns and aggregate exports; smaller counts read
    /// "fewer than N" (`CHORUS_MIN_GROUP`, default 5; 1 turns suppression off).
    pub min_group: u64,
    /// Test builds only (`CHORUS_TEST_PANIC_ROUTE=1`): `GET /test/panic` and
    /// `GET /api/v1/test/panic` panic on purpose, to prove a panic is answered with a 500.
    /// Off by default; never on in production.
    pub test_panic_route: bool,
    /// Reverse proxies whose `Forwarded`/`X-Forwarded-For` headers are believed for the
    /// throttle and rate limits (`CHORUS_TRUSTED_PROXIES`, addresses or CIDR ranges; none by
    /// default, so the connecting address counts).
    pub trusted_proxies: TrustedProxies,
    /// A request body that stops arriving for this long fails with 408
    /// (`CHORUS_BODY_TIMEOUT_SECS`, default 5).
    pub body_idle_timeout: Duration,
    /// Longest time a request body may take to arrive in full, however steadily it trickles
    /// (`CHORUS_REQUEST_DEADLINE_SECS`, default 60).
    pub request_deadline: Duration,
    /// Most connections open at once (`CHORUS_MAX_CONNECTIONS`); `None` takes them from the
    /// process's open-file limit at start.
    pub max_connections: Option<usize>,
}

/// Outgoing mail settings.
#[derive(Clone, Debug)]
pub struct MailSettings {
    /// The SMTP server; `None` writes `.eml` files into `<data dir>/outbox-files/` instead.
    pub smtp_url: Option<SmtpUrl>,
    /// The From of every message.
    pub from: Mailbox,
    /// Delay before the first retry; doubles for each later one (capped at an hour).
    pub retry_base: Duration,
    /// How often the worker looks for due messages when nothing wakes it.
    pub poll_interval: Duration,
    /// How long a claimed message may stay `sending` before another worker may take it over.
    pub lease: Duration,
}

/// A configuration problem, named after the variable that holds it.
#[derive(Debug, thiserror::Error)]
#[error("{variable}: {message}")]
pub struct ConfigError {
    /// The environment variable (or flag) at fault.
    pub variable: &'static str,
    /// What is wrong, in plain words.
    pub message: String,
}

fn bad(variable: &'static str, message: impl Into<String>) -> ConfigError {
    ConfigError {
        variable,
        message: message.into(),
    }
}

impl Settings {
    /// Checks raw settings and fills in defaults, creating the data folder if it is missing.
    pub fn parse(raw: RawSettings) -> Result<Settings, ConfigError> {
        let mail = parse_mail(&raw)?;
        let addr_text = raw.addr.unwrap_or_else(|| "127.0.0.1:8080".into());
        let addr: SocketAddr = addr_text.trim().parse().map_err(|_| {
            bad(
                "CHORUS_ADDR",
                format!("'{addr_text}' is not an address and port such as 127.0.0.1:8080"),
            )
        })?;
        let data_dir = PathBuf::from(raw.data_dir.unwrap_or_else(|| "./data".into()));
        std::fs::create_dir_all(&data_dir).map_err(|e| {
            bad(
                "CHORUS_DATA_DIR",
                format!("cannot create folder {}: {e}", data_dir.display()),
            )
        })?;
        let database_url = match raw.database_url.filter(|s| !s.trim().is_empty()) {
            Some(url) => parse_database_url(url.trim())?,
            None => {
                let path = data_dir.join("chorus.db");
                DatabaseUrl(format!("sqlite://{}?mode=rwc", path.display()))
            }
        };
        let base_url = match raw.base_url.filter(|s| !s.trim().is_empty()) {
            Some(text) => Some(parse_base_url(text.trim())?),
            None => None,
        };
        let secret_key = match raw.secret_key.filter(|s| !s.is_empty()) {
            Some(key) if key.len() >= 32 => SecretKey(key.into_bytes()),
            Some(_) => {
                return Err(bad(
                    "CHORUS_SECRET_KEY",
                    "must be at least 32 characters long",
                ));
            }
            None => load_or_create_key(&data_dir)?,
        };
        let session_idle = Duration::from_secs(
            60 * parse_number(raw.session_idle_minutes, "CHORUS_SESSION_IDLE_MINUTES", 30)?,
        );
        let session_lifetime = Duration::from_secs(
            3600 * parse_number(
                raw.session_lifetime_hours,
                "CHORUS_SESSION_LIFETIME_HOURS",
                12,
            )?,
        );
        let submit_rate_limit = match raw.rate_limit.as_deref().map(str::trim) {
            None | Some("") => Some(30),
            Some("off") => None,
            Some(text) => Some(text.parse::<u32>().ok().filter(|n| *n > 0).ok_or_else(|| {
                bad(
                    "CHORUS_RATE_LIMIT",
                    format!("'{text}' should be a number of submissions per minute, or off"),
                )
            })?),
        };
        let reminder_days = parse_number(raw.reminder_days.clone(), "CHORUS_REMINDER_DAYS", 3)?;
        let reminder_days = u32::try_from(reminder_days)
            .ok()
            .filter(|d| *d <= 365)
            .ok_or_else(|| {
                bad(
                    "CHORUS_REMINDER_DAYS",
                    "should be a number of days from 1 to 365",
                )
            })?;
        let tasks_poll_interval = Duration::from_millis(parse_number(
            raw.tasks_poll_ms.clone(),
            "CHORUS_TASKS_POLL_MS",
            60_000,
        )?);
        let exit_text = raw
            .exit_url
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_EXIT_URL.into());
        let exit_url = Url::parse(exit_text.trim())
            .ok()
            .filter(|u| matches!(u.scheme(), "https" | "http") && u.host().is_some())
            .ok_or_else(|| {
                bad(
                    "CHORUS_EXIT_URL",
                    format!("'{exit_text}' should be an absolute https:// address"),
                )
            })?;
        let resume_days = parse_number(raw.resume_days, "CHORUS_RESUME_DAYS", 7)?;
        if resume_days == 0 || resume_days > 90 {
            return Err(bad(
                "CHORUS_RESUME_DAYS",
                "should be a number of days from 1 to 90",
            ));
        }
        let min_group = parse_number(
            raw.min_group,
            "CHORUS_MIN_GROUP",
            crate::disclosure::DEFAULT_MIN_GROUP,
        )?;
        let test_panic_route = match raw.test_panic_route.as_deref().map(str::trim) {
            None | Some("" | "0" | "off") => false,
            Some("1" | "on") => true,
            Some(text) => {
                return Err(bad(
                    "CHORUS_TEST_PANIC_ROUTE",
                    format!("'{text}' should be 1 (test builds only) or 0"),
                ));
            }
        };
        let trusted_proxies = TrustedProxies::parse(raw.trusted_proxies.as_deref().unwrap_or(""))
            .map_err(|message| bad("CHORUS_TRUSTED_PROXIES", message))?;
        let body_idle_timeout = Duration::from_secs(parse_number(
            raw.body_timeout_secs,
            "CHORUS_BODY_TIMEOUT_SECS",
            5,
        )?);
        let request_deadline = Duration::from_secs(parse_number(
            raw.request_deadline_secs,
            "CHORUS_REQUEST_DEADLINE_SECS",
            60,
        )?);
        let max_connections = match raw.max_connections.as_deref().map(str::trim) {
            None | Some("") => None,
            text => Some(
                usize::try_from(parse_number(
                    text.map(str::to_owned),
                    "CHORUS_MAX_CONNECTIONS",
                    1,
                )?)
                .unwrap_or(usize::MAX),
            ),
        };
        Ok(Settings {
            test_panic_route,
            trusted_proxies,
            body_idle_timeout,
            request_deadline,
            max_connections,
            exit_url,
            resume_lifetime: Duration::from_secs(86_400 * resume_days),
            addr,
            data_dir,
            database_url,
            base_url,
            secret_key,
            session_idle,
            session_lifetime,
            submit_rate_limit,
            mail,
            reminder_days,
            tasks_poll_interval,
            min_group,
        })
    }

    /// Whether cookies must be marked Secure and HSTS sent.
    pub fn is_https(&self) -> bool {
        self.base_url
            .as_ref()
            .is_some_and(|u| u.scheme() == "https")
    }
}
