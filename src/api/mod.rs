//! The JSON API under `/api/v1`: bearer tokens, problem+json errors, an OpenAPI document made
//! from the handlers themselves, and the public submission endpoint.

pub mod audit;
pub mod decisions;
pub mod experiments;
pub mod experiments_schema;
pub mod help_contact;
pub mod invitations;
pub mod live;
pub mod openapi;
pub mod problem;
pub mod projects;
pub mod responses;
pub mod rounds;
pub mod rounds_schema;
pub mod schema;
pub mod store;
pub mod surveys;
pub mod themes;

pub use problem::{Problem, json_config, path_config, query_config};

/// Anything else under `/api/v1`: 404 problem+json.
pub async fn not_found() -> Result<actix_web::HttpResponse, Problem> {
    Err(Problem::not_found())
}
