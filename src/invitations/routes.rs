//! Handlers: the steward's invitations page (Build access; 404 for other projects' surveys),
//! the public invitation link `/i/{token}` and the unsubscribe pages, with RFC 8058 one-click.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::{HttpMessage, HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::accounts::CurrentSteward;
use crate::error::AppError;
use crate::invitations::model::{
    MAX_ADDRESSES, Purpose, accepts_invitations, parse_reminder_days, plausible_token,
    split_addresses,
};
use crate::invitations::store::Found;
use crate::invitations::views::{self, InvitationsPage};
use crate::invitations::{send, store};
use crate::projects::Project;
use crate::state::AppState;
use crate::surveys::{Survey, SurveyId, store as surveys};
use crate::surveys::{SurveyAccess, SurveyGrant};
use crate::web::respond::{html, see_other};
use crate::web::{CsrfForm, CsrfToken, FieldErrors, csrf};

/// The cookie that carries an identified survey's invitation link token to the submission.
const COOKIE: &str = "chorus_invitation";

/// The invitation form.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct InviteForm {
    addresses: String,
}

/// The reminder setting form.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReminderForm {
    reminder_days: String,
}

struct Render<'a> {
    addresses: &'a str,
    reminder_days: Option<&'a str>,
    notice: Option<&'a str>,
    errors: &'a FieldErrors,
}

async fn render(
    state: &AppState,
    me: &CurrentSteward,
    csrf: &str,
    (project, survey): (&Project, &Survey),
    status: StatusCode,
    r: Render<'_>,
) -> Result<HttpResponse, AppError> {
    let counts = store::counts(&state.db, survey.id).await?;
    let stored = store::reminder_days(&state.db, survey.id, state.settings.reminder_days)
        .await?
        .to_string();
    Ok(html(
        status,
        views::invitations_page(&InvitationsPage {
            nav: &me.nav(),
            csrf,
            project,
            survey,
            counts,
            addresses: r.addresses,
            reminder_days: r.reminder_days.unwrap_or(&stored),
            notice: r.notice,
            errors: r.errors,
        }),
    ))
}

/// `GET /surveys/{id}/invitations`.
pub async fn page(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let SurveyGrant {
        project, survey, ..
    } = SurveyAccess::build(&state.db, &me.steward, SurveyId(path.into_inner())).await?;
    let r = Render {
        addresses: "",
        reminder_days: None,
        notice: None,
        errors: &FieldErrors::new(),
    };
    render(&state, &me, &csrf.0, (&project, &survey), StatusCode::OK, r).await
}

/// `POST /surveys/{id}/invitations`: invites every new valid address; 422 when none is valid.
pub async fn invite(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    form: CsrfForm<InviteForm>,
) -> Result<HttpResponse, AppError> {
    let SurveyGrant {
        project, survey, ..
    } = SurveyAccess::build(&state.db, &me.steward, SurveyId(path.into_inner())).await?;
    let CsrfForm { form, token } = form;
    let candidates = split_addresses(&form.addresses);
    let mut errors = FieldErrors::new();
    if !accepts_invitations(&survey) {
        errors.add("addresses", "Publish the survey before inviting people");
    } else if candidates.is_empty() {
        errors.add("addresses", "Enter at least one email address");
    } else if candidates.len() > MAX_ADDRESSES {
        errors.add(
            "addresses",
            format!(
                "Enter at most {MAX_ADDRESSES} addresses at a time (you entered {})",
                candidates.len()
            ),
        );
    }
    let mut notice = None;
    if errors.is_empty() {
        let screened =
            send::invite(&state.db, &state.base_url, &project, &survey, &candidates).await?;
        if screened.accepted.is_empty() && !screened.invalid.is_empty() {
            let names: Vec<&str> = screened.invalid.iter().map(|r| r.email.as_str()).collect();
            errors.add(
                "addresses",
                format!(
                    "Enter email addresses in the correct format, like name@example.org. Not valid: {}",
                    names.join(", ")
                ),
            );
        } else {
            state.mail.wake();
            notice = Some(screened.summary());
        }
    }
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    // After a successful send the box is emptied; after an error everything typed stays.
    let kept = if errors.is_empty() {
        ""
    } else {
        form.addresses.as_str()
    };
    let r = Render {
        addresses: kept,
        reminder_days: None,
        notice: notice.as_deref(),
        errors: &errors,
    };
    render(&state, &me, &token, (&project, &survey), status, r).await
}

/// `POST /surveys/{id}/invitations/reminders`: the survey's reminder delay.
pub async fn set_reminders(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    form: CsrfForm<ReminderForm>,
) -> Result<HttpResponse, AppError> {
    let SurveyGrant {
        project, survey, ..
    } = SurveyAccess::build(&state.db, &me.steward, SurveyId(path.into_inner())).await?;
    let CsrfForm { form, token } = form;
    match parse_reminder_days(&form.reminder_days) {
        Ok(days) => {
            store::set_reminder_days(&state.db, survey.id, days).await?;
            Ok(see_other(&format!("/surveys/{}/invitations", survey.id.0)))
        }
        Err(message) => {
            let mut errors = FieldErrors::new();
            errors.add("reminder_days", message);
            let r = Render {
                addresses: "",
                reminder_days: Some(&form.reminder_days),
                notice: None,
                errors: &errors,
            };
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            render(&state, &me, &token, (&project, &survey), status, r).await
        }
    }
}

async fn found(
    state: &AppState,
    token: &str,
    purpose: Purpose,
) -> Result<(Found, Survey), AppError> {
    if !plausible_token(token) {
        return Err(AppError::NotFound);
    }
    let found = store::find_by_token(&state.db, token, purpose)
        .await?
        .ok_or(AppError::NotFound)?;
    let survey = surveys::find(&state.db, found.survey_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((found, survey))
}

/// `GET /i/{token}`: records that the invitation was used and goes to the survey with
/// `channel=email`. For a survey that is not anonymous, a cookie scoped to the survey carries
/// the token so the response can be linked to the invitation when it is submitted.
pub async fn follow(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let (found, survey) = found(&state, &token, Purpose::Link).await?;
    store::mark_used(&state.db, found.id).await?;
    let mut res = see_other(&format!("{}?channel=email", survey.path()));
    if !survey.anonymous {
        let cookie = Cookie::build(COOKIE, token)
            .path(survey.path())
            .http_only(true)
            .secure(state.settings.is_https())
            .same_site(SameSite::Lax)
            .max_age(actix_web::cookie::time::Duration::days(30))
            .finish();
        res.add_cookie(&cookie)
            .map_err(|e| AppError::Unexpected(e.into()))?;
    }
    Ok(res)
}

/// For a survey that is not anonymous, the link token of the invitation that brought the
/// respondent, if any: the response writer links the response to it in the response's own
/// transaction. Always `None` for anonymous surveys.
pub fn invitation_token(req: &HttpRequest, survey: &Survey) -> Option<String> {
    if survey.anonymous {
        return None;
    }
    req.cookie(COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|token| plausible_token(token))
}

/// `GET /unsubscribe/{token}`: asks to confirm.
pub async fn unsubscribe_page(
    state: web::Data<AppState>,
    path: web::Path<String>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let (_, survey) = found(&state, &token, Purpose::Unsubscribe).await?;
    Ok(html(
        StatusCode::OK,
        views::unsubscribe_confirm(&csrf.0, &token, &survey),
    ))
}

/// `POST /unsubscribe/{token}`: from the confirm page (CSRF checked), or a mail provider's
/// RFC 8058 one-click POST (`List-Unsubscribe=One-Click`, no CSRF token: the unguessable
/// token in the address is the proof).
pub async fn unsubscribe(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let (found, survey) = found(&state, &token, Purpose::Unsubscribe).await?;
    if !one_click(&req, &body) {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).unwrap_or_default();
        let sent = pairs
            .iter()
            .find(|(k, _)| k == "csrf_token")
            .map(|(_, v)| v.as_str())
            .unwrap_or("");
        csrf::verify(&req, sent)?;
    }
    store::unsubscribe(&state.db, found.id).await?;
    Ok(html(StatusCode::OK, views::unsubscribed(&survey)))
}

/// Whether a POST body is RFC 8058's `List-Unsubscribe=One-Click`, urlencoded or multipart.
fn one_click(req: &HttpRequest, body: &[u8]) -> bool {
    let content_type = req.content_type();
    if content_type == "application/x-www-form-urlencoded" {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body).unwrap_or_default();
        return pairs
            .iter()
            .any(|(k, v)| k == "List-Unsubscribe" && v == "One-Click");
    }
    if content_type == "multipart/form-data" {
        let text = String::from_utf8_lossy(body);
        return text.contains("name=\"List-Unsubscribe\"") && text.contains("One-Click");
    }
    false
}

/// Deletes a survey's invited addresses: called when it closes.
pub async fn forget_addresses<C: sea_orm::ConnectionTrait>(
    db: &C,
    survey: SurveyId,
) -> Result<(), sea_orm::DbErr> {
    store::delete_addresses(db, survey).await.map(|_| ())
}
