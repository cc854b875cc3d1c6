//! Decision, feedback-form and reflection handlers. Only those who build the project decide or
//! attach a form; every member of the project may reflect while the change is tried.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use crate::accounts::CurrentSteward;
use crate::decisions::criteria_store;
use crate::error::AppError;
use crate::experiments::access::ExperimentAccess;
use crate::experiments::model::{ExperimentId, Move};
use crate::experiments::reflection::{NewReflection, RawReflection, Role};
use crate::experiments::views::decide::{DecisionForm, DecisionInput};
use crate::experiments::{actions, catalogue_store, reflection_store, store, views};
use crate::projects::ProjectId;
use crate::state::AppState;
use crate::web::respond::{html, see_other};
use crate::web::{CsrfForm, FieldErrors};

fn ids(path: (i64, i64)) -> (ProjectId, ExperimentId) {
    (ProjectId(path.0), ExperimentId(path.1))
}

/// GET /projects/{id}/experiments/{experiment}/decide
pub async fn decide_page(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (p, x) = ids(path.into_inner());
    let g = ExperimentAccess::build(&state.db, &me.steward, p, x).await?;
    if g.experiment.status.next().is_empty() {
        return Err(AppError::Unprocessable(
            "This experiment has ended; it cannot move on.".into(),
        ));
    }
    let r = actions::results(&state.db, &g.experiment, crate::results::min_group(&state)).await?;
    let criteria = criteria_store::criteria(&state.db, p).await?;
    let page = views::decide::decide(
        &me.nav(),
        &me.csrf,
        &g.project,
        &g.experiment,
        &r,
        DecisionForm {
            criteria: &criteria,
            typed: &DecisionInput::default(),
            errors: &FieldErrors::new(),
        },
    );
    Ok(html(StatusCode::OK, page))
}

/// POST /projects/{id}/experiments/{experiment}/decide
pub async fn decide(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    form: CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let (p, x) = ids(path.into_inner());
    let g = ExperimentAccess::build(&state.db, &me.steward, p, x).await?;
    let e = &g.experiment;
    let min = crate::results::min_group(&state);
    let typed = DecisionInput::from_pairs(&form.form);
    let criteria = criteria_store::criteria(&state.db, p).await?;
    match Move::judged(
        e.status,
        &e.plan.missing(),
        &typed.to,
        &typed.rationale,
        &typed.framework,
        &criteria,
    ) {
        Ok(m) => {
            let next = actions::decide(&state.db, e, &m, Some(me.steward.id.0), min).await?;
            let to = next.unwrap_or(e.id);
            Ok(see_other(&format!(
                "/projects/{}/experiments/{}",
                p.0, to.0
            )))
        }
        Err(errors) => {
            let r = actions::results(&state.db, e, min).await?;
            let page = views::decide::decide(
                &me.nav(),
                &form.token,
                &g.project,
                e,
                &r,
                DecisionForm {
                    criteria: &criteria,
                    typed: &typed,
                    errors: &errors,
                },
            );
            Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
    }
}

/// The feedback form choice as sent.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct FeedbackChoice {
    survey: String,
}

/// POST /projects/{id}/experiments/{experiment}/feedback: attach (or detach) a practitioner
/// feedback form of this project.
pub async fn feedback(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    form: CsrfForm<FeedbackChoice>,
) -> Result<HttpResponse, AppError> {
    let (p, x) = ids(path.into_inner());
    let g = ExperimentAccess::build(&state.db, &me.steward, p, x).await?;
    let forms = catalogue_store::feedback_forms(&state.db, p).await?;
    let chosen = form.form.survey.trim();
    let survey = if chosen.is_empty() {
        None
    } else {
        let id = chosen
            .parse::<i64>()
            .ok()
            .filter(|id| forms.iter().any(|f| f.0 == *id));
        Some(id.ok_or_else(|| {
            AppError::Unprocessable("Choose one of this project\u{2019}s feedback forms.".into())
        })?)
    };
    store::set_feedback(&state.db, g.experiment.id, survey).await?;
    Ok(see_other(&format!(
        "/projects/{}/experiments/{}#feedback",
        p.0, x.0
    )))
}

/// GET /projects/{id}/experiments/{experiment}/reflections/new
pub async fn reflect_page(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (p, x) = ids(path.into_inner());
    let g = ExperimentAccess::reflect(&state.db, &me.steward, p, x).await?;
    let role = if g.can_build {
        Role::Steward
    } else {
        Role::Practitioner
    };
    let typed = RawReflection {
        role: role.as_str().into(),
        ..RawReflection::default()
    };
    let page = views::reflect::form(
        &me.nav(),
        &me.csrf,
        &g.project,
        &g.experiment,
        &typed,
        &FieldErrors::new(),
    );
    Ok(html(StatusCode::OK, page))
}

/// POST /projects/{id}/experiments/{experiment}/reflections
pub async fn reflect(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    form: CsrfForm<RawReflection>,
) -> Result<HttpResponse, AppError> {
    let (p, x) = ids(path.into_inner());
    let g = ExperimentAccess::reflect(&state.db, &me.steward, p, x).await?;
    if !g.experiment.status.takes_reflections() {
        return Err(AppError::Unprocessable(
            "Reflections are added while an experiment is being tested or reviewed.".into(),
        ));
    }
    match NewReflection::parse(&form.form) {
        Ok(r) => {
            reflection_store::add(&state.db, g.experiment.id, &r, Some(me.steward.id.0)).await?;
            Ok(see_other(&format!(
                "/projects/{}/experiments/{}#reflections",
                p.0, x.0
            )))
        }
        Err(errors) => {
            let page = views::reflect::form(
                &me.nav(),
                &form.token,
                &g.project,
                &g.experiment,
                &form.form,
                &errors,
            );
            Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
    }
}
