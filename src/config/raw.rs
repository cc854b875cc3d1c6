//! Raw settings as they come from flags or the environment, before any checking.

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
    /// Test builds only: `1` adds routes that panic on purpose (`CHORUS_TEST_PANIC_ROUTE`).
    pub test_panic_route: Option<String>,
    pub trusted_proxies: Option<String>,
    pub body_timeout_secs: Option<String>,
    pub request_deadline_secs: Option<String>,
    pub max_connections: Option<String>,
}
