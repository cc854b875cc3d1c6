//! A GOV.UK date input as typed (day, month, year) or sent to the API (ISO), parsed by the
//! surveys' one date parser.

use chrono::NaiveDate;

/// A GOV.UK date input as typed: day, month and year.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct DateInput {
    pub day: String,
    pub month: String,
    pub year: String,
}

impl DateInput {
    /// The parts of a date, for putting back into a form.
    pub fn of(date: Option<NaiveDate>) -> DateInput {
        use chrono::Datelike;
        date.map(|d| DateInput {
            day: d.day().to_string(),
            month: d.month().to_string(),
            year: d.year().to_string(),
        })
        .unwrap_or_default()
    }

    /// Reads an ISO date (`2026-12-05`) as sent to the API; anything else is kept as typed so
    /// the parser can say what is wrong with it.
    pub fn iso(text: &str) -> DateInput {
        let mut parts = text.trim().splitn(3, '-');
        match (parts.next(), parts.next(), parts.next()) {
            (Some(y), Some(m), Some(d)) => DateInput {
                day: d.into(),
                month: m.into(),
                year: y.into(),
            },
            _ if text.trim().is_empty() => DateInput::default(),
            _ => DateInput {
                day: text.into(),
                month: "?".into(),
                year: "?".into(),
            },
        }
    }

    /// Parses the date; all blank is `Ok(None)`.
    pub fn parse(&self) -> Result<Option<NaiveDate>, &'static str> {
        crate::surveys::raw::parse_date(&self.day, &self.month, &self.year)
    }
}
