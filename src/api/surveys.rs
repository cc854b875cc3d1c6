//! `/api/v1/surveys`: create, read, replace, publish and close surveys.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use crate::accounts::ApiSteward;
use crate::api::Problem;
use crate::api::schema::{ProblemDoc, SurveyBody, SurveyOut};
use crate::api::store::{ReplaceError, replace_survey};
use crate::projects::{ProjectAccess, ProjectId};
use crate::results;
use crate::state::AppState;
use crate::surveys::SurveyAccess;
use crate::surveys::{Status, Survey, SurveyId, store};

async fn survey_json(state: &AppState, id: SurveyId) -> Result<SurveyOut, Problem> {
    let survey = store::find(&state.db, id)
        .await?
        .ok_or_else(Problem::not_found)?;
    let questions = store::questions(&state.db, id, true).await?;
    Ok(SurveyOut::new(survey, &questions, state.base_url.as_str()))
}

/// Creates a draft survey with its questions in a project.
#[utoipa::path(
    post,
    path = "/api/v1/projects/{id}/surveys",
    tag = "surveys",
    params(("id" = i64, Path, description = "Project id")),
    request_body = SurveyBody,
    responses(
        (status = 201, description = "Created", body = SurveyOut),
        (status = 401, description = "No valid token", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 403, description = "No build access", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "Project not found", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = ProblemDoc, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    state: web::Data<AppState>,
    me: ApiSteward,
    path: web::Path<i64>,
    body: web::Json<SurveyBody>,
) -> Result<HttpResponse, Problem> {
    let project = ProjectAccess::build(&state.db, &me.0, ProjectId(path.into_inner())).await?;
    let new = body.parse().map_err(Problem::invalid)?;
    let txn = crate::db::begin_write(&state.db).await?;
    let survey = store::insert(&txn, project.id, &new).await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(survey_json(&state, survey.id).await?))
}

/// One survey with all its questions (archived ones marked).
#[utoipa::path(
    get,
    path = "/api/v1/surveys/{id}",
    tag = "surveys",
    params(("id" = i64, Path, description = "Survey id")),
    responses(
        (status = 200, description = "The survey", body = SurveyOut),
        (status = 401, description = "No valid token", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "Not found or not visible", body = ProblemDoc, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get(
    state: web::Data<AppState>,
    me: ApiSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, Problem> {
    let survey = SurveyAccess::view(&state.db, &me.0, SurveyId(path.into_inner()))
        .await?
        .survey;
    Ok(HttpResponse::Ok().json(survey_json(&state, survey.id).await?))
}

/// Replaces a survey's settings and questions. Once responses exist, questions are matched by
/// key: a key's type cannot change (409) and questions left out are archived, keeping answers.
#[utoipa::path(
    put,
    path = "/api/v1/surveys/{id}",
    tag = "surveys",
    params(("id" = i64, Path, description = "Survey id")),
    request_body = SurveyBody,
    responses(
        (status = 200, description = "Replaced", body = SurveyOut),
        (status = 401, description = "No valid token", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 403, description = "No build access", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "Not found or not visible", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 409, description = "A question with answers would change type", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = ProblemDoc, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn replace(
    state: web::Data<AppState>,
    me: ApiSteward,
    path: web::Path<i64>,
    body: web::Json<SurveyBody>,
) -> Result<HttpResponse, Problem> {
    let survey = SurveyAccess::build(&state.db, &me.0, SurveyId(path.into_inner()))
        .await?
        .survey;
    let new = body.parse().map_err(Problem::invalid)?;
    let has_responses = results::store::count_responses(&state.db, survey.id).await? > 0;
    match replace_survey(&state.db, survey.id, &new, has_responses).await {
        Ok(()) => {}
        Err(ReplaceError::Conflict(message)) => return Err(Problem::conflict(message)),
        Err(ReplaceError::Db(err)) => return Err(err.into()),
    }
    Ok(HttpResponse::Ok().json(survey_json(&state, survey.id).await?))
}

async fn set_status(
    state: &AppState,
    survey: &Survey,
    status: Status,
) -> Result<HttpResponse, Problem> {
    if survey.status != status {
        let txn = crate::db::begin_write(&state.db).await?;
        store::set_status(&txn, survey.id, status).await?;
        if status == Status::Closed {
            crate::invitations::forget_addresses(&txn, survey.id).await?;
        }
        txn.commit().await?;
    }
    Ok(HttpResponse::Ok().json(survey_json(state, survey.id).await?))
}

/// Opens a survey for answers (from draft, or again after closing).
#[utoipa::path(
    post,
    path = "/api/v1/surveys/{id}/publish",
    tag = "surveys",
    params(("id" = i64, Path, description = "Survey id")),
    responses(
        (status = 200, description = "Open", body = SurveyOut),
        (status = 401, description = "No valid token", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 403, description = "No build access", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "Not found or not visible", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "The survey has no questions", body = ProblemDoc, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn publish(
    state: web::Data<AppState>,
    me: ApiSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, Problem> {
    let survey = SurveyAccess::build(&state.db, &me.0, SurveyId(path.into_inner()))
        .await?
        .survey;
    if store::questions(&state.db, survey.id, false)
        .await?
        .is_empty()
    {
        return Err(Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "This survey has no questions",
            "Add at least one question before publishing.",
        ));
    }
    set_status(&state, &survey, Status::Open).await
}

/// Stops taking answers.
#[utoipa::path(
    post,
    path = "/api/v1/surveys/{id}/close",
    tag = "surveys",
    params(("id" = i64, Path, description = "Survey id")),
    responses(
        (status = 200, description = "Closed", body = SurveyOut),
        (status = 401, description = "No valid token", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 403, description = "No build access", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "Not found or not visible", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 409, description = "Still a draft", body = ProblemDoc, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn close(
    state: web::Data<AppState>,
    me: ApiSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, Problem> {
    let survey = SurveyAccess::build(&state.db, &me.0, SurveyId(path.into_inner()))
        .await?
        .survey;
    if survey.status == Status::Draft {
        return Err(Problem::conflict(
            "This survey is still a draft. Publish it before closing it.",
        ));
    }
    set_status(&state, &survey, Status::Closed).await
}
