//! Sign-in sessions kept on the server (so sign-out really ends them), the current-steward
//! extractor, and the one-time first-run setup link.

use std::future::Future;
use std::pin::Pin;

use actix_web::cookie::{Cookie, SameSite, time};
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use chrono::Utc;
use sea_orm::DatabaseConnection;

use crate::accounts::model::{ActingSteward, Role, Steward};
use crate::accounts::secrets::{hash_secret, new_secret};
use crate::accounts::store;
use crate::config::Settings;
use crate::error::AppError;
use crate::web::{CsrfToken, NavUser};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "chorus_session";

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
    db: &DatabaseConnection,
    settings: &Settings,
    req: &HttpRequest,
    steward: &Steward,
) -> Result<Cookie<'static>, AppError> {
    if let Some(old) = req.cookie(SESSION_COOKIE) {
        store::delete_session(db, &hash_secret(old.value())).await?;
    }
    let token = new_secret();
    store::create_session(db, steward.id, hash_secret(&token)).await?;
    req.extensions_mut().insert(ActingSteward(steward.id));
    Ok(session_cookie(token, settings.is_https()))
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
            let (db, settings) = parts(&req)?;
            let token = req.cookie(SESSION_COOKIE).ok_or(AppError::SignInRequired)?;
            let hash = hash_secret(token.value());
            let (session, steward) = store::find_session(db, &hash)
                .await?
                .ok_or(AppError::SignInRequired)?;
            let now = Utc::now();
            let idle = chrono::Duration::from_std(settings.session_idle)
                .map_err(|e| AppError::Unexpected(e.into()))?;
            let lifetime = chrono::Duration::from_std(settings.session_lifetime)
                .map_err(|e| AppError::Unexpected(e.into()))?;
            if steward.disabled
                || now - session.last_seen_at > idle
                || now - session.created_at > lifetime
            {
                store::delete_session(db, &hash).await?;
                return Err(AppError::SignInRequired);
            }
            if now - session.last_seen_at > chrono::Duration::seconds(30) {
                store::touch_session(db, session.id).await?;
            }
            req.extensions_mut().insert(ActingSteward(steward.id));
            Ok(CurrentSteward { steward, csrf })
        })
    }
}

/// The database and settings an extractor needs, registered once at start-up.
pub(crate) fn parts(req: &HttpRequest) -> Result<(&DatabaseConnection, &Settings), AppError> {
    let missing = || AppError::Unexpected(anyhow::anyhow!("application state missing"));
    let db = req
        .app_data::<web::Data<DatabaseConnection>>()
        .ok_or_else(missing)?;
    let settings = req.app_data::<web::Data<Settings>>().ok_or_else(missing)?;
    Ok((db.get_ref(), settings.get_ref()))
}
