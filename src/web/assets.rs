//! Static assets served by the binary itself, with a content hash in the URL and a long cache life.

use std::sync::LazyLock;

use actix_web::{HttpResponse, web};
use sha2::{Digest, Sha256};

use crate::error::AppError;

const STYLESHEET: &str = include_str!("../../static/chorus.css");
const SCRIPT: &str = include_str!("../../static/chorus.js");
const LIVE_SCRIPT: &str = include_str!("../../static/live.js");

struct Asset {
    path: String,
    body: &'static str,
    content_type: &'static str,
}

fn hashed(name: &str, ext: &str, body: &'static str, content_type: &'static str) -> Asset {
    let digest = Sha256::digest(body.as_bytes());
    Asset {
        path: format!("/assets/{name}-{}.{ext}", &hex::encode(digest)[..12]),
        body,
        content_type,
    }
}

// A pure function of the embedded file, computed once: not configuration.
static CSS: LazyLock<Asset> =
    LazyLock::new(|| hashed("chorus", "css", STYLESHEET, "text/css; charset=utf-8"));

static JS: LazyLock<Asset> =
    LazyLock::new(|| hashed("chorus", "js", SCRIPT, "text/javascript; charset=utf-8"));

/// The URL of the progressive-enhancement script (read aloud, quick exit), with its hash.
pub fn script_url() -> &'static str {
    &JS.path
}

static LIVE: LazyLock<Asset> =
    LazyLock::new(|| hashed("live", "js", LIVE_SCRIPT, "text/javascript; charset=utf-8"));

/// The URL of the live boards' script, including its content hash.
pub fn live_script_url() -> &'static str {
    &LIVE.path
}

/// The URL of the stylesheet, including its content hash.
pub fn stylesheet_url() -> &'static str {
    &CSS.path
}

/// Serves `/assets/{file}` when the file name carries the current hash.
pub async fn serve(path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let wanted = format!("/assets/{}", path.into_inner());
    let asset: &Asset = [&*CSS, &*JS, &*LIVE]
        .into_iter()
        .find(|a| a.path == wanted)
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok()
        .content_type(asset.content_type)
        .insert_header(("Cache-Control", "public, max-age=31536000, immutable"))
        .body(asset.body))
}
