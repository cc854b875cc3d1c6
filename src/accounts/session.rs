//! Sign-in sessions kept on the server (so sign-out really ends them), the current-steward
//! extractor, and the one-time first-run setup link.

use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;

use actix_web::cookie::{Cookie, SameSite, time};
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::accounts::model::{Role, Steward};
use crate::accounts::store;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{CsrfToken, NavUser};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "chorus_session";

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

/// The session cookie carrying `token`.
pub fn session_cookie(token: String, secure: bool) -> Cookie<'static> {
    Cookie::build(SESSION_COOKIE, token)
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .finish()
}

/// A cookie that removes the session cookie.
pub fn expired_session_cookie(secure: bool) -> Cookie<'static> {
    Cookie::build(SESSION_COOKIE, "")
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .max_age(time::Duration::ZERO)
        .finish()
}

/// Starts a new session for a steward, ending the one the browser had (rotation at sign-in).
pub async fn start(
    state: &AppState,
    req: &HttpRequest,
    steward: &Steward,
) -> Result<Cookie<'static>, AppError> {
    if let Some(old) = req.cookie(SESSION_COOKIE) {
        store::delete_session(&state.db, &hash_secret(old.value())).await?;
    }
    let token = new_secret();
    store::create_session(&state.db, steward.id, hash_secret(&token)).await?;
    Ok(session_cookie(token, state.settings.is_https()))
}

/// The signed-in steward of this request; redirects to sign-in when there is none.
#[derive(Clone, Debug)]
pub struct CurrentSteward {
    /// Who they are.
    pub steward: Steward,
    /// The CSRF token for forms on the page.
    pub csrf: String,
}

impl CurrentSteward {
    /// What the page header needs.
    pub fn nav(&self) -> NavUser {
        NavUser {
            name: self.steward.name.clone(),
            is_admin: self.steward.role == Role::Admin,
            csrf: self.csrf.clone(),
        }
    }

    /// Fails with 403 unless the steward has one of these roles.
    pub fn require(&self, roles: &[Role]) -> Result<(), AppError> {
        if roles.contains(&self.steward.role) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

impl FromRequest for CurrentSteward {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let csrf = CsrfToken::from_request(&req, payload);
        Box::pin(async move {
            let csrf = csrf.await?.0;
            let state = req.app_data::<web::Data<AppState>>().ok_or_else(|| {
                AppError::Unexpected(anyhow::anyhow!("application state missing"))
            })?;
            let token = req.cookie(SESSION_COOKIE).ok_or(AppError::SignInRequired)?;
            let hash = hash_secret(token.value());
            let (session, steward) = store::find_session(&state.db, &hash)
                .await?
                .ok_or(AppError::SignInRequired)?;
            let now = Utc::now();
            let idle = chrono::Duration::from_std(state.settings.session_idle)
                .map_err(|e| AppError::Unexpected(e.into()))?;
            let lifetime = chrono::Duration::from_std(state.settings.session_lifetime)
                .map_err(|e| AppError::Unexpected(e.into()))?;
            if steward.disabled
                || now - session.last_seen_at > idle
                || now - session.created_at > lifetime
            {
                store::delete_session(&state.db, &hash).await?;
                return Err(AppError::SignInRequired);
            }
            if now - session.last_seen_at > chrono::Duration::seconds(30) {
                store::touch_session(&state.db, session.id).await?;
            }
            Ok(CurrentSteward { steward, csrf })
        })
    }
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
