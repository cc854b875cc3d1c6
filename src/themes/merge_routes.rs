//! Theme handlers that change what a theme is: merge it into another, retire it, restore it.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::accounts::CurrentSteward;
use crate::error::AppError;
use crate::state::AppState;
use crate::themes::model::{ThemeId, ThemeStatus};
use crate::themes::routes::{theme_of, theme_page, typed_of};
use crate::themes::store;
use crate::web::respond::{NoFields, html, see_other};
use crate::web::{CsrfForm, FieldErrors};

/// The merge form.
#[derive(Deserialize)]
pub struct MergeForm {
    #[serde(default)]
    into: String,
}

/// POST /projects/{id}/themes/{theme}/merge
pub async fn merge(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    form: CsrfForm<MergeForm>,
) -> Result<HttpResponse, AppError> {
    let (p, t) = path.into_inner();
    let (project, theme) = theme_of(&state, &me, p, t).await?;
    let into = form.form.into.trim().parse::<i64>().ok();
    let target = match into {
        Some(i) if i != theme.id.0 => store::find(&state.db, project.id, ThemeId(i)).await?,
        _ => None,
    };
    let Some(target) = target.filter(|x| x.status == ThemeStatus::Active) else {
        let mut errors = FieldErrors::new();
        errors.add("into", "Select the theme to merge into");
        let page = theme_page(
            &state,
            &me,
            &project,
            &theme,
            &form.token,
            &typed_of(&theme),
            &errors,
        )
        .await?;
        return Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page));
    };
    if theme.status != ThemeStatus::Active {
        return Err(AppError::Unprocessable(
            "Only an active theme can be merged".into(),
        ));
    }
    let txn = crate::db::begin_write(&state.db).await?;
    store::merge(&txn, &theme, &target, me.steward.id).await?;
    txn.commit().await?;
    state.themes.request(project.id, true);
    Ok(see_other(&format!(
        "/projects/{}/themes/{}",
        p, target.id.0
    )))
}

async fn set_status(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    status: ThemeStatus,
) -> Result<HttpResponse, AppError> {
    let (p, t) = path.into_inner();
    let (project, theme) = theme_of(&state, &me, p, t).await?;
    if theme.status != status {
        if status == ThemeStatus::Active {
            let taken = store::taken_names(&state.db, project.id, Some(theme.id)).await?;
            if taken.iter().any(|n| n.eq_ignore_ascii_case(&theme.name)) {
                return Err(AppError::Unprocessable(
                    "An active theme already has this name: rename one of them first".into(),
                ));
            }
        }
        store::set_status(&state.db, &theme, status, me.steward.id).await?;
        state.themes.request(project.id, true);
    }
    Ok(see_other(&format!("/projects/{}/themes/{}", p, t)))
}

/// POST /projects/{id}/themes/{theme}/retire
pub async fn retire(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    set_status(state, me, path, ThemeStatus::Retired).await
}

/// POST /projects/{id}/themes/{theme}/restore
pub async fn restore(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    set_status(state, me, path, ThemeStatus::Active).await
}
