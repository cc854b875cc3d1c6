//! The project group's pages: any member may read them (stewards see what the group sees);
//! participant representatives say what they think of a decision. Nothing here shows a raw
//! answer.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use crate::accounts::CurrentSteward;
use crate::db::begin_write;
use crate::decisions::{NewOpinion, RawOpinion, opinion_store};
use crate::error::AppError;
use crate::projects::{Access, ProjectAccess, ProjectId};
use crate::state::AppState;
use crate::stewardship::{together_store, together_views};
use crate::web::respond::{html, see_other};
use crate::web::{CsrfForm, FieldErrors};

/// GET /projects/{id}/together
pub async fn page(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let granted =
        ProjectAccess::represent(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    let min = crate::results::min_group(&state);
    let g = together_store::page(&state.db, granted.project.id, min).await?;
    Ok(html(
        StatusCode::OK,
        together_views::page(&me.nav(), &granted.project, &g, min),
    ))
}

/// GET /projects/{id}/together/decisions/{decision}
pub async fn decision_page(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (p, d) = path.into_inner();
    let granted = ProjectAccess::represent(&state.db, &me.steward, ProjectId(p)).await?;
    let decision = crate::decisions::store::find(&state.db, granted.project.id, d)
        .await?
        .ok_or(AppError::NotFound)?;
    let saved = opinion_store::mine(&state.db, decision.id, me.steward.id.0).await?;
    let typed = saved
        .as_ref()
        .map(|s| RawOpinion {
            opinion: s.opinion.as_str().into(),
            note: s.note.clone(),
        })
        .unwrap_or_default();
    let page = together_views::decision(
        &me.nav(),
        &me.csrf,
        &granted.project,
        &decision,
        &typed,
        saved.as_ref(),
        &FieldErrors::new(),
    );
    Ok(html(StatusCode::OK, page))
}

/// POST /projects/{id}/together/decisions/{decision}: only participant representatives say
/// what they think here (403 for everyone else).
pub async fn give_opinion(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    form: CsrfForm<RawOpinion>,
) -> Result<HttpResponse, AppError> {
    let (p, d) = path.into_inner();
    let granted = ProjectAccess::represent(&state.db, &me.steward, ProjectId(p)).await?;
    let decision = crate::decisions::store::find(&state.db, granted.project.id, d)
        .await?
        .ok_or(AppError::NotFound)?;
    if granted.access != Access::Represent {
        return Err(AppError::Forbidden);
    }
    match NewOpinion::parse(&form.form) {
        Ok(new) => {
            let txn = begin_write(&state.db).await?;
            opinion_store::save(&txn, decision.id, me.steward.id.0, &new).await?;
            txn.commit().await?;
            Ok(see_other(&format!(
                "/projects/{}/together/decisions/{}",
                p, decision.id
            )))
        }
        Err(errors) => {
            let page = together_views::decision(
                &me.nav(),
                &form.token,
                &granted.project,
                &decision,
                &form.form,
                None,
                &errors,
            );
            Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
    }
}
