//! Cross-cutting middleware: security headers, one log line per request, and turning the
//! framework's own plain-text errors into Chorus's accessible error page or problem+json.

use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::{DefaultHeaders, ErrorHandlerResponse, ErrorHandlers, Next};
use actix_web::{Error, HttpResponse};

use crate::error::{AppError, problem_response};
use crate::web::layout;

/// The Content-Security-Policy: nothing from anywhere but Chorus itself, no inline code.
pub const CSP: &str = "default-src 'self'; object-src 'none'; base-uri 'none'; \
frame-ancestors 'none'; form-action 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'";

/// Security headers added to every response, error pages included.
pub fn security_headers(https: bool) -> DefaultHeaders {
    let mut headers = DefaultHeaders::new()
        .add((header::CONTENT_SECURITY_POLICY, CSP))
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::REFERRER_POLICY, "no-referrer"))
        .add((
            HeaderName::from_static("permissions-policy"),
            "geolocation=(), camera=(), microphone=(), payment=(), usb=(), interest-cohort=()",
        ))
        .add((header::X_FRAME_OPTIONS, "DENY"))
        .add((
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ))
        .add((header::CACHE_CONTROL, "no-store"));
    if https {
        headers = headers.add((
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=63072000; includeSubDomains",
        ));
    }
    headers
}

/// Logs method, route pattern, status, latency and a request id — never the path itself (it
/// can carry tokens), a query string, an address or a user agent.
pub async fn log_requests(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let started = Instant::now();
    let request_id = uuid::Uuid::new_v4().simple().to_string();
    let method = req.method().to_string();
    let mut res = next.call(req).await?;
    let route = res
        .request()
        .match_pattern()
        .unwrap_or_else(|| "(unmatched)".to_owned());
    tracing::info!(
        request_id = %request_id,
        method = %method,
        route = %route,
        status = res.status().as_u16(),
        latency_ms = started.elapsed().as_secs_f64() * 1000.0,
        "request"
    );
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        res.headers_mut()
            .insert(HeaderName::from_static("x-request-id"), value);
    }
    Ok(res)
}

/// Replaces any error response that is not already a Chorus page or problem document.
pub fn framework_errors<B: MessageBody + 'static>() -> ErrorHandlers<B> {
    ErrorHandlers::new().default_handler(replace_plain_error)
}

fn replace_plain_error<B: MessageBody + 'static>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let already_ours = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html") || ct.contains("json"));
    if already_ours || !(res.status().is_client_error() || res.status().is_server_error()) {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let (req, _) = res.into_parts();
    let error = match status.as_u16() {
        404 => AppError::NotFound,
        403 => AppError::Forbidden,
        413 => AppError::PayloadTooLarge,
        422 => AppError::Unprocessable("Some of what you sent could not be accepted.".into()),
        500..=599 => AppError::Unexpected(anyhow::anyhow!("framework error {status}")),
        _ => AppError::BadRequest("The request could not be understood.".into()),
    };
    let (title, detail) = error.explain();
    let response: HttpResponse<BoxBody> = if req.path().starts_with("/api/") {
        problem_response(status, title, &detail, None)
    } else {
        HttpResponse::build(status)
            .content_type("text/html; charset=utf-8")
            .body(layout::error_page(title, &detail).into_string())
    };
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, response).map_into_right_body(),
    ))
}
