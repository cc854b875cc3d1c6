//! API errors as RFC 9457 problem+json, including per-field `errors`, and the extractor
//! configurations that turn every malformed request into a 4xx problem document.

use std::fmt;

use actix_web::error::{InternalError, JsonPayloadError};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError, web};

use crate::error::{ApiError, AppError, problem_response};
use crate::fields::FieldErrors;

/// Largest JSON body the API reads.
pub const JSON_LIMIT: usize = 256 * 1024;

/// An API failure: one of the app's errors, or a status with a message and per-field errors.
#[derive(Debug)]
pub enum Problem {
    /// Anything the app already knows how to explain.
    App(ApiError),
    /// A specific status with a title, a detail and optional errors keyed by field.
    Status {
        status: StatusCode,
        title: &'static str,
        detail: String,
        errors: FieldErrors,
    },
}

impl<E: Into<AppError>> From<E> for Problem {
    fn from(err: E) -> Self {
        Problem::App(ApiError(err.into()))
    }
}

impl Problem {
    /// 404: nothing there, or nothing this token may see.
    pub fn not_found() -> Problem {
        Problem::App(ApiError(AppError::NotFound))
    }
    /// 403: visible, but this token's steward may not change it.
    pub fn forbidden() -> Problem {
        Problem::App(ApiError(AppError::Forbidden))
    }
    /// A status with a plain-language detail.
    pub fn new(status: StatusCode, title: &'static str, detail: impl Into<String>) -> Problem {
        Problem::Status {
            status,
            title,
            detail: detail.into(),
            errors: FieldErrors::new(),
        }
    }
    /// 422 with a message per field (or per question key).
    pub fn invalid(errors: FieldErrors) -> Problem {
        Problem::Status {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            title: "Some of what you sent could not be accepted",
            detail: "Check the errors for each field.".into(),
            errors,
        }
    }
    /// 409 with a plain-language detail.
    pub fn conflict(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::CONFLICT, "Conflict", detail)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::App(e) => fmt::Display::fmt(e, f),
            Problem::Status { title, .. } => f.write_str(title),
        }
    }
}

impl ResponseError for Problem {
    fn status_code(&self) -> StatusCode {
        match self {
            Problem::App(e) => e.status_code(),
            Problem::Status { status, .. } => *status,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            Problem::App(e) => e.error_response(),
            Problem::Status {
                status,
                title,
                detail,
                errors,
            } => {
                let errors = (!errors.is_empty()).then(|| {
                    serde_json::Value::Object(
                        errors
                            .iter()
                            .map(|(k, v)| (k.to_owned(), serde_json::Value::from(v)))
                            .collect(),
                    )
                });
                problem_response(*status, title, detail, errors)
            }
        }
    }
}

fn json_error(err: JsonPayloadError) -> (StatusCode, &'static str, String) {
    match &err {
        JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => (
            StatusCode::PAYLOAD_TOO_LARGE,
            "What you sent is too large",
            format!("Send at most {} KiB of JSON.", JSON_LIMIT / 1024),
        ),
        JsonPayloadError::ContentType => (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Send JSON",
            "Send the body as JSON with 'Content-Type: application/json'.".into(),
        ),
        JsonPayloadError::Deserialize(e) if e.is_data() => (
            StatusCode::UNPROCESSABLE_ENTITY,
            "Some of what you sent could not be accepted",
            format!("The JSON has the wrong shape: {e}."),
        ),
        JsonPayloadError::Deserialize(e) => (
            StatusCode::BAD_REQUEST,
            "The body is not valid JSON",
            format!("The body could not be read as JSON: {e}."),
        ),
        _ => (
            StatusCode::BAD_REQUEST,
            "The body could not be read",
            "Send a JSON body.".into(),
        ),
    }
}

/// JSON bodies for API scopes: size limit, content type, and problem+json for every failure.
pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(JSON_LIMIT)
        .content_type_required(true)
        .error_handler(|err, _| {
            let (status, title, detail) = json_error(err);
            InternalError::from_response(title, problem_response(status, title, &detail, None))
                .into()
        })
}

/// Path parameters for API scopes: anything unreadable is 404 problem+json.
pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|_, _| ApiError(AppError::NotFound).into())
}

/// Query strings for API scopes: anything unreadable is 400 problem+json.
pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|_, _| {
        ApiError(AppError::BadRequest(
            "The query string has a part Chorus does not understand.".into(),
        ))
        .into()
    })
}
