//! Static assets built into the binary, named by a content hash so they can be cached for a
//! year (`pages::asset` serves them). Pure: no request or error types here, so the error page
//! can link the stylesheet without an import circle.

use std::sync::LazyLock;

use sha2::{Digest, Sha256};

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

/// The body and content type of `/assets/{file}` when the file name carries the current hash.
pub fn find(file: &str) -> Option<(&'static str, &'static str)> {
    let wanted = format!("/assets/{file}");
    [&*CSS, &*JS, &*LIVE]
        .into_iter()
        .find(|a| a.path == wanted)
        .map(|a| (a.body, a.content_type))
}
