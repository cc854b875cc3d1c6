//! The builder's survey settings form: its fields as typed (with GOV.UK day/month/year dates),
//! how a stored survey fills them in, and how they map into the one parser's [`RawSurvey`].

use chrono::{DateTime, Datelike, Utc};

use crate::fields::FieldErrors;
use crate::surveys::model::Survey;
use crate::surveys::parse::ParsedSurvey;
use crate::surveys::raw::{RawDate, RawSurvey};

pub use crate::surveys::question_form_fields::QuestionForm;
pub use crate::surveys::raw::{parse_date, yes_no};

/// Survey settings as typed into the builder's form.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct SurveyInput {
    pub kind: String,
    pub title: String,
    pub audience: String,
    pub intro: String,
    pub privacy_notice: String,
    pub layout: String,
    pub anonymous: String,
    pub sensitive: String,
    pub opens_day: String,
    pub opens_month: String,
    pub opens_year: String,
    pub closes_day: String,
    pub closes_month: String,
    pub closes_year: String,
    pub context_prompt: String,
    /// One per line.
    pub context_options: String,
}

fn date_parts(d: Option<DateTime<Utc>>) -> (String, String, String) {
    d.map(|d| {
        (
            d.day().to_string(),
            d.month().to_string(),
            d.year().to_string(),
        )
    })
    .unwrap_or_default()
}

impl SurveyInput {
    /// The form as it should first appear for a stored survey.
    pub fn from_survey(s: &Survey) -> SurveyInput {
        let (opens_day, opens_month, opens_year) = date_parts(s.opens_at);
        // Stored close times are the start of the day after the last day shown.
        let (closes_day, closes_month, closes_year) =
            date_parts(s.closes_at.map(|c| c - chrono::Duration::days(1)));
        SurveyInput {
            kind: s.kind.as_str().into(),
            title: s.title.clone(),
            audience: s.audience.as_str().into(),
            intro: s.intro.clone(),
            privacy_notice: s.privacy_notice.clone(),
            layout: s.layout.as_str().into(),
            anonymous: yes_no(s.anonymous).into(),
            sensitive: yes_no(s.sensitive).into(),
            opens_day,
            opens_month,
            opens_year,
            closes_day,
            closes_month,
            closes_year,
            context_prompt: s.context_prompt.clone().unwrap_or_default(),
            context_options: s.context_options.join("\n"),
        }
    }

    /// The form's fields as the parser reads them (the form never changes questions).
    pub fn raw(&self) -> RawSurvey {
        RawSurvey {
            kind: self.kind.clone(),
            title: self.title.clone(),
            audience: self.audience.clone(),
            intro: self.intro.clone(),
            privacy_notice: self.privacy_notice.clone(),
            layout: self.layout.clone(),
            anonymous: self.anonymous.clone(),
            sensitive: self.sensitive.clone(),
            opens: RawDate::Day {
                day: self.opens_day.clone(),
                month: self.opens_month.clone(),
                year: self.opens_year.clone(),
            },
            closes: RawDate::Day {
                day: self.closes_day.clone(),
                month: self.closes_month.clone(),
                year: self.closes_year.clone(),
            },
            context_prompt: self.context_prompt.clone(),
            context_options: self.context_options.lines().map(str::to_owned).collect(),
            questions: Vec::new(),
        }
    }
}

/// Parses the settings form with the one survey parser; errors are keyed by the form's field
/// names (`opens` and `closes` for the date inputs).
pub fn parse_survey(input: &SurveyInput) -> Result<ParsedSurvey, FieldErrors> {
    ParsedSurvey::parse(&input.raw())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surveys::model::Layout;

    #[test]
    fn dates_must_be_whole_and_real() {
        assert_eq!(parse_date("", "", ""), Ok(None));
        assert!(parse_date("31", "2", "2027").is_err());
        assert!(parse_date("1", "", "2027").is_err());
        assert!(parse_date("1", "2", "27").is_err());
        assert!(parse_date("1", "2", "2027").unwrap().is_some());
    }

    fn form() -> SurveyInput {
        SurveyInput {
            kind: "questionnaire".into(),
            title: "How was club?".into(),
            audience: "children".into(),
            privacy_notice: "Kept safe".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_survey_gets_its_layout_from_its_audience_when_none_is_chosen() {
        let parsed = parse_survey(&form()).unwrap();
        assert_eq!(parsed.settings().layout(), Layout::OnePerPage);
        assert!(parsed.settings().anonymous());
    }

    #[test]
    fn a_closing_day_lasts_to_its_end_and_may_be_the_opening_day() {
        let same_day = SurveyInput {
            opens_day: "3".into(),
            opens_month: "4".into(),
            opens_year: "2030".into(),
            closes_day: "3".into(),
            closes_month: "4".into(),
            closes_year: "2030".into(),
            ..form()
        };
        let parsed = parse_survey(&same_day).unwrap();
        let (opens, closes) = (parsed.settings().opens_at(), parsed.settings().closes_at());
        assert_eq!(
            closes.zip(opens).map(|(c, o)| c - o),
            Some(chrono::Duration::days(1))
        );
        let day_before = SurveyInput {
            closes_day: "2".into(),
            ..same_day
        };
        assert!(
            parse_survey(&day_before)
                .unwrap_err()
                .get("closes")
                .is_some()
        );
    }

    #[test]
    fn context_options_are_one_per_line() {
        let feedback = SurveyInput {
            kind: "feedback".into(),
            audience: "practitioners".into(),
            context_prompt: "Where was this?".into(),
            context_options: "Home visit\n\n  Meeting \n".into(),
            ..form()
        };
        let parsed = parse_survey(&feedback).unwrap();
        assert_eq!(
            parsed.settings().context_options(),
            ["Home visit", "Meeting"]
        );
    }
}
