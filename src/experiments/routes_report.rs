//! The learning report (printable, and its easy-read version) and the two CSV downloads.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use crate::accounts::CurrentSteward;
use crate::error::AppError;
use crate::experiments::access::{ExperimentAccess, ExperimentGrant};
use crate::experiments::model::ExperimentId;
use crate::experiments::views::report::Story;
use crate::experiments::{actions, csv, reflection_store, store, views};
use crate::export::{BOM, record};
use crate::projects::{ProjectAccess, ProjectId};
use crate::state::AppState;
use crate::web::respond::html;

async fn story_parts(
    state: &AppState,
    g: &ExperimentGrant,
) -> Result<
    (
        crate::experiments::results::Results,
        Vec<crate::experiments::reflection::Reflection>,
        Vec<crate::decisions::Decision>,
        Option<(i64, String)>,
    ),
    AppError,
> {
    let e = &g.experiment;
    let results = actions::results(&state.db, e, crate::results::min_group(state)).await?;
    let reflections = reflection_store::list(&state.db, &[e.id])
        .await?
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    let timeline = crate::decisions::store::for_subject(&state.db, store::subject(e.id)).await?;
    let next = store::list(&state.db, g.project.id)
        .await?
        .into_iter()
        .find(|x| x.previous == Some(e.id))
        .map(|x| (x.id.0, x.fields.title));
    Ok((results, reflections, timeline, next))
}

/// GET /projects/{id}/experiments/{experiment}/report
pub async fn report(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (p, x) = path.into_inner();
    let g = ExperimentAccess::view(&state.db, &me.steward, ProjectId(p), ExperimentId(x)).await?;
    let (results, reflections, timeline, next) = story_parts(&state, &g).await?;
    let story = Story {
        project: &g.project,
        results: &results,
        reflections: &reflections,
        timeline: &timeline,
        next,
    };
    Ok(html(
        StatusCode::OK,
        views::report::report(&me.nav(), &g.experiment, &story),
    ))
}

/// GET /projects/{id}/experiments/{experiment}/report/easy-read
pub async fn easy_read(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (p, x) = path.into_inner();
    let g = ExperimentAccess::view(&state.db, &me.steward, ProjectId(p), ExperimentId(x)).await?;
    let (results, reflections, timeline, next) = story_parts(&state, &g).await?;
    let story = Story {
        project: &g.project,
        results: &results,
        reflections: &reflections,
        timeline: &timeline,
        next,
    };
    Ok(html(
        StatusCode::OK,
        views::report::easy_read(&me.nav(), &g.experiment, &story),
    ))
}

fn csv_error(e: ::csv::Error) -> AppError {
    AppError::Unexpected(anyhow::anyhow!("writing CSV: {e}"))
}

/// GET /projects/{id}/experiments.csv
pub async fn experiments_csv(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::build(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    let names: std::collections::HashMap<i64, String> =
        crate::themes::store::list(&state.db, project.id)
            .await?
            .into_iter()
            .map(|t| (t.id.0, t.name))
            .collect();
    let min = crate::results::min_group(&state);
    let mut out = BOM.to_vec();
    record(&mut out, &csv::EXPERIMENT_HEADER.map(str::to_owned)).map_err(csv_error)?;
    for e in store::list(&state.db, project.id).await? {
        let themes: Vec<String> = e
            .fields
            .themes
            .iter()
            .filter_map(|t| names.get(t).cloned())
            .collect();
        let r = actions::results(&state.db, &e, min).await?;
        let timeline =
            crate::decisions::store::for_subject(&state.db, store::subject(e.id)).await?;
        record(&mut out, &csv::experiment_row(&e, &themes, &r, &timeline)).map_err(csv_error)?;
    }
    Ok(crate::export::download("experiments.csv".into(), out))
}

/// GET /projects/{id}/reflections.csv
pub async fn reflections_csv(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::build(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    let all = store::list(&state.db, project.id).await?;
    let ids: Vec<ExperimentId> = all.iter().map(|e| e.id).collect();
    let mut out = BOM.to_vec();
    record(&mut out, &csv::REFLECTION_HEADER.map(str::to_owned)).map_err(csv_error)?;
    for (x, r) in reflection_store::list(&state.db, &ids).await? {
        if let Some(e) = all.iter().find(|e| e.id == x) {
            record(&mut out, &csv::reflection_row(e, &r)).map_err(csv_error)?;
        }
    }
    Ok(crate::export::download("reflections.csv".into(), out))
}
