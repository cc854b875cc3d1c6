//! Handlers for the review page and "Mark as reviewed" (Build access to the project).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use anyhow::Context;
use chrono::Utc;
use sea_orm::TransactionTrait;
use serde::Deserialize;

use crate::accounts::CurrentSteward;
use crate::accounts::routes::{html, see_other};
use crate::error::AppError;
use crate::projects::{Project, ProjectId};
use crate::safeguarding::model::{FlagId, parse_note, review_path};
use crate::safeguarding::store;
use crate::safeguarding::views::{self, NoteError};
use crate::state::AppState;
use crate::web::{CsrfForm, CsrfToken};

/// The "Mark as reviewed" form.
#[derive(Deserialize)]
pub struct ReviewForm {
    #[serde(default)]
    note: String,
}

async fn render(
    state: &AppState,
    me: &CurrentSteward,
    project: &Project,
    token: &str,
    status: StatusCode,
    error: Option<&NoteError<'_>>,
) -> Result<HttpResponse, AppError> {
    let flags = store::list_for_project(&state.db, project.id).await?;
    let audit = store::audit_log(&state.db, project.id).await?;
    Ok(html(
        status,
        views::page(&me.nav(), project, &flags, &audit, token, error),
    ))
}

/// `GET /projects/{id}/safeguarding`
pub async fn page(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let project =
        crate::projects::routes::buildable(&state, &me, ProjectId(path.into_inner())).await?;
    render(&state, &me, &project, &csrf.0, StatusCode::OK, None).await
}

/// `POST /projects/{id}/safeguarding/{flag}/review`
pub async fn review(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    form: CsrfForm<ReviewForm>,
) -> Result<HttpResponse, AppError> {
    let (project_id, flag_id) = path.into_inner();
    let project = crate::projects::routes::buildable(&state, &me, ProjectId(project_id)).await?;
    let CsrfForm { form, token } = form;
    let note = match parse_note(&form.note) {
        Ok(note) => note,
        Err(message) => {
            let error = NoteError {
                flag: FlagId(flag_id),
                typed: &form.note,
                message,
            };
            return render(
                &state,
                &me,
                &project,
                &token,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(&error),
            )
            .await;
        }
    };
    let txn = state.db.begin().await.context("starting a review")?;
    let found = store::mark_reviewed(
        &txn,
        project.id,
        FlagId(flag_id),
        me.steward.id,
        note,
        Utc::now(),
    )
    .await?;
    if !found {
        return Err(AppError::NotFound);
    }
    txn.commit().await.context("saving a review")?;
    Ok(see_other(&review_path(project.id)))
}
