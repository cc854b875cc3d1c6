//! "Save and come back later" (one-question-per-page questionnaires): a resume code for the
//! answers so far, bringing them back in any browser, and emailing the code once on request.
//! The code itself is never stored, only its hash; see [`crate::responses::draft::save_resume`].

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;

use crate::accounts::EmailAddress;
use crate::error::{AppError, human_wait};
use crate::mail::messages::resume_message;
use crate::responses::draft::{self, DraftToken, Resumed};
use crate::responses::limits::client;
use crate::responses::look::Look;
use crate::responses::model::{Draft, ResumeCode, first_gap};
use crate::responses::pairs::pair;
use crate::responses::resume_views::{self as pages, Saved};
use crate::responses::runner::{load, rate_limited, unavailable, with_cookie};
use crate::responses::views::human_time;
use crate::state::AppState;
use crate::surveys::{Layout, Question, Slug, Survey, store as surveys};
use crate::web::respond::{html, see_other};
use crate::web::{CsrfForm, CsrfToken, FieldErrors};

type Pairs = Vec<(String, String)>;

const NOT_FOUND: &str = "We could not find saved answers with that code. Check you typed it correctly. Saved answers are deleted after a few days";
const EXPIRED: &str =
    "That code has expired, so the answers saved with it have been deleted. You can start again";

fn expiry(state: &AppState) -> chrono::DateTime<Utc> {
    Utc::now()
        + chrono::Duration::from_std(state.settings.resume_lifetime)
            .unwrap_or(chrono::Duration::days(7))
}

/// The survey's full address: the saved page sends people back there (its intro links to
/// "Carry on with your code"), so no address shows them the word "resume".
fn survey_url(state: &AppState, survey: &Survey) -> String {
    format!(
        "{}{}",
        state.base_url.as_str().trim_end_matches('/'),
        survey.path()
    )
}

/// Moves `saved` under a new resume code (replacing any earlier one) and shows the code. The
/// browser's own draft goes: the answers now wait only under the code, so sending them (from
/// any browser) leaves nothing behind.
pub(crate) async fn save_and_show(
    state: &AppState,
    req: &HttpRequest,
    survey: &Survey,
    token: &DraftToken,
    mut saved: Draft,
    csrf: &str,
) -> Result<HttpResponse, AppError> {
    let code = ResumeCode::generate();
    if let Some(old) = saved.resume_hash.take() {
        draft::delete_resume(&state.db, &old).await?;
    }
    draft::save_resume(
        &state.db,
        &code,
        survey.id,
        &saved,
        state.settings.resume_lifetime,
    )
    .await?;
    draft::delete(&state.db, token, survey.id).await?;
    let look = Look::load(state, survey, req, "").await?;
    let expires = human_time(expiry(state));
    let url = survey_url(state, survey);
    let path = survey.path();
    let page = pages::saved(
        &Saved {
            title: &survey.title,
            path: &path,
            code: code.as_str(),
            expires: &expires,
            survey_url: &url,
        },
        csrf,
        "",
        &FieldErrors::new(),
        look,
    );
    with_cookie(html(StatusCode::OK, page), token, state)
}

async fn one_per_page(state: &AppState, slug: &Slug) -> Result<(Survey, Vec<Question>), AppError> {
    let (survey, questions) = load(state, slug).await?;
    if survey.layout != Layout::OnePerPage || questions.is_empty() {
        return Err(AppError::NotFound);
    }
    Ok((survey, questions))
}

/// `GET /s/{slug}/resume`
pub async fn survey_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<Slug>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let (survey, _) = one_per_page(&state, &slug).await?;
    let look = Look::load(&state, &survey, &req, "").await?;
    let action = format!("{}/resume", survey.path());
    Ok(html(
        StatusCode::OK,
        pages::lookup(&action, &csrf.0, "", &FieldErrors::new(), look),
    ))
}

/// `GET /resume`
pub async fn any_form(csrf: CsrfToken) -> HttpResponse {
    html(
        StatusCode::OK,
        pages::lookup("/resume", &csrf.0, "", &FieldErrors::new(), Look::default()),
    )
}

/// `POST /s/{slug}/resume`
pub async fn survey_resume(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<Slug>,
    form: CsrfForm<Pairs>,
) -> Result<HttpResponse, AppError> {
    let (survey, _) = one_per_page(&state, &slug).await?;
    restore(&req, &state, form, Some(survey)).await
}

/// `POST /resume`
pub async fn any_resume(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: CsrfForm<Pairs>,
) -> Result<HttpResponse, AppError> {
    restore(&req, &state, form, None).await
}

async fn restore(
    req: &HttpRequest,
    state: &AppState,
    form: CsrfForm<Pairs>,
    only: Option<Survey>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form: pairs, token } = form;
    let typed = pair(&pairs, "code").unwrap_or("").trim().to_owned();
    let ip = client(req);
    let (action, look) = match &only {
        Some(s) => (
            format!("{}/resume", s.path()),
            Look::load(state, s, req, "").await?,
        ),
        None => ("/resume".to_owned(), Look::default()),
    };
    let refuse = |message: String| {
        let mut errors = FieldErrors::new();
        errors.add("code", message);
        html(
            StatusCode::UNPROCESSABLE_ENTITY,
            pages::lookup(&action, &token, &typed, &errors, look.clone()),
        )
    };
    if let Some(wait) = state.receipt_limit.blocked(ip) {
        return Ok(refuse(format!(
            "You have tried a lot of codes. Wait {} and try again",
            human_wait(wait)
        )));
    }
    let Some(code) = ResumeCode::parse(&typed) else {
        let message = if typed.is_empty() {
            "Enter your code"
        } else {
            "Enter a code like RSM-7KQ2-M9XD"
        };
        return Ok(refuse(message.into()));
    };
    let (survey_id, saved) = match draft::find_resume(&state.db, &code).await? {
        Resumed::Found(id, saved, _) if only.as_ref().is_none_or(|s| s.id == id) => (id, saved),
        Resumed::Expired => return Ok(refuse(EXPIRED.into())),
        _ => {
            state.receipt_limit.record(ip);
            return Ok(refuse(NOT_FOUND.into()));
        }
    };
    let survey = match only {
        Some(s) => s,
        None => surveys::find(&state.db, survey_id)
            .await?
            .ok_or(AppError::NotFound)?,
    };
    if let Some(page) = unavailable(&survey) {
        return Ok(page);
    }
    let questions = surveys::questions(&state.db, survey.id, false).await?;
    let browser = DraftToken::from_request(req);
    draft::save(&state.db, &browser, survey.id, &saved).await?;
    // The first question not answered yet, else the first needing a look, else check answers.
    let next = questions
        .iter()
        .position(|q| !saved.answers.contains_key(q.def.key.as_str()))
        .map(|i| format!("{}/q/{}", survey.path(), i + 1))
        .or_else(|| first_gap(&survey, &questions, Some(&saved)))
        .unwrap_or_else(|| format!("{}/check", survey.path()));
    with_cookie(see_other(&next), &browser, state)
}

/// `POST /s/{slug}/resume/email`: send the code once to the address typed, keeping nothing.
pub async fn email(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<Slug>,
    form: CsrfForm<Pairs>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form: pairs, token } = form;
    let (survey, _) = one_per_page(&state, &slug).await?;
    let look = Look::load(&state, &survey, &req, "").await?;
    let code = pair(&pairs, "code")
        .and_then(ResumeCode::parse)
        .ok_or(AppError::NotFound)?;
    let expires_at = match draft::find_resume(&state.db, &code).await? {
        Resumed::Found(id, _, expires_at) if id == survey.id => expires_at,
        _ => return Err(AppError::NotFound),
    };
    let carry_on = format!("{}/resume", survey.path());
    let typed = pair(&pairs, "email").unwrap_or("").trim().to_owned();
    let mut errors = FieldErrors::new();
    let address = match EmailAddress::parse(&typed) {
        Ok(a) => Some(a),
        Err(message) => {
            errors.add("email", message);
            None
        }
    };
    let wait = rate_limited(&state, &req);
    if let Some(w) = wait {
        errors.add(
            "email",
            format!(
                "You have asked for a lot of emails. Wait {} and try again",
                human_wait(w)
            ),
        );
    }
    let expires = human_time(expires_at);
    let Some(address) = address.filter(|_| wait.is_none()) else {
        let url = survey_url(&state, &survey);
        let path = survey.path();
        let page = pages::saved(
            &Saved {
                title: &survey.title,
                path: &path,
                code: code.as_str(),
                expires: &expires,
                survey_url: &url,
            },
            &token,
            &typed,
            &errors,
            look,
        );
        let status = if wait.is_some() {
            StatusCode::TOO_MANY_REQUESTS
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        return Ok(html(status, page));
    };
    if let Some(limit) = &state.submit_limit {
        limit.record(client(&req));
    }
    let message = resume_message(
        &state.base_url,
        &address,
        &survey.title,
        code.as_str(),
        &carry_on,
        &expires,
    );
    let txn = crate::db::begin_write(&state.db).await?;
    crate::mail::enqueue(&txn, &message).await?;
    txn.commit().await?;
    state.mail.wake();
    Ok(html(
        StatusCode::OK,
        pages::emailed(&survey.path(), code.as_str(), &token, look),
    ))
}
