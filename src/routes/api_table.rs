//! The JSON API's half of the route table: the `/api/v1` scope and its routes.

use actix_web::web;

use crate::api;
use crate::web::routing::Routes;

/// The scope the JSON API lives in (`/api/v1`): its own JSON, path and query settings so every
/// bad input is answered with problem+json.
pub(super) fn api_scope() -> actix_web::Scope {
    web::scope("/api/v1")
        .app_data(api::json_config())
        .app_data(api::path_config())
        .app_data(api::query_config())
}

/// The JSON API's routes (under `/api/v1`).
pub(super) fn api_table() -> Routes {
    Routes::new()
        .route("/projects", web::post().to(api::projects::create))
        .route("/projects", web::get().to(api::projects::list))
        .route("/projects/{id}", web::get().to(api::projects::get))
        .route(
            "/projects/{id}/surveys",
            web::post().to(api::surveys::create),
        )
        .route("/surveys/{id}", web::get().to(api::surveys::get))
        .route("/surveys/{id}", web::put().to(api::surveys::replace))
        .route(
            "/surveys/{id}/publish",
            web::post().to(api::surveys::publish),
        )
        .route("/surveys/{id}/close", web::post().to(api::surveys::close))
        .route(
            "/surveys/{id}/invitations",
            web::post().to(api::invitations::create),
        )
        .route(
            "/surveys/{id}/responses",
            web::get().to(api::responses::list),
        )
        .route(
            "/surveys/{id}/responses.csv",
            web::get().to(api::responses::csv),
        )
        .route(
            "/s/{slug}/responses",
            web::post().to(api::responses::submit),
        )
        // Live: new responses as server-sent events.
        .route("/surveys/{id}/events", web::get().to(api::live::events))
        // Theme exports.
        .route(
            "/projects/{id}/themes.csv",
            web::get().to(api::themes::themes_csv),
        )
        .route(
            "/projects/{id}/coded-answers.csv",
            web::get().to(api::themes::coded_csv),
        )
        .route(
            "/projects/{id}/themes.xlsx",
            web::get().to(api::themes::themes_xlsx),
        )
        .route(
            "/projects/{id}/coded-answers.xlsx",
            web::get().to(api::themes::coded_xlsx),
        )
        // Decisions.
        .route(
            "/projects/{id}/decisions",
            web::get().to(api::decisions::list),
        )
        .route(
            "/projects/{id}/decisions",
            web::post().to(api::decisions::create),
        )
        // Experiments.
        .route(
            "/projects/{id}/experiments",
            web::post().to(api::experiments::create),
        )
        .route(
            "/projects/{id}/experiments",
            web::get().to(api::experiments::list),
        )
        .route("/experiments/{id}", web::get().to(api::experiments::get))
        .route(
            "/experiments/{id}",
            web::patch().to(api::experiments::patch),
        )
        .route(
            "/experiments/{id}/transitions",
            web::post().to(api::experiments::transition),
        )
        .route(
            "/experiments/{id}/results",
            web::get().to(api::experiments::results),
        )
        // The audit log (administrators' tokens; read only).
        .route("/audit", web::get().to(api::audit::list))
        // "Have your say" rounds: token for stewards, public for voters.
        .route("/projects/{id}/rounds", web::get().to(api::rounds::list))
        .route("/rounds/{id}/results", web::get().to(api::rounds::results))
        .route("/p/{slug}", web::get().to(api::rounds::public))
        .route(
            "/p/{slug}/items/{item}/vote",
            web::put().to(api::rounds::vote),
        )
}
