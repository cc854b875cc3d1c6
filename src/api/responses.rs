//! Responses over the API: the paged list and CSV for stewards, and the public submission
//! endpoint (idempotent on the client's id).

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::accounts::ApiSteward;
use crate::api::Problem;
use crate::api::schema::{
    ProblemDoc, ReceiptOut, ResponseOut, ResponsesPage, SubmissionBody, answer_json,
};
use crate::error::AppError;
use crate::fields::FieldErrors;
use crate::paging::{PageQuery, PageSize, Paging};
use crate::responses::intake::{Intake, Refused, accept};
use crate::responses::limits;
use crate::responses::{Channel, Mode, Sent, Submission, SubmissionId};
use crate::results::store as results;
use crate::results::{CsvQuery, csv_response};
use crate::state::AppState;
use crate::surveys::{self, Availability, RawAnswer};
use crate::surveys::{Slug, SurveyAccess, SurveyId};

/// Responses per page over the API: 50 unless `per_page` asks for 1 to 200.
const PAGE_SIZE: PageSize = PageSize::UpTo {
    default: 50,
    max: 200,
};

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
    params(("id" = i64, Path, description = "Survey id"), PageQuery),
    responses(
        (status = 200, description = "A page of responses", body = ResponsesPage),
        (status = 401, description = "No valid token", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 403, description = "No build access", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "Not found or not visible", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "page or per_page out of range, keyed by field", body = ProblemDoc, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list(
    state: web::Data<AppState>,
    me: ApiSteward,
    path: web::Path<i64>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, Problem> {
    let paging = Paging::parse(&query, PAGE_SIZE).map_err(Problem::invalid)?;
    let survey = SurveyAccess::build(&state.db, &me.0, SurveyId(path.into_inner()))
        .await?
        .survey;
    let questions = surveys::store::questions(&state.db, survey.id, true).await?;
    let total = results::count_responses(&state.db, survey.id).await?;
    let rows = results::page_responses(&state.db, survey.id, &questions, paging).await?;
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
        page: paging.page(),
        per_page: paging.per_page(),
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
    Ok(csv_response(
        state.db.clone(),
        &survey,
        questions,
        query.bom(),
    ))
}

/// Reads a body as a submission: `client_id` is required, answers are read by key (a value
/// of the wrong shape is an error for that key), and a mode or channel left out is the usual one.
fn sent(body: &SubmissionBody) -> Result<Sent, Problem> {
    let Some(id) = body.client_id.and_then(SubmissionId::from_uuid) else {
        let mut errors = FieldErrors::new();
        errors.add(
            "client_id",
            "Send a client_id: a random (version 4) UUID made once per submission",
        );
        return Err(Problem::invalid(errors));
    };
    let mut unreadable = FieldErrors::new();
    let mut answers = BTreeMap::new();
    for (key, value) in &body.answers {
        match RawAnswer::from_json(value) {
            Ok(r) => {
                answers.insert(key.clone(), r);
            }
            Err(message) => unreadable.add(key.as_str(), message),
        }
    }
    Ok(Sent {
        unreadable,
        mode: body
            .mode
            .as_deref()
            .map_or(Some(Mode::SelfCompleted), Mode::parse),
        channel: body
            .channel
            .as_deref()
            .map_or(Some(Channel::Link), Channel::parse),
        context: body.context.clone(),
        ..Sent::new(id, answers)
    })
}

/// A refused submission as problem+json.
fn problem(refused: Refused) -> Problem {
    match refused {
        Refused::NotOpen(Availability::NotYetOpen(at)) => Problem::new(
            StatusCode::CONFLICT,
            "This survey is not open yet",
            format!("This survey opens at {}.", at.to_rfc3339()),
        ),
        Refused::NotOpen(Availability::Closed) => Problem::new(
            StatusCode::GONE,
            "This survey has closed",
            "This survey is no longer taking answers.",
        ),
        Refused::NotOpen(_) => Problem::new(
            StatusCode::CONFLICT,
            "This survey is not open",
            "This survey has not been published yet, so it cannot take answers.",
        ),
        Refused::Limited { wait, .. } => AppError::TooManyRequests { retry_after: wait }.into(),
        Refused::Invalid(invalid) => {
            let mut errors = invalid.answers;
            if invalid.mode {
                errors.add("mode", "Send 'self', 'assisted' or 'paper'");
            }
            if invalid.channel {
                errors.add("channel", "Send 'link', 'qr', 'email' or 'kiosk'");
            }
            if invalid.context {
                errors.add("context", "Send one of the survey's context options");
            }
            Problem::invalid(errors)
        }
        Refused::Conflict => Problem::new(
            StatusCode::CONFLICT,
            "Other answers were sent with this client_id",
            "A response with different answers is already stored under this client_id, so \
             nothing was stored. Make a new random client_id for each new submission.",
        ),
        Refused::Failed(err) => err.into(),
    }
}

/// Submits answers to an open survey; no token needed. `client_id` must be a random (version 4)
/// UUID. Sending the same `client_id` with the same answers again returns the first receipt
/// with 200 and stores nothing more (also after the survey closed); with other answers it is
/// refused with 409 and no receipt. Submissions are limited per client address, as the runner's
/// forms are.
#[utoipa::path(
    post,
    path = "/api/v1/s/{slug}/responses",
    tag = "public",
    params(("slug" = String, Path, description = "The survey's public slug")),
    request_body = SubmissionBody,
    responses(
        (status = 201, description = "Stored", body = ReceiptOut),
        (status = 200, description = "Already stored under this client_id with the same answers", body = ReceiptOut),
        (status = 404, description = "No such survey", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 409, description = "Not open (draft or not yet open), or other answers already stored under this client_id (no receipt)", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 410, description = "Closed", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "Invalid answers, keyed by question key", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 429, description = "Too many submissions from this address; try again after Retry-After seconds", body = ProblemDoc, content_type = "application/problem+json"),
    )
)]
pub async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<Slug>,
    body: web::Json<SubmissionBody>,
) -> Result<HttpResponse, Problem> {
    let cached = state
        .surveys
        .get(&state.db, &path.into_inner())
        .await?
        .ok_or_else(Problem::not_found)?;
    let survey = &cached.survey;
    let sent = sent(&body)?;
    let intake = Intake {
        client: limits::client(&req),
        honeypot: false,
        parsed: Submission::parse(survey, &cached.questions, &sent),
    };
    // An open survey needs no look-up first: the writer finds an earlier copy under this
    // client_id inside its transaction and answers with that receipt (200).
    let stored = accept(&state, survey, intake).await.map_err(problem)?;
    let status = if stored.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok(HttpResponse::build(status).json(ReceiptOut {
        receipt: stored.receipt.as_str().to_owned(),
    }))
}
