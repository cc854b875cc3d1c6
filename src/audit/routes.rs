//! `/admin/audit` (administrators only): the log, filtered and paged, and its CSV. The CSV
//! download is itself an export, so the audit layer records it like any other.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use sea_orm::DatabaseConnection;

use crate::accounts::{CurrentSteward, Role};
use crate::audit::csv::csv;
use crate::audit::filter::{Filter, RawFilter};
use crate::audit::store;
use crate::audit::views::{AuditPage, audit_page};
use crate::error::AppError;
use crate::paging::{PageQuery, PageSize, Paging};
use crate::web::FieldErrors;
use crate::web::respond::html;

/// Entries on one page.
const PER_PAGE: u64 = 50;

/// `GET /admin/audit`
pub async fn page(
    db: web::Data<DatabaseConnection>,
    me: CurrentSteward,
    raw: web::Query<RawFilter>,
    paging: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    me.require(&[Role::Admin])?;
    let db = db.get_ref();
    let (people, projects, routes) = store::choices(db).await?;
    let parsed = Filter::parse(&raw)
        .and_then(|f| Paging::parse(&paging, PageSize::Fixed(PER_PAGE)).map(|p| (f, p)));
    let (errors, entries, total, page, pages) = match parsed {
        Ok((filter, paging)) => {
            let pages = store::count(db, &filter).await?.div_ceil(PER_PAGE).max(1);
            let paging = paging.at_most(pages);
            let (entries, total) = store::page(db, &filter, paging).await?;
            (FieldErrors::new(), entries, total, paging.page(), pages)
        }
        Err(errors) => (errors, Vec::new(), 0, 1, 1),
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let view = AuditPage {
        raw: &raw,
        errors: &errors,
        entries: &entries,
        total,
        page,
        pages,
        people: &people,
        projects: &projects,
        routes: &routes,
    };
    Ok(html(status, audit_page(&me.nav(), &view)))
}

/// `GET /admin/audit.csv`: every entry the filters let through, newest first.
pub async fn download(
    db: web::Data<DatabaseConnection>,
    me: CurrentSteward,
    raw: web::Query<RawFilter>,
) -> Result<HttpResponse, AppError> {
    me.require(&[Role::Admin])?;
    let filter = Filter::parse(&raw).map_err(|e| {
        let first = e
            .iter()
            .next()
            .map(|(_, m)| m.to_owned())
            .unwrap_or_default();
        AppError::BadRequest(first)
    })?;
    let entries = store::all(db.get_ref(), &filter).await?;
    csv(&entries)
}
