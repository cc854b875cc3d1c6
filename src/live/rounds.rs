//! Live "Have your say" results: a vote (or an approved comment) is announced as an event
//! carrying only the round and project ids and a time, and the round's results page listens
//! for its own round's events (no backlog: the page reloads its figures on each).

use actix_web::HttpResponse;
use chrono::Utc;
use sea_orm::ConnectionTrait;

use crate::live::hub::Hub;
use crate::live::model::LiveEvent;
use crate::live::sse;

/// Announces that a round's figures changed. Call only after the commit.
pub async fn announce_round<C: ConnectionTrait>(hub: &Hub, db: &C, project: i64, round: i64) {
    let now = Utc::now();
    let event = LiveEvent {
        response_id: now.timestamp_micros(),
        survey_id: 0,
        project_id: project,
        submitted_at: now,
        round_id: Some(round),
    };
    hub.publish(db, &event).await;
}

/// An event stream of one round's changes.
pub fn round_stream(hub: &Hub, round: i64) -> HttpResponse {
    sse::respond(Vec::new(), hub.subscribe(), move |e| {
        e.round_id == Some(round)
    })
}
