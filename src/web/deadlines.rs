//! Deadlines for every request body, so slow or stalled clients cannot hold connections open for
//! ever: a body that stops arriving for `CHORUS_BODY_TIMEOUT_SECS`, or is still arriving
//! `CHORUS_REQUEST_DEADLINE_SECS` after it began (a trickle of a byte at a time), fails with 408
//! and its connection is closed (the HTTP layer closes after answering a body it did not read).
//! The request head has the HTTP layer's own timeout; answering and downloads are not cut off.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use actix_web::HttpMessage;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::middleware::Next;
use actix_web::web::{Bytes, Data};
use futures_util::Stream;
use tokio::time::{Instant, Sleep};

use crate::config::Settings;
use crate::error::{ApiError, AppError};

/// Applies the settings' body and request deadlines to one request.
pub async fn enforce(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let Some((idle, deadline)) = req
        .app_data::<Data<Settings>>()
        .map(|s| (s.body_idle_timeout, s.request_deadline))
    else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let stalled = Arc::new(AtomicBool::new(false));
    let payload = Deadlined {
        inner: req.take_payload(),
        idle,
        timer: Box::pin(tokio::time::sleep(idle)),
        total: Box::pin(tokio::time::sleep(deadline)),
        stalled: Arc::clone(&stalled),
    };
    let payload: Pin<Box<dyn Stream<Item = Result<Bytes, PayloadError>>>> = Box::pin(payload);
    req.set_payload(Payload::from(payload));
    let res = next.call(req).await?;
    if !stalled.load(Ordering::Relaxed) {
        return Ok(res.map_into_boxed_body());
    }
    tracing::debug!("a request body stopped arriving");
    let request = res.request().clone();
    Ok(if request.path().starts_with("/api/") {
        ServiceResponse::from_err(ApiError(AppError::TimedOut), request)
    } else {
        ServiceResponse::from_err(AppError::TimedOut, request)
    })
}

/// A request body that fails when no bytes arrive for `idle`, or when it is still arriving at
/// the request deadline.
struct Deadlined {
    inner: Payload,
    idle: Duration,
    timer: Pin<Box<Sleep>>,
    total: Pin<Box<Sleep>>,
    stalled: Arc<AtomicBool>,
}

impl Stream for Deadlined {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if let Poll::Ready(item) = Pin::new(&mut self.inner).poll_next(cx) {
            let next = Instant::now() + self.idle;
            self.timer.as_mut().reset(next);
            return Poll::Ready(item);
        }
        let idle_over = self.timer.as_mut().poll(cx).is_ready();
        if idle_over || self.total.as_mut().poll(cx).is_ready() {
            self.stalled.store(true, Ordering::Relaxed);
            return Poll::Ready(Some(Err(PayloadError::Io(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "the request body stopped arriving",
            )))));
        }
        Poll::Pending
    }
}
