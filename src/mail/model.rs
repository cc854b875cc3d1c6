//! Pure mail types and rules: what a message is, its states, and when to try again.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::string_enum;

string_enum!(
    /// Why a message is sent; stored with it and shown to administrators.
    MailKind {
        /// An invitation to answer a questionnaire or to join Chorus.
        Invitation = "invitation",
        /// A reminder about an open questionnaire.
        Reminder = "reminder",
        /// A summary of recent activity.
        Digest = "digest",
        /// An alert to a safeguarding lead.
        Safeguarding = "safeguarding",
        /// An administrator's test message.
        Test = "test",
        /// A respondent's resume code, sent once at their request; scrubbed after sending.
        Resume = "resume",
        /// A "You said, we did" page changed; sent to those who asked.
        Update = "update",
    }
);

string_enum!(
    /// Where a message is in its life: pending → sending → sent, or back to pending to retry,
    /// or failed once Chorus gives up.
    OutboxStatus {
        /// Waiting for its next attempt.
        Pending = "pending",
        /// Claimed by a worker that is sending it now.
        Sending = "sending",
        /// Accepted by the mail server.
        Sent = "sent",
        /// Given up on; an administrator can send it again.
        Failed = "failed",
    }
);

string_enum!(
    /// What went wrong with a delivery attempt, recorded without any personal data.
    SendErrorKind {
        /// The server said "try later" (4xx).
        Temporary = "temporary",
        /// The server refused the message for good (5xx).
        Permanent = "permanent",
        /// The server could not be reached or dropped the connection.
        Connection = "connection",
        /// The server took too long to answer.
        Timeout = "timeout",
        /// The secure connection could not be set up.
        Tls = "tls",
        /// The stored message could not be turned into an email.
        InvalidMessage = "invalid-message",
        /// Writing the message to a file failed.
        File = "file",
    }
);

impl SendErrorKind {
    /// Whether trying again could help. Permanent refusals and unbuildable messages cannot.
    pub fn is_permanent(self) -> bool {
        matches!(
            self,
            SendErrorKind::Permanent | SendErrorKind::InvalidMessage
        )
    }

    /// A short explanation for the admin page.
    pub fn describe(self) -> &'static str {
        match self {
            SendErrorKind::Temporary => "The mail server asked Chorus to try again later",
            SendErrorKind::Permanent => "The mail server refused the message",
            SendErrorKind::Connection => "Chorus could not reach the mail server",
            SendErrorKind::Timeout => "The mail server took too long to answer",
            SendErrorKind::Tls => "A secure connection to the mail server failed",
            SendErrorKind::InvalidMessage => "The message could not be built",
            SendErrorKind::File => "The message file could not be written",
        }
    }
}

/// An outbox row's database id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OutboxId(pub i64);

/// A globally unique Message-ID, `<uuid@host>`, fixed when the message is queued so every retry
/// carries the same one and receivers can drop a duplicate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageId(String);

impl MessageId {
    /// A new id under `host` (the host of Chorus's base URL).
    pub fn new(host: &str) -> MessageId {
        let host = if host.is_empty() { "localhost" } else { host };
        MessageId(format!("<{}@{host}>", uuid::Uuid::new_v4().simple()))
    }
    /// Wraps a stored id.
    pub fn from_stored(text: String) -> MessageId {
        MessageId(text)
    }
    /// The id with its angle brackets.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A message ready to be queued: both bodies already rendered.
///
/// Build these with the functions in `mail::messages`, never by hand in a handler, so that the
/// privacy rule there (no answer text) holds everywhere.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutgoingMessage {
    /// One recipient address (validated by `EmailAddress::parse` in the builders).
    pub to: String,
    /// The subject line.
    pub subject: String,
    /// The plain-text part.
    pub text: String,
    /// The HTML part.
    pub html: String,
    /// Extra headers, name to value (for example `List-Unsubscribe`).
    pub headers: BTreeMap<String, String>,
    /// Why it is sent.
    pub kind: MailKind,
    /// Its Message-ID.
    pub message_id: MessageId,
}

/// A queued message as the admin page and the worker see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueuedMessage {
    /// Its outbox id.
    pub id: OutboxId,
    /// The recipient's address: use [`domain_of`] for anything shown or logged.
    pub to: String,
    /// The subject line.
    pub subject: String,
    /// Why it is sent.
    pub kind: MailKind,
    /// Where it is now.
    pub status: OutboxStatus,
    /// Attempts so far, counting the one in progress.
    pub attempts: u32,
    /// What went wrong last, if anything.
    pub last_error: Option<SendErrorKind>,
    /// When it was queued.
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// A message a worker has claimed and must now send: everything needed to build the email.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimedMessage {
    /// Its outbox id.
    pub id: OutboxId,
    /// The recipient's address: use [`domain_of`] for anything logged.
    pub to: String,
    /// The subject line.
    pub subject: String,
    /// The plain-text part.
    pub text: String,
    /// The HTML part.
    pub html: String,
    /// Extra headers, name to value.
    pub headers: BTreeMap<String, String>,
    /// Why it is sent.
    pub kind: MailKind,
    /// Its Message-ID, the same on every attempt.
    pub message_id: MessageId,
    /// Attempts so far, counting this one.
    pub attempts: u32,
}

/// Number of messages in each status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StatusCounts {
    /// Waiting for an attempt.
    pub pending: u64,
    /// Being sent now.
    pub sending: u64,
    /// Delivered to the mail server.
    pub sent: u64,
    /// Given up on.
    pub failed: u64,
}

/// The part of an address after the `@`: the only part of it Chorus logs or shows in lists.
pub fn domain_of(address: &str) -> &str {
    address.rsplit_once('@').map_or("", |(_, d)| d)
}

/// How retries are spaced and when Chorus gives up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Delay before the second attempt; doubles for each later one.
    pub base: Duration,
    /// The longest delay between attempts.
    pub cap: Duration,
    /// Attempts before a message is marked failed.
    pub max_attempts: u32,
}

impl RetryPolicy {
    /// 30 s doubling to at most an hour, 8 attempts (about 2 hours in all).
    pub fn standard(base: Duration) -> RetryPolicy {
        RetryPolicy {
            base,
            cap: Duration::from_secs(3600),
            max_attempts: 8,
        }
    }

    /// What to do after attempt number `attempts` (1 for the first) failed with `kind`.
    /// `jitter` in `0.0..1.0` adds up to a tenth of the delay, so instances do not retry in step.
    pub fn after_failure(&self, attempts: u32, kind: SendErrorKind, jitter: f64) -> Next {
        if kind.is_permanent() || attempts >= self.max_attempts {
            return Next::GiveUp;
        }
        let doubling = 2u32.saturating_pow(attempts.saturating_sub(1).min(20));
        let delay = self.base.saturating_mul(doubling).min(self.cap);
        let extra = delay.mul_f64(jitter.clamp(0.0, 1.0) / 10.0);
        Next::RetryIn(delay + extra)
    }
}

/// The outcome of a failed attempt.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Next {
    /// Put it back as pending, due after this delay.
    RetryIn(Duration),
    /// Mark it failed.
    GiveUp,
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
