//! What a survey looks like before it is parsed: [`RawSurvey`], the one input every path maps
//! into (the settings form, the API's JSON body, a copy of a stored survey, a survey built in
//! code), and the mappings from the typed values the app already holds.

use chrono::{DateTime, NaiveDate, Utc};

use crate::surveys::model::TITLE_MAX;
use crate::surveys::model::{NewSurvey, Survey};
use crate::surveys::question::{QuestionDef, QuestionInput};

/// A date as it arrives: the day the form's three boxes name, or an exact time (the API, a
/// stored survey, a survey built in code).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RawDate {
    /// A GOV.UK date input, as typed. All blank is "no date".
    Day {
        day: String,
        month: String,
        year: String,
    },
    /// An exact time; `None` is "no date".
    At(Option<DateTime<Utc>>),
}

impl Default for RawDate {
    fn default() -> Self {
        RawDate::At(None)
    }
}

impl RawDate {
    /// The time this date stands for: a day's start, or for a closing day (which lasts to its
    /// end) the next day's start.
    pub fn instant(&self, closing: bool) -> Result<Option<DateTime<Utc>>, &'static str> {
        match self {
            RawDate::At(at) => Ok(*at),
            RawDate::Day { day, month, year } => Ok(parse_date(day, month, year)?
                .and_then(|d| if closing { d.succ_opt() } else { Some(d) })
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|d| d.and_utc())),
        }
    }
}

/// A survey as it arrives from any path, nothing checked: text as typed, choices by their
/// stored names.
#[derive(Clone, Debug, Default)]
pub struct RawSurvey {
    /// `questionnaire` or `feedback`.
    pub kind: String,
    pub title: String,
    /// `children`, `families`, `practitioners` or `anyone`.
    pub audience: String,
    pub intro: String,
    /// One of the default notices follows the audience and anonymity.
    pub privacy_notice: String,
    /// `one_per_page` or `single_page`; blank chooses from kind and audience.
    pub layout: String,
    /// `no` records who answered; anything else is anonymous.
    pub anonymous: String,
    /// `yes` offers a quick exit.
    pub sensitive: String,
    /// The first day (or time) answers are taken.
    pub opens: RawDate,
    /// The last day answers are taken (a day lasts to its end), or the time they stop.
    pub closes: RawDate,
    pub context_prompt: String,
    /// Blank lines are ignored.
    pub context_options: Vec<String>,
    /// Empty when the path does not change questions (the settings form).
    pub questions: Vec<QuestionInput>,
}

/// "yes" or "no".
pub fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// Parses a GOV.UK date input. All blank is `Ok(None)`.
pub fn parse_date(day: &str, month: &str, year: &str) -> Result<Option<NaiveDate>, &'static str> {
    let (day, month, year) = (day.trim(), month.trim(), year.trim());
    if day.is_empty() && month.is_empty() && year.is_empty() {
        return Ok(None);
    }
    if day.is_empty() || month.is_empty() || year.is_empty() {
        return Err("Date must include a day, month and year");
    }
    let (Ok(d), Ok(m), Ok(y)) = (
        day.parse::<u32>(),
        month.parse::<u32>(),
        year.parse::<i32>(),
    ) else {
        return Err("Date must be a real date, written as numbers");
    };
    if year.len() != 4 {
        return Err("Year must include 4 numbers");
    }
    NaiveDate::from_ymd_opt(y, m, d)
        .map(Some)
        .ok_or("Date must be a real date")
}

impl From<&QuestionDef> for QuestionInput {
    fn from(def: &QuestionDef) -> QuestionInput {
        QuestionInput {
            key: def.key.as_str().to_owned(),
            kind: def.kind.as_str().to_owned(),
            prompt: def.prompt.clone(),
            hint: def.hint.clone(),
            easy_read: def.easy_read.clone(),
            required: def.required,
            options: def.options.clone(),
            allow_other: def.allow_other,
            allow_none: def.allow_none,
        }
    }
}

impl From<&NewSurvey> for RawSurvey {
    /// A survey built in code, to go through the same parse as everything else.
    fn from(new: &NewSurvey) -> RawSurvey {
        RawSurvey {
            kind: new.kind.as_str().into(),
            title: new.title.clone(),
            audience: new.audience.as_str().into(),
            intro: new.intro.clone(),
            privacy_notice: new.privacy_notice.clone(),
            layout: new.layout.as_str().into(),
            anonymous: yes_no(new.anonymous).into(),
            sensitive: yes_no(new.sensitive).into(),
            opens: RawDate::At(new.opens_at),
            closes: RawDate::At(new.closes_at),
            context_prompt: new.context_prompt.clone().unwrap_or_default(),
            context_options: new.context_options.clone(),
            questions: new.questions.iter().map(QuestionInput::from).collect(),
        }
    }
}

impl RawSurvey {
    /// A stored survey with these questions, titled "Copy of …" (cut to fit the title's limit).
    pub fn copy_of(original: &Survey, questions: &[QuestionDef]) -> RawSurvey {
        RawSurvey {
            kind: original.kind.as_str().into(),
            title: format!("Copy of {}", original.title)
                .chars()
                .take(TITLE_MAX)
                .collect(),
            audience: original.audience.as_str().into(),
            intro: original.intro.clone(),
            privacy_notice: original.privacy_notice.clone(),
            layout: original.layout.as_str().into(),
            anonymous: yes_no(original.anonymous).into(),
            sensitive: yes_no(original.sensitive).into(),
            opens: RawDate::At(original.opens_at),
            closes: RawDate::At(original.closes_at),
            context_prompt: original.context_prompt.clone().unwrap_or_default(),
            context_options: original.context_options.clone(),
            questions: questions.iter().map(QuestionInput::from).collect(),
        }
    }
}
