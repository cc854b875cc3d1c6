//! `/api/v1/surveys/{id}/invitations`: invite people to a survey by email.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::accounts::ApiSteward;
use crate::api::Problem;
use crate::api::schema::ProblemDoc;
use crate::fields::FieldErrors;
use crate::invitations::model::MAX_ADDRESSES;
use crate::invitations::{self, Rejected};
use crate::state::AppState;
use crate::surveys::{SurveyAccess, SurveyGrant, SurveyId};

/// Addresses to invite.
#[derive(Deserialize, Serialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct InvitationsBody {
    /// Email addresses, at most 1,000. Invalid ones and ones already invited are named back.
    pub emails: Vec<String>,
}

/// An address that was not invited.
#[derive(Serialize, ToSchema)]
pub struct RejectedOut {
    /// The address as sent.
    pub email: String,
    /// `not a valid email address` or `already invited`.
    pub reason: String,
}

/// What happened to the addresses.
#[derive(Serialize, ToSchema)]
pub struct InvitationsOut {
    /// Invitations queued for sending.
    pub accepted: usize,
    /// Addresses not invited, with the reason.
    pub rejected: Vec<RejectedOut>,
}

impl From<Rejected> for RejectedOut {
    fn from(r: Rejected) -> Self {
        RejectedOut {
            email: r.email,
            reason: r.reason.to_owned(),
        }
    }
}

/// Invites people by email: each valid new address gets its own link and, after the survey's
/// reminder delay, one reminder. Mail is queued, so the answer is 202.
#[utoipa::path(
    post,
    path = "/api/v1/surveys/{id}/invitations",
    tag = "surveys",
    params(("id" = i64, Path, description = "Survey id")),
    request_body = InvitationsBody,
    responses(
        (status = 202, description = "Invitations queued", body = InvitationsOut),
        (status = 401, description = "No valid token", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 403, description = "No build access", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "Not found or not visible", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 409, description = "The survey is not open", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "No addresses, or too many", body = ProblemDoc, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    state: web::Data<AppState>,
    me: ApiSteward,
    path: web::Path<i64>,
    body: web::Json<InvitationsBody>,
) -> Result<HttpResponse, Problem> {
    let SurveyGrant {
        survey, project, ..
    } = SurveyAccess::build(&state.db, &me.0, SurveyId(path.into_inner())).await?;
    if !invitations::accepts_invitations(&survey) {
        return Err(Problem::conflict(
            "Only an open survey can have invitations. Publish it first.",
        ));
    }
    let mut errors = FieldErrors::new();
    if body.emails.is_empty() {
        errors.add("emails", "Send at least one email address");
    } else if body.emails.len() > MAX_ADDRESSES {
        errors.add(
            "emails",
            format!("Send at most {MAX_ADDRESSES} addresses at a time"),
        );
    }
    if !errors.is_empty() {
        return Err(Problem::invalid(errors));
    }
    let screened =
        invitations::invite(&state.db, &state.base_url, &project, &survey, &body.emails).await?;
    state.mail.wake();
    Ok(
        HttpResponse::build(StatusCode::ACCEPTED).json(InvitationsOut {
            accepted: screened.accepted.len(),
            rejected: screened.rejected().into_iter().map(Into::into).collect(),
        }),
    )
}
