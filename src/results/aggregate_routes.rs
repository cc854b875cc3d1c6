//! Handlers for the project results page and the aggregates CSVs (Build access).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use anyhow::Context;
use chrono::Utc;

use crate::accounts::CurrentSteward;
use crate::error::AppError;
use crate::projects::ProjectAccess;
use crate::projects::{Project, ProjectId};
use crate::results::aggregate_store::{QuestionAggregate, aggregates, group_questions};
use crate::results::aggregate_views;
use crate::results::csv::aggregates_csv;
use crate::results::params::{CsvQuery, min_group};
use crate::state::AppState;
use crate::surveys::SurveyAccess;
use crate::surveys::SurveyId;
use crate::web::respond::html;
use crate::{safeguarding, surveys};

async fn project_aggregates(
    state: &AppState,
    project: &Project,
) -> Result<(usize, Vec<QuestionAggregate>), AppError> {
    let list = surveys::store::list_for_project(&state.db, project.id).await?;
    let mut all = Vec::with_capacity(list.len());
    for s in &list {
        all.push((
            s.audience,
            surveys::store::questions(&state.db, s.id, true).await?,
        ));
    }
    let groups = group_questions(all);
    let aggs = aggregates(&state.db, &groups, min_group(state), Utc::now()).await?;
    Ok((list.len(), aggs))
}

/// `GET /projects/{id}/results`
pub async fn project_page(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let granted = ProjectAccess::read(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    let project = granted.project.clone();
    let (surveys, aggs) = project_aggregates(&state, &project).await?;
    // Viewers read the figures; only those who review flags are told about them.
    let banner = if granted.can_build() {
        let flagged =
            safeguarding::store::unreviewed_responses(&state.db, project.id, None).await?;
        safeguarding::views::banner(project.id, flagged)
    } else {
        maud::html! {}
    };
    Ok(html(
        StatusCode::OK,
        aggregate_views::project_page(
            &me.nav(),
            &project,
            surveys,
            &aggs,
            min_group(&state),
            banner,
        ),
    ))
}

/// `GET /projects/{id}/aggregates.csv`
pub async fn project_csv(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    query: web::Query<CsvQuery>,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::build(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    let (_, aggs) = project_aggregates(&state, &project).await?;
    let scope = format!("project {}", project.id.0);
    let body = aggregates_csv(&scope, &aggs, min_group(&state), query.bom())
        .context("writing the aggregates CSV")?;
    Ok(crate::export::download(
        format!("project-{}-aggregates.csv", project.id.0),
        body,
    ))
}

/// The survey's breakdowns (used by the results page and its CSV).
pub async fn survey_aggregates(
    state: &AppState,
    survey: &surveys::Survey,
    questions: Vec<surveys::Question>,
) -> Result<Vec<QuestionAggregate>, AppError> {
    let groups = group_questions(vec![(survey.audience, questions)]);
    Ok(aggregates(&state.db, &groups, min_group(state), Utc::now()).await?)
}

/// `GET /surveys/{id}/aggregates.csv`
pub async fn survey_csv(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    query: web::Query<CsvQuery>,
) -> Result<HttpResponse, AppError> {
    let survey = SurveyAccess::build(&state.db, &me.steward, SurveyId(path.into_inner()))
        .await?
        .survey;
    let questions = surveys::store::questions(&state.db, survey.id, true).await?;
    let aggs = survey_aggregates(&state, &survey, questions).await?;
    let scope = format!("survey {}", survey.id.0);
    let body = aggregates_csv(&scope, &aggs, min_group(&state), query.bom())
        .context("writing the aggregates CSV")?;
    Ok(crate::export::download(
        format!("survey-{}-aggregates.csv", survey.id.0),
        body,
    ))
}
