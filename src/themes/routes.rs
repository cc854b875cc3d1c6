//! Theme handlers: the list and create form, a theme's page (edit, merge, retire, restore,
//! history) and suggestions for new themes. Every route needs Build access; another
//! project's theme is "not found".

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use crate::accounts::CurrentSteward;
use crate::error::AppError;
use crate::projects::ProjectAccess;
use crate::projects::{Project, ProjectId};
use crate::results::min_group;
use crate::state::AppState;
use crate::themes::coding::store as cs;
use crate::themes::engine::{SuggestConfig, suggest_themes};
use crate::themes::model::{
    CodingFact, NewTheme, Theme, ThemeId, ThemeInput, ThemeStatus, applied_themes,
};
use crate::themes::stats::{store as export_store, views as stats_views};
use crate::themes::{read_views, store, views};
use crate::web::respond::{html, see_other};
use crate::web::{CsrfForm, CsrfToken, FieldErrors};

pub(super) async fn theme_of(
    state: &AppState,
    me: &CurrentSteward,
    project: i64,
    theme: i64,
) -> Result<(Project, Theme), AppError> {
    let project = ProjectAccess::build(&state.db, &me.steward, ProjectId(project)).await?;
    let theme = store::find(&state.db, project.id, ThemeId(theme))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((project, theme))
}

async fn list_page(
    state: &AppState,
    me: &CurrentSteward,
    project: &Project,
    csrf: &str,
    typed: &ThemeInput,
    errors: &FieldErrors,
) -> Result<maud::Markup, AppError> {
    let themes = store::list(&state.db, project.id).await?;
    let counts = export_store::theme_counts(&state.db, project.id).await?;
    let total = export_store::text_answer_count(&state.db, project.id).await?;
    Ok(views::list(
        &me.nav(),
        csrf,
        project,
        &themes,
        &counts,
        total,
        typed,
        errors,
    ))
}

/// GET /projects/{id}/themes
pub async fn list(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let granted = ProjectAccess::read(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    let project = granted.project.clone();
    if !granted.can_build() {
        let themes = store::list(&state.db, project.id).await?;
        let counts = export_store::theme_counts(&state.db, project.id).await?;
        let total = export_store::text_answer_count(&state.db, project.id).await?;
        let page = read_views::list(&me.nav(), &project, &themes, &counts, total);
        return Ok(html(StatusCode::OK, page));
    }
    let page = list_page(
        &state,
        &me,
        &project,
        &csrf.0,
        &ThemeInput::default(),
        &FieldErrors::new(),
    )
    .await?;
    Ok(html(StatusCode::OK, page))
}

/// POST /projects/{id}/themes: create a theme.
pub async fn create(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    form: CsrfForm<ThemeInput>,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::build(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    let CsrfForm { form, token } = form;
    let taken = store::taken_names(&state.db, project.id, None).await?;
    match NewTheme::parse(&form, &taken) {
        Ok(new) => {
            let id = store::create(&state.db, project.id, &new, me.steward.id).await?;
            state.themes.request(project.id, true);
            Ok(see_other(&format!(
                "/projects/{}/themes/{}",
                project.id.0, id.0
            )))
        }
        Err(errors) => {
            let page = list_page(&state, &me, &project, &token, &form, &errors).await?;
            Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
    }
}

pub(super) async fn theme_page(
    state: &AppState,
    me: &CurrentSteward,
    project: &Project,
    theme: &Theme,
    csrf: &str,
    typed: &ThemeInput,
    errors: &FieldErrors,
) -> Result<maud::Markup, AppError> {
    let history = store::history(&state.db, theme.id).await?;
    let others: Vec<Theme> = store::list(&state.db, project.id)
        .await?
        .into_iter()
        .filter(|t| t.id != theme.id && t.status == ThemeStatus::Active)
        .collect();
    let figures = figures_of(state, project, theme).await?;
    Ok(views::theme(
        &me.nav(),
        csrf,
        project,
        theme,
        &others,
        &history,
        figures,
        typed,
        errors,
    ))
}

/// A theme's figures, small groups hidden and quotes redacted.
async fn figures_of(
    state: &AppState,
    project: &Project,
    theme: &Theme,
) -> Result<maud::Markup, AppError> {
    let cat = export_store::catalogue(&state.db, project.id).await?;
    let tally = export_store::tally(&state.db, &cat, Some(theme.id)).await?;
    let stats = tally.themes.get(&theme.id).cloned().unwrap_or_default();
    Ok(stats_views::figures(&stats, &cat, min_group(state)))
}

pub(super) fn typed_of(theme: &Theme) -> ThemeInput {
    ThemeInput {
        name: theme.name.clone(),
        description: theme.description.clone(),
        codebook: theme.codebook.join("\n"),
    }
}

/// GET /projects/{id}/themes/{theme}
pub async fn show(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let (p, t) = path.into_inner();
    let granted = ProjectAccess::read(&state.db, &me.steward, ProjectId(p)).await?;
    if !granted.can_build() {
        let project = granted.project;
        let theme = store::find(&state.db, project.id, ThemeId(t))
            .await?
            .ok_or(AppError::NotFound)?;
        let figures = figures_of(&state, &project, &theme).await?;
        let page = read_views::theme(&me.nav(), &project, &theme, figures);
        return Ok(html(StatusCode::OK, page));
    }
    let (project, theme) = theme_of(&state, &me, p, t).await?;
    let page = theme_page(
        &state,
        &me,
        &project,
        &theme,
        &csrf.0,
        &typed_of(&theme),
        &FieldErrors::new(),
    )
    .await?;
    Ok(html(StatusCode::OK, page))
}

/// POST /projects/{id}/themes/{theme}: rename or edit.
pub async fn edit(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    form: CsrfForm<ThemeInput>,
) -> Result<HttpResponse, AppError> {
    let (p, t) = path.into_inner();
    let (project, theme) = theme_of(&state, &me, p, t).await?;
    let CsrfForm { form, token } = form;
    let taken = store::taken_names(&state.db, project.id, Some(theme.id)).await?;
    match NewTheme::parse(&form, &taken) {
        Ok(new) => {
            store::edit(&state.db, &theme, &new, me.steward.id).await?;
            state.themes.request(project.id, true);
            Ok(see_other(&format!("/projects/{}/themes/{}", p, t)))
        }
        Err(errors) => {
            let page = theme_page(&state, &me, &project, &theme, &token, &form, &errors).await?;
            Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
    }
}

/// GET /projects/{id}/themes/suggestions: candidate themes from answers no theme covers.
pub async fn suggestions(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::build(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    let questions = cs::text_questions(&state.db, project.id).await?;
    let answers = cs::text_answers(&state.db, &questions, None).await?;
    let by_answer = cs::by_answer(cs::codings(&state.db, project.id, None).await?);
    let found = tokio::task::spawn_blocking(move || {
        let uncovered: Vec<&str> = answers
            .iter()
            .filter(|a| {
                by_answer.get(&a.id).is_none_or(|cs| {
                    let f: Vec<CodingFact> = cs.iter().map(cs::Coding::fact).collect();
                    applied_themes(&f).is_empty()
                })
            })
            .map(|a| a.text.as_str())
            .collect();
        let all: Vec<&str> = answers.iter().map(|a| a.text.as_str()).collect();
        suggest_themes(&uncovered, &all, &SuggestConfig::default())
    })
    .await
    .map_err(|e| AppError::Unexpected(anyhow::anyhow!("suggesting themes: {e}")))?;
    let taken = store::taken_names(&state.db, project.id, None).await?;
    Ok(html(
        StatusCode::OK,
        views::suggestions(&me.nav(), &csrf.0, &project, &found, &taken),
    ))
}
