//! Handlers for the public runner's entry and single-page forms at `/s/{slug}`: the
//! introduction, every question on one page (questionnaires and feedback forms), and sending
//! it. One question per page is in [`steps`](super::steps); what they share is in
//! [`runner`](super::runner).

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::accounts::CurrentSteward;
use crate::error::AppError;
use crate::responses::intake::{Intake, Refused, accept};
use crate::responses::limits;
use crate::responses::look::Look;
use crate::responses::model::{Channel, Invalid, Mode, Sent, Submission, SubmissionId};
use crate::responses::pairs::{honeypot_filled, sent_from_pairs};
use crate::responses::runner::{
    Entry, RATE_LIMITED, carry, load, refused, remember_look, sent_page, unavailable,
    with_retry_after,
};
use crate::responses::views;
use crate::state::AppState;
use crate::surveys::render::error_target;
use crate::surveys::{Layout, Question, Slug, Survey, SurveyKind};
use crate::web::respond::html;
use crate::web::{CsrfForm, CsrfToken, FieldErrors};

type Pairs = Vec<(String, String)>;

/// Not-anonymous feedback forms need a signed-in practitioner.
fn needs_sign_in(survey: &Survey, me: &Option<CurrentSteward>) -> bool {
    survey.kind == SurveyKind::Feedback && !survey.anonymous && me.is_none()
}

/// `GET /s/{slug}`: the introduction, or straight to the form for feedback.
pub async fn start(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<Slug>,
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
    let id = SubmissionId::generate();
    Ok(html(
        StatusCode::OK,
        views::form_page(
            survey,
            questions,
            &BTreeMap::new(),
            None,
            &FieldErrors::new(),
            None,
            &carry(csrf, id.as_str(), entry.channel(), entry.mode()),
            nav.as_ref(),
            look,
        ),
    ))
}

/// `GET /s/{slug}/form`: every question on one page.
pub async fn form_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<Slug>,
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

/// The form's messages for what needs another look, by the field each belongs to.
fn form_errors(questions: &[Question], sent: &Sent, invalid: &Invalid) -> FieldErrors {
    let mut errors = FieldErrors::new();
    for q in questions {
        if let Some(message) = invalid.answers.get(q.def.key.as_str()) {
            let raw = sent
                .answers
                .get(q.def.key.as_str())
                .cloned()
                .unwrap_or_default();
            errors.add(error_target(&q.def, &raw), message);
        }
    }
    if invalid.context {
        errors.add("context", "Select one of the places shown");
    }
    errors
}

/// `POST /s/{slug}/form`: send a single-page questionnaire or a feedback form.
pub async fn submit_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<Slug>,
    me: Option<CurrentSteward>,
    form: CsrfForm<Pairs>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form: pairs, token } = form;
    let (survey, questions) = load(&state, &slug).await?;
    if needs_sign_in(&survey, &me) {
        return Err(AppError::SignInRequired);
    }
    let nav = me.as_ref().map(CurrentSteward::nav);
    let look = Look::load(&state, &survey, &req, "").await?;
    let sent = Sent {
        steward_id: me.as_ref().map(|m| m.steward.id),
        invitation: crate::invitations::invitation_token(&req, &survey),
        ..sent_from_pairs(&pairs, &questions)
    };
    let intake = Intake {
        client: limits::client(&req),
        honeypot: honeypot_filled(&pairs),
        parsed: Submission::parse(&survey, &questions, &sent),
    };
    let (invalid, wait) = match accept(&state, &survey, intake).await {
        Ok(done) => return sent_page(&state, &survey, &done.receipt, me.as_ref(), look).await,
        Err(Refused::Invalid(invalid)) => (invalid, None),
        Err(Refused::Limited { wait, invalid }) => (invalid.unwrap_or_default(), Some(wait)),
        Err(other) => return refused(&survey, other),
    };
    let status = match wait {
        Some(_) => StatusCode::TOO_MANY_REQUESTS,
        None => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let page = html(
        status,
        views::form_page(
            &survey,
            &questions,
            &sent.answers,
            sent.context.as_deref(),
            &form_errors(&questions, &sent, &invalid),
            wait.map(|_| RATE_LIMITED),
            &carry(
                &token,
                sent.id.as_str(),
                sent.channel.unwrap_or(Channel::Link),
                sent.mode.unwrap_or(Mode::SelfCompleted),
            ),
            nav.as_ref(),
            look,
        ),
    );
    Ok(match wait {
        Some(w) => with_retry_after(page, w),
        None => page,
    })
}
