//! QR code images for a survey's public link (`?channel=qr`, so arrivals are counted as QR), and
//! the printable poster for stewards.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use crate::accounts::CurrentSteward;
use crate::error::AppError;
use crate::qr::views;
use crate::state::AppState;
use crate::surveys::SurveyAccess;
use crate::surveys::SurveyId;
use crate::surveys::{self, Slug, Survey};
use crate::web::respond::html;
use sea_orm::DatabaseConnection;

/// Pixels per module in PNG downloads (a version-3 code comes out about 300 pixels wide).
const PNG_SCALE: usize = 8;
/// A survey's link never changes, so the pictures may be kept for a long time.
const CACHE: &str = "public, max-age=2592000";

/// The absolute link a QR code carries: `{base_url}s/{slug}?channel=qr`.
pub fn qr_link(state: &AppState, survey: &Survey) -> String {
    format!("{}s/{}?channel=qr", state.base_url, survey.slug)
}

/// The short link printed beside the code: `{base_url}s/{slug}`.
pub fn short_link(state: &AppState, survey: &Survey) -> String {
    format!("{}s/{}", state.base_url, survey.slug)
}

async fn by_slug(db: &DatabaseConnection, slug: &Slug) -> Result<Survey, AppError> {
    surveys::store::find_by_slug(db, slug)
        .await?
        .ok_or(AppError::NotFound)
}

/// The SVG without its XML prologue, so it can sit inside an HTML page.
fn svg_for(state: &AppState, survey: &Survey) -> Result<String, AppError> {
    let svg = crate::qr::svg(
        &qr_link(state, survey),
        &format!("QR code for {}", survey.title),
    )
    .map_err(|e| anyhow::anyhow!("making a QR code failed: {e}"))?;
    Ok(match svg.find("<svg") {
        Some(start) => svg[start..].to_owned(),
        None => svg,
    })
}

/// `GET /s/{slug}/qr.svg`
pub async fn svg(
    state: web::Data<AppState>,
    path: web::Path<Slug>,
) -> Result<HttpResponse, AppError> {
    let survey = by_slug(&state.db, &path.into_inner()).await?;
    let body = svg_for(&state, &survey)?;
    Ok(HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header(("Cache-Control", CACHE))
        .body(body))
}

/// `GET /s/{slug}/qr.png`
pub async fn png(
    state: web::Data<AppState>,
    path: web::Path<Slug>,
) -> Result<HttpResponse, AppError> {
    let survey = by_slug(&state.db, &path.into_inner()).await?;
    let body = crate::qr::png(&qr_link(&state, &survey), PNG_SCALE)?;
    Ok(HttpResponse::Ok()
        .content_type("image/png")
        .insert_header(("Cache-Control", CACHE))
        .body(body))
}

/// `GET /surveys/{id}/poster` (Build access)
pub async fn poster(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let survey = SurveyAccess::build(&state.db, &me.steward, SurveyId(path.into_inner()))
        .await?
        .survey;
    let svg = svg_for(&state, &survey)?;
    let link = short_link(&state, &survey);
    Ok(html(
        StatusCode::OK,
        views::poster(&me.nav(), &survey, &svg, &link),
    ))
}
