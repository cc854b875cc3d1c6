//! One error type for the whole service: a plain-language page (or problem+json on the API)
//! for people, the full cause chain for the log.

use std::fmt;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};

use crate::fields::FieldErrors;
use crate::web::layout;

/// Everything that can go wrong while answering a request.
#[derive(thiserror::Error)]
pub enum AppError {
    /// Nothing here, or nothing this person may see (we never say which).
    #[error("Page not found")]
    NotFound,
    /// Signed in, but the role does not allow this.
    #[error("You do not have permission to do that")]
    Forbidden,
    /// A form arrived without a valid security token.
    #[error("This form has expired")]
    CsrfRejected,
    /// The request is not signed in; send the person to the sign-in page.
    #[error("Sign in to continue")]
    SignInRequired,
    /// The request could not be understood.
    #[error("{0}")]
    BadRequest(String),
    /// The request was understood but its content is not acceptable.
    #[error("{0}")]
    Unprocessable(String),
    /// The request body is larger than allowed.
    #[error("What you sent is too large")]
    PayloadTooLarge,
    /// What was sent did not arrive in time (a stalled body), or answering took too long.
    #[error("This took too long")]
    TimedOut,
    /// Too many attempts; try again later.
    #[error("Too many attempts")]
    TooManyRequests {
        /// Seconds until trying again makes sense.
        retry_after: u64,
    },
    /// Something failed that is not the person's fault.
    #[error("Something went wrong")]
    Unexpected(#[from] anyhow::Error),
}

impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        AppError::Unexpected(anyhow::Error::new(err).context("database query failed"))
    }
}

impl fmt::Debug for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{self}")?;
        if let AppError::Unexpected(err) = self {
            for cause in err.chain() {
                writeln!(f, "  caused by: {cause}")?;
            }
        }
        Ok(())
    }
}

impl AppError {
    /// The HTTP status for this error.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden | AppError::CsrfRejected => StatusCode::FORBIDDEN,
            AppError::SignInRequired => StatusCode::SEE_OTHER,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::TimedOut => StatusCode::REQUEST_TIMEOUT,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A short title and a plain-language explanation for the error page.
    pub fn explain(&self) -> (&'static str, String) {
        match self {
            AppError::NotFound => (
                "Page not found",
                "If you typed the web address, check it is correct. If you pasted it, check you copied the whole address.".into(),
            ),
            AppError::Forbidden => (
                "You do not have permission to see this page",
                "Ask an administrator if you think you should have access.".into(),
            ),
            AppError::CsrfRejected => (
                "This form has expired",
                "For your security the form could not be sent. Go back, reload the page and try again. Your answers have not been saved yet.".into(),
            ),
            AppError::SignInRequired => ("Sign in to continue", "You need to sign in to see this page.".into()),
            AppError::BadRequest(msg) => ("Sorry, there is a problem with the request", msg.clone()),
            AppError::Unprocessable(msg) => ("Sorry, this could not be accepted", msg.clone()),
            AppError::PayloadTooLarge => (
                "What you sent is too large",
                "Try sending less text at once.".into(),
            ),
            AppError::TimedOut => (
                "This took too long",
                "What you sent did not arrive in time. Check your connection and try again. Nothing has been saved unless you saw a confirmation.".into(),
            ),
            AppError::TooManyRequests { retry_after } => (
                "Too many attempts",
                format!("Please wait {} and try again.", human_wait(*retry_after)),
            ),
            AppError::Unexpected(_) => (
                "Sorry, there is a problem with the service",
                "Try again later. Nothing you sent has been saved unless you saw a confirmation.".into(),
            ),
        }
    }

    /// 400 for an address whose query could not be read: every field's message, in order.
    pub fn address(errors: FieldErrors) -> AppError {
        let messages: Vec<&str> = errors.iter().map(|(_, m)| m).collect();
        AppError::BadRequest(format!("{}.", messages.join(". ")))
    }

    fn log(&self) {
        if matches!(self, AppError::Unexpected(_)) {
            tracing::error!(error = ?self, "request failed");
        }
    }
}

/// "1 minute", "15 minutes".
pub fn human_wait(seconds: u64) -> String {
    let minutes = seconds.div_ceil(60).max(1);
    if minutes == 1 {
        "1 minute".into()
    } else {
        format!("{minutes} minutes")
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        self.status()
    }

    fn error_response(&self) -> HttpResponse {
        self.log();
        if let AppError::SignInRequired = self {
            return HttpResponse::SeeOther()
                .insert_header((header::LOCATION, "/sign-in"))
                .finish();
        }
        let (title, detail) = self.explain();
        let mut response = HttpResponse::build(self.status());
        if let AppError::TooManyRequests { retry_after } = self {
            response.insert_header((header::RETRY_AFTER, retry_after.to_string()));
        }
        response
            .content_type("text/html; charset=utf-8")
            .body(layout::error_page(title, &detail).into_string())
    }
}

/// The same errors, shown to API clients as RFC 9457 problem+json.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(err: E) -> Self {
        ApiError(err.into())
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self.0 {
            AppError::SignInRequired => StatusCode::UNAUTHORIZED,
            ref other => other.status(),
        }
    }

    fn error_response(&self) -> HttpResponse {
        self.0.log();
        let status = self.status_code();
        let (title, detail) = match self.0 {
            AppError::SignInRequired => (
                "Unauthorised",
                "Send a valid API token as 'Authorization: Bearer <token>'.".to_owned(),
            ),
            ref other => other.explain(),
        };
        let mut response = problem_response(status, title, &detail, None);
        if let AppError::TooManyRequests { retry_after } = self.0 {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
        }
        response
    }
}

/// Builds an `application/problem+json` response, with optional per-field errors.
pub fn problem_response(
    status: StatusCode,
    title: &str,
    detail: &str,
    errors: Option<serde_json::Value>,
) -> HttpResponse {
    let mut body = serde_json::json!({
        "type": "about:blank",
        "title": title,
        "status": status.as_u16(),
        "detail": detail,
    });
    if let (Some(errors), Some(map)) = (errors, body.as_object_mut()) {
        map.insert("errors".into(), errors);
    }
    let mut response = HttpResponse::build(status);
    if status == StatusCode::UNAUTHORIZED {
        response.insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
    }
    response
        .content_type("application/problem+json")
        .body(body.to_string())
}
