//! What the runner's handlers share (the single-page form in `routes`, one question per page in
//! `steps`, saving and resuming in `resume`, receipts): loading the survey, the pages for a
//! survey that is not open and for answers sent, the hidden fields every form carries, cookies
//! and the rate-limit answer. Nothing here imports a handler module.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use chrono::Utc;
use serde::Deserialize;

use crate::error::AppError;
use crate::responses::draft::DraftToken;
use crate::responses::intake::Refused;
use crate::responses::limits;
use crate::responses::look::{Look, easy_read_cookie};
use crate::responses::model::{Channel, Mode, Receipt};
use crate::responses::views;
use crate::state::AppState;
use crate::surveys::{Availability, Question, Slug, Survey, store as surveys};
use crate::web::respond::html;

/// Query parameters on the entry link, e.g. `?channel=qr`.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Entry {
    channel: String,
    mode: String,
    pub(crate) change: String,
    /// `yes` or `no` when the person has just switched easy read.
    pub(crate) easy_read: String,
}

impl Entry {
    pub(crate) fn channel(&self) -> Channel {
        Channel::parse(&self.channel).unwrap_or(Channel::Link)
    }
    pub(crate) fn mode(&self) -> Mode {
        Mode::parse(&self.mode).unwrap_or(Mode::SelfCompleted)
    }
    pub(crate) fn query(&self) -> String {
        let mut parts = Vec::new();
        if self.channel() != Channel::Link {
            parts.push(format!("channel={}", self.channel()));
        }
        if self.mode() != Mode::SelfCompleted {
            parts.push(format!("mode={}", self.mode()));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// The survey and its current questions; 404 when there is no such slug.
pub(crate) async fn load(
    state: &AppState,
    slug: &Slug,
) -> Result<(Survey, Vec<Question>), AppError> {
    let survey = surveys::find_by_slug(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let questions = surveys::questions(&state.db, survey.id, false).await?;
    Ok((survey, questions))
}

/// Childline and 999 for pages that show no questions (closed, not open yet) of a survey for
/// children or families; these pages are built without the database, so without the
/// project's local contact.
fn help_without_contact(survey: &Survey) -> Option<maud::Markup> {
    survey
        .audience
        .shows_help()
        .then(|| crate::help::panel(None, false))
}

/// The friendly page when the survey cannot be answered now.
pub(crate) fn unavailable(survey: &Survey) -> Option<HttpResponse> {
    not_open(survey, survey.availability(Utc::now()))
}

/// The friendly page for a survey with this availability, unless it is open.
fn not_open(survey: &Survey, availability: Availability) -> Option<HttpResponse> {
    let help = help_without_contact(survey);
    match availability {
        Availability::Open => None,
        Availability::Draft => Some(html(
            StatusCode::NOT_FOUND,
            views::unavailable(
                "This questionnaire is not open yet",
                &[
                    "The people running it are still getting it ready. Try the link again later."
                        .into(),
                ],
                help,
            ),
        )),
        Availability::NotYetOpen(at) => Some(html(
            StatusCode::OK,
            views::unavailable(
                &format!("{} is not open yet", survey.title),
                &[format!("You can answer from {}.", views::human_time(at))],
                help,
            ),
        )),
        Availability::Closed => Some(html(
            StatusCode::GONE,
            views::unavailable(
                &format!("{} has closed", survey.title),
                &["It is no longer taking answers. Thank you for wanting to take part.".into()],
                help,
            ),
        )),
    }
}

/// What a refused submission shows when the handler has no page of its own for it: the
/// survey's not-open page, or the error page.
pub(crate) fn refused(survey: &Survey, refused: Refused) -> Result<HttpResponse, AppError> {
    match refused {
        Refused::NotOpen(availability) => not_open(survey, availability).ok_or(
            AppError::Unprocessable("This questionnaire could not take your answers.".into()),
        ),
        Refused::Limited { wait, .. } => Err(AppError::TooManyRequests { retry_after: wait }),
        Refused::Invalid(_) => Err(AppError::Unprocessable(
            "Some answers need checking.".into(),
        )),
        Refused::Conflict => Ok(html(
            StatusCode::CONFLICT,
            views::unavailable(
                "Your answers were already sent",
                &[
                    "Answers from this page were sent before, so these changes were not saved."
                        .into(),
                    format!(
                        "To answer again, open {} and start from the beginning.",
                        survey.title
                    ),
                ],
                help_without_contact(survey),
            ),
        )),
        Refused::Failed(err) => Err(err),
    }
}

/// The help panel for a confirmation page: on surveys for children or families, and on any
/// survey when an answer was flagged (whoever wrote it needs to know where help is).
pub(crate) async fn help_for(
    state: &AppState,
    survey: &Survey,
    look: &Look<'_>,
    flagged: bool,
) -> Result<Option<maud::Markup>, AppError> {
    if let Some(panel) = look.help_panel() {
        return Ok(Some(panel));
    }
    if !(flagged || survey.audience.shows_help()) {
        return Ok(None);
    }
    let contact = crate::help::store::contact(&state.db, survey.project_id).await?;
    Ok(Some(crate::help::panel(contact.as_ref(), look.easy_read)))
}

/// The confirmation page for a response that is stored: whether one of its answers was flagged
/// is looked up by its receipt, so nothing about it travels in cookies or links.
pub(crate) async fn sent_page(
    state: &AppState,
    survey: &Survey,
    receipt: &Receipt,
    who: Option<&crate::accounts::CurrentSteward>,
    look: Look<'_>,
) -> Result<HttpResponse, AppError> {
    let nav = who.map(crate::accounts::CurrentSteward::nav);
    let flagged = crate::safeguarding::was_flagged(&state.db, receipt.as_str()).await?;
    let help = help_for(state, survey, &look, flagged).await?;
    // A signed-in practitioner's feedback on a form an experiment uses: prompt a reflection.
    let mut reflect = Vec::new();
    if let Some(me) = who.filter(|_| survey.kind == crate::surveys::SurveyKind::Feedback) {
        for (p, x, title) in
            crate::experiments::store::reflecting_on(&state.db, survey.id.0).await?
        {
            if crate::projects::ProjectAccess::view(&state.db, &me.steward, p)
                .await
                .is_ok()
            {
                let href = format!("/projects/{}/experiments/{}/reflections/new", p.0, x.0);
                reflect.push((href, title));
            }
        }
    }
    let sent = views::Sent {
        receipt,
        flagged,
        help,
        preview: None,
        reflect,
    };
    Ok(html(
        StatusCode::OK,
        views::confirmation(survey, sent, nav.as_ref(), look),
    ))
}

/// The hidden fields a runner form carries.
pub(crate) fn carry<'a>(
    csrf: &'a str,
    submission_id: &'a str,
    channel: Channel,
    mode: Mode,
) -> views::Carry<'a> {
    views::Carry {
        csrf,
        submission_id,
        channel,
        mode,
    }
}

/// Adds the easy read cookie when the person has just switched it.
pub(crate) fn remember_look(
    mut res: HttpResponse,
    state: &AppState,
    survey: &Survey,
    entry: &Entry,
) -> Result<HttpResponse, AppError> {
    if let Some(cookie) = easy_read_cookie(survey, &entry.easy_read, state.settings.is_https()) {
        res.add_cookie(&cookie)
            .map_err(|e| AppError::Unexpected(e.into()))?;
    }
    Ok(res)
}

/// Adds the draft cookie when the browser's draft token is new.
pub(crate) fn with_cookie(
    mut res: HttpResponse,
    token: &DraftToken,
    state: &AppState,
) -> Result<HttpResponse, AppError> {
    if token.fresh {
        res.add_cookie(&token.cookie(state.settings.is_https()))
            .map_err(|e| AppError::Unexpected(e.into()))?;
    }
    Ok(res)
}

/// The message shown when an address has sent too many answers.
pub const RATE_LIMITED: &str = "You have sent a lot of answers in a short time. Wait a minute and send them again. Your answers are still here.";

/// Seconds to wait when this client has used up the public submission limit (also spent by
/// asking for resume codes by email).
pub(crate) fn rate_limited(state: &AppState, req: &HttpRequest) -> Option<u64> {
    state
        .submit_limit
        .as_ref()
        .and_then(|l| l.blocked(limits::client(req)))
}

/// Tells the client how many seconds to wait before trying again.
pub(crate) fn with_retry_after(mut res: HttpResponse, wait: u64) -> HttpResponse {
    if let Ok(v) = actix_web::http::header::HeaderValue::from_str(&wait.to_string()) {
        res.headers_mut()
            .insert(actix_web::http::header::RETRY_AFTER, v);
    }
    res
}
