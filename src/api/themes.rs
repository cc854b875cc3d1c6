//! Theme exports over the API: `themes` and `coded-answers` of a project as CSV or XLSX.

use actix_web::{HttpResponse, web};

use crate::accounts::ApiSteward;
use crate::api::Problem;
use crate::api::responses::BomParams;
use crate::api::schema::ProblemDoc;
use crate::projects::{ProjectAccess, ProjectId};
use crate::results::CsvQuery;
use crate::results::min_group;
use crate::state::AppState;
use crate::themes::export::{Export, Format, respond};

async fn download(
    state: &AppState,
    me: &ApiSteward,
    project: i64,
    export: Export,
    format: Format,
    bom: bool,
) -> Result<HttpResponse, Problem> {
    let project = ProjectAccess::build(&state.db, &me.0, ProjectId(project)).await?;
    let min = min_group(state);
    Ok(respond(
        &state.db,
        &state.exports,
        project.id,
        min,
        export,
        format,
        bom,
    )
    .await?)
}

/// One row per theme: counts, share, audiences and modes (small groups as "fewer than N"),
/// first and last seen, redacted examples and coding sources.
#[utoipa::path(
    get,
    path = "/api/v1/projects/{id}/themes.csv",
    tag = "themes",
    params(("id" = i64, Path, description = "Project id"), BomParams),
    responses(
        (status = 200, description = "CSV, one row per theme", body = String, content_type = "text/csv"),
        (status = 401, description = "No valid token", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 403, description = "No build access", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "Not found or not visible", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 429, description = "Two exports are already running on this instance; try again after Retry-After seconds", body = ProblemDoc, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn themes_csv(
    state: web::Data<AppState>,
    me: ApiSteward,
    path: web::Path<i64>,
    query: web::Query<CsvQuery>,
) -> Result<HttpResponse, Problem> {
    let bom = query.bom();
    download(
        &state,
        &me,
        path.into_inner(),
        Export::Themes,
        Format::Csv,
        bom,
    )
    .await
}

/// One row per coded answer (answers awaiting safeguarding review left out), streamed: a
/// pseudonymous response id that differs in every export, question key, redacted text, themes,
/// sources and confidences.
#[utoipa::path(
    get,
    path = "/api/v1/projects/{id}/coded-answers.csv",
    tag = "themes",
    params(("id" = i64, Path, description = "Project id"), BomParams),
    responses(
        (status = 200, description = "CSV, one row per coded answer: response (pseudonym), submitted_date, survey, audience, mode, question_key, question, text, themes, sources, confidences", body = String, content_type = "text/csv"),
        (status = 401, description = "No valid token", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 403, description = "No build access", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "Not found or not visible", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 429, description = "Two exports are already running on this instance; try again after Retry-After seconds", body = ProblemDoc, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn coded_csv(
    state: web::Data<AppState>,
    me: ApiSteward,
    path: web::Path<i64>,
    query: web::Query<CsvQuery>,
) -> Result<HttpResponse, Problem> {
    let bom = query.bom();
    let p = path.into_inner();
    download(&state, &me, p, Export::CodedAnswers, Format::Csv, bom).await
}

/// `themes.csv` as an Excel workbook.
#[utoipa::path(
    get,
    path = "/api/v1/projects/{id}/themes.xlsx",
    tag = "themes",
    params(("id" = i64, Path, description = "Project id")),
    responses(
        (status = 200, description = "Workbook, one row per theme", body = Vec<u8>, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 401, description = "No valid token", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 403, description = "No build access", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "Not found or not visible", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 429, description = "Two exports are already running on this instance; try again after Retry-After seconds", body = ProblemDoc, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn themes_xlsx(
    state: web::Data<AppState>,
    me: ApiSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, Problem> {
    download(
        &state,
        &me,
        path.into_inner(),
        Export::Themes,
        Format::Xlsx,
        false,
    )
    .await
}

/// `coded-answers.csv` as an Excel workbook.
#[utoipa::path(
    get,
    path = "/api/v1/projects/{id}/coded-answers.xlsx",
    tag = "themes",
    params(("id" = i64, Path, description = "Project id")),
    responses(
        (status = 200, description = "Workbook, one row per coded answer", body = Vec<u8>, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 401, description = "No valid token", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 403, description = "No build access", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "Not found or not visible", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 429, description = "Two exports are already running on this instance; try again after Retry-After seconds", body = ProblemDoc, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn coded_xlsx(
    state: web::Data<AppState>,
    me: ApiSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, Problem> {
    let p = path.into_inner();
    download(&state, &me, p, Export::CodedAnswers, Format::Xlsx, false).await
}
