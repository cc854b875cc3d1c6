//! The audit log over the API: administrators' tokens only, newest first, paged and filtered
//! with the same parsers as the `/admin/audit` page. Read only: no method here changes an entry.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;
use serde::Serialize;
use utoipa::ToSchema;

use crate::accounts::{ApiSteward, Role};
use crate::api::Problem;
use crate::api::schema::ProblemDoc;
use crate::audit::rule::describe;
use crate::audit::{Filter, RawFilter, store};
use crate::error::AppError;
use crate::paging::{PageQuery, PageSize, Paging};

/// Entries per page: 50 unless `per_page` asks for 1 to 200.
const PAGE_SIZE: PageSize = PageSize::UpTo {
    default: 50,
    max: 200,
};

/// One audit log entry.
#[derive(Serialize, ToSchema)]
pub struct AuditEntryOut {
    /// The entry's number: 1, 2, 3… with no gaps.
    pub id: i64,
    /// When it happened (UTC).
    pub at: DateTime<Utc>,
    /// Who acted.
    pub steward_id: Option<i64>,
    /// Their name, while they have an account.
    pub steward_name: Option<String>,
    /// The action in plain words.
    pub action: String,
    /// The HTTP method.
    pub method: String,
    /// The route pattern.
    pub route: String,
    /// The route's id parameters, like `id=4 question=9`.
    pub object: String,
    /// The project the object belongs to.
    pub project_id: Option<i64>,
    /// The status code of the answer.
    pub status: i32,
    /// The hash of the entry before.
    pub prev_hash: String,
    /// This entry's hash: SHA-256 of `prev_hash` and its fields.
    pub hash: String,
}

/// A page of audit log entries.
#[derive(Serialize, ToSchema)]
pub struct AuditPage {
    pub items: Vec<AuditEntryOut>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

/// The audit log, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/audit",
    tag = "audit",
    params(RawFilter, PageQuery),
    responses(
        (status = 200, description = "A page of entries", body = AuditPage),
        (status = 401, description = "No valid token", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 403, description = "The token is not an administrator's", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "A filter, page or per_page is not valid, keyed by field", body = ProblemDoc, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list(
    db: web::Data<DatabaseConnection>,
    me: ApiSteward,
    raw: web::Query<RawFilter>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, Problem> {
    if me.0.role != Role::Admin {
        return Err(AppError::Forbidden.into());
    }
    let filter = Filter::parse(&raw).map_err(Problem::invalid)?;
    let paging = Paging::parse(&query, PAGE_SIZE).map_err(Problem::invalid)?;
    let (entries, total) = store::page(db.get_ref(), &filter, paging).await?;
    let items = entries
        .into_iter()
        .map(|s| {
            let f = s.entry.fields;
            AuditEntryOut {
                action: describe(&f.method, &f.route),
                id: f.id,
                at: f.at,
                steward_id: f.steward,
                steward_name: s.name,
                method: f.method,
                route: f.route,
                object: f.object,
                project_id: f.project,
                status: f.status,
                prev_hash: s.entry.prev_hash,
                hash: s.entry.hash,
            }
        })
        .collect();
    Ok(HttpResponse::Ok().json(AuditPage {
        items,
        total,
        page: paging.page(),
        per_page: paging.per_page(),
    }))
}
