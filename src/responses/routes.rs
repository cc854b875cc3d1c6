//! Handlers for the public runner at `/s/{slug}`: introduction, one question per page with
//! answers kept server-side between pages, check your answers, single-page forms, submitting.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;

use crate::accounts::CurrentSteward;
use crate::error::AppError;
use crate::responses::look::{Look, easy_read_cookie};
use crate::responses::model::{
    Channel, Mode, Receipt, Submission, parse_submission_id, validate_context, validate_submission,
};
use crate::responses::pairs::{honeypot_filled, pair, raws_from_pairs};
use crate::responses::submit::SubmitError;
use crate::responses::views;
use crate::state::AppState;
use crate::surveys::render::error_target;
use crate::surveys::{Availability, Layout, Question, Survey, SurveyKind, store as surveys};
use crate::web::respond::html;
use crate::web::{CsrfForm, CsrfToken, FieldErrors};

type Pairs = Vec<(String, String)>;

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
    slug: &str,
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
    let help = help_without_contact(survey);
    match survey.availability(Utc::now()) {
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
        Availability::Closed => Some(closed(survey)),
    }
}

/// The friendly page for a survey that has closed (also when it closed while answers were sent).
pub(crate) fn closed(survey: &Survey) -> HttpResponse {
    html(
        StatusCode::GONE,
        views::unavailable(
            &format!("{} has closed", survey.title),
            &["It is no longer taking answers. Thank you for wanting to take part.".into()],
            help_without_contact(survey),
        ),
    )
}

/// What a submission's failure shows: the closed page when the survey stopped taking answers
/// meanwhile (nothing was stored), otherwise the error page.
pub(crate) fn submit_failed(survey: &Survey, err: SubmitError) -> Result<HttpResponse, AppError> {
    match err {
        SubmitError::NotTaking => Ok(closed(survey)),
        other => Err(AppError::Unexpected(other.into())),
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
    nav: Option<&crate::web::NavUser>,
    look: Look<'_>,
) -> Result<HttpResponse, AppError> {
    let flagged = crate::safeguarding::was_flagged(&state.db, receipt.as_str()).await?;
    let help = help_for(state, survey, &look, flagged).await?;
    let sent = views::Sent {
        receipt,
        flagged,
        help,
        preview: None,
    };
    Ok(html(
        StatusCode::OK,
        views::confirmation(survey, sent, nav, look),
    ))
}

/// Not-anonymous feedback forms need a signed-in practitioner.
fn needs_sign_in(survey: &Survey, me: &Option<CurrentSteward>) -> bool {
    survey.kind == SurveyKind::Feedback && !survey.anonymous && me.is_none()
}

fn new_submission_id() -> String {
    uuid::Uuid::new_v4().hyphenated().to_string()
}

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

/// `GET /s/{slug}`: the introduction, or straight to the form for feedback.
pub async fn start(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    entry: web::Query<Entry>,
    csrf: CsrfToken,
    me: Option<CurrentSteward>,
) -> Result<HttpResponse, AppError> {
    let (survey, questions) = load(&state, &slug).await?;
    if let Some(page) = unavailable(&survey) {
        return Ok(page);
    }
    let look = Look::load(&state, &survey, &req, &entry.easy_read).await?;
    if survey.kind == SurveyKind::Feedback {
        let res = form(&survey, &questions, &entry, &csrf.0, &me, look)?;
        return remember_look(res, &state, &survey, &entry);
    }
    let next = match survey.layout {
        Layout::OnePerPage => format!("{}/q/1{}", survey.path(), entry.query()),
        Layout::SinglePage => format!("{}/form{}", survey.path(), entry.query()),
    };
    let resumable = survey.layout == Layout::OnePerPage;
    let res = html(
        StatusCode::OK,
        views::intro(&survey, questions.len(), &next, resumable, look),
    );
    remember_look(res, &state, &survey, &entry)
}

fn form(
    survey: &Survey,
    questions: &[Question],
    entry: &Entry,
    csrf: &str,
    me: &Option<CurrentSteward>,
    look: Look,
) -> Result<HttpResponse, AppError> {
    if needs_sign_in(survey, me) {
        return Err(AppError::SignInRequired);
    }
    let nav = me.as_ref().map(CurrentSteward::nav);
    let id = new_submission_id();
    Ok(html(
        StatusCode::OK,
        views::form_page(
            survey,
            questions,
            &BTreeMap::new(),
            None,
            &FieldErrors::new(),
            None,
            &carry(csrf, &id, entry.channel(), entry.mode()),
            nav.as_ref(),
            look,
        ),
    ))
}

/// `GET /s/{slug}/form`: every question on one page.
pub async fn form_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    entry: web::Query<Entry>,
    csrf: CsrfToken,
    me: Option<CurrentSteward>,
) -> Result<HttpResponse, AppError> {
    let (survey, questions) = load(&state, &slug).await?;
    if let Some(page) = unavailable(&survey) {
        return Ok(page);
    }
    let look = Look::load(&state, &survey, &req, &entry.easy_read).await?;
    let res = form(&survey, &questions, &entry, &csrf.0, &me, look)?;
    remember_look(res, &state, &survey, &entry)
}

/// The message shown when an address has sent too many answers.
pub const RATE_LIMITED: &str = "You have sent a lot of answers in a short time. Wait a minute and send them again. Your answers are still here.";

pub(crate) fn client(req: &HttpRequest) -> Option<std::net::IpAddr> {
    req.peer_addr().map(|a| a.ip())
}

/// Seconds to wait when this client has sent too many submissions.
pub(crate) fn rate_limited(state: &AppState, req: &HttpRequest) -> Option<u64> {
    state
        .submit_limit
        .as_ref()
        .and_then(|l| l.blocked(client(req)))
}

pub(crate) fn with_retry_after(mut res: HttpResponse, wait: u64) -> HttpResponse {
    if let Ok(v) = actix_web::http::header::HeaderValue::from_str(&wait.to_string()) {
        res.headers_mut()
            .insert(actix_web::http::header::RETRY_AFTER, v);
    }
    res
}

/// `POST /s/{slug}/form`: send a single-page questionnaire or a feedback form.
pub async fn submit_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    me: Option<CurrentSteward>,
    form: CsrfForm<Pairs>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form: pairs, token } = form;
    let (survey, questions) = load(&state, &slug).await?;
    if let Some(page) = unavailable(&survey) {
        return Ok(page);
    }
    if needs_sign_in(&survey, &me) {
        return Err(AppError::SignInRequired);
    }
    let nav = me.as_ref().map(CurrentSteward::nav);
    let look = Look::load(&state, &survey, &req, "").await?;
    if honeypot_filled(&pairs) {
        return sent_page(&state, &survey, &Receipt::generate(), nav.as_ref(), look).await;
    }
    let channel = pair(&pairs, "channel")
        .and_then(Channel::parse)
        .unwrap_or(Channel::Link);
    let mode = pair(&pairs, "mode")
        .and_then(Mode::parse)
        .unwrap_or(Mode::SelfCompleted);
    let submission_id = pair(&pairs, "submission_id")
        .and_then(parse_submission_id)
        .unwrap_or_else(new_submission_id);
    let raws = raws_from_pairs(&pairs, &questions);
    let context_raw = pair(&pairs, "context").map(str::to_owned);
    let validated = validate_submission(&survey, &questions, &raws);
    let context = validate_context(&survey, context_raw.as_deref());
    let wait = rate_limited(&state, &req);
    let answers = match (validated, context, wait) {
        (Ok(answers), Ok(context), None) => (answers, context),
        (validated, context, wait) => {
            let mut errors = FieldErrors::new();
            if let Err(e) = validated {
                for q in &questions {
                    if let Some(message) = e.get(q.def.key.as_str()) {
                        let raw = raws.get(q.def.key.as_str()).cloned().unwrap_or_default();
                        errors.add(error_target(&q.def, &raw), message);
                    }
                }
            }
            if let Err(e) = context {
                errors.add("context", e);
            }
            let status = if wait.is_some() {
                StatusCode::TOO_MANY_REQUESTS
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            let page = html(
                status,
                views::form_page(
                    &survey,
                    &questions,
                    &raws,
                    context_raw.as_deref(),
                    &errors,
                    wait.map(|_| RATE_LIMITED),
                    &carry(&token, &submission_id, channel, mode),
                    nav.as_ref(),
                    look,
                ),
            );
            return Ok(match wait {
                Some(w) => with_retry_after(page, w),
                None => page,
            });
        }
    };
    if let Some(limit) = &state.submit_limit {
        limit.record(client(&req));
    }
    let steward_id = (survey.kind == SurveyKind::Feedback && !survey.anonymous)
        .then(|| me.as_ref().map(|m| m.steward.id))
        .flatten();
    let done = match state
        .submitter
        .submit(Submission {
            survey_id: survey.id,
            submission_id,
            answers: answers.0,
            mode,
            channel,
            context: answers.1,
            steward_id,
            invitation: crate::invitations::invitation_token(&req, &survey),
        })
        .await
    {
        Ok(done) => done,
        Err(err) => return submit_failed(&survey, err),
    };
    sent_page(&state, &survey, &done.receipt, nav.as_ref(), look).await
}
