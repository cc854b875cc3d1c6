//! The last line of defence: a panic in a handler becomes a 500 (the error page, or
//! problem+json under `/api`) with a log line, never a connection dropped without an answer;
//! and the route that panics on purpose, which exists only when `CHORUS_TEST_PANIC_ROUTE` is on.

use std::panic::AssertUnwindSafe;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::{Next, from_fn};
use actix_web::{Error, HttpResponse, ResponseError, web};
use futures_util::FutureExt;

use crate::error::{ApiError, AppError};

/// Wraps each resource (see `routing.rs`), after routing: the request is kept to answer with
/// (cloning it before routing would stop the router from filling in the path). Logs the method
/// and route pattern only — not the path, the panic's message or anything the person sent.
pub async fn catch_panics(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let request = req.request().clone();
    match AssertUnwindSafe(next.call(req)).catch_unwind().await {
        Ok(answered) => answered.map(ServiceResponse::map_into_boxed_body),
        Err(_) => {
            let route = request
                .match_pattern()
                .unwrap_or_else(|| "(unmatched)".to_owned());
            tracing::error!(method = %request.method(), route = %route, "a handler panicked; answered 500");
            let failed = AppError::Unexpected(anyhow::anyhow!("a handler panicked"));
            let response = if request.path().starts_with("/api/") {
                ApiError(failed).error_response()
            } else {
                failed.error_response()
            };
            Ok(ServiceResponse::new(request, response))
        }
    }
}

/// Test builds only: with `CHORUS_TEST_PANIC_ROUTE=1`, `GET /test/panic` and
/// `GET /api/v1/test/panic` panic on purpose so tests can prove [`catch_panics`]. Off by default;
/// never switch it on in production. Registered before the `/api/v1` scope so it is reached.
pub fn test_routes(cfg: &mut web::ServiceConfig, on: bool) {
    if on {
        for path in ["/test/panic", "/api/v1/test/panic"] {
            cfg.service(
                web::resource(path)
                    .route(web::get().to(panic_on_purpose))
                    .wrap(from_fn(catch_panics)),
            );
        }
    }
}

async fn panic_on_purpose() -> HttpResponse {
    panic!("the test-only panic route panicked, as asked")
}
