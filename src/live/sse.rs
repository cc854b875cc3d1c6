//! Server-sent-event responses: a backlog (for `Last-Event-ID` resumes), then live events that
//! pass a filter, with keep-alives. Memory per connection: one broadcast receiver.

use std::time::Duration;

use actix_web::HttpResponse;
use actix_web::web::Bytes;
use futures_util::stream;
use tokio::sync::broadcast;
use tokio::sync::broadcast::error::RecvError;

use crate::live::model::{KEEP_ALIVE, LiveEvent, RESYNC, frame};

/// Streams `backlog` then every event for which `wanted` is true.
pub fn respond(
    backlog: Vec<LiveEvent>,
    rx: broadcast::Receiver<LiveEvent>,
    wanted: impl Fn(&LiveEvent) -> bool + 'static,
) -> HttpResponse {
    let last_sent = backlog.last().map(|e| e.response_id).unwrap_or(0);
    let first: String = backlog.iter().map(frame).collect::<String>() + "retry: 2000\n\n";
    let state = (Some(first), rx, last_sent, wanted);
    let body = stream::unfold(
        state,
        |(pending, mut rx, mut last_sent, wanted)| async move {
            if let Some(text) = pending {
                return Some((
                    Ok::<_, actix_web::Error>(Bytes::from(text)),
                    (None, rx, last_sent, wanted),
                ));
            }
            loop {
                match tokio::time::timeout(Duration::from_secs(15), rx.recv()).await {
                    Err(_) => {
                        return Some((
                            Ok(Bytes::from_static(KEEP_ALIVE.as_bytes())),
                            (None, rx, last_sent, wanted),
                        ));
                    }
                    Ok(Ok(event)) => {
                        // Skip events already sent in the backlog, and those for other boards.
                        if event.response_id > last_sent && wanted(&event) {
                            last_sent = event.response_id;
                            return Some((
                                Ok(Bytes::from(frame(&event))),
                                (None, rx, last_sent, wanted),
                            ));
                        }
                    }
                    Ok(Err(RecvError::Lagged(_))) => {
                        return Some((
                            Ok(Bytes::from_static(RESYNC.as_bytes())),
                            (None, rx, last_sent, wanted),
                        ));
                    }
                    Ok(Err(RecvError::Closed)) => return None,
                }
            }
        },
    );
    HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header(("Cache-Control", "no-cache"))
        .insert_header(("Content-Encoding", "identity"))
        .insert_header(("X-Accel-Buffering", "no"))
        .streaming(body)
}
