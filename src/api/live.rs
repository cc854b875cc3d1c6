//! The API's live event stream: one server-sent event per new response (its id, survey,
//! project and time — never answer text), resumable with `Last-Event-ID`.

use actix_web::{HttpRequest, HttpResponse, web};

use crate::accounts::ApiSteward;
use crate::api::Problem;
use crate::api::schema::ProblemDoc;
use crate::live::{resume_from, stream};
use crate::state::AppState;
use crate::surveys::{SurveyAccess, SurveyGrant, SurveyId};

/// New responses to a survey as server-sent events (`text/event-stream`). Each event is
/// `event: response`, `id: <response id>` and JSON data `{"response_id", "survey_id",
/// "project_id", "submitted_at"}`. Reconnect with `Last-Event-ID` to receive the responses
/// missed meanwhile (up to 500; read the rest from the responses list). An `event: resync`
/// means events were dropped: re-read the responses list.
#[utoipa::path(
    get,
    path = "/api/v1/surveys/{id}/events",
    tag = "responses",
    params(
        ("id" = i64, Path, description = "Survey id"),
        ("Last-Event-ID" = Option<i64>, Header, description = "The last response id received, to resume"),
    ),
    responses(
        (status = 200, description = "An endless stream of events", body = String, content_type = "text/event-stream"),
        (status = 401, description = "No valid token", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "Not found or not visible", body = ProblemDoc, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn events(
    state: web::Data<AppState>,
    me: ApiSteward,
    path: web::Path<i64>,
    req: HttpRequest,
) -> Result<HttpResponse, Problem> {
    let SurveyGrant {
        survey, project, ..
    } = SurveyAccess::view(&state.db, &me.0, SurveyId(path.into_inner())).await?;
    Ok(stream(&state, project.id.0, Some(survey.id.0), resume_from(&req)).await?)
}
