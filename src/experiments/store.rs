//! Storing experiments: one field list (`columns`), the linked themes (through `links`), status
//! changes and plan changes together with their decision records. Reading them back is
//! `read_store` (re-exported here).

use chrono::Utc;
use entity::experiment;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
};

use crate::decisions::{self, DecisionKind, NewDecision, Subject};
use crate::experiments::model::{Experiment, ExperimentId, Move, NewExperiment, Status};
use crate::experiments::plan::Plan;
use crate::experiments::snapshot::Snapshot;
use crate::links::{self, Kind, Link, Thing};
use crate::projects::ProjectId;

pub use crate::experiments::read_store::{find, list, project_of, reflecting_on};

/// The subject of an experiment's decisions.
pub fn subject(id: ExperimentId) -> Subject {
    Subject {
        kind: decisions::model::SubjectKind::Experiment,
        id: id.0,
    }
}

/// The one field list: writes every column the form and the API set.
fn columns(row: &mut experiment::ActiveModel, f: &NewExperiment) {
    row.title = Set(f.title.clone());
    row.problem = Set(f.problem.clone());
    row.if_we = Set(f.if_we.clone());
    row.then_we = Set(f.then_we.clone());
    row.because = Set(f.because.clone());
    row.change = Set(f.change.clone());
    row.codesigners = Set(f
        .codesigners
        .iter()
        .map(|a| a.as_str())
        .collect::<Vec<_>>()
        .join(","));
    row.children = Set(i32::try_from(f.codesign.children).unwrap_or(i32::MAX));
    row.families = Set(i32::try_from(f.codesign.families).unwrap_or(i32::MAX));
    row.practitioners = Set(i32::try_from(f.codesign.practitioners).unwrap_or(i32::MAX));
    row.scale = Set(f.scale.as_str().to_owned());
    row.place = Set(f.place.clone());
    row.limits = Set(f.limits.clone());
    row.owners = Set(f.owners.clone());
    row.planned_start = Set(f.planned_start.to_string());
    row.planned_end = Set(f.planned_end.to_string());
    row.updated_at = Set(Utc::now());
}

async fn link_themes<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    id: ExperimentId,
    themes: &[i64],
    who: Option<i64>,
) -> Result<(), DbErr> {
    let to = Thing::experiment(id.0);
    links::store::remove_to(db, Kind::Theme, to).await?;
    for t in themes {
        let link = Link {
            from: Thing::theme(*t),
            to,
            note: String::new(),
        };
        links::store::add(db, project, &link, who).await?;
    }
    Ok(())
}

/// What a new experiment starts with besides its fields.
pub struct Start<'a> {
    pub plan: &'a Plan,
    pub snapshot: &'a Snapshot,
    pub previous: Option<ExperimentId>,
    pub feedback_survey: Option<i64>,
    pub rationale: &'a str,
}

/// Stores a proposed experiment, links its themes and records the proposal in the decision
/// log (inside the caller's transaction).
pub async fn create<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    f: &NewExperiment,
    start: Start<'_>,
    who: Option<i64>,
) -> Result<ExperimentId, DbErr> {
    let now = Utc::now();
    let mut row = experiment::ActiveModel {
        project_id: Set(project.0),
        status: Set(Status::Proposed.as_str().to_owned()),
        plan: Set(serde_json::to_string(start.plan).unwrap_or_default()),
        snapshot: Set(serde_json::to_string(start.snapshot).unwrap_or_default()),
        feedback_survey_id: Set(start.feedback_survey),
        previous_id: Set(start.previous.map(|p| p.0)),
        created_by: Set(who),
        created_at: Set(now),
        ..Default::default()
    };
    columns(&mut row, f);
    let id = ExperimentId(row.insert(db).await?.id);
    link_themes(db, project, id, &f.themes, who).await?;
    let proposal = NewDecision {
        project,
        subject: subject(id),
        kind: DecisionKind::Transition,
        from: String::new(),
        to: Status::Proposed.as_str().to_owned(),
        rationale: start.rationale.to_owned(),
        evidence: serde_json::to_value(start.snapshot).unwrap_or_default(),
        steward: who,
        question: String::new(),
        framework: Default::default(),
    };
    decisions::store::record(db, &proposal).await?;
    Ok(id)
}

/// Saves edited fields and re-links the themes.
pub async fn update<C: ConnectionTrait>(
    db: &C,
    e: &Experiment,
    f: &NewExperiment,
    who: Option<i64>,
) -> Result<(), DbErr> {
    let mut row = experiment::ActiveModel {
        id: Set(e.id.0),
        ..Default::default()
    };
    columns(&mut row, f);
    row.update(db).await?;
    link_themes(db, e.project, e.id, &f.themes, who).await
}

/// Saves a new plan; when the plan is locked, records the change as a deviation first.
pub async fn set_plan<C: ConnectionTrait>(
    db: &C,
    e: &Experiment,
    plan: &Plan,
    why: &str,
    who: Option<i64>,
) -> Result<(), DbErr> {
    if e.status.plan_locked() {
        let deviation = NewDecision {
            project: e.project,
            subject: subject(e.id),
            kind: DecisionKind::Deviation,
            from: e.status.as_str().to_owned(),
            to: e.status.as_str().to_owned(),
            rationale: why.to_owned(),
            evidence: serde_json::json!({
                "changes": plan.differences(&e.plan),
                "before": &e.plan,
                "after": plan,
            }),
            steward: who,
            question: String::new(),
            framework: Default::default(),
        };
        decisions::store::record(db, &deviation).await?;
    }
    experiment::ActiveModel {
        id: Set(e.id.0),
        plan: Set(serde_json::to_string(plan).unwrap_or_default()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Moves the experiment to `to`, recording who, why and the evidence seen.
pub async fn transition<C: ConnectionTrait>(
    db: &C,
    e: &Experiment,
    m: &Move,
    evidence: serde_json::Value,
    who: Option<i64>,
) -> Result<(), DbErr> {
    let to = m.to;
    let decision = NewDecision {
        project: e.project,
        subject: subject(e.id),
        kind: DecisionKind::Transition,
        from: e.status.as_str().to_owned(),
        to: to.as_str().to_owned(),
        rationale: m.rationale.clone(),
        evidence,
        steward: who,
        question: String::new(),
        framework: m.framework.clone(),
    };
    decisions::store::record(db, &decision).await?;
    experiment::ActiveModel {
        id: Set(e.id.0),
        status: Set(to.as_str().to_owned()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Attaches (or, with `None`, detaches) a practitioner feedback form.
pub async fn set_feedback<C: ConnectionTrait>(
    db: &C,
    id: ExperimentId,
    survey: Option<i64>,
) -> Result<(), DbErr> {
    if let Some(row) = experiment::Entity::find_by_id(id.0).one(db).await? {
        let mut row = row.into_active_model();
        row.feedback_survey_id = Set(survey);
        row.update(db).await?;
    }
    Ok(())
}
