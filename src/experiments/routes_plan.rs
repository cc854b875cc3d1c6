//! Plan handlers: the design and periods, adding and removing measures. Once testing has
//! started each change needs a reason and is recorded as a deviation (`actions::change_plan`).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use crate::accounts::CurrentSteward;
use crate::error::AppError;
use crate::experiments::access::{ExperimentAccess, ExperimentGrant};
use crate::experiments::forms::{DesignForm, MeasureForm, RemoveForm, raw_design};
use crate::experiments::model::ExperimentId;
use crate::experiments::plan_parse::RawDesign;
use crate::experiments::views::plan::PlanPage;
use crate::experiments::{actions, catalogue_store, views};
use crate::projects::ProjectId;
use crate::state::AppState;
use crate::web::respond::{html, see_other};
use crate::web::{CsrfForm, FieldErrors};

/// What was typed on the plan page, and what is wrong with it.
struct Typed<'a> {
    design: &'a RawDesign,
    measure: (&'a str, &'a str),
    why: &'a str,
    errors: &'a FieldErrors,
}

/// Renders the plan page with what was typed and what is wrong.
async fn page(
    state: &AppState,
    me: &CurrentSteward,
    csrf: &str,
    g: &ExperimentGrant,
    t: Typed<'_>,
) -> Result<maud::Markup, AppError> {
    let eligible = catalogue_store::eligible(&state.db, g.project.id).await?;
    let surveys = catalogue_store::surveys(&state.db, g.project.id).await?;
    let p = PlanPage {
        project: &g.project,
        eligible: &eligible,
        surveys: &surveys,
        design: t.design,
        measure: t.measure,
        why: t.why,
        errors: t.errors,
    };
    Ok(views::plan::plan(&me.nav(), csrf, &g.experiment, &p))
}

async fn grant(
    state: &AppState,
    me: &CurrentSteward,
    path: (i64, i64),
) -> Result<ExperimentGrant, AppError> {
    let g = ExperimentAccess::build(
        &state.db,
        &me.steward,
        ProjectId(path.0),
        ExperimentId(path.1),
    )
    .await?;
    if g.experiment.status.is_decided() {
        return Err(AppError::Unprocessable(
            "This experiment has ended, so its plan is kept as it was.".into(),
        ));
    }
    Ok(g)
}

fn back(g: &ExperimentGrant) -> HttpResponse {
    see_other(&format!(
        "/projects/{}/experiments/{}#plan",
        g.project.id.0, g.experiment.id.0
    ))
}

/// The reason a locked plan's change needs, or the error saying so.
fn reason(g: &ExperimentGrant, field: &str, why: &str) -> Result<String, FieldErrors> {
    let mut e = FieldErrors::new();
    let why = e.text(
        field,
        "The reason",
        why,
        crate::experiments::model::TEXT_MAX,
    );
    if !e.is_empty() {
        return Err(e);
    }
    if g.experiment.status.plan_locked() && why.is_empty() {
        e.add(
            field,
            "Say why you are changing the plan after testing started",
        );
        return Err(e);
    }
    Ok(why)
}

/// GET /projects/{id}/experiments/{experiment}/plan
pub async fn show(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let g = grant(&state, &me, path.into_inner()).await?;
    let design = raw_design(&g.experiment.plan);
    let markup = page(
        &state,
        &me,
        &me.csrf,
        &g,
        Typed {
            design: &design,
            measure: ("", ""),
            why: "",
            errors: &FieldErrors::new(),
        },
    )
    .await?;
    Ok(html(StatusCode::OK, markup))
}

/// POST /projects/{id}/experiments/{experiment}/plan: the design and periods.
pub async fn design(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    form: CsrfForm<DesignForm>,
) -> Result<HttpResponse, AppError> {
    let g = grant(&state, &me, path.into_inner()).await?;
    let raw = form.form.raw();
    let surveys: Vec<i64> = catalogue_store::surveys(&state.db, g.project.id)
        .await?
        .iter()
        .map(|s| s.0)
        .collect();
    let parsed = g.experiment.plan.with_design(&raw, &surveys);
    let why = reason(&g, "why", &form.form.why);
    match (parsed, why) {
        (Ok(plan), Ok(why)) => {
            actions::change_plan(&state.db, &g.experiment, &plan, &why, Some(me.steward.id.0))
                .await?;
            Ok(back(&g))
        }
        (parsed, why) => {
            let mut errors = parsed.err().unwrap_or_default();
            if let Err(w) = why {
                for (f, m) in w.iter() {
                    errors.add(f, m);
                }
            }
            let markup = page(
                &state,
                &me,
                &form.token,
                &g,
                Typed {
                    design: &raw,
                    measure: ("", ""),
                    why: &form.form.why,
                    errors: &errors,
                },
            )
            .await?;
            Ok(html(StatusCode::UNPROCESSABLE_ENTITY, markup))
        }
    }
}

/// POST /projects/{id}/experiments/{experiment}/plan/measures
pub async fn add_measure(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    form: CsrfForm<MeasureForm>,
) -> Result<HttpResponse, AppError> {
    let g = grant(&state, &me, path.into_inner()).await?;
    let eligible = catalogue_store::eligible(&state.db, g.project.id).await?;
    let f = &form.form;
    let parsed = g
        .experiment
        .plan
        .with_measure(&f.measure, &f.better, &eligible);
    match (parsed, reason(&g, "measure_why", &f.measure_why)) {
        (Ok(plan), Ok(why)) => {
            actions::change_plan(&state.db, &g.experiment, &plan, &why, Some(me.steward.id.0))
                .await?;
            Ok(back(&g))
        }
        (parsed, why) => {
            let mut errors = parsed.err().unwrap_or_default();
            if let Err(w) = why {
                for (k, m) in w.iter() {
                    errors.add(k, m);
                }
            }
            let design = raw_design(&g.experiment.plan);
            let markup = page(
                &state,
                &me,
                &form.token,
                &g,
                Typed {
                    design: &design,
                    measure: (&f.measure, &f.better),
                    why: &f.measure_why,
                    errors: &errors,
                },
            )
            .await?;
            Ok(html(StatusCode::UNPROCESSABLE_ENTITY, markup))
        }
    }
}

/// POST /projects/{id}/experiments/{experiment}/plan/measures/{index}/remove. On a locked plan
/// the first press asks why; the second, with a reason, removes it.
pub async fn remove_measure(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64, usize)>,
    form: CsrfForm<RemoveForm>,
) -> Result<HttpResponse, AppError> {
    let (p, x, index) = path.into_inner();
    let g = grant(&state, &me, (p, x)).await?;
    if index >= g.experiment.plan.measures.len() {
        return Err(AppError::NotFound);
    }
    match (
        &form.form.why,
        reason(&g, "why", form.form.why.as_deref().unwrap_or("")),
    ) {
        (_, Ok(why)) => {
            let plan = g.experiment.plan.without_measure(index);
            actions::change_plan(&state.db, &g.experiment, &plan, &why, Some(me.steward.id.0))
                .await?;
            Ok(back(&g))
        }
        (sent, Err(errors)) => {
            let errors = if sent.is_some() {
                errors
            } else {
                FieldErrors::new()
            };
            let status = if sent.is_some() {
                StatusCode::UNPROCESSABLE_ENTITY
            } else {
                StatusCode::OK
            };
            let markup = views::plan::confirm_remove(
                &me.nav(),
                &form.token,
                &g.experiment,
                &g.project,
                index,
                &errors,
            );
            Ok(html(status, markup))
        }
    }
}
