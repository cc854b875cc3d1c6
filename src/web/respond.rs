//! The small response helpers every handler uses: an HTML page with a status, a 303 redirect,
//! and the form that carries nothing but its CSRF token.

use actix_web::HttpResponse;
use actix_web::http::{StatusCode, header};
use maud::Markup;
use serde::Deserialize;

/// An HTML response with a status.
pub fn html(status: StatusCode, page: Markup) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(page.into_string())
}

/// A 303 redirect.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// A form with no fields of its own (just the CSRF token).
#[derive(Deserialize)]
pub struct NoFields {}
