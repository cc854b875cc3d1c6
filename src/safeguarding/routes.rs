//! Handlers for the flag list (with filters), the flag log CSV, one flag's page and its review.
//! Every one goes through `leads::reviewable`: stewards who can build the project and its
//! safeguarding leads.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use anyhow::Context;
use chrono::Utc;

use crate::accounts::CurrentSteward;
use crate::error::AppError;
use crate::fields::FieldErrors;
use crate::projects::ProjectAccess;
use crate::projects::{Project, ProjectId};
use crate::results::CsvQuery;
use crate::safeguarding::model::{FlagId, flag_path};
use crate::safeguarding::review::{FilterInput, Filters, NewReview, ReviewInput};
use crate::safeguarding::{flag_views, log_csv, review_store, views};
use crate::state::AppState;
use crate::web::respond::{html, see_other};
use crate::web::{CsrfForm, CsrfToken};
use sea_orm::DatabaseConnection;

/// `GET /projects/{id}/safeguarding?status=…&age=…`
pub async fn page(
    db: web::Data<DatabaseConnection>,
    me: CurrentSteward,
    path: web::Path<i64>,
    query: web::Query<FilterInput>,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::safeguard(db.get_ref(), &me.steward, ProjectId(path.into_inner())).await?;
    let filters = Filters::parse(&query);
    let all = review_store::list(db.get_ref(), &project).await?;
    let now = Utc::now();
    let shown: Vec<_> = all
        .iter()
        .filter(|f| filters.admits(f.outcome, f.flagged_at, now))
        .collect();
    Ok(html(
        StatusCode::OK,
        views::list(&me.nav(), &project, &shown, all.len(), &filters),
    ))
}

/// `GET /projects/{id}/safeguarding.csv`: the flag log, never any answer text.
pub async fn csv(
    db: web::Data<DatabaseConnection>,
    me: CurrentSteward,
    path: web::Path<i64>,
    query: web::Query<CsvQuery>,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::safeguard(db.get_ref(), &me.steward, ProjectId(path.into_inner())).await?;
    let flags = review_store::list(db.get_ref(), &project).await?;
    let body = log_csv::flag_log(&flags, query.bom()).context("writing the flag log")?;
    Ok(crate::export::download(
        format!("project-{}-safeguarding.csv", project.id.0),
        body,
    ))
}

async fn render(
    db: &DatabaseConnection,
    me: &CurrentSteward,
    project: &Project,
    flag: FlagId,
    token: &str,
    typed: &ReviewInput,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let detail = review_store::detail(db, project, flag)
        .await?
        .ok_or(AppError::NotFound)?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(html(
        status,
        flag_views::page(&me.nav(), project, &detail, token, typed, errors),
    ))
}

/// `GET /projects/{id}/safeguarding/{flag}`
pub async fn flag(
    db: web::Data<DatabaseConnection>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let (project_id, flag_id) = path.into_inner();
    let project =
        ProjectAccess::safeguard(db.get_ref(), &me.steward, ProjectId(project_id)).await?;
    let typed = ReviewInput::default();
    render(
        db.get_ref(),
        &me,
        &project,
        FlagId(flag_id),
        &csrf.0,
        &typed,
        &FieldErrors::new(),
    )
    .await
}

/// `POST /projects/{id}/safeguarding/{flag}/review`
pub async fn review(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    form: CsrfForm<ReviewInput>,
) -> Result<HttpResponse, AppError> {
    let (project_id, flag_id) = path.into_inner();
    let project = ProjectAccess::safeguard(&state.db, &me.steward, ProjectId(project_id)).await?;
    let flag = FlagId(flag_id);
    let CsrfForm { form, token } = form;
    let review = match NewReview::parse(&form) {
        Ok(review) => review,
        Err(errors) => return render(&state.db, &me, &project, flag, &token, &form, &errors).await,
    };
    let txn = crate::db::begin_write(&state.db)
        .await
        .context("starting a review")?;
    let queued = review_store::record_review(
        &txn,
        &project,
        flag,
        me.steward.id,
        &review,
        Utc::now(),
        &state.base_url,
    )
    .await?
    .ok_or(AppError::NotFound)?;
    txn.commit().await.context("saving a review")?;
    if queued > 0 {
        state.mail.wake();
    }
    Ok(see_other(&flag_path(project.id, flag)))
}
