//! What part of the audit log to show: by who, by action (the route), by project and by dates.
//! One parser for the admin page, its CSV and the API.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::fields::{FieldErrors, line};

/// The filters as sent in the query string (kept as text, so a bad value is a message naming
/// its field).
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct RawFilter {
    /// Only what this steward (by id) did.
    #[param(value_type = Option<i64>)]
    pub who: Option<String>,
    /// Only this action: a route pattern, like `/surveys/{id}/publish`.
    pub action: Option<String>,
    /// Only what was done inside this project (by id).
    #[param(value_type = Option<i64>)]
    pub project: Option<String>,
    /// From this day (YYYY-MM-DD, UTC), inclusive.
    #[param(value_type = Option<String>, format = Date)]
    pub from: Option<String>,
    /// To this day (YYYY-MM-DD, UTC), inclusive.
    #[param(value_type = Option<String>, format = Date)]
    pub to: Option<String>,
}

/// Filters that parsed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only this steward.
    pub who: Option<i64>,
    /// Only this route pattern.
    pub action: Option<String>,
    /// Only this project.
    pub project: Option<i64>,
    /// At or after this moment.
    pub from: Option<DateTime<Utc>>,
    /// Before this moment (the start of the day after the last day asked for).
    pub before: Option<DateTime<Utc>>,
}

fn present(raw: &Option<String>) -> Option<&str> {
    raw.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn id(raw: &Option<String>) -> Result<Option<i64>, &'static str> {
    present(raw)
        .map(|t| {
            t.parse::<i64>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or("Choose one from the list")
        })
        .transpose()
}

fn day(raw: &Option<String>) -> Result<Option<DateTime<Utc>>, &'static str> {
    present(raw)
        .map(|t| {
            NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|d| d.and_utc())
                .ok_or("Enter a date like 2026-12-07")
        })
        .transpose()
}

impl Filter {
    /// Reads the filters; a bad one is a message naming its field.
    pub fn parse(raw: &RawFilter) -> Result<Filter, FieldErrors> {
        let mut errors = FieldErrors::new();
        let who = errors.take("who", id(&raw.who)).flatten();
        let project = errors.take("project", id(&raw.project)).flatten();
        let action = errors
            .take(
                "action",
                line(raw.action.as_deref().unwrap_or(""), 200).map_err(|e| e.message("Action")),
            )
            .filter(|a| !a.is_empty());
        let from = errors.take("from", day(&raw.from)).flatten();
        let to = errors.take("to", day(&raw.to)).flatten();
        if let (Some(f), Some(t)) = (from, to)
            && t < f
        {
            errors.add(
                "to",
                "The last day must be the same as or after the first day",
            );
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Filter {
            who,
            action,
            project,
            from,
            before: to.map(|t| t + Duration::days(1)),
        })
    }

    /// The filters as a query string (for paging links and the CSV link), without a `?`.
    pub fn query(raw: &RawFilter) -> String {
        let pairs = [
            ("who", &raw.who),
            ("action", &raw.action),
            ("project", &raw.project),
            ("from", &raw.from),
            ("to", &raw.to),
        ];
        let mut out = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in pairs {
            if let Some(v) = present(v) {
                out.append_pair(k, v);
            }
        }
        out.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(who: &str, from: &str, to: &str) -> RawFilter {
        RawFilter {
            who: Some(who.into()),
            from: Some(from.into()),
            to: Some(to.into()),
            ..RawFilter::default()
        }
    }

    #[test]
    fn empty_filters_are_no_filters() {
        assert_eq!(Filter::parse(&raw(" ", "", "")), Ok(Filter::default()));
    }

    #[test]
    fn bad_values_name_their_field() {
        let e = Filter::parse(&raw("x", "2026-13-01", "2026-01-01")).unwrap_err();
        assert!(e.get("who").is_some() && e.get("from").is_some());
        let e = Filter::parse(&raw("1", "2026-02-01", "2026-01-01")).unwrap_err();
        assert!(e.get("to").is_some());
    }

    #[test]
    fn the_last_day_is_included() {
        let f = Filter::parse(&raw("2", "2026-01-01", "2026-01-01")).unwrap();
        assert_eq!(f.before.unwrap() - f.from.unwrap(), Duration::days(1));
        assert_eq!(
            Filter::query(&raw("2", "", "2026-01-01")),
            "who=2&to=2026-01-01"
        );
    }
}
