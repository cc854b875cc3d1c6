//! Parsing a plan: the design, periods and groups as typed or sent, and adding or removing a
//! measure — one parser for the plan page and the API.

use crate::experiments::dates::DateInput;
use crate::experiments::plan::{Better, CompareBy, Design, Eligible, Measure, Period, Plan};
use crate::fields::FieldErrors;
use crate::responses::Channel;
use crate::surveys::Audience;

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
}
