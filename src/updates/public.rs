//! The public "You said, we did" pages (`/u/{slug}`, no account, no JavaScript): the last
//! published text in plain words or easy read, the email sign-up (consent, honeypot, the
//! per-address rate limit the runner uses) and the one-click unsubscribe.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::db::begin_write;
use crate::error::AppError;
use crate::projects::{Project, ProjectId};
use crate::state::AppState;
use crate::updates::model::{RawSubscribe, Sections, Subscribe, is_slug};
use crate::updates::{store, views};
use crate::web::respond::html;
use crate::web::{CsrfForm, CsrfToken, FieldErrors};

/// `?easy_read=yes` shows the easy-read version.
#[derive(Deserialize, Default)]
pub struct Look {
    #[serde(default)]
    pub easy_read: String,
}

type Loaded = (ProjectId, Sections, Option<DateTime<Utc>>, Project);

async fn load(state: &AppState, slug: &str) -> Result<Loaded, AppError> {
    if !is_slug(slug) {
        return Err(AppError::NotFound);
    }
    let (id, s, at) = store::by_slug(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let project = crate::projects::store::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((id, s, at, project))
}

/// `GET /u/{slug}`
pub async fn page(
    state: web::Data<AppState>,
    slug: web::Path<String>,
    look: web::Query<Look>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let (_, s, at, project) = load(&state, &slug).await?;
    let form = views::sign_up(
        &slug,
        &csrf.0,
        &RawSubscribe::default(),
        &FieldErrors::new(),
    );
    let easy = look.easy_read == "yes";
    Ok(html(
        StatusCode::OK,
        views::public(&project, &s, at, easy, &form),
    ))
}

/// `POST /u/{slug}/subscribe`
pub async fn subscribe(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    form: CsrfForm<RawSubscribe>,
) -> Result<HttpResponse, AppError> {
    let (id, s, at, project) = load(&state, &slug).await?;
    let thanks = || {
        views::message(
            "Thank you",
            "We will email you when this page changes. Every email has a link to stop them.",
            None,
        )
    };
    if !form.form.website.is_empty() {
        return Ok(html(StatusCode::OK, thanks()));
    }
    let client = crate::web::client_addr(&req);
    let limit = state.submit_limit.as_deref();
    if limit.and_then(|l| l.blocked(client)).is_some() {
        let mut e = FieldErrors::new();
        e.add(
            "email",
            "You have tried a lot in a short time. Wait a minute and try again.",
        );
        let f = views::sign_up(&slug, &form.token, &form.form, &e);
        return Ok(html(
            StatusCode::TOO_MANY_REQUESTS,
            views::public(&project, &s, at, false, &f),
        ));
    }
    match Subscribe::parse(&form.form) {
        Ok(Subscribe(email)) => {
            if let Some(l) = limit {
                l.record(client);
            }
            let txn = begin_write(&state.db).await?;
            store::subscribe(&txn, id, &email).await?;
            txn.commit().await?;
            Ok(html(StatusCode::OK, thanks()))
        }
        Err(e) => {
            let f = views::sign_up(&slug, &form.token, &form.form, &e);
            Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::public(&project, &s, at, false, &f),
            ))
        }
    }
}

/// `GET /u/{slug}/unsubscribe/{token}`: one button to stop the emails.
pub async fn unsubscribe_page(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let (slug, token) = path.into_inner();
    if !is_slug(&slug) || !store::has_token(&state.db, &token).await? {
        return Ok(html(
            StatusCode::OK,
            views::message(
                "You will not get emails",
                "We do not have your address.",
                None,
            ),
        ));
    }
    let form = maud::html! {
        form method="post" action={ "/u/" (slug) "/unsubscribe/" (token) } {
            (crate::web::forms::csrf_field(&csrf.0))
            (crate::web::forms::button("Stop the emails"))
        }
    };
    Ok(html(
        StatusCode::OK,
        views::message(
            "Stop the emails",
            "We will delete your email address.",
            Some(form),
        ),
    ))
}

/// `POST /u/{slug}/unsubscribe/{token}`: deletes the address.
pub async fn unsubscribe(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    _form: CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let (_, token) = path.into_inner();
    let txn = begin_write(&state.db).await?;
    store::unsubscribe(&txn, &token).await?;
    txn.commit().await?;
    Ok(html(
        StatusCode::OK,
        views::message(
            "You will not get any more emails",
            "We deleted your email address.",
            None,
        ),
    ))
}
