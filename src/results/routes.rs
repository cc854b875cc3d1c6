//! Handlers for the results page and the signed-in CSV download.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use crate::accounts::CurrentSteward;
use crate::error::AppError;
use crate::paging::{PageQuery, PageSize, Paging};
use crate::results::aggregate_routes::survey_aggregates;
use crate::results::params::CsvQuery;
use crate::results::params::min_group;
use crate::results::responses_csv::csv_response;
use crate::results::{aggregate_views, store, views};
use crate::safeguarding;
use crate::state::AppState;
use crate::surveys::{self, SurveyId};
use crate::surveys::{SurveyAccess, SurveyGrant};
use crate::web::respond::html;

/// Responses shown per page of the results table.
pub const PER_PAGE: u64 = 25;

/// `GET /surveys/{id}/results`
pub async fn results_page(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let paging = Paging::parse(&query, PageSize::Fixed(PER_PAGE)).map_err(AppError::address)?;
    let SurveyGrant {
        survey,
        project,
        access,
    } = SurveyAccess::read(&state.db, &me.steward, SurveyId(path.into_inner())).await?;
    let questions = surveys::store::questions(&state.db, survey.id, true).await?;
    let total = store::count_responses(&state.db, survey.id).await?;
    let pages = total.div_ceil(PER_PAGE).max(1);
    let paging = paging.at_most(pages);
    let summaries = store::summaries(&state.db, &questions).await?;
    let mut rows = store::page_responses(&state.db, survey.id, &questions, paging).await?;
    let withheld = safeguarding::store::withheld_cells(&state.db, survey.id).await?;
    protect_text(&mut rows, &questions, &withheld);
    let flagged = if access == crate::projects::Access::Build {
        safeguarding::store::unreviewed_responses(&state.db, project.id, Some(survey.id)).await?
    } else {
        0
    };
    let aggregates = survey_aggregates(&state, &survey, questions.clone()).await?;
    let view = views::ResultsView {
        survey: &survey,
        project: &project,
        questions: &questions,
        total,
        summaries: &summaries,
        rows: &rows,
        page: paging.page(),
        pages,
        banner: safeguarding::views::banner(project.id, flagged),
        breakdowns: aggregate_views::breakdowns(&aggregates, min_group(&state)),
    };
    Ok(html(StatusCode::OK, views::results(&me.nav(), &view)))
}

pub use crate::results::model::{WITHHELD, protect_text};

/// `GET /surveys/{id}/responses.csv`
pub async fn responses_csv(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    query: web::Query<CsvQuery>,
) -> Result<HttpResponse, AppError> {
    let survey = SurveyAccess::build(&state.db, &me.steward, SurveyId(path.into_inner()))
        .await?
        .survey;
    let questions = surveys::store::questions(&state.db, survey.id, true).await?;
    Ok(csv_response(
        state.db.clone(),
        &survey,
        questions,
        query.bom(),
    ))
}
