//! The experiment forms as the browser sends them, and how each becomes the raw input the one
//! parser takes (the API builds the same raw input from JSON).

use crate::experiments::model::{DateInput, RawExperiment};
use crate::experiments::plan::Plan;
use crate::experiments::plan_parse::RawDesign;

/// The form's fields as sent (repeated keys for the ticked themes and co-designers).
pub type Pairs = Vec<(String, String)>;

/// Reads the form into the raw experiment the parser takes.
pub fn raw_from_pairs(pairs: &[(String, String)]) -> RawExperiment {
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let date = |k: &str| DateInput {
        day: get(&format!("{k}_day")),
        month: get(&format!("{k}_month")),
        year: get(&format!("{k}_year")),
    };
    RawExperiment {
        title: get("title"),
        problem: get("problem"),
        themes: pairs
            .iter()
            .filter(|(n, _)| n == "themes")
            .map(|(_, v)| v.trim().parse().unwrap_or(-1))
            .collect(),
        if_we: get("if_we"),
        then_we: get("then_we"),
        because: get("because"),
        change: get("change"),
        codesigners: pairs
            .iter()
            .filter(|(n, _)| n == "codesigners")
            .map(|(_, v)| v.clone())
            .collect(),
        children: get("children"),
        families: get("families"),
        practitioners: get("practitioners"),
        scale: get("scale"),
        place: get("place"),
        limits: get("limits"),
        owners: get("owners"),
        planned_start: date("planned_start"),
        planned_end: date("planned_end"),
    }
}

/// The plan's design and periods, as the form shows them.
pub fn raw_design(plan: &Plan) -> RawDesign {
    RawDesign {
        design: plan
            .design
            .map(|d| d.as_str().to_owned())
            .unwrap_or_default(),
        baseline_start: DateInput::of(plan.baseline.map(|p| p.start)),
        baseline_end: DateInput::of(plan.baseline.map(|p| p.end)),
        test_start: DateInput::of(plan.test.map(|p| p.start)),
        test_end: DateInput::of(plan.test.map(|p| p.end)),
        compare_by: plan
            .compare_by
            .map(|b| b.as_str().to_owned())
            .unwrap_or_default(),
        group_a: plan.group_a.clone(),
        group_b: plan.group_b.clone(),
    }
}

/// The design form as sent.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct DesignForm {
    pub design: String,
    pub baseline_start_day: String,
    pub baseline_start_month: String,
    pub baseline_start_year: String,
    pub baseline_end_day: String,
    pub baseline_end_month: String,
    pub baseline_end_year: String,
    pub test_start_day: String,
    pub test_start_month: String,
    pub test_start_year: String,
    pub test_end_day: String,
    pub test_end_month: String,
    pub test_end_year: String,
    pub compare_by: String,
    pub group_a: String,
    pub group_b: String,
    pub why: String,
}

impl DesignForm {
    pub fn raw(&self) -> RawDesign {
        let d = |day: &str, month: &str, year: &str| DateInput {
            day: day.into(),
            month: month.into(),
            year: year.into(),
        };
        RawDesign {
            design: self.design.clone(),
            baseline_start: d(
                &self.baseline_start_day,
                &self.baseline_start_month,
                &self.baseline_start_year,
            ),
            baseline_end: d(
                &self.baseline_end_day,
                &self.baseline_end_month,
                &self.baseline_end_year,
            ),
            test_start: d(
                &self.test_start_day,
                &self.test_start_month,
                &self.test_start_year,
            ),
            test_end: d(
                &self.test_end_day,
                &self.test_end_month,
                &self.test_end_year,
            ),
            compare_by: self.compare_by.clone(),
            group_a: self.group_a.clone(),
            group_b: self.group_b.clone(),
        }
    }
}

/// The measure form as sent.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct MeasureForm {
    pub measure: String,
    pub better: String,
    pub measure_why: String,
}

/// The removal form as sent.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct RemoveForm {
    pub why: Option<String>,
}
