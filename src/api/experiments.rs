//! `/api/v1/projects/{id}/experiments` and `/api/v1/experiments/{id}`: propose, list, read and
//! change experiments, move them on and read their results — through the same parsers, access
//! rule (`ExperimentAccess`) and actions as the pages.

use actix_web::{HttpResponse, web};

use crate::accounts::ApiSteward;
use crate::api::Problem;
use crate::api::experiments_schema::{
    ExperimentBody, ExperimentOut, TransitionBody, min, parse_plan, theme_ids,
};
use crate::api::schema::ProblemDoc;
use crate::decisions::criteria_store;
use crate::experiments::model::{Move, RawExperiment};
use crate::experiments::{ExperimentAccess, ExperimentId, NewExperiment, actions, store};
use crate::projects::{ProjectAccess, ProjectId};
use crate::state::AppState;

/// Proposes an experiment in a project; its themes' figures are kept as the evidence snapshot.
#[utoipa::path(
    post,
    path = "/api/v1/projects/{id}/experiments",
    tag = "experiments",
    params(("id" = i64, Path, description = "Project id")),
    request_body = ExperimentBody,
    responses(
        (status = 201, description = "Proposed", body = ExperimentOut),
        (status = 401, description = "No valid token", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 403, description = "May see the project but not build in it", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "Not found or not visible", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = ProblemDoc, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    state: web::Data<AppState>,
    me: ApiSteward,
    path: web::Path<i64>,
    body: web::Json<ExperimentBody>,
) -> Result<HttpResponse, Problem> {
    let project = ProjectAccess::build(&state.db, &me.0, ProjectId(path.into_inner())).await?;
    if body.plan.is_some() || body.why.is_some() {
        let mut e = crate::fields::FieldErrors::new();
        e.add("plan", "Set the plan with PATCH once the experiment exists");
        return Err(Problem::invalid(e));
    }
    let themes = theme_ids(&state, project.id).await?;
    let new = NewExperiment::parse(&body.raw(RawExperiment::default()), &themes)
        .map_err(Problem::invalid)?;
    let id = actions::propose(&state.db, project.id, &new, Some(me.0.id.0), min(&state)).await?;
    let e = store::find(&state.db, project.id, id)
        .await?
        .ok_or_else(Problem::not_found)?;
    Ok(HttpResponse::Created().json(ExperimentOut::new(&e, None)))
}

/// A project's experiments, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/projects/{id}/experiments",
    tag = "experiments",
    params(("id" = i64, Path, description = "Project id")),
    responses(
        (status = 200, description = "The experiments", body = Vec<ExperimentOut>),
        (status = 401, description = "No valid token", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "Not found or not visible", body = ProblemDoc, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list(
    state: web::Data<AppState>,
    me: ApiSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, Problem> {
    let granted = ProjectAccess::view(&state.db, &me.0, ProjectId(path.into_inner())).await?;
    let all = store::list(&state.db, granted.project.id).await?;
    let out: Vec<ExperimentOut> = all
        .iter()
        .map(|e| {
            ExperimentOut::new(
                e,
                all.iter().find(|n| n.previous == Some(e.id)).map(|n| n.id),
            )
        })
        .collect();
    Ok(HttpResponse::Ok().json(out))
}

/// One experiment.
#[utoipa::path(
    get,
    path = "/api/v1/experiments/{id}",
    tag = "experiments",
    params(("id" = i64, Path, description = "Experiment id")),
    responses(
        (status = 200, description = "The experiment", body = ExperimentOut),
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
    let g =
        ExperimentAccess::by_id(&state.db, &me.0, ExperimentId(path.into_inner()), false).await?;
    let next = store::list(&state.db, g.project.id)
        .await?
        .into_iter()
        .find(|n| n.previous == Some(g.experiment.id))
        .map(|n| n.id);
    Ok(HttpResponse::Ok().json(ExperimentOut::new(&g.experiment, next)))
}

/// Changes an experiment's fields and/or its plan. Once testing has started a plan change needs
/// `why` and is recorded as a deviation.
#[utoipa::path(
    patch,
    path = "/api/v1/experiments/{id}",
    tag = "experiments",
    params(("id" = i64, Path, description = "Experiment id")),
    request_body = ExperimentBody,
    responses(
        (status = 200, description = "Changed", body = ExperimentOut),
        (status = 401, description = "No valid token", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 403, description = "May see the project but not build in it", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "Not found or not visible", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 409, description = "The experiment has ended", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = ProblemDoc, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn patch(
    state: web::Data<AppState>,
    me: ApiSteward,
    path: web::Path<i64>,
    body: web::Json<ExperimentBody>,
) -> Result<HttpResponse, Problem> {
    let g =
        ExperimentAccess::by_id(&state.db, &me.0, ExperimentId(path.into_inner()), true).await?;
    let e = &g.experiment;
    if e.status.is_decided() {
        return Err(Problem::conflict(
            "This experiment has ended; it is kept as it was.",
        ));
    }
    let fields = if body.touches_fields() {
        let themes = theme_ids(&state, g.project.id).await?;
        Some(NewExperiment::parse(&body.raw(e.raw()), &themes).map_err(Problem::invalid)?)
    } else {
        None
    };
    let plan = match &body.plan {
        Some(p) => Some(parse_plan(&state, e, p).await.map_err(Problem::invalid)?),
        None => None,
    };
    let mut errors = crate::fields::FieldErrors::new();
    let why = errors.text(
        "why",
        "The reason",
        body.why.as_deref().unwrap_or(""),
        crate::experiments::model::TEXT_MAX,
    );
    if !errors.is_empty() {
        return Err(Problem::invalid(errors));
    }
    if plan.is_some() && e.status.plan_locked() && why.is_empty() {
        errors.add(
            "why",
            "Say why you are changing the plan after testing started",
        );
        return Err(Problem::invalid(errors));
    }
    let txn = crate::db::begin_write(&state.db).await?;
    if let Some(f) = &fields {
        store::update(&txn, e, f, Some(me.0.id.0)).await?;
    }
    if let Some(p) = &plan {
        store::set_plan(&txn, e, p, &why, Some(me.0.id.0)).await?;
    }
    txn.commit().await?;
    let e = store::find(&state.db, g.project.id, e.id)
        .await?
        .ok_or_else(Problem::not_found)?;
    Ok(HttpResponse::Ok().json(ExperimentOut::new(&e, None)))
}

/// Moves an experiment on (who, when, why and the results seen are recorded). `adapted` makes
/// the next cycle: its id is `next_id` in the reply.
#[utoipa::path(
    post,
    path = "/api/v1/experiments/{id}/transitions",
    tag = "experiments",
    params(("id" = i64, Path, description = "Experiment id")),
    request_body = TransitionBody,
    responses(
        (status = 200, description = "Moved", body = ExperimentOut),
        (status = 401, description = "No valid token", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 403, description = "May see the project but not build in it", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "Not found or not visible", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "Not a move allowed from here, the plan is not ready, or no rationale", body = ProblemDoc, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn transition(
    state: web::Data<AppState>,
    me: ApiSteward,
    path: web::Path<i64>,
    body: web::Json<TransitionBody>,
) -> Result<HttpResponse, Problem> {
    let g =
        ExperimentAccess::by_id(&state.db, &me.0, ExperimentId(path.into_inner()), true).await?;
    let e = &g.experiment;
    let criteria = criteria_store::criteria(&state.db, g.project.id).await?;
    let m = Move::judged(
        e.status,
        &e.plan.missing(),
        &body.to,
        &body.rationale,
        &body.framework,
        &criteria,
    )
    .map_err(Problem::invalid)?;
    let next = actions::decide(&state.db, e, &m, Some(me.0.id.0), min(&state)).await?;
    let e = store::find(&state.db, g.project.id, e.id)
        .await?
        .ok_or_else(Problem::not_found)?;
    Ok(HttpResponse::Ok().json(ExperimentOut::new(&e, next)))
}

/// An experiment's results, recomputed now: per measure n, mean or share per arm with 95%
/// intervals, the difference with its interval, and the verdict against the chosen direction.
/// Groups below the minimum size carry no figures.
#[utoipa::path(
    get,
    path = "/api/v1/experiments/{id}/results",
    tag = "experiments",
    params(("id" = i64, Path, description = "Experiment id")),
    responses(
        (status = 200, description = "The results", content_type = "application/json"),
        (status = 401, description = "No valid token", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "Not found or not visible", body = ProblemDoc, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn results(
    state: web::Data<AppState>,
    me: ApiSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, Problem> {
    let g =
        ExperimentAccess::by_id(&state.db, &me.0, ExperimentId(path.into_inner()), false).await?;
    let r = actions::results(&state.db, &g.experiment, min(&state)).await?;
    Ok(HttpResponse::Ok().json(r))
}
