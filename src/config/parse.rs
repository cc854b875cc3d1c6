//! Parsers for single settings: numbers, the mail settings, the database and base URLs.

use std::time::Duration;

use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, Tokio1Executor};
use url::Url;

use super::MailSettings;
use super::RawSettings;
use super::secrets::{DatabaseUrl, SmtpUrl};
use super::{ConfigError, bad};

pub(super) fn parse_number(
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

pub(super) fn parse_mail(raw: &RawSettings) -> Result<MailSettings, ConfigError> {
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

pub(super) fn parse_database_url(text: &str) -> Result<DatabaseUrl, ConfigError> {
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

pub(super) fn parse_base_url(text: &str) -> Result<Url, ConfigError> {
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
