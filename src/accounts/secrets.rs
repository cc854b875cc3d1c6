//! Secrets: new random ones, the hash under which they are stored (never the secret itself),
//! and the first-run setup link guarded by one.

use std::sync::Mutex;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// A new random secret (256 bits), URL-safe.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The hash under which a secret is stored: the database never holds the secret itself.
pub fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// The first-run setup link: valid while no steward exists and until it is used.
#[derive(Default)]
pub struct SetupGate {
    hash: Mutex<Option<String>>,
}

impl SetupGate {
    /// Makes a new setup secret and returns it (to print once, on the terminal).
    pub fn open(&self) -> String {
        let secret = new_secret();
        if let Ok(mut guard) = self.hash.lock() {
            *guard = Some(hash_secret(&secret));
        }
        secret
    }

    /// Whether `secret` is the current setup secret.
    pub fn accepts(&self, secret: &str) -> bool {
        let candidate = hash_secret(secret);
        self.hash
            .lock()
            .ok()
            .and_then(|g| g.clone())
            .is_some_and(|h| bool::from(h.as_bytes().ct_eq(candidate.as_bytes())))
    }

    /// Uses the link up.
    pub fn close(&self) {
        if let Ok(mut guard) = self.hash.lock() {
            *guard = None;
        }
    }
}
