//! Settings: built once from the environment and flags, validated, then passed in — no globals.

use std::fmt;
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, Tokio1Executor};
use rand::RngCore;
use url::Url;

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

/// An SMTP URL in lettre's form; its `Debug` hides any password.
#[derive(Clone)]
pub struct SmtpUrl(String);

impl SmtpUrl {
    /// The URL itself, for connecting.
    pub fn expose(&self) -> &str {
        &self.0
    }
    /// `host:port` (or just the host), safe to show: never the user name or password.
    pub fn server(&self) -> String {
        match Url::parse(&self.0) {
            Ok(url) => match (url.host_str(), url.port()) {
                (Some(host), Some(port)) => format!("{host}:{port}"),
                (Some(host), None) => host.to_owned(),
                _ => "(unknown)".into(),
            },
            Err(_) => "(unknown)".into(),
        }
    }
}

impl fmt::Debug for SmtpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SmtpUrl({})", self.server())
    }
}

/// A database URL; its `Debug` hides any password.
#[derive(Clone)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    /// The URL itself, for connecting.
    pub fn expose(&self) -> &str {
        &self.0
    }
    /// Whether this points at SQLite.
    pub fn is_sqlite(&self) -> bool {
        self.0.starts_with("sqlite:")
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match Url::parse(&self.0) {
            Ok(mut url) if url.password().is_some() => {
                let _ = url.set_password(Some("***"));
                write!(f, "{url}")
            }
            _ => write!(f, "{}", self.0),
        }
    }
}

/// Secret key material; never printed.
#[derive(Clone)]
pub struct SecretKey(Vec<u8>);

impl SecretKey {
    /// The raw key bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(***)")
    }
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

/// Where "Exit this page" goes unless `CHORUS_EXIT_URL` says otherwise.
pub const DEFAULT_EXIT_URL: &str = "https://www.google.com/";

/// Raw settings as they come from flags or the environment.
#[derive(Clone, Debug, Default)]
pub struct RawSettings {
    pub addr: Option<String>,
    pub data_dir: Option<String>,
    pub database_url: Option<String>,
    pub base_url: Option<String>,
    pub secret_key: Option<String>,
    pub session_idle_minutes: Option<String>,
    pub session_lifetime_hours: Option<String>,
    pub rate_limit: Option<String>,
    pub smtp_url: Option<String>,
    pub mail_from: Option<String>,
    pub mail_retry_base_ms: Option<String>,
    pub mail_poll_ms: Option<String>,
    pub mail_lease_secs: Option<String>,
    pub reminder_days: Option<String>,
    pub tasks_poll_ms: Option<String>,
    pub exit_url: Option<String>,
    pub resume_days: Option<String>,
    pub min_group: Option<String>,
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
        Ok(Settings {
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

fn parse_number(
    raw: Option<String>,
    variable: &'static str,
    default: u64,
) -> Result<u64, ConfigError> {
    match raw.as_deref().map(str::trim) {
        None | Some("") => Ok(default),
        Some(text) => text.parse::<u64>().ok().filter(|n| *n > 0).ok_or_else(|| {
            bad(
                variable,
                format!("'{text}' should be a whole number above 0"),
            )
        }),
    }
}

fn parse_mail(raw: &RawSettings) -> Result<MailSettings, ConfigError> {
    let smtp_url = match raw.smtp_url.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => {
            AsyncSmtpTransport::<Tokio1Executor>::from_url(text).map_err(|e| {
                bad(
                    "CHORUS_SMTP_URL",
                    format!(
                        "is not an SMTP URL such as smtp://host:25, smtp://user:pass@host:587?tls=required or smtps://user:pass@host:465 ({e})"
                    ),
                )
            })?;
            Some(SmtpUrl(text.to_owned()))
        }
    };
    let from_text = raw
        .mail_from
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or("Chorus <chorus@localhost>");
    let from: Mailbox = from_text.parse().map_err(|_| {
        bad(
            "CHORUS_MAIL_FROM",
            format!("'{from_text}' is not a sender such as Chorus <chorus@example.org>"),
        )
    })?;
    let millis = |value: &Option<String>, variable, default| {
        parse_number(value.clone(), variable, default).map(Duration::from_millis)
    };
    Ok(MailSettings {
        smtp_url,
        from,
        retry_base: millis(&raw.mail_retry_base_ms, "CHORUS_MAIL_RETRY_BASE_MS", 30_000)?,
        poll_interval: millis(&raw.mail_poll_ms, "CHORUS_MAIL_POLL_MS", 5_000)?,
        lease: Duration::from_secs(parse_number(
            raw.mail_lease_secs.clone(),
            "CHORUS_MAIL_LEASE_SECS",
            300,
        )?),
    })
}

fn parse_database_url(text: &str) -> Result<DatabaseUrl, ConfigError> {
    let ok = text.starts_with("sqlite:")
        || ((text.starts_with("postgres://") || text.starts_with("postgresql://"))
            && Url::parse(text).is_ok());
    if ok {
        Ok(DatabaseUrl(text.to_owned()))
    } else {
        Err(bad(
            "DATABASE_URL",
            "should start with sqlite: or postgres:// (for example postgres://user@host:5432/chorus)",
        ))
    }
}

fn parse_base_url(text: &str) -> Result<Url, ConfigError> {
    let url = Url::parse(text)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
        .ok_or_else(|| {
            bad(
                "CHORUS_BASE_URL",
                format!("'{text}' is not an absolute http or https URL"),
            )
        })?;
    Ok(url)
}

fn load_or_create_key(data_dir: &Path) -> Result<SecretKey, ConfigError> {
    let path = data_dir.join("secret.key");
    match std::fs::read_to_string(&path) {
        Ok(text) if text.trim().len() >= 32 => {
            return Ok(SecretKey(text.trim().as_bytes().to_vec()));
        }
        Ok(_) => {
            return Err(bad(
                "CHORUS_SECRET_KEY",
                format!(
                    "the key file {} is too short; delete it to make a new one",
                    path.display()
                ),
            ));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => {
            return Err(bad(
                "CHORUS_SECRET_KEY",
                format!("cannot read {}: {e}", path.display()),
            ));
        }
    }
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let key = hex::encode(bytes);
    write_private(&path, key.as_bytes()).map_err(|e| {
        bad(
            "CHORUS_SECRET_KEY",
            format!("cannot write {}: {e}", path.display()),
        )
    })?;
    Ok(SecretKey(key.into_bytes()))
}

fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(contents)?;
    file.sync_all()
}
