//! `/api/v1/projects/{id}/decisions`: read the decision log (the page's filters) and record a
//! decision with the project's framework — the same parser, access rule and store as the pages.

use actix_web::{HttpResponse, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::accounts::ApiSteward;
use crate::api::Problem;
use crate::api::schema::ProblemDoc;
use crate::decisions::{Decision, Framework, LogFilter, LogQuery, criteria_store};
use crate::projects::{ProjectAccess, ProjectId};
use crate::state::AppState;
use crate::stewardship::{NewChoice, RawChoice, store};

/// One decision in the log.
#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionOut {
    pub id: i64,
    pub project_id: i64,
    /// `transition`, `deviation` or `choice`.
    pub kind: String,
    /// `experiment`, `theme` or `project`.
    pub about: String,
    pub about_id: i64,
    pub question: String,
    pub from: String,
    pub decided: String,
    pub rationale: String,
    /// Display name of whoever recorded it; absent when their account is gone.
    pub decided_by: Option<String>,
    pub decided_at: String,
    /// Options, each criterion's assessment, who was in the room (counts), review date.
    #[schema(value_type = Object)]
    pub framework: Framework,
    /// What was seen when deciding (figures of cited themes, or an experiment's results).
    #[schema(value_type = Object)]
    pub evidence: serde_json::Value,
}

impl DecisionOut {
    fn new(d: &Decision) -> DecisionOut {
        DecisionOut {
            id: d.id,
            project_id: d.project.0,
            kind: d.kind.as_str().into(),
            about: d.subject.kind.as_str().into(),
            about_id: d.subject.id,
            question: d.question.clone(),
            from: d.from.clone(),
            decided: d.to.clone(),
            rationale: d.rationale.clone(),
            decided_by: d.by.clone(),
            decided_at: d.at.to_rfc3339(),
            framework: d.framework.clone(),
            evidence: d.evidence.clone(),
        }
    }
}

/// A project's decision log, newest first; filter with `kind`, `about`, `theme`, `experiment`
/// and `review=yes` as on the page.
#[utoipa::path(
    get,
    path = "/api/v1/projects/{id}/decisions",
    tag = "decisions",
    params(
        ("id" = i64, Path, description = "Project id"),
        ("kind" = Option<String>, Query, description = "transition, deviation or choice"),
        ("about" = Option<String>, Query, description = "experiment, theme or project"),
        ("theme" = Option<i64>, Query, description = "About or citing this theme"),
        ("experiment" = Option<i64>, Query, description = "About or citing this experiment"),
        ("review" = Option<String>, Query, description = "yes: only those due for review"),
    ),
    responses(
        (status = 200, description = "The decisions", body = Vec<DecisionOut>),
        (status = 401, description = "No valid token", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "Not found or not visible", body = ProblemDoc, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list(
    state: web::Data<AppState>,
    me: ApiSteward,
    path: web::Path<i64>,
    q: web::Query<LogQuery>,
) -> Result<HttpResponse, Problem> {
    let granted = ProjectAccess::view(&state.db, &me.0, ProjectId(path.into_inner())).await?;
    let filter = LogFilter::parse(&q, chrono::Utc::now().date_naive());
    let list = crate::decisions::store::for_project(&state.db, granted.project.id, &filter).await?;
    let out: Vec<DecisionOut> = list.iter().map(DecisionOut::new).collect();
    Ok(HttpResponse::Ok().json(out))
}

/// Records a decision with the project's framework: `about` (`project`, `theme:{id}` or
/// `experiment:{id}`), `question`, `decided`, `rationale`, evidence ids, and `framework`
/// (`options`, `assessments` by criterion id, `room` counts, `review_on`).
#[utoipa::path(
    post,
    path = "/api/v1/projects/{id}/decisions",
    tag = "decisions",
    params(("id" = i64, Path, description = "Project id")),
    request_body = RawChoice,
    responses(
        (status = 201, description = "Recorded", body = DecisionOut),
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
    body: web::Json<RawChoice>,
) -> Result<HttpResponse, Problem> {
    let project = ProjectAccess::build(&state.db, &me.0, ProjectId(path.into_inner())).await?;
    let has = store::citable(&state.db, project.id).await?;
    let criteria = criteria_store::criteria(&state.db, project.id).await?;
    let choice = NewChoice::parse(&body, project.id, &has, &criteria).map_err(Problem::invalid)?;
    let min = crate::results::min_group(&state);
    let id = store::decide(&state.db, project.id, &choice, Some(me.0.id.0), min).await?;
    let d = crate::decisions::store::find(&state.db, project.id, id)
        .await?
        .ok_or_else(Problem::not_found)?;
    Ok(HttpResponse::Created().json(DecisionOut::new(&d)))
}
