//! The public round handlers (no account): the page, sending answers, and the results people
//! may see after answering. Sending applies, in order: the round must be open, a filled
//! honeypot is thanked and ignored, the per-address rate limit (shared with survey answers),
//! then [`Ballot::parse`]; a stored ballot is announced to the live results page.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::error::AppError;
use crate::participation::ballot::{Asked, Ballot};
use crate::participation::device::Device;
use crate::participation::model::{Round, RoundStatus, Who, is_slug};
use crate::participation::public_views::{self as pv, Filled, FormPage, Look};
use crate::participation::vote_store::Cast;
use crate::participation::{results_views, store, vote_store};
use crate::responses::look::EASY_READ_COOKIE;
use crate::state::AppState;
use crate::web::respond::html;
use crate::web::{CsrfForm, CsrfToken, FieldErrors};

/// The message shown when an address has sent too many answers.
const RATE_LIMITED: &str = "You have sent a lot of answers in a short time. Wait a minute and send them again. Your answers are still here.";

/// `?easy_read=yes|no` switches easy read for this round's pages.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Entry {
    easy_read: String,
}

async fn load(state: &AppState, slug: &str) -> Result<Round, AppError> {
    if !is_slug(slug) {
        return Err(AppError::NotFound);
    }
    let round = store::by_slug(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    if round.status == RoundStatus::Draft {
        return Err(AppError::NotFound);
    }
    Ok(round)
}

async fn look(
    state: &AppState,
    round: &Round,
    req: &HttpRequest,
    asked: &str,
) -> Result<Look, AppError> {
    let easy_read = match asked {
        "yes" => true,
        "no" => false,
        _ => req
            .cookie(EASY_READ_COOKIE)
            .is_some_and(|c| c.value() == "yes"),
    };
    let help = if round.audience.shows_help() {
        let contact = crate::help::store::contact(&state.db, round.project).await?;
        Some(crate::help::panel(contact.as_ref(), easy_read))
    } else {
        None
    };
    Ok(Look { easy_read, help })
}

fn with_cookies(
    mut res: HttpResponse,
    state: &AppState,
    round: &Round,
    (device, asked): (Option<&Device>, &str),
) -> Result<HttpResponse, AppError> {
    let secure = state.settings.is_https();
    let mut cookies = Vec::new();
    if let Some(d) = device.filter(|d| d.fresh) {
        cookies.push(d.cookie(state.settings.secret_key.bytes(), secure));
    }
    if matches!(asked, "yes" | "no") {
        cookies.push(
            Cookie::build(EASY_READ_COOKIE, asked.to_owned())
                .path(round.path())
                .http_only(true)
                .secure(secure)
                .same_site(SameSite::Lax)
                .finish(),
        );
    }
    for c in cookies {
        res.add_cookie(&c)
            .map_err(|e| AppError::Unexpected(e.into()))?;
    }
    Ok(res)
}

async fn filled(state: &AppState, round: &Round, device: &Device) -> Result<Filled, AppError> {
    let key = device.key(state.settings.secret_key.bytes(), round.id);
    let (votes, comments) = vote_store::mine(&state.db, round.id, &key).await?;
    Ok(Filled {
        choices: votes
            .into_iter()
            .map(|(i, c)| (i.0, c.as_str().to_owned()))
            .collect(),
        comments: comments.into_iter().map(|(i, t)| (i.0, t)).collect(),
        who: device.who.map_or("", |w| w.as_str()).to_owned(),
    })
}

/// `GET /p/{slug}`
pub async fn page(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    entry: web::Query<Entry>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let round = load(&state, &slug).await?;
    let look = look(&state, &round, &req, &entry.easy_read).await?;
    if round.status != RoundStatus::Open {
        let res = html(StatusCode::GONE, pv::not_open(&round, true, &look));
        return with_cookies(res, &state, &round, (None, &entry.easy_read));
    }
    let device = Device::from_request(&req, state.settings.secret_key.bytes());
    let items = store::items(&state.db, round.id).await?;
    let filled = filled(&state, &round, &device).await?;
    let p = FormPage {
        round: &round,
        items: &items,
        answered: !filled.choices.is_empty(),
        filled: &filled,
        errors: &FieldErrors::new(),
        csrf: &csrf.0,
        notice: None,
    };
    let res = html(StatusCode::OK, pv::form(&p, &look));
    with_cookies(res, &state, &round, (None, &entry.easy_read))
}

fn typed(pairs: &[(String, String)]) -> Filled {
    let mut f = Filled::default();
    for (k, v) in pairs {
        if let Some(id) = k.strip_prefix("vote-").and_then(|n| n.parse().ok()) {
            f.choices.insert(id, v.clone());
        } else if let Some(id) = k.strip_prefix("more-").and_then(|n| n.parse().ok()) {
            f.comments.insert(id, v.clone());
        } else if k == "who" {
            f.who.clone_from(v);
        }
    }
    f
}

/// `POST /p/{slug}`
pub async fn send(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    form: CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let round = load(&state, &slug).await?;
    let look = look(&state, &round, &req, "").await?;
    if round.status != RoundStatus::Open {
        return Ok(html(StatusCode::GONE, pv::not_open(&round, false, &look)));
    }
    let pairs = &form.form;
    if crate::responses::pairs::honeypot_filled(pairs) {
        return Ok(html(StatusCode::OK, pv::thanks(&round, false, &look)));
    }
    let items = store::items(&state.db, round.id).await?;
    let ids: Vec<_> = items.iter().map(|i| i.id).collect();
    let client = crate::web::client_addr(&req);
    let limit = state.submit_limit.as_deref();
    let wait = limit.and_then(|l| l.blocked(client));
    let secret = state.settings.secret_key.bytes();
    let asked = match Who::of(round.audience) {
        Some(who) => Asked::Not(who),
        None => Asked::Yes {
            remembered: Device::from_request(&req, secret).who,
        },
    };
    let parsed = Ballot::parse(&ids, pairs, asked);
    let (errors, notice) = match (&parsed, wait) {
        (Ok(ballot), None) => {
            if let Some(l) = limit {
                l.record(client);
            }
            return cast(&state, &req, &round, ballot, &look).await;
        }
        (Err(e), None) => (e.clone(), None),
        (Err(e), Some(_)) => (e.clone(), Some(RATE_LIMITED)),
        (Ok(_), Some(_)) => (FieldErrors::new(), Some(RATE_LIMITED)),
    };
    let filled = typed(pairs);
    let p = FormPage {
        round: &round,
        items: &items,
        filled: &filled,
        errors: &errors,
        csrf: &form.token,
        notice,
        answered: false,
    };
    let status = match wait {
        Some(_) => StatusCode::TOO_MANY_REQUESTS,
        None => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let mut res = html(status, pv::form(&p, &look));
    if let Some(w) = wait
        && let Ok(v) = actix_web::http::header::HeaderValue::from_str(&w.to_string())
    {
        res.headers_mut()
            .insert(actix_web::http::header::RETRY_AFTER, v);
    }
    Ok(res)
}

async fn cast(
    state: &AppState,
    req: &HttpRequest,
    round: &Round,
    ballot: &Ballot,
    look: &Look,
) -> Result<HttpResponse, AppError> {
    let secret = state.settings.secret_key.bytes();
    let mut device = Device::from_request(req, secret);
    if round.asks_who() {
        device.remember(ballot.who);
    }
    let key = device.key(secret, round.id);
    match vote_store::cast(&state.db, round, &key, ballot, Some(&state.base_url)).await? {
        Cast::NotOpen => Ok(html(StatusCode::GONE, pv::not_open(round, false, look))),
        Cast::Stored { flagged } => {
            crate::live::announce_round(&state.live, &state.db, round.project.0, round.id.0).await;
            if flagged {
                state.mail.wake();
            }
            let res = html(StatusCode::OK, pv::thanks(round, flagged, look));
            with_cookies(res, state, round, (Some(&device), ""))
        }
    }
}

/// `GET /p/{slug}/results`: what everyone said, for a device that has answered, when the
/// round allows it (404 when it does not).
pub async fn results(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let round = load(&state, &slug).await?;
    if !round.show_results {
        return Err(AppError::NotFound);
    }
    let look = look(&state, &round, &req, "").await?;
    let device = Device::from_request(&req, state.settings.secret_key.bytes());
    let key = device.key(state.settings.secret_key.bytes(), round.id);
    let (mine, _) = vote_store::mine(&state.db, round.id, &key).await?;
    let figures = if mine.is_empty() {
        None
    } else {
        let min = crate::results::min_group(&state);
        let results = vote_store::results(&state.db, round.id, min).await?;
        Some(results_views::figures(
            &results,
            min,
            round.for_children(),
            true,
        ))
    };
    Ok(html(StatusCode::OK, pv::results(&round, figures, &look)))
}
