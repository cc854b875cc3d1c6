//! The OpenAPI 3 document, generated from the handlers' annotations, served at
//! `/api/openapi.json` (no UI: nothing is downloaded at build or run time).

use actix_web::HttpResponse;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::api::{
    audit, decisions, experiments, experiments_schema, invitations, live, projects, responses,
    rounds, rounds_schema, schema, surveys, themes,
};

/// The document's root.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Chorus API",
        description = "Build questionnaires, read responses and submit answers. Send an API token as 'Authorization: Bearer <token>'. Errors are RFC 9457 problem+json. Text: a NUL is refused everywhere (422 naming the field); one-line fields (titles, names, labels, options) refuse line breaks, tabs and other control characters; longer texts (intros, descriptions, written answers) keep line breaks and tabs, store CR LF and CR as LF and drop other control characters."
    ),
    paths(
        projects::create,
        projects::list,
        projects::get,
        surveys::create,
        surveys::get,
        surveys::replace,
        surveys::publish,
        surveys::close,
        invitations::create,
        responses::list,
        responses::csv,
        responses::submit,
        live::events,
        themes::themes_csv,
        themes::coded_csv,
        themes::themes_xlsx,
        themes::coded_xlsx,
        decisions::list,
        decisions::create,
        experiments::create,
        experiments::list,
        experiments::get,
        experiments::patch,
        experiments::transition,
        experiments::results,
        audit::list,
        rounds::list,
        rounds::results,
        rounds::public,
        rounds::vote,
        openapi_json,
    ),
    components(schemas(
        schema::ProblemDoc,
        schema::ProjectBody,
        schema::HelpContactBody,
        schema::ProjectOut,
        schema::SurveyBody,
        schema::QuestionBody,
        schema::SurveyOut,
        schema::QuestionOut,
        schema::SubmissionBody,
        schema::ReceiptOut,
        schema::ResponseOut,
        schema::ResponsesPage,
        invitations::InvitationsBody,
        invitations::InvitationsOut,
        invitations::RejectedOut,
        decisions::DecisionOut,
        crate::stewardship::RawChoice,
        crate::decisions::RawFramework,
        crate::decisions::framework::RawAssessment,
        experiments_schema::ExperimentBody,
        experiments_schema::PlanBody,
        experiments_schema::MeasureBody,
        experiments_schema::TransitionBody,
        experiments_schema::ExperimentOut,
        audit::AuditEntryOut,
        audit::AuditPage,
        rounds_schema::RoundOut,
        rounds_schema::RoundItemOut,
        rounds_schema::VoteBody,
        rounds_schema::VoteOut,
        rounds_schema::RowOut,
        rounds_schema::GroupOut,
        rounds_schema::ItemResultOut,
        rounds_schema::ResultsOut,
    )),
    modifiers(&BearerScheme)
)]
pub struct ApiDoc;

struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("An API token made on the 'API tokens' page"))
                    .build(),
            ),
        );
    }
}

/// This document.
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    tag = "meta",
    responses((status = 200, description = "The OpenAPI document", content_type = "application/json"))
)]
pub async fn openapi_json() -> HttpResponse {
    match ApiDoc::openapi().to_json() {
        Ok(json) => HttpResponse::Ok()
            .content_type("application/json")
            .body(json),
        Err(err) => {
            tracing::error!(error = %err, "serialising the OpenAPI document failed");
            HttpResponse::InternalServerError().finish()
        }
    }
}
