//! Theme handlers that change what a theme is: merge it into another and retire it (each asks
//! first, on a page with the counts involved; the action needs `confirm=yes`), restore it.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::accounts::CurrentSteward;
use crate::error::AppError;
use crate::projects::Project;
use crate::state::AppState;
use crate::themes::confirm_views::{self, MergeCounts};
use crate::themes::model::{Theme, ThemeId, ThemeStatus};
use crate::themes::routes::{theme_of, theme_page, typed_of};
use crate::themes::stats::store as stats_store;
use crate::themes::{merge_store, store};
use crate::web::respond::{html, see_other};
use crate::web::{CsrfForm, CsrfToken, FieldErrors};

/// The merge form and its confirmation.
#[derive(Deserialize)]
pub struct MergeForm {
    #[serde(default)]
    into: String,
    #[serde(default)]
    confirm: String,
}

/// The retire confirmation.
#[derive(Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    confirm: String,
}

/// The theme to merge into, or the theme's page with the error.
async fn target_of(
    state: &AppState,
    me: &CurrentSteward,
    project: &Project,
    theme: &Theme,
    csrf: &str,
    into: &str,
) -> Result<Result<Theme, HttpResponse>, AppError> {
    let target = match into.trim().parse::<i64>().ok() {
        Some(i) if i != theme.id.0 => store::find(&state.db, project.id, ThemeId(i)).await?,
        _ => None,
    };
    if let Some(target) = target.filter(|x| x.status == ThemeStatus::Active) {
        return Ok(Ok(target));
    }
    let mut errors = FieldErrors::new();
    errors.add("into", "Select the theme to merge into");
    let page = theme_page(state, me, project, theme, csrf, &typed_of(theme), &errors).await?;
    Ok(Err(html(StatusCode::UNPROCESSABLE_ENTITY, page)))
}

/// The theme when it is active; otherwise the way back to its page.
async fn active_theme(
    state: &AppState,
    me: &CurrentSteward,
    (p, t): (i64, i64),
) -> Result<Result<(Project, Theme), HttpResponse>, AppError> {
    let (project, theme) = theme_of(state, me, p, t).await?;
    if theme.status != ThemeStatus::Active {
        return Ok(Err(see_other(&format!("/projects/{p}/themes/{t}"))));
    }
    Ok(Ok((project, theme)))
}

async fn count_of(state: &AppState, project: &Project, theme: ThemeId) -> Result<u64, AppError> {
    let counts = stats_store::theme_counts(&state.db, project.id).await?;
    Ok(counts.get(&theme).copied().unwrap_or(0) as u64)
}

async fn merge_confirm(
    state: &AppState,
    me: &CurrentSteward,
    project: &Project,
    from: &Theme,
    into: &Theme,
    csrf: &str,
) -> Result<HttpResponse, AppError> {
    let counts = MergeCounts {
        from: count_of(state, project, from.id).await?,
        into: count_of(state, project, into.id).await?,
        either: stats_store::answers_of_either(&state.db, from.id, into.id).await?,
    };
    let page = confirm_views::merge_confirm(&me.nav(), csrf, project, from, into, &counts);
    Ok(html(StatusCode::OK, page))
}

/// GET /projects/{id}/themes/{theme}/merge?into=…: asks before merging.
pub async fn merge_page(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    query: web::Query<MergeForm>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let (project, theme) = match active_theme(&state, &me, path.into_inner()).await? {
        Ok(found) => found,
        Err(back) => return Ok(back),
    };
    match target_of(&state, &me, &project, &theme, &csrf.0, &query.into).await? {
        Ok(into) => merge_confirm(&state, &me, &project, &theme, &into, &csrf.0).await,
        Err(page) => Ok(page),
    }
}

/// POST /projects/{id}/themes/{theme}/merge: merges when confirmed, otherwise asks.
pub async fn merge(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    form: CsrfForm<MergeForm>,
) -> Result<HttpResponse, AppError> {
    let (p, t) = path.into_inner();
    let (project, theme) = theme_of(&state, &me, p, t).await?;
    let target =
        match target_of(&state, &me, &project, &theme, &form.token, &form.form.into).await? {
            Ok(target) => target,
            Err(page) => return Ok(page),
        };
    if theme.status != ThemeStatus::Active {
        return Err(AppError::Unprocessable(
            "Only an active theme can be merged".into(),
        ));
    }
    if form.form.confirm != "yes" {
        return merge_confirm(&state, &me, &project, &theme, &target, &form.token).await;
    }
    let txn = crate::db::begin_write(&state.db).await?;
    merge_store::merge(&txn, &theme, &target, me.steward.id).await?;
    txn.commit().await?;
    state.themes.request(project.id, true);
    Ok(see_other(&format!("/projects/{p}/themes/{}", target.id.0)))
}

async fn retire_confirm(
    state: &AppState,
    me: &CurrentSteward,
    project: &Project,
    theme: &Theme,
    csrf: &str,
) -> Result<HttpResponse, AppError> {
    let n = count_of(state, project, theme.id).await?;
    let page = confirm_views::retire_confirm(&me.nav(), csrf, project, theme, n);
    Ok(html(StatusCode::OK, page))
}

/// GET /projects/{id}/themes/{theme}/retire: asks before retiring.
pub async fn retire_page(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let (project, theme) = match active_theme(&state, &me, path.into_inner()).await? {
        Ok(found) => found,
        Err(back) => return Ok(back),
    };
    retire_confirm(&state, &me, &project, &theme, &csrf.0).await
}

/// POST /projects/{id}/themes/{theme}/retire: retires when confirmed, otherwise asks.
pub async fn retire(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    form: CsrfForm<ConfirmForm>,
) -> Result<HttpResponse, AppError> {
    let (p, t) = path.into_inner();
    let (project, theme) = theme_of(&state, &me, p, t).await?;
    if theme.status == ThemeStatus::Active {
        if form.form.confirm != "yes" {
            return retire_confirm(&state, &me, &project, &theme, &form.token).await;
        }
        store::set_status(&state.db, &theme, ThemeStatus::Retired, me.steward.id).await?;
        state.themes.request(project.id, true);
    }
    Ok(see_other(&format!("/projects/{p}/themes/{t}")))
}

/// POST /projects/{id}/themes/{theme}/restore: a merged theme's answers and phrases go back.
pub async fn restore(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    _form: CsrfForm<crate::web::respond::NoFields>,
) -> Result<HttpResponse, AppError> {
    let (p, t) = path.into_inner();
    let (project, theme) = theme_of(&state, &me, p, t).await?;
    if theme.status != ThemeStatus::Active {
        let taken = store::taken_names(&state.db, project.id, Some(theme.id)).await?;
        if taken.iter().any(|n| n.eq_ignore_ascii_case(&theme.name)) {
            return Err(AppError::Unprocessable(
                "An active theme already has this name: rename one of them first".into(),
            ));
        }
        let txn = crate::db::begin_write(&state.db).await?;
        merge_store::restore(&txn, &theme, me.steward.id).await?;
        txn.commit().await?;
        state.themes.request(project.id, true);
    }
    Ok(see_other(&format!("/projects/{p}/themes/{t}")))
}
