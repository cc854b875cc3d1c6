//! CSV downloads over HTTP: the `text/csv` response with a file name for saving, for a body
//! made in memory ([`download`]) or streamed ([`attachment`] then `.streaming(...)`).

use actix_web::HttpResponse;
use actix_web::HttpResponseBuilder;

/// A `200 OK` `text/csv` response builder whose body will be saved as `name`.
pub fn attachment(name: &str) -> HttpResponseBuilder {
    let mut builder = HttpResponse::Ok();
    builder
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ));
    builder
}

/// A CSV made in memory, as a download named `name`.
pub fn download(name: String, body: Vec<u8>) -> HttpResponse {
    attachment(&name).body(body)
}
