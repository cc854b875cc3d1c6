//! Responses over the API: the paged list and CSV for stewards, and the public submission
//! endpoint (idempotent on the client's id).

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::accounts::ApiSteward;
use crate::api::Problem;
use crate::api::schema::{
    ProblemDoc, ReceiptOut, ResponseOut, ResponsesPage, SubmissionBody, answer_json,
};
use crate::error::AppError;
use crate::fields::FieldErrors;
use crate::responses::{self, Channel, Mode, Submission, validate_context, validate_submission};
use crate::results::store as results;
use crate::state::AppState;
use crate::surveys::{self, Availability, Question, RawAnswer, Survey};
use crate::surveys::{SurveyAccess, SurveyId};
use crate::{export, results::routes::CsvQuery};

/// `?page=&per_page=`
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Page number, from 1.
    page: Option<u64>,
    /// Responses per page, 1 to 200 (default 50).
    per_page: Option<u64>,
}

/// `?bom=1`
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BomParams {
    /// `1` adds a UTF-8 byte-order mark for Excel.
    #[expect(
        dead_code,
        reason = "read through CsvQuery; declared here for the OpenAPI document"
    )]
    bom: Option<String>,
}

/// A page of a survey's responses, newest first (receipts are never included).
#[utoipa::path(
    get,
    path = "/api/v1/surveys/{id}/responses",
    tag = "responses",
    params(("id" = i64, Path, description = "Survey id"), PageParams),
    responses(
        (status = 200, description = "A page of responses", body = ResponsesPage),
        (status = 401, description = "No valid token", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 403, description = "No build access", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "Not found or not visible", body = ProblemDoc, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list(
    state: web::Data<AppState>,
    me: ApiSteward,
    path: web::Path<i64>,
    query: web::Query<PageParams>,
) -> Result<HttpResponse, Problem> {
    let survey = SurveyAccess::build(&state.db, &me.0, SurveyId(path.into_inner()))
        .await?
        .survey;
    let page = query.page.unwrap_or(1).max(1);
    let per_page = query.per_page.unwrap_or(50).clamp(1, 200);
    let questions = surveys::store::questions(&state.db, survey.id, true).await?;
    let total = results::count_responses(&state.db, survey.id).await?;
    let rows = results::page_responses(&state.db, survey.id, &questions, page, per_page).await?;
    let items = rows
        .into_iter()
        .map(|r| ResponseOut {
            answers: questions
                .iter()
                .filter_map(|q| {
                    r.answers
                        .get(&q.id)
                        .map(|a| (q.def.key.as_str().to_owned(), answer_json(a)))
                })
                .collect(),
            id: r.id,
            submitted_at: r.submitted_at,
            mode: r.mode,
            channel: r.channel,
            context: r.context,
        })
        .collect();
    Ok(HttpResponse::Ok().json(ResponsesPage {
        items,
        total,
        page,
        per_page,
    }))
}

/// Every response as CSV, streamed.
#[utoipa::path(
    get,
    path = "/api/v1/surveys/{id}/responses.csv",
    tag = "responses",
    params(("id" = i64, Path, description = "Survey id"), BomParams),
    responses(
        (status = 200, description = "CSV, one row per response", body = String, content_type = "text/csv"),
        (status = 401, description = "No valid token", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 403, description = "No build access", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "Not found or not visible", body = ProblemDoc, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn csv(
    state: web::Data<AppState>,
    me: ApiSteward,
    path: web::Path<i64>,
    query: web::Query<CsvQuery>,
) -> Result<HttpResponse, Problem> {
    let survey = SurveyAccess::build(&state.db, &me.0, SurveyId(path.into_inner()))
        .await?
        .survey;
    let questions = surveys::store::questions(&state.db, survey.id, true).await?;
    Ok(export::csv_response(
        state.db.clone(),
        &survey,
        questions,
        query.bom(),
    ))
}

fn unavailable(survey: &Survey) -> Option<Problem> {
    match survey.availability(Utc::now()) {
        Availability::Open => None,
        Availability::Draft => Some(Problem::new(
            StatusCode::CONFLICT,
            "This survey is not open",
            "This survey has not been published yet, so it cannot take answers.",
        )),
        Availability::NotYetOpen(at) => Some(Problem::new(
            StatusCode::CONFLICT,
            "This survey is not open yet",
            format!("This survey opens at {}.", at.to_rfc3339()),
        )),
        Availability::Closed => Some(unavailable_closed()),
    }
}

/// 410: the survey has closed.
fn unavailable_closed() -> Problem {
    Problem::new(
        StatusCode::GONE,
        "This survey has closed",
        "This survey is no longer taking answers.",
    )
}

/// Checks a body against the survey with the same rules as the HTML runner: every answer by
/// key (unknown keys rejected), mode, channel and context.
fn check(
    survey: &Survey,
    questions: &[Question],
    body: &SubmissionBody,
    submission_id: String,
) -> Result<Submission, Problem> {
    let mut errors = FieldErrors::new();
    let mut raw = BTreeMap::new();
    for (key, value) in &body.answers {
        match RawAnswer::from_json(value) {
            Ok(r) => {
                raw.insert(key.clone(), r);
            }
            Err(message) => errors.add(key.as_str(), message),
        }
    }
    let answers = match validate_submission(survey, questions, &raw) {
        Ok(answers) => answers,
        Err(found) => {
            for (field, message) in found.iter() {
                errors.add(field, message);
            }
            Vec::new()
        }
    };
    let mode = match body.mode.as_deref() {
        None => Some(Mode::SelfCompleted),
        Some(text) => Mode::parse(text),
    };
    if mode.is_none() {
        errors.add("mode", "Send 'self', 'assisted' or 'paper'");
    }
    let channel = match body.channel.as_deref() {
        None => Some(Channel::Link),
        Some(text) => Channel::parse(text),
    };
    if channel.is_none() {
        errors.add("channel", "Send 'link', 'qr', 'email' or 'kiosk'");
    }
    let context = validate_context(survey, body.context.as_deref())
        .map_err(|_| errors.add("context", "Send one of the survey's context options"))
        .ok()
        .flatten();
    match (mode, channel) {
        (Some(mode), Some(channel)) if errors.is_empty() => Ok(Submission {
            survey_id: survey.id,
            submission_id,
            answers,
            mode,
            channel,
            context,
            steward_id: None,
            invitation: None,
        }),
        _ => Err(Problem::invalid(errors)),
    }
}

/// Submits answers to an open survey; no token needed. Sending the same `client_id` again
/// returns the first receipt with 200 and stores nothing more.
#[utoipa::path(
    post,
    path = "/api/v1/s/{slug}/responses",
    tag = "public",
    params(("slug" = String, Path, description = "The survey's public slug")),
    request_body = SubmissionBody,
    responses(
        (status = 201, description = "Stored", body = ReceiptOut),
        (status = 200, description = "Already stored under this client_id", body = ReceiptOut),
        (status = 404, description = "No such survey", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 409, description = "Not open (draft or not yet open)", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 410, description = "Closed", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "Invalid answers, keyed by question key", body = ProblemDoc, content_type = "application/problem+json"),
    )
)]
pub async fn submit(
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Json<SubmissionBody>,
) -> Result<HttpResponse, Problem> {
    let cached = state
        .surveys
        .get(&state.db, &path.into_inner())
        .await?
        .ok_or_else(Problem::not_found)?;
    let survey = &cached.survey;
    let Some(client_id) = body.client_id.map(|u| u.hyphenated().to_string()) else {
        let mut errors = FieldErrors::new();
        errors.add(
            "client_id",
            "Send a client_id: a UUID made once per submission",
        );
        return Err(Problem::invalid(errors));
    };
    if let Some(problem) = unavailable(survey) {
        // A re-send of something stored before the survey closed still gets its receipt.
        return match responses::store::find_by_submission(&state.db, survey.id, &client_id).await? {
            Some(receipt) => Ok(HttpResponse::Ok().json(ReceiptOut {
                receipt: receipt.as_str().to_owned(),
            })),
            None => Err(problem),
        };
    }
    // An open survey needs no look-up first: the writer finds an earlier copy under this
    // client_id inside its transaction and answers with that receipt (200).
    let submission = check(survey, &cached.questions, &body, client_id)?;
    // Acknowledged only after the group commit that includes it.
    let stored = match state.submitter.submit(submission).await {
        Ok(stored) => stored,
        // Closed meanwhile (perhaps through another instance): nothing was stored.
        Err(responses::SubmitError::NotTaking) => {
            return Err(unavailable_closed());
        }
        Err(e) => return Err(Problem::App(AppError::Unexpected(e.into()).into())),
    };
    let status = if stored.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok(HttpResponse::build(status).json(ReceiptOut {
        receipt: stored.receipt.as_str().to_owned(),
    }))
}
