//! Pure live-event types and the server-sent-events wire format.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// "A response arrived": what boards and API clients are told. No answer text, ever.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveEvent {
    /// The response's id: increasing, so it doubles as the SSE event id for resuming.
    pub response_id: i64,
    pub survey_id: i64,
    pub project_id: i64,
    pub submitted_at: DateTime<Utc>,
    /// Set on a "Have your say" vote (then `survey_id` is 0 and `response_id` a time-based
    /// number): only the round's results page listens for these.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round_id: Option<i64>,
}

/// One SSE frame for an event: `id`, `event: response` and the JSON data.
pub fn frame(event: &LiveEvent) -> String {
    let data = serde_json::to_string(event).unwrap_or_else(|_| "{}".into());
    format!(
        "id: {}\nevent: response\ndata: {data}\n\n",
        event.response_id
    )
}

/// A comment frame that keeps idle connections open through proxies.
pub const KEEP_ALIVE: &str = ": keep-alive\n\n";

/// Tells a client it missed events and should reload its view.
pub const RESYNC: &str = "event: resync\ndata: {}\n\n";

/// Most events replayed, oldest first, to a client that resumes with `Last-Event-ID`; a client
/// further behind reads the rest through the responses list.
pub const BACKLOG_CAP: u64 = 500;

/// Reads a `Last-Event-ID` header value.
pub fn last_event_id(header: Option<&str>) -> Option<i64> {
    header
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|n| *n >= 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_carry_the_response_id_as_the_event_id() {
        let e = LiveEvent {
            response_id: 42,
            survey_id: 7,
            project_id: 3,
            submitted_at: DateTime::<Utc>::UNIX_EPOCH,
            round_id: None,
        };
        let f = frame(&e);
        assert!(f.starts_with("id: 42\nevent: response\ndata: {"));
        assert!(f.ends_with("\n\n"));
        assert_eq!(last_event_id(Some(" 42 ")), Some(42));
        assert_eq!(last_event_id(Some("x")), None);
    }
}
