//! The pre-registered plan of an experiment: its design (before/after or comparison), its
//! periods and groups, and its measures, each with the direction that counts as better. It is
//! chosen before testing starts and locks then; a later change is a recorded deviation.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::experiments::dates::DateInput;
use crate::fields::FieldErrors;
use crate::responses::Channel;
use crate::string_enum;
use crate::surveys::Audience;

string_enum! {
    /// How the experiment compares.
    Design {
        /// A baseline period before the change and a test period with it.
        BeforeAfter = "before_after",
        /// The same period, a group trying the change and a group that is not.
        Comparison = "comparison",
    }
}

string_enum! {
    /// What splits the two groups of a comparison.
    CompareBy {
        Audience = "audience",
        Channel = "channel",
        Survey = "survey",
    }
}

string_enum! {
    /// Which direction of a measure counts as better.
    Better {
        Higher = "higher",
        Lower = "lower",
    }
}

impl Design {
    /// The name people see.
    pub fn label(self) -> &'static str {
        match self {
            Design::BeforeAfter => "Before and after",
            Design::Comparison => "Comparison of two groups",
        }
    }
}

impl CompareBy {
    /// The name people see.
    pub fn label(self) -> &'static str {
        match self {
            CompareBy::Audience => "Who answered (audience)",
            CompareBy::Channel => "How they reached the survey (link, QR code, email, kiosk)",
            CompareBy::Survey => "Which survey (for example, one per site)",
        }
    }
}

/// Days from `start` to `end`, both included, by submission date (UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// What a measure reads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    /// Answers to a faces, scale or rating question (compared as numbers), or the share of a
    /// yes/no or single-choice question's answers that are `option`.
    Question {
        question: i64,
        option: Option<String>,
    },
    /// The share of free-text answers coded with a theme.
    ThemeShare { theme: i64 },
}

impl Source {
    /// The value a form sends for this source: `q:12`, `q:12:Yes` or `t:3`.
    pub fn key(&self) -> String {
        match self {
            Source::Question {
                question,
                option: None,
            } => format!("q:{question}"),
            Source::Question {
                question,
                option: Some(o),
            } => format!("q:{question}:{o}"),
            Source::ThemeShare { theme } => format!("t:{theme}"),
        }
    }
}

/// One measure: what it reads, which way is better, and the words it is shown with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measure {
    pub source: Source,
    pub better: Better,
    pub label: String,
}

/// A measure a steward may choose: its source and how it reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Eligible {
    pub source: Source,
    pub label: String,
}

/// The plan as stored (JSON in `experiment.plan`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub design: Option<Design>,
    pub baseline: Option<Period>,
    pub test: Option<Period>,
    pub compare_by: Option<CompareBy>,
    pub group_a: String,
    pub group_b: String,
    pub measures: Vec<Measure>,
}

/// The design and periods as typed or sent.
#[derive(Clone, Debug, Default)]
pub struct RawDesign {
    pub design: String,
    pub baseline_start: DateInput,
    pub baseline_end: DateInput,
    pub test_start: DateInput,
    pub test_end: DateInput,
    pub compare_by: String,
    pub group_a: String,
    pub group_b: String,
}

fn period(
    e: &mut FieldErrors,
    field: &str,
    start: &DateInput,
    end: &DateInput,
    what: &str,
) -> Option<Period> {
    let s = e.take(&format!("{field}_start"), start.parse()).flatten();
    let t = e.take(&format!("{field}_end"), end.parse()).flatten();
    match (s, t) {
        (Some(start), Some(end)) if end >= start => Some(Period { start, end }),
        (Some(_), Some(_)) => {
            e.add(
                format!("{field}_end"),
                format!("The {what} must end on or after the day it starts"),
            );
            None
        }
        (None, None) => None,
        (None, _) => {
            e.add(
                format!("{field}_start"),
                format!("Enter the first day of the {what}"),
            );
            None
        }
        (_, None) => {
            e.add(
                format!("{field}_end"),
                format!("Enter the last day of the {what}"),
            );
            None
        }
    }
}

/// Whether `value` names a group of this kind: an audience, a channel or one of `surveys`.
fn valid_group(by: CompareBy, value: &str, surveys: &[i64]) -> bool {
    match by {
        CompareBy::Audience => Audience::parse(value).is_some(),
        CompareBy::Channel => Channel::parse(value).is_some(),
        CompareBy::Survey => value
            .trim()
            .parse::<i64>()
            .is_ok_and(|id| surveys.contains(&id)),
    }
}

impl Plan {
    /// The plan with a new design and periods (measures kept), or what is wrong with them.
    /// Periods may be left blank until testing starts. `surveys` are the project's survey ids.
    pub fn with_design(&self, raw: &RawDesign, surveys: &[i64]) -> Result<Plan, FieldErrors> {
        let mut e = FieldErrors::new();
        let design = Design::parse(&raw.design);
        if design.is_none() {
            e.add(
                "design",
                "Choose before and after, or a comparison of two groups",
            );
        }
        let baseline = if design == Some(Design::BeforeAfter) {
            period(
                &mut e,
                "baseline",
                &raw.baseline_start,
                &raw.baseline_end,
                "baseline period",
            )
        } else {
            None
        };
        let test = period(
            &mut e,
            "test",
            &raw.test_start,
            &raw.test_end,
            "test period",
        );
        if let (Some(b), Some(t)) = (baseline, test)
            && b.end >= t.start
        {
            e.add(
                "test_start",
                "The test period must start after the baseline period ends",
            );
        }
        let (mut compare_by, mut group_a, mut group_b) = (None, String::new(), String::new());
        if design == Some(Design::Comparison) {
            compare_by = CompareBy::parse(&raw.compare_by);
            match compare_by {
                None => e.add("compare_by", "Choose what splits the two groups"),
                Some(by) => {
                    group_a = raw.group_a.trim().to_owned();
                    group_b = raw.group_b.trim().to_owned();
                    if !valid_group(by, &group_a, surveys) {
                        e.add("group_a", "Choose the group that keeps things as they are");
                    }
                    if !valid_group(by, &group_b, surveys) {
                        e.add("group_b", "Choose the group trying the change");
                    } else if group_a == group_b {
                        e.add("group_b", "Choose two different groups");
                    }
                }
            }
        }
        if !e.is_empty() {
            return Err(e);
        }
        Ok(Plan {
            design,
            baseline,
            test,
            compare_by,
            group_a,
            group_b,
            measures: self.measures.clone(),
        })
    }

    /// The plan with one more measure, or what is wrong with it.
    pub fn with_measure(
        &self,
        key: &str,
        better: &str,
        eligible: &[Eligible],
    ) -> Result<Plan, FieldErrors> {
        let mut e = FieldErrors::new();
        let chosen = eligible.iter().find(|m| m.source.key() == key.trim());
        let better = Better::parse(better);
        if chosen.is_none() {
            e.add("measure", "Choose a question or a theme to measure");
        } else if self
            .measures
            .iter()
            .any(|m| Some(&m.source) == chosen.map(|c| &c.source))
        {
            e.add("measure", "That is already one of the measures");
        }
        if better.is_none() {
            e.add("better", "Choose whether higher or lower is better");
        }
        match (chosen, better) {
            (Some(c), Some(better)) if e.is_empty() => {
                let mut plan = self.clone();
                plan.measures.push(Measure {
                    source: c.source.clone(),
                    better,
                    label: c.label.clone(),
                });
                Ok(plan)
            }
            _ => Err(e),
        }
    }

    /// The plan without the measure at `index` (unchanged when there is none).
    pub fn without_measure(&self, index: usize) -> Plan {
        let mut plan = self.clone();
        if index < plan.measures.len() {
            plan.measures.remove(index);
        }
        plan
    }

    /// What must still be chosen before testing can start, in plain words; empty when ready.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.measures.is_empty() {
            out.push("Choose at least one measure");
        }
        match self.design {
            None => out.push("Choose the design: before and after, or a comparison"),
            Some(Design::BeforeAfter) if self.baseline.is_none() || self.test.is_none() => {
                out.push("Set the baseline period and the test period")
            }
            Some(Design::Comparison) if self.test.is_none() || self.compare_by.is_none() => {
                out.push("Set the period and the two groups")
            }
            _ => {}
        }
        out
    }

    /// The periods (or groups) a result compares, as (A, B) labels.
    pub fn arms(&self) -> (String, String) {
        match self.design {
            Some(Design::Comparison) => ("Not trying it".into(), "Trying it".into()),
            _ => ("Before".into(), "During the test".into()),
        }
    }

    /// How this plan differs from `before`, in plain words, for the deviation record.
    pub fn differences(&self, before: &Plan) -> Vec<String> {
        let mut out = Vec::new();
        if self.design != before.design {
            out.push("Changed the design".to_owned());
        }
        if self.baseline != before.baseline {
            out.push(format!(
                "Baseline period {} → {}",
                show(before.baseline),
                show(self.baseline)
            ));
        }
        if self.test != before.test {
            out.push(format!(
                "Test period {} → {}",
                show(before.test),
                show(self.test)
            ));
        }
        if (self.compare_by, &self.group_a, &self.group_b)
            != (before.compare_by, &before.group_a, &before.group_b)
        {
            out.push("Changed the groups compared".to_owned());
        }
        for m in &before.measures {
            if !self.measures.iter().any(|n| n.source == m.source) {
                out.push(format!("Removed the measure \u{201c}{}\u{201d}", m.label));
            }
        }
        for m in &self.measures {
            if !before.measures.iter().any(|n| n.source == m.source) {
                out.push(format!("Added the measure \u{201c}{}\u{201d}", m.label));
            }
        }
        out
    }
}

fn show(p: Option<Period>) -> String {
    p.map_or("not set".into(), |p| format!("{} to {}", p.start, p.end))
}
