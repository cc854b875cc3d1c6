//! The one way a date or a moment is shown to people: UK time (GMT, or BST in summer), in the
//! GOV.UK style ("4 December 2026", "4 December 2026 at 5:38pm", and for people answering
//! "Friday 4 December 2026 at 5:38pm"), inside a `<time>` element whose `datetime` holds the
//! exact UTC instant for machines.

use std::fmt;

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Timelike, Utc, Weekday};
use maud::{Markup, Render, html};

/// How much of a moment to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Precision {
    Day,
    Minute,
    /// The day's name too, for people answering: no zone to puzzle over, nothing to misread.
    MinuteWithDay,
}

/// A moment as people read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct When {
    at: DateTime<Utc>,
    precision: Precision,
}

impl When {
    /// The day only: "4 December 2026".
    pub fn day(at: DateTime<Utc>) -> Self {
        When {
            at,
            precision: Precision::Day,
        }
    }

    /// The day and time: "4 December 2026 at 5:38pm".
    pub fn moment(at: DateTime<Utc>) -> Self {
        When {
            at,
            precision: Precision::Minute,
        }
    }

    /// The day's name, the day and the time: "Friday 4 December 2026 at 5:38pm".
    pub fn with_day(at: DateTime<Utc>) -> Self {
        When {
            at,
            precision: Precision::MinuteWithDay,
        }
    }
}

/// The last Sunday of a month, at 01:00 UTC: when UK clocks change.
fn last_sunday_1am(year: i32, month: u32) -> DateTime<Utc> {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    let mut day = first_of_next.map_or(NaiveDate::MIN, |d| d - Duration::days(1));
    while day.weekday() != Weekday::Sun {
        day -= Duration::days(1);
    }
    Utc.from_utc_datetime(&day.and_hms_opt(1, 0, 0).unwrap_or_default())
}

/// UK civil time: BST (UTC+1) from the last Sunday of March to the last Sunday of October,
/// both at 01:00 UTC; GMT otherwise.
fn uk(at: DateTime<Utc>) -> chrono::NaiveDateTime {
    let year = at.year();
    let summer = at >= last_sunday_1am(year, 3) && at < last_sunday_1am(year, 10);
    let offset = if summer {
        Duration::hours(1)
    } else {
        Duration::zero()
    };
    (at + offset).naive_utc()
}

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let local = uk(self.at);
        if self.precision == Precision::MinuteWithDay {
            write!(f, "{} ", local.format("%A"))?;
        }
        write!(f, "{}", local.format("%-d %B %Y"))?;
        if self.precision != Precision::Day {
            let hour = match local.hour() % 12 {
                0 => 12,
                h => h,
            };
            let half = if local.hour() < 12 { "am" } else { "pm" };
            write!(f, " at {hour}:{:02}{half}", local.minute())?;
        }
        Ok(())
    }
}

impl Render for When {
    fn render(&self) -> Markup {
        html! { time datetime=(self.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)) { (self.to_string()) } }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn winter_moments_read_in_gmt() {
        assert_eq!(
            When::moment(at("2026-12-04T17:38:00Z")).to_string(),
            "4 December 2026 at 5:38pm"
        );
        assert_eq!(
            When::moment(at("2026-01-01T00:05:00Z")).to_string(),
            "1 January 2026 at 12:05am"
        );
        assert_eq!(
            When::day(at("2026-12-04T17:38:00Z")).to_string(),
            "4 December 2026"
        );
    }

    #[test]
    fn summer_moments_read_in_bst_and_the_clocks_change_on_the_last_sundays() {
        assert_eq!(
            When::moment(at("2026-07-01T11:00:00Z")).to_string(),
            "1 July 2026 at 12:00pm"
        );
        // 2026: clocks go forward on 29 March and back on 25 October, at 01:00 UTC.
        assert_eq!(
            When::moment(at("2026-03-29T00:59:00Z")).to_string(),
            "29 March 2026 at 12:59am"
        );
        assert_eq!(
            When::moment(at("2026-03-29T01:00:00Z")).to_string(),
            "29 March 2026 at 2:00am"
        );
        assert_eq!(
            When::moment(at("2026-10-25T00:59:00Z")).to_string(),
            "25 October 2026 at 1:59am"
        );
        assert_eq!(
            When::moment(at("2026-10-25T01:00:00Z")).to_string(),
            "25 October 2026 at 1:00am"
        );
    }

    #[test]
    fn moments_for_people_answering_name_the_uk_day() {
        assert_eq!(
            When::with_day(at("2026-12-04T17:38:00Z")).to_string(),
            "Friday 4 December 2026 at 5:38pm"
        );
        // 23:30 UTC on a summer Tuesday is already Wednesday in the UK.
        assert_eq!(
            When::with_day(at("2026-06-30T23:30:00Z")).to_string(),
            "Wednesday 1 July 2026 at 12:30am"
        );
    }

    #[test]
    fn a_day_late_in_the_evening_in_summer_is_the_next_uk_day() {
        assert_eq!(
            When::day(at("2026-06-30T23:30:00Z")).to_string(),
            "1 July 2026"
        );
    }

    #[test]
    fn html_carries_the_exact_instant_for_machines() {
        let markup = When::day(at("2026-12-04T17:38:00Z")).render().into_string();
        assert_eq!(
            markup,
            r#"<time datetime="2026-12-04T17:38:00Z">4 December 2026</time>"#
        );
    }
}
