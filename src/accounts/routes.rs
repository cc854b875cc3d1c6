//! Handlers for signing in and out, first-run setup, accepting invitations and API tokens.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::accounts::model::{EmailAddress, Password, PersonName, Role};
use crate::accounts::secrets::hash_secret;
use crate::accounts::session::{self, CurrentSteward, SESSION_COOKIE, expired_session_cookie};
use crate::accounts::{password, store, tokens, views};
use crate::error::{AppError, human_wait};
use crate::state::AppState;
use crate::web::respond::{NoFields, html, see_other};
use crate::web::{CsrfForm, CsrfToken, FieldErrors};
use sea_orm::DatabaseConnection;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SignInForm {
    email: String,
    password: String,
}

pub async fn sign_in_page(
    req: HttpRequest,
    csrf: CsrfToken,
    current: Option<CurrentSteward>,
) -> HttpResponse {
    if current.is_some() {
        return see_other("/home");
    }
    let notice = (req.query_string() == "signed-out").then_some("You have signed out.");
    html(
        StatusCode::OK,
        views::sign_in(&csrf.0, "", &FieldErrors::new(), notice),
    )
}

pub async fn sign_in(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: CsrfForm<SignInForm>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, token } = form;
    let ip = crate::web::client_addr(&req);
    let mut errors = FieldErrors::new();
    if form.email.trim().is_empty() {
        errors.add("email", "Enter your email address");
    }
    if form.password.is_empty() {
        errors.add("password", "Enter your password");
    }
    if !errors.is_empty() {
        return Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::sign_in(&token, &form.email, &errors, None),
        ));
    }
    // The slot is taken before the password is checked, so attempts sent at once cannot all
    // pass a check made before any of them failed.
    let slot = match state.throttle.reserve(&form.email, ip) {
        Ok(slot) => slot,
        Err(wait) => return Ok(blocked(&token, &form.email, wait)),
    };
    let found = match EmailAddress::parse(&form.email) {
        Ok(email) => store::find_by_email(&state.db, &email).await?,
        Err(_) => None,
    };
    let (steward, hash) = match found {
        Some((s, h)) if !s.disabled => (Some(s), h),
        _ => (None, None),
    };
    let ok = password::verify(form.password, hash).await?;
    match steward.filter(|_| ok) {
        Some(steward) => {
            slot.succeed();
            let cookie = session::start(&state.db, &state.settings, &req, &steward).await?;
            tracing::info!(steward = steward.id.0, "signed in");
            let mut res = see_other("/home");
            res.add_cookie(&cookie)
                .map_err(|e| AppError::Unexpected(e.into()))?;
            Ok(res)
        }
        None => {
            // Dropping the slot counts the failure.
            drop(slot);
            errors.add("email", "Enter a correct email address and password");
            Ok(html(
                StatusCode::UNAUTHORIZED,
                views::sign_in(&token, &form.email, &errors, None),
            ))
        }
    }
}

/// 429: the sign-in page again, saying how long to wait.
fn blocked(token: &str, email: &str, wait: u64) -> HttpResponse {
    let mut errors = FieldErrors::new();
    errors.add(
        "email",
        format!(
            "Too many failed attempts to sign in. Wait {} and try again.",
            human_wait(wait)
        ),
    );
    let mut res = html(
        StatusCode::TOO_MANY_REQUESTS,
        views::sign_in(token, email, &errors, None),
    );
    if let Ok(v) = header::HeaderValue::from_str(&wait.to_string()) {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}

/// Signs out. The session is read first (`_me`) so the audit log knows who signed out.
pub async fn sign_out(
    req: HttpRequest,
    state: web::Data<AppState>,
    _me: Option<CurrentSteward>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    if let Some(cookie) = req.cookie(SESSION_COOKIE) {
        store::delete_session(&state.db, &hash_secret(cookie.value())).await?;
    }
    let mut res = see_other("/sign-in?signed-out");
    res.add_cookie(&expired_session_cookie(state.settings.is_https()))
        .map_err(|e| AppError::Unexpected(e.into()))?;
    Ok(res)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AccountForm {
    name: String,
    email: String,
    password: String,
}

async fn setup_is_open(state: &AppState, secret: &str) -> Result<bool, AppError> {
    Ok(state.setup.accepts(secret) && store::count(&state.db).await? == 0)
}

pub async fn setup_page(
    state: web::Data<AppState>,
    path: web::Path<String>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let secret = path.into_inner();
    if !setup_is_open(&state, &secret).await? {
        return Err(AppError::NotFound);
    }
    let action = format!("/setup/{secret}");
    Ok(html(
        StatusCode::OK,
        views::setup(
            &csrf.0,
            &action,
            &views::Typed::default(),
            &FieldErrors::new(),
        ),
    ))
}

pub async fn setup(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: CsrfForm<AccountForm>,
) -> Result<HttpResponse, AppError> {
    let secret = path.into_inner();
    if !setup_is_open(&state, &secret).await? {
        return Err(AppError::NotFound);
    }
    let CsrfForm { form, token } = form;
    let mut errors = FieldErrors::new();
    let name = PersonName::parse(&form.name)
        .map_err(|m| errors.add("name", m))
        .ok();
    let email = EmailAddress::parse(&form.email)
        .map_err(|m| errors.add("email", m))
        .ok();
    let password = Password::parse(&form.password)
        .map_err(|m| errors.add("password", m))
        .ok();
    let (Some(name), Some(email), Some(password)) = (name, email, password) else {
        let typed = views::Typed {
            name: &form.name,
            email: &form.email,
        };
        let action = format!("/setup/{secret}");
        return Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::setup(&token, &action, &typed, &errors),
        ));
    };
    let hash = password::hash(password).await?;
    state.setup.close();
    let id = match store::insert(&state.db, &email, &name, Role::Admin, Some(hash), None).await? {
        Some(id) => id,
        None => return Err(AppError::NotFound),
    };
    let steward = store::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    tracing::info!(steward = id.0, "first administrator created");
    let cookie = session::start(&state.db, &state.settings, &req, &steward).await?;
    let mut res = see_other("/home");
    res.add_cookie(&cookie)
        .map_err(|e| AppError::Unexpected(e.into()))?;
    Ok(res)
}

pub async fn invite_page(
    db: web::Data<DatabaseConnection>,
    path: web::Path<String>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let secret = path.into_inner();
    let steward = store::find_by_invite(db.get_ref(), &hash_secret(&secret))
        .await?
        .ok_or(AppError::NotFound)?;
    let action = format!("/invite/{secret}");
    Ok(html(
        StatusCode::OK,
        views::accept_invite(&csrf.0, &action, &steward, &FieldErrors::new()),
    ))
}

pub async fn accept_invite(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: CsrfForm<AccountForm>,
) -> Result<HttpResponse, AppError> {
    let secret = path.into_inner();
    let steward = store::find_by_invite(&state.db, &hash_secret(&secret))
        .await?
        .ok_or(AppError::NotFound)?;
    let CsrfForm { form, token } = form;
    let password = match Password::parse(&form.password) {
        Ok(p) => p,
        Err(message) => {
            let mut errors = FieldErrors::new();
            errors.add("password", message);
            let action = format!("/invite/{secret}");
            return Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::accept_invite(&token, &action, &steward, &errors),
            ));
        }
    };
    let hash = password::hash(password).await?;
    store::set_password(&state.db, steward.id, hash).await?;
    let cookie = session::start(&state.db, &state.settings, &req, &steward).await?;
    let mut res = see_other("/home");
    res.add_cookie(&cookie)
        .map_err(|e| AppError::Unexpected(e.into()))?;
    Ok(res)
}

fn token_rows(rows: Vec<entity::api_token::Model>) -> Vec<views::TokenRow> {
    let when = |t| crate::web::When::day(t).to_string();
    rows.into_iter()
        .map(|t| views::TokenRow {
            id: t.id,
            label: t.label,
            created: when(t.created_at),
            last_used: t.last_used_at.map(when).unwrap_or_else(|| "Never".into()),
            revoked: t.revoked_at.is_some(),
        })
        .collect()
}

pub async fn tokens_page(
    db: web::Data<DatabaseConnection>,
    me: CurrentSteward,
) -> Result<HttpResponse, AppError> {
    let rows = token_rows(store::list_tokens(db.get_ref(), me.steward.id).await?);
    Ok(html(
        StatusCode::OK,
        views::tokens(&me.nav(), &rows, "", &FieldErrors::new(), None),
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TokenForm {
    label: String,
}

pub async fn create_token(
    db: web::Data<DatabaseConnection>,
    me: CurrentSteward,
    form: CsrfForm<TokenForm>,
) -> Result<HttpResponse, AppError> {
    let mut errors = FieldErrors::new();
    let label = &errors.line("label", "Label", &form.form.label, 100);
    errors.require("label", label, "Enter what the token is for");
    if !errors.is_empty() {
        let label = &form.form.label;
        let rows = token_rows(store::list_tokens(db.get_ref(), me.steward.id).await?);
        return Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::tokens(&me.nav(), &rows, label, &errors, None),
        ));
    }
    let token = tokens::create(db.get_ref(), me.steward.id, label).await?;
    let rows = token_rows(store::list_tokens(db.get_ref(), me.steward.id).await?);
    Ok(html(
        StatusCode::CREATED,
        views::tokens(&me.nav(), &rows, "", &errors, Some(&token)),
    ))
}

pub async fn revoke_token(
    db: web::Data<DatabaseConnection>,
    me: CurrentSteward,
    path: web::Path<i64>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    if !store::revoke_token(db.get_ref(), me.steward.id, path.into_inner()).await? {
        return Err(AppError::NotFound);
    }
    Ok(see_other("/account/tokens"))
}
