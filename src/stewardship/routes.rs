//! Decision log and framework handlers: members read the log; those who build the project
//! record decisions and change the criteria (`projects::ProjectAccess`).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use crate::accounts::CurrentSteward;
use crate::db::begin_write;
use crate::decisions::{LogFilter, LogQuery, criteria_store, framework};
use crate::error::AppError;
use crate::projects::{ProjectAccess, ProjectId};
use crate::state::AppState;
use crate::stewardship::model::{NewChoice, RawChoice};
use crate::stewardship::{csv, form_views, store, views};
use crate::web::respond::{html, see_other};
use crate::web::{CsrfForm, FieldErrors};

type Pairs = CsrfForm<Vec<(String, String)>>;

/// GET /projects/{id}/decisions
pub async fn log(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    q: web::Query<LogQuery>,
) -> Result<HttpResponse, AppError> {
    let granted = ProjectAccess::view(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    let project = &granted.project;
    let filter = LogFilter::parse(&q, chrono::Utc::now().date_naive());
    let list = crate::decisions::store::for_project(&state.db, project.id, &filter).await?;
    let has = store::citable(&state.db, project.id).await?;
    let page = views::log(&me.nav(), project, &list, &has, &q, granted.can_build());
    Ok(html(StatusCode::OK, page))
}

/// GET /projects/{id}/decisions.csv
pub async fn log_csv(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    q: web::Query<LogQuery>,
) -> Result<HttpResponse, AppError> {
    let granted = ProjectAccess::view(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    let filter = LogFilter::parse(&q, chrono::Utc::now().date_naive());
    let list = crate::decisions::store::for_project(&state.db, granted.project.id, &filter).await?;
    let has = store::citable(&state.db, granted.project.id).await?;
    let body = csv::log(&list, &has)
        .map_err(|e| AppError::Unexpected(anyhow::anyhow!("writing CSV: {e}")))?;
    Ok(crate::export::download("decisions.csv".into(), body))
}

/// GET /projects/{id}/decisions/{decision}
pub async fn show(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (p, d) = path.into_inner();
    let granted = ProjectAccess::view(&state.db, &me.steward, ProjectId(p)).await?;
    let decision = crate::decisions::store::find(&state.db, granted.project.id, d)
        .await?
        .ok_or(AppError::NotFound)?;
    let has = store::citable(&state.db, granted.project.id).await?;
    let cited = store::cited(&state.db, decision.id).await?;
    let opinions = crate::decisions::opinion_store::of(&state.db, decision.id).await?;
    let page = views::show(
        &me.nav(),
        &granted.project,
        &decision,
        &has,
        &cited,
        &opinions,
    );
    Ok(html(StatusCode::OK, page))
}

/// GET /projects/{id}/decisions/new
pub async fn new_page(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::build(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    let has = store::citable(&state.db, project.id).await?;
    let criteria = criteria_store::criteria(&state.db, project.id).await?;
    let raw = RawChoice::default();
    let page = form_views::new_decision(
        &me.nav(),
        &me.csrf,
        &project,
        &has,
        &criteria,
        &raw,
        &FieldErrors::new(),
    );
    Ok(html(StatusCode::OK, page))
}

/// POST /projects/{id}/decisions
pub async fn create(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    form: Pairs,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::build(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    let has = store::citable(&state.db, project.id).await?;
    let criteria = criteria_store::criteria(&state.db, project.id).await?;
    let raw = RawChoice::from_pairs(&form.form);
    match NewChoice::parse(&raw, project.id, &has, &criteria) {
        Ok(choice) => {
            let min = crate::results::min_group(&state);
            let id =
                store::decide(&state.db, project.id, &choice, Some(me.steward.id.0), min).await?;
            Ok(see_other(&format!(
                "/projects/{}/decisions/{id}",
                project.id.0
            )))
        }
        Err(errors) => {
            let page = form_views::new_decision(
                &me.nav(),
                &form.token,
                &project,
                &has,
                &criteria,
                &raw,
                &errors,
            );
            Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
    }
}

/// GET /projects/{id}/decisions/criteria
pub async fn criteria_page(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::build(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    let rows: Vec<(String, String)> = criteria_store::criteria(&state.db, project.id)
        .await?
        .into_iter()
        .map(|c| (c.name, c.question))
        .collect();
    let page = form_views::criteria_form(&me.nav(), &me.csrf, &project, &rows, &FieldErrors::new());
    Ok(html(StatusCode::OK, page))
}

/// POST /projects/{id}/decisions/criteria
pub async fn save_criteria(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    form: Pairs,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::build(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    let rows = criteria_rows(&form.form);
    let mut errors = FieldErrors::new();
    let list = framework::parse_criteria(&rows, &mut errors);
    if !errors.is_empty() {
        let page = form_views::criteria_form(&me.nav(), &form.token, &project, &rows, &errors);
        return Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page));
    }
    let txn = begin_write(&state.db).await?;
    criteria_store::replace(&txn, project.id, &list).await?;
    txn.commit().await?;
    Ok(see_other(&format!("/projects/{}/decisions", project.id.0)))
}

/// The criteria rows as sent (`name_1`, `question_1` …), in order.
fn criteria_rows(pairs: &[(String, String)]) -> Vec<(String, String)> {
    let mut rows = vec![(String::new(), String::new()); framework::MAX_CRITERIA];
    for (k, v) in pairs {
        let (field, n) = match k.split_once('_') {
            Some((f, n)) => (f, n.parse::<usize>().ok()),
            None => continue,
        };
        let Some(slot) = n
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| rows.get_mut(i))
        else {
            continue;
        };
        match field {
            "name" => slot.0 = v.clone(),
            "question" => slot.1 = v.clone(),
            _ => {}
        }
    }
    rows
}
