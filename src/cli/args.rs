//! The command line's shape: commands, their flags, and the server settings each flag
//! overrides (given before a command they apply to it; each command's help lists its own).

use std::collections::HashSet;

use clap::parser::ValueSource;
use clap::{ArgMatches, Args, Parser, Subcommand};

use crate::config::RawSettings;

/// Chorus: co-design questionnaires and real-time feedback for children's and family services.
/// With no command it serves the web application (the options below are the server's).
#[derive(Parser, Debug)]
#[command(name = "chorus", version, about, long_about = None)]
pub struct Cli {
    /// Given before a command, these apply to it too (`chorus --data-dir x demo`).
    #[command(flatten)]
    pub settings: SettingsArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Settings shared by every command; each flag overrides its environment variable.
#[derive(Args, Debug, Clone, Default)]
pub struct SettingsArgs {
    /// Address and port to listen on [default: 127.0.0.1:8080]
    #[arg(long, env = "CHORUS_ADDR")]
    pub addr: Option<String>,
    /// Folder for the SQLite database, the secret key and mail files [default: ./data]
    #[arg(long, env = "CHORUS_DATA_DIR")]
    pub data_dir: Option<String>,
    /// Database URL: sqlite:… or postgres://… [default: SQLite in the data folder]
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
    /// Absolute URL people reach Chorus on, used in emails and QR codes
    #[arg(long, env = "CHORUS_BASE_URL")]
    pub base_url: Option<String>,
    /// Cookie and form signing key, at least 32 characters [default: generated in the data folder]
    #[arg(long, env = "CHORUS_SECRET_KEY", hide_env_values = true)]
    pub secret_key: Option<String>,
    /// Minutes without activity before a sign-in session ends [default: 30]
    #[arg(long, env = "CHORUS_SESSION_IDLE_MINUTES")]
    pub session_idle_minutes: Option<String>,
    /// Hours after sign-in when a session ends regardless [default: 12]
    #[arg(long, env = "CHORUS_SESSION_LIFETIME_HOURS")]
    pub session_lifetime_hours: Option<String>,
    /// Public submissions per client address per minute, or "off" [default: 30]
    #[arg(long, env = "CHORUS_RATE_LIMIT")]
    pub rate_limit: Option<String>,
    /// Reverse proxies whose Forwarded / X-Forwarded-For headers name the client, as addresses
    /// or CIDR ranges: 10.0.0.0/8,::1 [default: none; the connecting address counts]
    #[arg(long, env = "CHORUS_TRUSTED_PROXIES")]
    pub trusted_proxies: Option<String>,
    /// Seconds a request body may stop arriving before the request fails with 408 [default: 5]
    #[arg(long, env = "CHORUS_BODY_TIMEOUT_SECS")]
    pub body_timeout_secs: Option<String>,
    /// Seconds a request body may take to arrive in full [default: 60]
    #[arg(long, env = "CHORUS_REQUEST_DEADLINE_SECS")]
    pub request_deadline_secs: Option<String>,
    /// Most connections open at once [default: from the open-file limit]
    #[arg(long, env = "CHORUS_MAX_CONNECTIONS")]
    pub max_connections: Option<String>,
    /// SMTP server: smtp://host:25, smtp://user:pass@host:587?tls=required or smtps://user:pass@host:465
    /// [default: none; messages are written as .eml files in the data folder's outbox-files]
    #[arg(long, env = "CHORUS_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// Sender of every message [default: Chorus <chorus@localhost>]
    #[arg(long, env = "CHORUS_MAIL_FROM")]
    pub mail_from: Option<String>,
    /// Milliseconds before the first retry of a message; doubles each time [default: 30000]
    #[arg(long, env = "CHORUS_MAIL_RETRY_BASE_MS")]
    pub mail_retry_base_ms: Option<String>,
    /// Milliseconds between checks of the outbox when nothing wakes the worker [default: 5000]
    #[arg(long, env = "CHORUS_MAIL_POLL_MS")]
    pub mail_poll_ms: Option<String>,
    /// Seconds before a message stuck in sending is taken over by another worker [default: 300]
    #[arg(long, env = "CHORUS_MAIL_LEASE_SECS")]
    pub mail_lease_secs: Option<String>,
    /// Days before a reminder goes to invited people who have not answered; each survey can
    /// change it on its invitations page [default: 3]
    #[arg(long, env = "CHORUS_REMINDER_DAYS")]
    pub reminder_days: Option<String>,
    /// Milliseconds between checks for reminders and daily digests to send [default: 60000]
    #[arg(long, env = "CHORUS_TASKS_POLL_MS")]
    pub tasks_poll_ms: Option<String>,
    /// Neutral site that "Exit this page" on sensitive surveys goes to [default: https://www.google.com/]
    #[arg(long, env = "CHORUS_EXIT_URL")]
    pub exit_url: Option<String>,
    /// Days that answers saved with a resume code are kept [default: 7]
    #[arg(long, env = "CHORUS_RESUME_DAYS")]
    pub resume_days: Option<String>,
    /// Smallest group shown in breakdowns and aggregate exports; smaller counts read
    /// "fewer than N" [default: 5; 1 turns suppression off]
    #[arg(long, env = "CHORUS_MIN_GROUP")]
    pub min_group: Option<String>,
    /// Test builds only: 1 adds routes that panic on purpose [default: 0]
    #[arg(long, env = "CHORUS_TEST_PANIC_ROUTE", hide = true)]
    pub test_panic_route: Option<String>,
}

/// Where the data is: what the commands that only touch the database need.
#[derive(Args, Debug, Clone, Default)]
pub struct DbArgs {
    /// Folder for the SQLite database, the secret key and mail files [default: ./data]
    #[arg(long, env = "CHORUS_DATA_DIR")]
    pub data_dir: Option<String>,
    /// Database URL: sqlite:… or postgres://… [default: SQLite in the data folder]
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
}

impl SettingsArgs {
    /// These settings (given before the command, or from the environment) with every option
    /// typed after the command, named in `typed`, taking precedence.
    pub fn overridden_by(self, over: SettingsArgs, typed: &HashSet<String>) -> SettingsArgs {
        let pick = |id: &str, o: Option<String>, s: Option<String>| {
            if typed.contains(id) { o } else { s }
        };
        let o = over;
        SettingsArgs {
            addr: pick("addr", o.addr, self.addr),
            data_dir: pick("data_dir", o.data_dir, self.data_dir),
            database_url: pick("database_url", o.database_url, self.database_url),
            base_url: pick("base_url", o.base_url, self.base_url),
            secret_key: pick("secret_key", o.secret_key, self.secret_key),
            session_idle_minutes: pick(
                "session_idle_minutes",
                o.session_idle_minutes,
                self.session_idle_minutes,
            ),
            session_lifetime_hours: pick(
                "session_lifetime_hours",
                o.session_lifetime_hours,
                self.session_lifetime_hours,
            ),
            rate_limit: pick("rate_limit", o.rate_limit, self.rate_limit),
            trusted_proxies: pick("trusted_proxies", o.trusted_proxies, self.trusted_proxies),
            body_timeout_secs: pick(
                "body_timeout_secs",
                o.body_timeout_secs,
                self.body_timeout_secs,
            ),
            request_deadline_secs: pick(
                "request_deadline_secs",
                o.request_deadline_secs,
                self.request_deadline_secs,
            ),
            max_connections: pick("max_connections", o.max_connections, self.max_connections),
            smtp_url: pick("smtp_url", o.smtp_url, self.smtp_url),
            mail_from: pick("mail_from", o.mail_from, self.mail_from),
            mail_retry_base_ms: pick(
                "mail_retry_base_ms",
                o.mail_retry_base_ms,
                self.mail_retry_base_ms,
            ),
            mail_poll_ms: pick("mail_poll_ms", o.mail_poll_ms, self.mail_poll_ms),
            mail_lease_secs: pick("mail_lease_secs", o.mail_lease_secs, self.mail_lease_secs),
            reminder_days: pick("reminder_days", o.reminder_days, self.reminder_days),
            tasks_poll_ms: pick("tasks_poll_ms", o.tasks_poll_ms, self.tasks_poll_ms),
            exit_url: pick("exit_url", o.exit_url, self.exit_url),
            resume_days: pick("resume_days", o.resume_days, self.resume_days),
            min_group: pick("min_group", o.min_group, self.min_group),
            test_panic_route: pick(
                "test_panic_route",
                o.test_panic_route,
                self.test_panic_route,
            ),
        }
    }
}

/// The options typed on the command line after the (innermost) command, by id; empty when no
/// command was given. Values the command read from the environment are not among them, so a
/// flag given before the command is not undone by the same variable read again after it.
pub fn typed_after_command(matches: &ArgMatches) -> HashSet<String> {
    let mut m = matches;
    let mut descended = false;
    while let Some((_, sub)) = m.subcommand() {
        m = sub;
        descended = true;
    }
    if !descended {
        return HashSet::new();
    }
    m.ids()
        .map(|id| id.as_str().to_owned())
        .filter(|id| m.value_source(id) == Some(ValueSource::CommandLine))
        .collect()
}

impl From<DbArgs> for SettingsArgs {
    fn from(d: DbArgs) -> Self {
        SettingsArgs {
            data_dir: d.data_dir,
            database_url: d.database_url,
            ..SettingsArgs::default()
        }
    }
}

impl From<SettingsArgs> for RawSettings {
    fn from(a: SettingsArgs) -> Self {
        RawSettings {
            addr: a.addr,
            data_dir: a.data_dir,
            database_url: a.database_url,
            base_url: a.base_url,
            secret_key: a.secret_key,
            session_idle_minutes: a.session_idle_minutes,
            session_lifetime_hours: a.session_lifetime_hours,
            rate_limit: a.rate_limit,
            trusted_proxies: a.trusted_proxies,
            body_timeout_secs: a.body_timeout_secs,
            request_deadline_secs: a.request_deadline_secs,
            max_connections: a.max_connections,
            smtp_url: a.smtp_url,
            mail_from: a.mail_from,
            mail_retry_base_ms: a.mail_retry_base_ms,
            mail_poll_ms: a.mail_poll_ms,
            mail_lease_secs: a.mail_lease_secs,
            reminder_days: a.reminder_days,
            tasks_poll_ms: a.tasks_poll_ms,
            exit_url: a.exit_url,
            resume_days: a.resume_days,
            min_group: a.min_group,
            test_panic_route: a.test_panic_route,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the web application (what a bare `chorus` does)
    Serve {
        #[command(flatten)]
        settings: Box<SettingsArgs>,
    },
    /// Apply database migrations, then exit
    Migrate {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Manage steward accounts
    #[command(subcommand)]
    Steward(StewardCommand),
    /// Manage API tokens
    #[command(subcommand)]
    Token(TokenCommand),
    /// Fill the database with a sample project: surveys, a few hundred responses, themes and
    /// two experiments
    Demo {
        #[command(flatten)]
        db: DbArgs,
    },
    /// The theme coder offline
    #[command(subcommand)]
    Themes(ThemesCommand),
    /// The safeguarding scanner offline
    #[command(subcommand)]
    Safeguarding(SafeguardingCommand),
    /// The audit log
    #[command(subcommand)]
    Audit(AuditCommand),
}

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// Check the audit log: prints "ok: N entries" and the newest hash, or names the first
    /// entry that was changed, is missing or is out of order, and fails
    Verify {
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Subcommand, Debug)]
pub enum ThemesCommand {
    /// Train the theme coder on one CSV (id,text,labels; labels separated by ";") and score
    /// it on another; prints one JSON object
    Eval {
        /// Training CSV
        #[arg(long)]
        train: std::path::PathBuf,
        /// Test CSV
        #[arg(long)]
        test: std::path::PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum SafeguardingCommand {
    /// Scan a CSV of id,text and print CSV id,flag,reason
    Scan {
        /// The CSV file to scan
        file: std::path::PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum StewardCommand {
    /// Add a steward account; the password is read from standard input
    Add {
        /// Sign-in email address
        #[arg(long)]
        email: String,
        /// Name as shown in Chorus
        #[arg(long)]
        name: String,
        /// admin, steward or practitioner
        #[arg(long, default_value = "steward")]
        role: String,
        /// Read the password from standard input (required: passwords never go on the command line)
        #[arg(long, required = true)]
        password_stdin: bool,
        #[command(flatten)]
        db: DbArgs,
    },
    /// List steward accounts
    List {
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Subcommand, Debug)]
pub enum TokenCommand {
    /// Create an API token for a steward and print it once
    Create {
        /// The steward's email address
        #[arg(long)]
        email: String,
        /// What the token is for
        #[arg(long)]
        label: String,
        #[command(flatten)]
        db: DbArgs,
    },
}
