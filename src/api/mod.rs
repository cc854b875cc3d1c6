//! The JSON API under `/api/v1`: bearer tokens, problem+json errors, an OpenAPI document made
//! from the handlers themselves, and the public submission endpoint.

pub mod help_contact;
pub mod invitations;
pub mod live;
pub mod openapi;
pub mod problem;
pub mod projects;
pub mod responses;
pub mod schema;
pub mod store;
pub mod surveys;
pub mod themes;

pub use problem::{Problem, json_config, path_config, query_config};

use crate::accounts::Steward;
use crate::projects::{Access, Project, ProjectId};
use crate::results;
use crate::state::AppState;
use crate::surveys::{Survey, SurveyId};

/// A project the token's steward can see (404 otherwise); 403 when `build` is needed and missing.
pub async fn project_for(
    state: &AppState,
    who: &Steward,
    id: i64,
    build: bool,
) -> Result<(Project, Access), Problem> {
    match crate::projects::store::find_for(&state.db, who, ProjectId(id)).await? {
        None => Err(Problem::not_found()),
        Some((_, Access::Feedback)) if build => Err(Problem::forbidden()),
        Some(found) => Ok(found),
    }
}

/// A survey the token's steward can see (404 otherwise); 403 when `build` is needed and missing.
pub async fn survey_for(
    state: &AppState,
    who: &Steward,
    id: i64,
    build: bool,
) -> Result<(Survey, Project, Access), Problem> {
    match results::store::find_survey_for(&state.db, who, SurveyId(id)).await? {
        None => Err(Problem::not_found()),
        Some((_, _, Access::Feedback)) if build => Err(Problem::forbidden()),
        Some(found) => Ok(found),
    }
}

/// Anything else under `/api/v1`: 404 problem+json.
pub async fn not_found() -> Result<actix_web::HttpResponse, Problem> {
    Err(Problem::not_found())
}
