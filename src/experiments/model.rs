//! Pure experiment types: the experiment as proposed (parsed from the form or the API by one
//! parser), its status and the transitions a steward may make between them.

use chrono::NaiveDate;

pub use crate::experiments::dates::DateInput;
pub use crate::experiments::status::{Move, Status};
use crate::fields::FieldErrors;
use crate::projects::{ProjectId, Scale};
use crate::surveys::Audience;

/// An experiment's database id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct ExperimentId(pub i64);

/// An experiment as typed into the form or sent to the API.
#[derive(Clone, Debug, Default)]
pub struct RawExperiment {
    pub title: String,
    pub problem: String,
    pub themes: Vec<i64>,
    pub if_we: String,
    pub then_we: String,
    pub because: String,
    pub change: String,
    pub codesigners: Vec<String>,
    pub children: String,
    pub families: String,
    pub practitioners: String,
    pub scale: String,
    pub place: String,
    pub limits: String,
    pub owners: String,
    pub planned_start: DateInput,
    pub planned_end: DateInput,
}

/// How many people of each kind helped design the change: counts, never names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Codesign {
    pub children: u32,
    pub families: u32,
    pub practitioners: u32,
}

/// A valid experiment: the only way to store one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewExperiment {
    pub title: String,
    pub problem: String,
    pub themes: Vec<i64>,
    pub if_we: String,
    pub then_we: String,
    pub because: String,
    pub change: String,
    pub codesigners: Vec<Audience>,
    pub codesign: Codesign,
    pub scale: Scale,
    pub place: String,
    pub limits: String,
    pub owners: String,
    pub planned_start: NaiveDate,
    pub planned_end: NaiveDate,
}

/// Longest title, in characters.
pub const TITLE_MAX: usize = 120;
/// Longest long text (hypothesis parts, change, limits), in characters.
pub const TEXT_MAX: usize = 2000;
/// Longest one-line text (where, owners), in characters.
pub const LINE_MAX: usize = 200;

fn text(errors: &mut FieldErrors, field: &str, value: &str, empty: &str, max: usize) -> String {
    let value = if max > LINE_MAX {
        crate::fields::text(value, max)
    } else {
        crate::fields::line(value, max)
    };
    match value {
        Ok(v) if v.is_empty() && !empty.is_empty() => {
            errors.add(field, empty);
            v
        }
        Ok(v) => v,
        Err(problem) => {
            errors.add(field, problem.advice());
            String::new()
        }
    }
}

fn count(errors: &mut FieldErrors, field: &str, value: &str, who: &str) -> u32 {
    let value = value.trim();
    if value.is_empty() {
        return 0;
    }
    match value.parse::<u32>() {
        Ok(n) if n <= 100_000 => n,
        _ => {
            errors.add(
                field,
                format!("Enter how many {who} took part as a whole number, like 6"),
            );
            0
        }
    }
}

impl NewExperiment {
    /// Parses what was typed or sent, or says everything that is wrong with it. `themes` are
    /// the ids of the project's themes that may be linked.
    pub fn parse(raw: &RawExperiment, themes: &[i64]) -> Result<NewExperiment, FieldErrors> {
        let mut e = FieldErrors::new();
        let title = text(
            &mut e,
            "title",
            &raw.title,
            "Enter a short title",
            TITLE_MAX,
        );
        let problem = text(&mut e, "problem", &raw.problem, "", TEXT_MAX);
        let mut linked: Vec<i64> = Vec::new();
        for t in &raw.themes {
            if !themes.contains(t) {
                e.add("themes", "Choose themes from this project");
            } else if !linked.contains(t) {
                linked.push(*t);
            }
        }
        if linked.is_empty() && problem.is_empty() {
            e.add(
                "themes",
                "Choose at least one theme, or say the problem in people's own words",
            );
        }
        let if_we = text(
            &mut e,
            "if_we",
            &raw.if_we,
            "Say what we will do: \u{201c}If we \u{2026}\u{201d}",
            TEXT_MAX,
        );
        let then_we = text(
            &mut e,
            "then_we",
            &raw.then_we,
            "Say what we expect to happen: \u{201c}then \u{2026}\u{201d}",
            TEXT_MAX,
        );
        let because = text(
            &mut e,
            "because",
            &raw.because,
            "Say why we think so: \u{201c}because \u{2026}\u{201d}",
            TEXT_MAX,
        );
        let change = text(
            &mut e,
            "change",
            &raw.change,
            "Say what will change, and for whom",
            TEXT_MAX,
        );
        let mut codesigners = Vec::new();
        for a in &raw.codesigners {
            match Audience::parse(a) {
                Some(a) if a != Audience::Anyone && !codesigners.contains(&a) => {
                    codesigners.push(a)
                }
                Some(_) => {}
                None => e.add("codesigners", "Choose who helped design it from the list"),
            }
        }
        let codesign = Codesign {
            children: count(
                &mut e,
                "children",
                &raw.children,
                "children and young people",
            ),
            families: count(&mut e, "families", &raw.families, "family members"),
            practitioners: count(&mut e, "practitioners", &raw.practitioners, "practitioners"),
        };
        let scale = Scale::parse(&raw.scale);
        if scale.is_none() {
            e.add("scale", "Choose the scale the change works at");
        }
        let place = text(
            &mut e,
            "place",
            &raw.place,
            "Say where it will happen, like \u{201c}Riverside family hub\u{201d}",
            LINE_MAX,
        );
        let limits = text(
            &mut e,
            "limits",
            &raw.limits,
            "Say what would make us stop early",
            TEXT_MAX,
        );
        let owners = text(
            &mut e,
            "owners",
            &raw.owners,
            "Say who looks after it (a role or a team is enough)",
            LINE_MAX,
        );
        let start = required_date(&mut e, "planned_start", &raw.planned_start, "start");
        let end = required_date(&mut e, "planned_end", &raw.planned_end, "end");
        if let (Some(s), Some(t)) = (start, end)
            && t < s
        {
            e.add(
                "planned_end",
                "The planned end must be on or after the planned start",
            );
        }
        match (scale, start, end) {
            (Some(scale), Some(planned_start), Some(planned_end)) if e.is_empty() => {
                Ok(NewExperiment {
                    title,
                    problem,
                    themes: linked,
                    if_we,
                    then_we,
                    because,
                    change,
                    codesigners,
                    codesign,
                    scale,
                    place,
                    limits,
                    owners,
                    planned_start,
                    planned_end,
                })
            }
            _ => Err(e),
        }
    }
}

fn required_date(
    e: &mut FieldErrors,
    field: &str,
    raw: &DateInput,
    what: &str,
) -> Option<NaiveDate> {
    match raw.parse() {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            e.add(field, format!("Enter the planned {what} date"));
            None
        }
        Err(m) => {
            e.add(field, format!("The planned {what}: {}", m.to_lowercase()));
            None
        }
    }
}

/// An experiment as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct Experiment {
    pub id: ExperimentId,
    pub project: ProjectId,
    pub status: Status,
    pub fields: NewExperiment,
    pub plan: crate::experiments::plan::Plan,
    pub snapshot: crate::experiments::snapshot::Snapshot,
    pub feedback_survey: Option<i64>,
    pub previous: Option<ExperimentId>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

impl Experiment {
    /// The hypothesis as one sentence.
    pub fn hypothesis(&self) -> String {
        hypothesis(&self.fields)
    }

    /// The fields as a raw form, for editing.
    pub fn raw(&self) -> RawExperiment {
        let f = &self.fields;
        RawExperiment {
            title: f.title.clone(),
            problem: f.problem.clone(),
            themes: f.themes.clone(),
            if_we: f.if_we.clone(),
            then_we: f.then_we.clone(),
            because: f.because.clone(),
            change: f.change.clone(),
            codesigners: f
                .codesigners
                .iter()
                .map(|a| a.as_str().to_owned())
                .collect(),
            children: f.codesign.children.to_string(),
            families: f.codesign.families.to_string(),
            practitioners: f.codesign.practitioners.to_string(),
            scale: f.scale.as_str().into(),
            place: f.place.clone(),
            limits: f.limits.clone(),
            owners: f.owners.clone(),
            planned_start: DateInput::of(Some(f.planned_start)),
            planned_end: DateInput::of(Some(f.planned_end)),
        }
    }
}

/// "If we …, then …, because …", without doubled words when people typed them.
pub fn hypothesis(f: &NewExperiment) -> String {
    fn strip<'a>(s: &'a str, lead: &str) -> &'a str {
        let t = s.trim();
        match t.get(..lead.len()) {
            Some(head) if head.eq_ignore_ascii_case(lead) => t[lead.len()..].trim_start(),
            _ => t,
        }
    }
    let end = |s: &str| s.trim_end_matches(['.', ',']).to_owned();
    format!(
        "If we {}, then {}, because {}.",
        end(strip(&f.if_we, "if we")),
        end(strip(&f.then_we, "then")),
        end(strip(&f.because, "because"))
    )
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
