//! Getting a message out of Chorus: over SMTP with lettre, or, when no SMTP server is
//! configured, as `.eml` files in the data folder for someone to read or forward by hand.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::MailSettings;
use crate::mail::model::{ClaimedMessage, SendErrorKind};

/// How long one SMTP command may take before the attempt counts as timed out. A whole send is
/// at most six commands, so three minutes: well inside the default five-minute claim lease.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// Where messages go.
#[derive(Clone)]
pub enum MailBackend {
    /// A real mail server.
    Smtp {
        /// The lettre transport (a new connection per message).
        transport: AsyncSmtpTransport<Tokio1Executor>,
        /// `host:port`, for the admin page; never the credentials.
        server: String,
    },
    /// `.eml` files in a folder (no SMTP server configured).
    Files {
        /// The folder, created on start-up.
        dir: PathBuf,
    },
}

/// What the admin page says about the backend.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TransportInfo {
    /// Sending through this SMTP server (`host:port`).
    Smtp(String),
    /// Writing `.eml` files into this folder.
    Files(PathBuf),
}

impl MailBackend {
    /// The backend the settings ask for; with no SMTP URL, `<data dir>/outbox-files/`.
    pub fn from_settings(mail: &MailSettings, data_dir: &Path) -> anyhow::Result<MailBackend> {
        match &mail.smtp_url {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose())
                    .map_err(|e| anyhow::anyhow!("CHORUS_SMTP_URL: {e}"))?
                    .timeout(Some(SMTP_TIMEOUT))
                    .build();
                Ok(MailBackend::Smtp {
                    transport,
                    server: url.server(),
                })
            }
            None => {
                let dir = data_dir.join("outbox-files");
                std::fs::create_dir_all(&dir).map_err(|e| {
                    anyhow::anyhow!("CHORUS_DATA_DIR: cannot create {} ({e})", dir.display())
                })?;
                Ok(MailBackend::Files { dir })
            }
        }
    }

    /// What to tell administrators about this backend.
    pub fn describe(&self) -> TransportInfo {
        match self {
            MailBackend::Smtp { server, .. } => TransportInfo::Smtp(server.clone()),
            MailBackend::Files { dir } => TransportInfo::Files(dir.clone()),
        }
    }

    /// Hands one message over. `Ok` means the server accepted it (or the file is on disk).
    pub async fn send(
        &self,
        from: &Mailbox,
        message: &ClaimedMessage,
    ) -> Result<(), SendErrorKind> {
        let email = build_email(from, message)?;
        match self {
            MailBackend::Smtp { transport, .. } => transport
                .send(email)
                .await
                .map(|_| ())
                .map_err(|e| classify(&e)),
            MailBackend::Files { dir } => {
                let name = format!("{}.eml", file_stem(message.message_id.as_str()));
                let bytes = email.formatted();
                let path = dir.join(name);
                tokio::task::spawn_blocking(move || write_private(&path, &bytes))
                    .await
                    .map_err(|_| SendErrorKind::File)?
                    .map_err(|_| SendErrorKind::File)
            }
        }
    }
}

/// Turns a queued message into a MIME message: From, To, Subject, Date, Message-ID, extra
/// headers, and a multipart/alternative body with the text part first and the HTML part last.
pub fn build_email(from: &Mailbox, message: &ClaimedMessage) -> Result<Message, SendErrorKind> {
    let to: Mailbox = message
        .to
        .parse()
        .map_err(|_| SendErrorKind::InvalidMessage)?;
    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(message.subject.clone())
        .date_now()
        .message_id(Some(message.message_id.as_str().to_owned()));
    for (name, value) in &message.headers {
        let name =
            HeaderName::new_from_ascii(name.clone()).map_err(|_| SendErrorKind::InvalidMessage)?;
        builder = builder.raw_header(HeaderValue::new(name, value.clone()));
    }
    builder
        .multipart(MultiPart::alternative_plain_html(
            message.text.clone(),
            message.html.clone(),
        ))
        .map_err(|_| SendErrorKind::InvalidMessage)
}

fn classify(err: &lettre::transport::smtp::Error) -> SendErrorKind {
    if err.is_permanent() {
        SendErrorKind::Permanent
    } else if err.is_transient() {
        SendErrorKind::Temporary
    } else if err.is_timeout() {
        SendErrorKind::Timeout
    } else if err.is_tls() {
        SendErrorKind::Tls
    } else {
        SendErrorKind::Connection
    }
}

/// A file name from a Message-ID: only letters, digits and dashes survive.
fn file_stem(message_id: &str) -> String {
    message_id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .trim_matches('-')
        .to_owned()
}

/// Writes a file only its owner can read, atomically: a temporary name, then a rename. Writing
/// the same message again (a retry) replaces the earlier file rather than adding another.
fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("eml.tmp");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&tmp)?;
    file.write_all(contents)?;
    file.sync_all()?;
    std::fs::rename(&tmp, path)
}
