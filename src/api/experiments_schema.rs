//! The experiment API's bodies and replies, and how a body becomes the raw input the pages'
//! parsers take (`NewExperiment::parse`, `Plan::with_design`, `Plan::with_measure`).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::Problem;
use crate::experiments::model::{DateInput, Experiment, RawExperiment};
use crate::experiments::plan_parse::RawDesign;
use crate::experiments::{ExperimentId, catalogue_store};
use crate::fields::FieldErrors;
use crate::projects::ProjectId;
use crate::state::AppState;

/// An experiment as sent: every field for `POST`; only those to change for `PATCH`.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ExperimentBody {
    pub title: Option<String>,
    /// The problem in people's own words (needed when no theme is linked).
    pub problem: Option<String>,
    /// Ids of the project's themes this experiment answers.
    pub themes: Option<Vec<i64>>,
    /// "If we …"
    pub if_we: Option<String>,
    /// "then …"
    pub then_we: Option<String>,
    /// "because …"
    pub because: Option<String>,
    pub change: Option<String>,
    /// Who co-designed it: `children`, `families`, `practitioners`.
    pub codesigners: Option<Vec<String>>,
    /// How many took part, by kind: counts, never names.
    pub children: Option<u32>,
    pub families: Option<u32>,
    pub practitioners: Option<u32>,
    /// `person`, `team`, `organisation`, `place` or `region`.
    pub scale: Option<String>,
    #[serde(rename = "where")]
    pub place: Option<String>,
    /// The safe-to-fail limits: what would make us stop early.
    pub stop_early_if: Option<String>,
    pub owners: Option<String>,
    /// `YYYY-MM-DD`.
    pub planned_start: Option<String>,
    /// `YYYY-MM-DD`.
    pub planned_end: Option<String>,
    /// The plan (`PATCH` only): design, periods, groups and measures.
    pub plan: Option<PlanBody>,
    /// Why a locked plan changes (needed once testing has started; recorded as a deviation).
    pub why: Option<String>,
}

/// A plan as sent.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PlanBody {
    /// `before_after` or `comparison`.
    pub design: String,
    pub baseline_start: String,
    pub baseline_end: String,
    pub test_start: String,
    pub test_end: String,
    /// `audience`, `channel` or `survey` (comparison only).
    pub compare_by: String,
    pub group_a: String,
    pub group_b: String,
    /// Measures in order: `{"measure": "q:12" | "q:12:yes" | "t:3", "better": "higher" | "lower"}`.
    pub measures: Vec<MeasureBody>,
}

/// A measure as sent.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct MeasureBody {
    pub measure: String,
    pub better: String,
}

/// A status change as sent.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct TransitionBody {
    /// `agreed`, `testing`, `reviewing`, `adopted`, `adapted`, `stopped` or back to `proposed`.
    pub to: String,
    pub rationale: String,
    /// The decision framework part (all optional): `options`, `assessments`
    /// (`criterion` id, `rating`: yes, partly, no or unknown, `note`), `room` counts by role
    /// and `review_on`.
    pub framework: crate::decisions::RawFramework,
}

/// An experiment.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExperimentOut {
    pub id: i64,
    pub project_id: i64,
    pub title: String,
    pub status: String,
    pub hypothesis: String,
    pub if_we: String,
    pub then_we: String,
    pub because: String,
    pub change: String,
    pub problem: String,
    pub themes: Vec<i64>,
    pub codesigners: Vec<String>,
    pub children: u32,
    pub families: u32,
    pub practitioners: u32,
    pub scale: String,
    #[serde(rename = "where")]
    pub place: String,
    pub stop_early_if: String,
    pub owners: String,
    pub planned_start: String,
    pub planned_end: String,
    /// Design, periods, groups and measures.
    #[schema(value_type = Object)]
    pub plan: serde_json::Value,
    /// The linked themes' figures when it was proposed.
    #[schema(value_type = Object)]
    pub snapshot: serde_json::Value,
    pub previous_id: Option<i64>,
    /// The next cycle, after a `adapted` transition.
    pub next_id: Option<i64>,
    pub feedback_survey_id: Option<i64>,
    pub created_at: String,
    pub updated_at: String,
}

impl ExperimentOut {
    pub fn new(e: &Experiment, next: Option<ExperimentId>) -> ExperimentOut {
        let f = &e.fields;
        ExperimentOut {
            id: e.id.0,
            project_id: e.project.0,
            title: f.title.clone(),
            status: e.status.as_str().into(),
            hypothesis: e.hypothesis(),
            if_we: f.if_we.clone(),
            then_we: f.then_we.clone(),
            because: f.because.clone(),
            change: f.change.clone(),
            problem: f.problem.clone(),
            themes: f.themes.clone(),
            codesigners: f
                .codesigners
                .iter()
                .map(|a| a.as_str().to_owned())
                .collect(),
            children: f.codesign.children,
            families: f.codesign.families,
            practitioners: f.codesign.practitioners,
            scale: f.scale.as_str().into(),
            place: f.place.clone(),
            stop_early_if: f.limits.clone(),
            owners: f.owners.clone(),
            planned_start: f.planned_start.to_string(),
            planned_end: f.planned_end.to_string(),
            plan: serde_json::to_value(&e.plan).unwrap_or_default(),
            snapshot: serde_json::to_value(&e.snapshot).unwrap_or_default(),
            previous_id: e.previous.map(|p| p.0),
            next_id: next.map(|n| n.0),
            feedback_survey_id: e.feedback_survey,
            created_at: e.created_at.to_rfc3339(),
            updated_at: e.updated_at.to_rfc3339(),
        }
    }
}

impl ExperimentBody {
    /// The sent fields laid over `base` (empty for a new experiment).
    pub fn raw(&self, base: RawExperiment) -> RawExperiment {
        let s = |v: &Option<String>, b: String| v.clone().unwrap_or(b);
        let n = |v: Option<u32>, b: String| v.map_or(b, |v| v.to_string());
        let d = |v: &Option<String>, b: DateInput| v.as_deref().map_or(b, DateInput::iso);
        RawExperiment {
            title: s(&self.title, base.title),
            problem: s(&self.problem, base.problem),
            themes: self.themes.clone().unwrap_or(base.themes),
            if_we: s(&self.if_we, base.if_we),
            then_we: s(&self.then_we, base.then_we),
            because: s(&self.because, base.because),
            change: s(&self.change, base.change),
            codesigners: self.codesigners.clone().unwrap_or(base.codesigners),
            children: n(self.children, base.children),
            families: n(self.families, base.families),
            practitioners: n(self.practitioners, base.practitioners),
            scale: s(&self.scale, base.scale),
            place: s(&self.place, base.place),
            limits: s(&self.stop_early_if, base.limits),
            owners: s(&self.owners, base.owners),
            planned_start: d(&self.planned_start, base.planned_start),
            planned_end: d(&self.planned_end, base.planned_end),
        }
    }

    pub fn touches_fields(&self) -> bool {
        self.title.is_some()
            || self.problem.is_some()
            || self.themes.is_some()
            || self.if_we.is_some()
            || self.then_we.is_some()
            || self.because.is_some()
            || self.change.is_some()
            || self.codesigners.is_some()
            || self.children.is_some()
            || self.families.is_some()
            || self.practitioners.is_some()
            || self.scale.is_some()
            || self.place.is_some()
            || self.stop_early_if.is_some()
            || self.owners.is_some()
            || self.planned_start.is_some()
            || self.planned_end.is_some()
    }
}

pub async fn theme_ids(state: &AppState, project: ProjectId) -> Result<Vec<i64>, Problem> {
    Ok(crate::themes::store::list(&state.db, project)
        .await?
        .into_iter()
        .filter(|t| t.status == crate::themes::model::ThemeStatus::Active)
        .map(|t| t.id.0)
        .collect())
}

pub fn min(state: &AppState) -> crate::disclosure::MinGroup {
    crate::results::min_group(state)
}

/// The plan sent in a `PATCH`, parsed onto `e`'s current plan by the pages' parsers.
pub async fn parse_plan(
    state: &AppState,
    e: &Experiment,
    body: &PlanBody,
) -> Result<crate::experiments::plan::Plan, FieldErrors> {
    let raw = RawDesign {
        design: body.design.clone(),
        baseline_start: DateInput::iso(&body.baseline_start),
        baseline_end: DateInput::iso(&body.baseline_end),
        test_start: DateInput::iso(&body.test_start),
        test_end: DateInput::iso(&body.test_end),
        compare_by: body.compare_by.clone(),
        group_a: body.group_a.clone(),
        group_b: body.group_b.clone(),
    };
    let surveys: Vec<i64> = catalogue_store::surveys(&state.db, e.project)
        .await
        .map_err(|_| FieldErrors::new())?
        .iter()
        .map(|s| s.0)
        .collect();
    let eligible = catalogue_store::eligible(&state.db, e.project)
        .await
        .map_err(|_| FieldErrors::new())?;
    let mut plan = crate::experiments::plan::Plan::default().with_design(&raw, &surveys)?;
    for (i, m) in body.measures.iter().enumerate() {
        plan = plan
            .with_measure(&m.measure, &m.better, &eligible)
            .map_err(|errs| {
                let mut out = FieldErrors::new();
                for (f, msg) in errs.iter() {
                    out.add(format!("plan.measures[{i}].{f}"), msg);
                }
                out
            })?;
    }
    Ok(plan)
}
