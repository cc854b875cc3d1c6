//! The repeatable decision framework, pure: a project's criteria (from a template, editable),
//! how a decision was judged against each, who was in the room (counts by role, never names),
//! the options considered and when to look again. One parser, [`Framework::parse`], for the
//! free decision form, the experiment decision form and the API alike.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::fields::FieldErrors;
use crate::string_enum;

/// The criteria a new project starts with: a name and the question it asks.
pub const TEMPLATE: [(&str, &str); 6] = [
    (
        "What people told us",
        "Does this follow from what children, families and practitioners told us?",
    ),
    (
        "Co-designed with those affected",
        "Did the people it affects help shape it, as equal partners?",
    ),
    (
        "Safe to fail",
        "If it does not work, could anyone be harmed? Can we stop it quickly?",
    ),
    (
        "Fairness: who could be left out?",
        "Who might this leave out or treat unfairly, and what will we do about it?",
    ),
    (
        "What it costs",
        "What does it cost in money, time and goodwill?",
    ),
    (
        "What we will learn",
        "What will we know afterwards that we do not know now?",
    ),
];

/// The most criteria a project may have.
pub const MAX_CRITERIA: usize = 12;

/// One criterion of a project's framework.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Criterion {
    pub id: i64,
    pub name: String,
    pub question: String,
}

string_enum! {
    /// How well a decision meets a criterion.
    Rating {
        Yes = "yes",
        Partly = "partly",
        No = "no",
        Unknown = "unknown",
        NotAssessed = "not_assessed",
    }
}

impl Rating {
    /// The words people see.
    pub fn label(self) -> &'static str {
        match self {
            Rating::Yes => "Yes",
            Rating::Partly => "Partly",
            Rating::No => "No",
            Rating::Unknown => "We do not know yet",
            Rating::NotAssessed => "Not assessed",
        }
    }

    /// The ratings a person may choose (not assessed is what an unanswered one becomes).
    pub const CHOICES: [Rating; 4] = [Rating::Yes, Rating::Partly, Rating::No, Rating::Unknown];
}

/// How a decision was judged against one criterion (its name kept as it was then).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub criterion: String,
    pub rating: Rating,
    #[serde(default)]
    pub note: String,
}

/// Who was in the room, by role: counts only, never names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Room {
    pub children: u16,
    pub family: u16,
    pub practitioners: u16,
    pub managers: u16,
    pub others: u16,
}

impl Room {
    /// The roles with their plain names, in order.
    pub fn roles(&self) -> [(&'static str, &'static str, u16); 5] {
        [
            ("children", "Children and young people", self.children),
            ("family", "Parents, carers and family members", self.family),
            ("practitioners", "Practitioners", self.practitioners),
            ("managers", "Managers", self.managers),
            ("others", "Others", self.others),
        ]
    }

    /// Everyone counted.
    pub fn total(&self) -> u32 {
        self.roles().iter().map(|r| u32::from(r.2)).sum()
    }

    /// Whether children, young people or family members were there.
    pub fn with_people_affected(&self) -> bool {
        self.children + self.family > 0
    }
}

/// A decision's framework part, as recorded.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Framework {
    #[serde(default)]
    pub options: Vec<String>,
    #[serde(default)]
    pub assessments: Vec<Assessment>,
    #[serde(default)]
    pub room: Room,
    #[serde(default)]
    pub review_on: Option<NaiveDate>,
}

pub use crate::decisions::framework_raw::{RawAssessment, RawFramework};

impl Framework {
    /// Parses the framework part against the project's criteria: every criterion gets an
    /// assessment (not assessed when left unanswered), the room counts are whole numbers up to
    /// 999, the review date a real date. Problems are added to `errors`.
    pub fn parse(
        raw: &RawFramework,
        criteria: &[Criterion],
        errors: &mut FieldErrors,
    ) -> Framework {
        let mut options = Vec::new();
        for o in &raw.options {
            let o = errors.line("options", "Each option", o, 200);
            if !o.is_empty() && !options.contains(&o) {
                options.push(o);
            }
        }
        if options.len() > 20 {
            errors.add("options", "List at most 20 options");
        }
        for a in &raw.assessments {
            if !criteria.iter().any(|c| c.id == a.criterion) {
                errors.add("assessments", "One of the criteria is not this project's");
            }
        }
        let assessments = criteria
            .iter()
            .map(|c| assess(c, raw.typed(c.id), errors))
            .collect();
        let mut room = Room::default();
        for (key, value) in &raw.room {
            let count = count(value);
            let slot = match key.as_str() {
                "children" => &mut room.children,
                "family" => &mut room.family,
                "practitioners" => &mut room.practitioners,
                "managers" => &mut room.managers,
                "others" => &mut room.others,
                _ => {
                    errors.add("room", "Who was in the room: use the roles listed");
                    continue;
                }
            };
            match count {
                Some(n) => *slot = n,
                None => errors.add(
                    format!("room_{key}"),
                    "Enter how many people, as a whole number from 0 to 999",
                ),
            }
        }
        let review_on = errors
            .take("review_on", review_date(&raw.review_on))
            .flatten();
        Framework {
            options,
            assessments,
            room,
            review_on,
        }
    }
}

fn assess(c: &Criterion, typed: Option<&RawAssessment>, errors: &mut FieldErrors) -> Assessment {
    let field = format!("rating_{}", c.id);
    let rating = match typed.map(|t| t.rating.trim()).unwrap_or("") {
        "" => Rating::NotAssessed,
        r => Rating::parse(r)
            .filter(|r| *r != Rating::NotAssessed)
            .unwrap_or_else(|| {
                errors.add(&field, format!("{}: choose one of the answers", c.name));
                Rating::NotAssessed
            }),
    };
    let note = typed.map(|t| t.note.as_str()).unwrap_or("");
    let note = errors.text(&format!("note_{}", c.id), "The note", note, 1000);
    Assessment {
        criterion: c.name.clone(),
        rating,
        note,
    }
}

/// An ISO date (`2027-03-01`, as the API sends and the form's parts are joined into), or blank.
fn review_date(text: &str) -> Result<Option<NaiveDate>, &'static str> {
    let mut parts = text.trim().splitn(3, '-');
    let (y, m, d) = (parts.next(), parts.next(), parts.next());
    match (y, m, d) {
        (Some(""), None, None) | (None, _, _) => Ok(None),
        (Some(y), Some(m), Some(d)) => crate::surveys::raw::parse_date(d, m, y),
        _ => Err("Enter the review date as a day, month and year"),
    }
}

fn count(value: &serde_json::Value) -> Option<u16> {
    let t = match value {
        serde_json::Value::Number(n) => {
            return n
                .as_u64()
                .filter(|n| *n <= 999)
                .and_then(|n| u16::try_from(n).ok());
        }
        serde_json::Value::String(s) => s.trim(),
        serde_json::Value::Null => "",
        _ => return None,
    };
    if t.is_empty() {
        return Some(0);
    }
    t.parse::<u16>().ok().filter(|n| *n <= 999)
}

/// A project's criteria as edited: rows of (name, question); blank rows are skipped.
pub fn parse_criteria(
    rows: &[(String, String)],
    errors: &mut FieldErrors,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (i, (name, question)) in rows.iter().enumerate() {
        let field = format!("name_{}", i + 1);
        let name = errors.line(&field, "Each criterion", name, 80);
        let question = errors.line(
            &format!("question_{}", i + 1),
            "Each question",
            question,
            300,
        );
        if name.is_empty() {
            if !question.is_empty() {
                errors.add(field, "Give this criterion a name");
            }
            continue;
        }
        if out.iter().any(|(n, _)| n.eq_ignore_ascii_case(&name)) {
            errors.add(field, format!("\u{201c}{name}\u{201d} is listed twice"));
        }
        out.push((name, question));
    }
    if out.is_empty() && errors.is_empty() {
        errors.add("name_1", "Enter at least one criterion");
    }
    if rows.len() > MAX_CRITERIA {
        errors.add("name_1", format!("List at most {MAX_CRITERIA} criteria"));
    }
    out
}

#[cfg(test)]
#[path = "framework_tests.rs"]
mod tests;
