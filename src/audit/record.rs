//! The audit layer every resource sits behind (`web::routing::Routes` wraps each one): after
//! the handler has answered, a request the rule picks out (`rule::is_audited`) by a steward the
//! sign-in or token extractor found (`accounts::ActingSteward`) is appended to the log, before
//! the answer goes back. The handler has committed by then, so the action and its entry are two
//! transactions: if the append fails the action stands, an error is logged (method and route
//! only) and the person still gets their answer — refusing it would tell them an action that
//! happened had not. `chorus audit verify` cannot see such a miss; the error log can.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, web};
use sea_orm::DatabaseConnection;

use crate::accounts::ActingSteward;
use crate::audit::rule::{is_audited, object};
use crate::audit::store::{NewEntry, append};

/// Runs the handler, then appends an entry when the rule says so.
pub async fn record<B: MessageBody + 'static>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<B>, Error> {
    let res = next.call(req).await?;
    let request = res.request();
    let actor = request.extensions().get::<ActingSteward>().map(|a| a.0.0);
    let (Some(actor), Some(route)) = (actor, request.match_pattern()) else {
        return Ok(res);
    };
    if !is_audited(request.method(), &route, res.status()) {
        return Ok(res);
    }
    let new = NewEntry {
        steward: Some(actor),
        method: request.method().as_str().to_owned(),
        object: object(request.match_info().iter()),
        status: i32::from(res.status().as_u16()),
        route,
    };
    let method = new.method.clone();
    let route = new.route.clone();
    match request.app_data::<web::Data<DatabaseConnection>>() {
        Some(db) => {
            if let Err(e) = append(db.get_ref(), new).await {
                tracing::error!(%method, %route, error = %e, "the audit log could not be appended to");
            }
        }
        None => tracing::error!(%method, %route, "no database for the audit log"),
    }
    Ok(res)
}
