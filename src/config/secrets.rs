//! Secrets and URLs that must never be printed: the SMTP and database URLs and the secret key
//! (their `Debug` hides them), and loading or creating the key file in the data folder.

use std::fmt;
use std::io::Write;
use std::path::Path;

use rand::RngCore;
use url::Url;

use super::{ConfigError, bad};

/// An SMTP URL in lettre's form; its `Debug` hides any password.
#[derive(Clone)]
pub struct SmtpUrl(pub(super) String);

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
pub struct DatabaseUrl(pub(super) String);

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
pub struct SecretKey(pub(super) Vec<u8>);

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

pub(super) fn load_or_create_key(data_dir: &Path) -> Result<SecretKey, ConfigError> {
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
