//! Experiment handlers: the project's list, proposing (from a theme or from scratch), an
//! experiment's page and changing its details. Access goes through `ExperimentAccess` /
//! `ProjectAccess`; parsing through `NewExperiment::parse`; writes through `actions`.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use crate::accounts::CurrentSteward;
use crate::error::AppError;
use crate::experiments::access::{ExperimentAccess, ExperimentGrant};
use crate::experiments::forms::{Pairs, raw_from_pairs};
use crate::experiments::model::{ExperimentId, NewExperiment, RawExperiment};
use crate::experiments::views::form::FormTarget;
use crate::experiments::views::page::PageData;
use crate::experiments::{actions, reflection_store, store, views};
use crate::projects::{Project, ProjectAccess, ProjectId};
use crate::state::AppState;
use crate::themes::model::{Theme, ThemeStatus};
use crate::web::FieldErrors;
use crate::web::respond::{html, see_other};

async fn active_themes(state: &AppState, project: &Project) -> Result<Vec<Theme>, AppError> {
    Ok(crate::themes::store::list(&state.db, project.id)
        .await?
        .into_iter()
        .filter(|t| t.status == ThemeStatus::Active)
        .collect())
}

/// GET /projects/{id}/experiments
pub async fn list(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let granted = ProjectAccess::view(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    let all = store::list(&state.db, granted.project.id).await?;
    let page = views::list::list(&me.nav(), &granted.project, &all, granted.can_build());
    Ok(html(StatusCode::OK, page))
}

#[derive(serde::Deserialize)]
pub struct NewQuery {
    theme: Option<i64>,
}

fn new_target(pid: i64) -> (String, String) {
    (
        format!("/projects/{pid}/experiments"),
        format!("/projects/{pid}/experiments"),
    )
}

/// GET /projects/{id}/experiments/new[?theme=…]: the form, the theme ticked when it came from
/// a theme's page.
pub async fn new(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    query: web::Query<NewQuery>,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::build(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    let themes = active_themes(&state, &project).await?;
    let mut typed = RawExperiment {
        scale: project.scale.as_str().into(),
        ..RawExperiment::default()
    };
    if let Some(t) = query
        .theme
        .and_then(|t| themes.iter().find(|x| x.id.0 == t))
    {
        typed.themes.push(t.id.0);
        typed.title = t.name.clone();
        typed.problem = t.description.clone();
    }
    let (action, back) = new_target(project.id.0);
    let target = FormTarget {
        action: &action,
        title: "Propose an experiment",
        back: &back,
        submit: "Propose experiment",
    };
    let page = views::form::form(
        &me.nav(),
        &me.csrf,
        &project,
        &themes,
        &typed,
        &FieldErrors::new(),
        target,
    );
    Ok(html(StatusCode::OK, page))
}

/// POST /projects/{id}/experiments
pub async fn create(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    form: crate::web::CsrfForm<Pairs>,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::build(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    let themes = active_themes(&state, &project).await?;
    let ids: Vec<i64> = themes.iter().map(|t| t.id.0).collect();
    let raw = raw_from_pairs(&form.form);
    match NewExperiment::parse(&raw, &ids) {
        Ok(new) => {
            let min = crate::results::min_group(&state);
            let id =
                actions::propose(&state.db, project.id, &new, Some(me.steward.id.0), min).await?;
            Ok(see_other(&format!(
                "/projects/{}/experiments/{}",
                project.id.0, id.0
            )))
        }
        Err(errors) => {
            let (action, back) = new_target(project.id.0);
            let target = FormTarget {
                action: &action,
                title: "Propose an experiment",
                back: &back,
                submit: "Propose experiment",
            };
            let page = views::form::form(
                &me.nav(),
                &form.token,
                &project,
                &themes,
                &raw,
                &errors,
                target,
            );
            Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
    }
}

/// GET /projects/{id}/experiments/{experiment}
pub async fn show(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (p, x) = path.into_inner();
    let grant =
        ExperimentAccess::view(&state.db, &me.steward, ProjectId(p), ExperimentId(x)).await?;
    let ExperimentGrant {
        experiment: e,
        project,
        can_build,
    } = grant;
    let min = crate::results::min_group(&state);
    let today = actions::snapshot_now(&state.db, project.id, &e.fields.themes, min).await?;
    let results = actions::results(&state.db, &e, min).await?;
    let reflections: Vec<_> = reflection_store::list(&state.db, &[e.id])
        .await?
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    let timeline = crate::decisions::store::for_subject(&state.db, store::subject(e.id)).await?;
    let all = store::list(&state.db, project.id).await?;
    let named = |id: ExperimentId| {
        all.iter()
            .find(|x| x.id == id)
            .map(|x| (x.id.0, x.fields.title.clone()))
    };
    let next = all
        .iter()
        .find(|x| x.previous == Some(e.id))
        .map(|x| (x.id.0, x.fields.title.clone()));
    let board = match e.feedback_survey {
        Some(s) => crate::live::survey_board_markup(&state.db, s, &project).await?,
        None => None,
    };
    let forms = crate::experiments::catalogue_store::feedback_forms(&state.db, project.id).await?;
    let data = PageData {
        project: &project,
        can_build,
        today: &today,
        results: &results,
        reflections: &reflections,
        timeline: &timeline,
        previous: e.previous.and_then(named),
        next,
        board,
        feedback_forms: &forms,
        csrf: &me.csrf,
    };
    Ok(html(
        StatusCode::OK,
        views::page::page(&me.nav(), &e, &data),
    ))
}

fn edit_target(pid: i64, x: i64) -> (String, String) {
    let base = format!("/projects/{pid}/experiments/{x}");
    (format!("{base}/edit"), base)
}

/// GET /projects/{id}/experiments/{experiment}/edit
pub async fn edit(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (p, x) = path.into_inner();
    let grant =
        ExperimentAccess::build(&state.db, &me.steward, ProjectId(p), ExperimentId(x)).await?;
    let themes = active_themes(&state, &grant.project).await?;
    let (action, back) = edit_target(p, x);
    let target = FormTarget {
        action: &action,
        title: "Change the experiment",
        back: &back,
        submit: "Save changes",
    };
    let page = views::form::form(
        &me.nav(),
        &me.csrf,
        &grant.project,
        &themes,
        &grant.experiment.raw(),
        &FieldErrors::new(),
        target,
    );
    Ok(html(StatusCode::OK, page))
}

/// POST /projects/{id}/experiments/{experiment}/edit
pub async fn update(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    form: crate::web::CsrfForm<Pairs>,
) -> Result<HttpResponse, AppError> {
    let (p, x) = path.into_inner();
    let grant =
        ExperimentAccess::build(&state.db, &me.steward, ProjectId(p), ExperimentId(x)).await?;
    if grant.experiment.status.is_decided() {
        return Err(AppError::Unprocessable(
            "This experiment has ended, so its details are kept as they were.".into(),
        ));
    }
    let themes = active_themes(&state, &grant.project).await?;
    let ids: Vec<i64> = themes.iter().map(|t| t.id.0).collect();
    let raw = raw_from_pairs(&form.form);
    match NewExperiment::parse(&raw, &ids) {
        Ok(new) => {
            let txn = crate::db::begin_write(&state.db).await?;
            store::update(&txn, &grant.experiment, &new, Some(me.steward.id.0)).await?;
            txn.commit().await?;
            Ok(see_other(&format!("/projects/{p}/experiments/{x}")))
        }
        Err(errors) => {
            let (action, back) = edit_target(p, x);
            let target = FormTarget {
                action: &action,
                title: "Change the experiment",
                back: &back,
                submit: "Save changes",
            };
            let page = views::form::form(
                &me.nav(),
                &form.token,
                &grant.project,
                &themes,
                &raw,
                &errors,
                target,
            );
            Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
    }
}
