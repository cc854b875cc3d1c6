//! Pure parsing of the builder's forms: survey settings (with GOV.UK day/month/year dates) and
//! the question form, into validated model values or field errors.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::fields::FieldErrors;
use crate::surveys::model::{Audience, Layout, NewSurvey, Survey, SurveyKind};
use crate::surveys::question::{Question, QuestionDef, QuestionInput, QuestionKind};

/// Raw survey settings as typed into the builder's form.
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

fn start_of(date: NaiveDate) -> Option<DateTime<Utc>> {
    date.and_hms_opt(0, 0, 0).map(|d| d.and_utc())
}

fn text(
    errors: &mut FieldErrors,
    field: &str,
    value: &str,
    empty: Option<&str>,
    max: usize,
    what: &str,
) -> String {
    let value = value.trim();
    match empty {
        Some(message) if value.is_empty() => errors.add(field, message),
        _ if value.chars().count() > max => {
            errors.add(field, format!("{what} must be {max} characters or fewer"))
        }
        _ => {}
    }
    value.to_owned()
}

/// Parses survey settings (without questions) or returns every problem, keyed by field name.
pub fn parse_survey(input: &SurveyInput) -> Result<NewSurvey, FieldErrors> {
    let mut errors = FieldErrors::new();
    let kind = SurveyKind::parse(&input.kind);
    if kind.is_none() {
        errors.add("kind", "Select what kind of survey this is");
    }
    let title = text(
        &mut errors,
        "title",
        &input.title,
        Some("Enter a title"),
        120,
        "Title",
    );
    let audience = Audience::parse(&input.audience);
    if audience.is_none() {
        errors.add("audience", "Select who the survey is for");
    }
    let intro = text(
        &mut errors,
        "intro",
        &input.intro,
        None,
        5000,
        "Introduction",
    );
    let privacy_notice = text(
        &mut errors,
        "privacy_notice",
        &input.privacy_notice,
        Some("Enter a privacy notice"),
        10000,
        "Privacy notice",
    );
    let layout = match input.layout.trim() {
        "" => None,
        other => {
            let parsed = Layout::parse(other);
            if parsed.is_none() {
                errors.add("layout", "Select how questions are laid out");
            }
            parsed
        }
    };
    let anonymous = input.anonymous.trim() != "no";
    if !anonymous && kind == Some(SurveyKind::Questionnaire) {
        errors.add(
            "anonymous",
            "Questionnaires are always anonymous. Only feedback forms can record who answered",
        );
    }
    let sensitive = input.sensitive.trim() == "yes";
    let opens = errors
        .take(
            "opens",
            parse_date(&input.opens_day, &input.opens_month, &input.opens_year),
        )
        .flatten();
    let closes = errors
        .take(
            "closes",
            parse_date(&input.closes_day, &input.closes_month, &input.closes_year),
        )
        .flatten();
    if let (Some(o), Some(c)) = (opens, closes)
        && c < o
    {
        errors.add(
            "closes",
            "The closing date must be the same as or after the opening date",
        );
    }
    let feedback = kind == Some(SurveyKind::Feedback);
    let context_prompt = text(
        &mut errors,
        "context_prompt",
        &input.context_prompt,
        None,
        200,
        "Context question",
    );
    let context_options: Vec<String> = input
        .context_options
        .lines()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    if feedback {
        if !context_prompt.is_empty() && context_options.len() < 2 {
            errors.add(
                "context_options",
                "Enter at least 2 context options, one per line",
            );
        } else if context_prompt.is_empty() && !context_options.is_empty() {
            errors.add(
                "context_prompt",
                "Enter the context question, or remove the context options",
            );
        } else if context_options.len() > 30
            || context_options.iter().any(|o| o.chars().count() > 200)
        {
            errors.add(
                "context_options",
                "Enter 30 context options or fewer, each 200 characters or fewer",
            );
        }
    }
    match (kind, audience) {
        (Some(kind), Some(audience)) if errors.is_empty() => Ok(NewSurvey {
            kind,
            title,
            audience,
            intro,
            // A default notice follows the settings, so it never says what they cannot do.
            privacy_notice: if crate::surveys::privacy::is_default(&privacy_notice) {
                crate::surveys::privacy::default_notice(audience, anonymous).to_owned()
            } else {
                privacy_notice
            },
            layout: layout.unwrap_or_else(|| Layout::default_for(kind, audience)),
            anonymous,
            sensitive,
            opens_at: opens.and_then(start_of),
            closes_at: closes.and_then(|c| c.succ_opt()).and_then(start_of),
            context_prompt: (feedback && !context_prompt.is_empty()).then_some(context_prompt),
            context_options: if feedback {
                context_options
            } else {
                Vec::new()
            },
            questions: Vec::new(),
        }),
        _ => Err(errors),
    }
}

/// Raw fields of the builder's question form.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct QuestionForm {
    pub kind: String,
    pub prompt: String,
    pub hint: String,
    pub easy_read: String,
    pub key: String,
    pub required: String,
    /// Choices, one per line.
    pub options: String,
    pub low_label: String,
    pub high_label: String,
    pub allow_other: String,
    pub allow_none: String,
}

impl QuestionForm {
    /// The form as it should first appear for a stored question.
    pub fn from_question(q: &Question) -> QuestionForm {
        let d = &q.def;
        let ends = d.kind.default_ends().is_some();
        QuestionForm {
            kind: d.kind.as_str().into(),
            prompt: d.prompt.clone(),
            hint: d.hint.clone(),
            easy_read: d.easy_read.clone(),
            key: d.key.as_str().into(),
            required: yes_no(d.required).into(),
            options: if ends {
                String::new()
            } else {
                d.options.join("\n")
            },
            low_label: if ends {
                d.options.first().cloned().unwrap_or_default()
            } else {
                String::new()
            },
            high_label: if ends {
                d.options.get(1).cloned().unwrap_or_default()
            } else {
                String::new()
            },
            allow_other: if d.allow_other {
                "yes".into()
            } else {
                String::new()
            },
            allow_none: if d.allow_none {
                "yes".into()
            } else {
                String::new()
            },
        }
    }

    /// Parses the form into a question, with errors keyed by this form's field names.
    pub fn parse(&self) -> Result<QuestionDef, FieldErrors> {
        let kind = QuestionKind::parse(&self.kind);
        let ends = kind.is_some_and(|k| k.default_ends().is_some());
        let options = if ends {
            if self.low_label.trim().is_empty() && self.high_label.trim().is_empty() {
                Vec::new()
            } else {
                vec![self.low_label.clone(), self.high_label.clone()]
            }
        } else {
            self.options.lines().map(str::to_owned).collect()
        };
        let mut errors = FieldErrors::new();
        let required = match self.required.trim() {
            "yes" => true,
            "no" => false,
            _ => {
                errors.add(
                    "required",
                    "Select whether people must answer this question",
                );
                false
            }
        };
        let input = QuestionInput {
            key: self.key.clone(),
            kind: self.kind.clone(),
            prompt: self.prompt.clone(),
            hint: self.hint.clone(),
            easy_read: self.easy_read.clone(),
            required,
            options,
            allow_other: self.allow_other == "yes",
            allow_none: self.allow_none == "yes",
        };
        match QuestionDef::parse(&input) {
            Ok(def) if errors.is_empty() => Ok(def),
            Ok(_) => Err(errors),
            Err(found) => {
                // Problems in the order the fields appear on the page; scale and rating labels
                // are two fields rather than the options box.
                let mut ordered = FieldErrors::new();
                for field in [
                    "kind",
                    "prompt",
                    "hint",
                    "easy_read",
                    "key",
                    "required",
                    "options",
                ] {
                    if let Some(message) = found.get(field).or(errors.get(field)) {
                        let shown = if field == "options" && ends {
                            "low_label"
                        } else {
                            field
                        };
                        ordered.add(shown, message);
                    }
                }
                Err(ordered)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_whole_and_real() {
        assert_eq!(parse_date("", "", ""), Ok(None));
        assert!(parse_date("31", "2", "2027").is_err());
        assert!(parse_date("1", "", "2027").is_err());
        assert!(parse_date("1", "2", "27").is_err());
        assert!(parse_date("1", "2", "2027").unwrap().is_some());
    }

    #[test]
    fn a_survey_gets_its_layout_from_its_audience_when_none_is_chosen() {
        let input = SurveyInput {
            kind: "questionnaire".into(),
            title: "How was club?".into(),
            audience: "children".into(),
            privacy_notice: "Kept safe".into(),
            ..Default::default()
        };
        let s = parse_survey(&input).unwrap();
        assert_eq!(s.layout, Layout::OnePerPage);
        assert!(s.anonymous);
    }

    #[test]
    fn scale_label_problems_are_shown_on_the_label_fields() {
        let form = QuestionForm {
            kind: "scale".into(),
            prompt: "How much?".into(),
            required: "yes".into(),
            low_label: "Low".into(),
            ..Default::default()
        };
        let errors = form.parse().unwrap_err();
        assert!(errors.get("low_label").is_some());
    }
}
