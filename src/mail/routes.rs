//! Handlers for the administrators' mail page, its Resend buttons and the test message.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::accounts::{CurrentSteward, EmailAddress, Role};
use crate::error::AppError;
use crate::mail::model::OutboxId;
use crate::mail::{messages, store, views};
use crate::state::AppState;
use crate::web::CsrfForm;
use crate::web::respond::{NoFields, html, see_other};

/// Failed messages listed at most.
const FAILED_SHOWN: u64 = 50;

/// `GET /admin/mail`
pub async fn page(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: CurrentSteward,
) -> Result<HttpResponse, AppError> {
    me.require(&[Role::Admin])?;
    let notice = match req.query_string() {
        "done=test" => Some("A test message is on its way to you."),
        "done=resend" => Some("The message will be sent again shortly."),
        _ => None,
    };
    let counts = store::counts(&state.db).await?;
    let failed = store::failed(&state.db, FAILED_SHOWN).await?;
    let page = views::MailPage {
        transport: state.mail.transport(),
        counts,
        failed: &failed,
        notice,
        my_email: &me.steward.email,
    };
    Ok(html(StatusCode::OK, views::mail_page(&me.nav(), &page)))
}

/// `POST /admin/mail/test`: queues a test message to the signed-in administrator.
pub async fn send_test(
    state: web::Data<AppState>,
    me: CurrentSteward,
    _f: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    me.require(&[Role::Admin])?;
    let to = EmailAddress::parse(&me.steward.email)
        .map_err(|m| AppError::Unexpected(anyhow::anyhow!("stored address is invalid: {m}")))?;
    let message = messages::test_message(&state.base_url, &to);
    store::enqueue(&state.db, &message).await?;
    state.mail.wake();
    tracing::info!(domain = to.domain(), "test message queued");
    Ok(see_other("/admin/mail?done=test"))
}

/// `POST /admin/mail/{id}/resend`: puts a failed message back in the queue.
pub async fn resend(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    _f: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    me.require(&[Role::Admin])?;
    if !store::resend(&state.db, OutboxId(path.into_inner())).await? {
        return Err(AppError::NotFound);
    }
    state.mail.wake();
    Ok(see_other("/admin/mail?done=resend"))
}
