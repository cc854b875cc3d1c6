//! Steward downloads of the theme exports: `themes.csv`, `coded-answers.csv` and their `.xlsx`
//! twins (Build access to the project; another project's steward gets "not found").

use actix_web::{HttpResponse, web};

use crate::accounts::CurrentSteward;
use crate::error::AppError;
use crate::projects::ProjectAccess;
use crate::projects::ProjectId;
use crate::results::CsvQuery;
use crate::results::min_group;
use crate::state::AppState;
use crate::themes::export::stream::{Export, Format, respond};

async fn download(
    state: &AppState,
    me: &CurrentSteward,
    project: i64,
    export: Export,
    format: Format,
    bom: bool,
) -> Result<HttpResponse, AppError> {
    let project = ProjectAccess::build(&state.db, &me.steward, ProjectId(project)).await?;
    let min = min_group(state);
    respond(
        &state.db,
        &state.exports,
        project.id,
        min,
        export,
        format,
        bom,
    )
    .await
}

/// GET /projects/{id}/themes.csv
pub async fn themes_csv(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    query: web::Query<CsvQuery>,
) -> Result<HttpResponse, AppError> {
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

/// GET /projects/{id}/coded-answers.csv
pub async fn coded_csv(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    query: web::Query<CsvQuery>,
) -> Result<HttpResponse, AppError> {
    let bom = query.bom();
    let p = path.into_inner();
    download(&state, &me, p, Export::CodedAnswers, Format::Csv, bom).await
}

/// GET /projects/{id}/themes.xlsx
pub async fn themes_xlsx(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
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

/// GET /projects/{id}/coded-answers.xlsx
pub async fn coded_xlsx(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let p = path.into_inner();
    download(&state, &me, p, Export::CodedAnswers, Format::Xlsx, false).await
}
