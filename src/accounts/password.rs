//! Password hashing with argon2id at OWASP's recommended parameters, off the async threads.

use std::sync::LazyLock;

use anyhow::Context;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::accounts::model::Password;
use crate::error::AppError;

fn hasher() -> Result<Argon2<'static>, AppError> {
    // OWASP: argon2id, m = 19 MiB, t = 2, p = 1.
    let params = Params::new(19 * 1024, 2, 1, None)
        .map_err(|e| AppError::Unexpected(anyhow::anyhow!("argon2 parameters: {e}")))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

fn hash_now(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()?
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Unexpected(anyhow::anyhow!("hashing a password failed: {e}")))
}

/// Hashes a password into a PHC string.
pub async fn hash(password: Password) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_now(password.expose()))
        .await
        .context("password hashing task failed")?
}

// A hash of a random password, so that unknown accounts cost the same time as known ones.
static DUMMY: LazyLock<Option<String>> = LazyLock::new(|| {
    let random = uuid::Uuid::new_v4().to_string();
    hash_now(&random).ok()
});

/// Checks a password against a stored hash; with no hash, spends the same time and says no.
pub async fn verify(candidate: String, stored: Option<String>) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        let stored_or_dummy = stored.clone().or_else(|| DUMMY.clone());
        let Some(phc) = stored_or_dummy else {
            return Ok(false);
        };
        let parsed = PasswordHash::new(&phc)
            .map_err(|e| AppError::Unexpected(anyhow::anyhow!("stored hash unreadable: {e}")))?;
        let ok = hasher()?
            .verify_password(candidate.as_bytes(), &parsed)
            .is_ok();
        Ok(ok && stored.is_some())
    })
    .await
    .context("password check task failed")?
}
