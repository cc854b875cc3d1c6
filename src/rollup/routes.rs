//! Roll-up handlers: those who read a project's results see what rolls up into it; those who
//! build a project choose the wider project it sits inside.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use crate::accounts::CurrentSteward;
use crate::db::begin_write;
use crate::error::AppError;
use crate::projects::{Project, ProjectAccess, ProjectId};
use crate::rollup::{model, store, views};
use crate::state::AppState;
use crate::web::respond::{html, see_other};
use crate::web::{CsrfForm, FieldErrors};

/// GET /projects/{id}/learning
pub async fn page(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let granted = ProjectAccess::read(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    let min = crate::results::min_group(&state);
    let r = store::roll_up(&state.db, &granted.project, min).await?;
    let can = granted.can_build().then_some(me.csrf.as_str());
    let page = views::page(
        &me.nav(),
        &granted.project,
        &r,
        min,
        (can, &FieldErrors::new()),
    );
    Ok(html(StatusCode::OK, page))
}

/// The wider projects this person could choose, as (value, label).
async fn choices(
    state: &AppState,
    me: &CurrentSteward,
    own: &Project,
) -> Result<(Vec<Project>, Vec<(String, String)>), AppError> {
    let visible = crate::projects::store::visible_to(&state.db, &me.steward).await?;
    let list = model::candidates(own, &visible)
        .into_iter()
        .map(|p| {
            (
                p.id.0.to_string(),
                format!("{} ({})", p.title, p.scale.label().to_lowercase()),
            )
        })
        .collect();
    Ok((visible, list))
}

/// GET /projects/{id}/parent
pub async fn parent_page(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::build(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    let (_, list) = choices(&state, &me, &project).await?;
    let chosen = store::parent_of(&state.db, project.id)
        .await?
        .map(|p| p.0.to_string())
        .unwrap_or_default();
    let page = views::parent_form(
        &me.nav(),
        &me.csrf,
        &project,
        &list,
        &chosen,
        &FieldErrors::new(),
    );
    Ok(html(StatusCode::OK, page))
}

/// The parent as sent.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct ParentForm {
    parent: String,
}

/// POST /projects/{id}/parent
pub async fn set_parent(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    form: CsrfForm<ParentForm>,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::build(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    let (visible, list) = choices(&state, &me, &project).await?;
    match model::parse_parent(&form.form.parent, &project, &visible) {
        Ok(parent) => {
            let txn = begin_write(&state.db).await?;
            store::set_parent(&txn, project.id, parent).await?;
            txn.commit().await?;
            Ok(see_other(&format!("/projects/{}", project.id.0)))
        }
        Err(errors) => {
            let page = views::parent_form(
                &me.nav(),
                &form.token,
                &project,
                &list,
                &form.form.parent,
                &errors,
            );
            Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
    }
}

/// Two themes as sent.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct Pair {
    a: String,
    b: String,
}

/// POST /projects/{id}/learning/same: count two themes of the roll-up as one.
pub async fn same(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    form: CsrfForm<Pair>,
) -> Result<HttpResponse, AppError> {
    pair(&state, &me, path.into_inner(), &form, true).await
}

/// POST /projects/{id}/learning/separate: count them separately again.
pub async fn separate(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    form: CsrfForm<Pair>,
) -> Result<HttpResponse, AppError> {
    pair(&state, &me, path.into_inner(), &form, false).await
}

async fn pair(
    state: &AppState,
    me: &CurrentSteward,
    id: i64,
    form: &CsrfForm<Pair>,
    together: bool,
) -> Result<HttpResponse, AppError> {
    let top = ProjectAccess::build(&state.db, &me.steward, ProjectId(id)).await?;
    let min = crate::results::min_group(state);
    let r = store::roll_up(&state.db, &top, min).await?;
    match model::parse_same(&form.form.a, &form.form.b, &r.rows) {
        Ok(ids) => {
            let txn = begin_write(&state.db).await?;
            if together {
                store::link_same(&txn, top.id, ids, me.steward.id.0).await?;
            } else {
                store::unlink(&txn, ids).await?;
            }
            txn.commit().await?;
            Ok(see_other(&format!(
                "/projects/{}/learning#rollup-themes",
                top.id.0
            )))
        }
        Err(errors) => {
            let page = views::page(&me.nav(), &top, &r, min, (Some(&form.token), &errors));
            Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
    }
}
