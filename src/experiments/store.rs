//! Storing experiments: one field list (`columns`), the linked themes (through `links`), status
//! changes and plan changes together with their decision records, and reading them back.

use chrono::{NaiveDate, Utc};
use entity::experiment;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder,
};

use crate::decisions::{self, DecisionKind, NewDecision, Subject};
use crate::experiments::model::{Codesign, Experiment, ExperimentId, NewExperiment, Status};
use crate::experiments::plan::Plan;
use crate::experiments::snapshot::Snapshot;
use crate::links::{self, Kind, Link, Thing};
use crate::projects::{ProjectId, Scale};
use crate::surveys::Audience;

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
    to: Status,
    rationale: &str,
    evidence: serde_json::Value,
    who: Option<i64>,
) -> Result<(), DbErr> {
    let decision = NewDecision {
        project: e.project,
        subject: subject(e.id),
        kind: DecisionKind::Transition,
        from: e.status.as_str().to_owned(),
        to: to.as_str().to_owned(),
        rationale: rationale.to_owned(),
        evidence,
        steward: who,
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

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
}

fn from_row(r: experiment::Model, themes: Vec<i64>) -> Option<Experiment> {
    Some(Experiment {
        id: ExperimentId(r.id),
        project: ProjectId(r.project_id),
        status: Status::parse(&r.status)?,
        plan: serde_json::from_str(&r.plan).unwrap_or_default(),
        snapshot: Snapshot::from_json(&r.snapshot),
        feedback_survey: r.feedback_survey_id,
        previous: r.previous_id.map(ExperimentId),
        created_at: r.created_at,
        updated_at: r.updated_at,
        fields: NewExperiment {
            title: r.title,
            problem: r.problem,
            themes,
            if_we: r.if_we,
            then_we: r.then_we,
            because: r.because,
            change: r.change,
            codesigners: r
                .codesigners
                .split(',')
                .filter_map(Audience::parse)
                .collect(),
            codesign: Codesign {
                children: u32::try_from(r.children).unwrap_or(0),
                families: u32::try_from(r.families).unwrap_or(0),
                practitioners: u32::try_from(r.practitioners).unwrap_or(0),
            },
            scale: Scale::parse(&r.scale).unwrap_or(Scale::Team),
            place: r.place,
            limits: r.limits,
            owners: r.owners,
            planned_start: date(&r.planned_start),
            planned_end: date(&r.planned_end),
        },
    })
}

async fn with_themes<C: ConnectionTrait>(
    db: &C,
    rows: Vec<experiment::Model>,
) -> Result<Vec<Experiment>, DbErr> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let links = links::store::from_kind_to(db, Kind::Theme, Kind::Experiment, &ids).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let themes = links
                .iter()
                .filter(|(e, _)| *e == r.id)
                .map(|(_, t)| *t)
                .collect();
            from_row(r, themes)
        })
        .collect())
}

/// One experiment of a project.
pub async fn find<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    id: ExperimentId,
) -> Result<Option<Experiment>, DbErr> {
    let rows = experiment::Entity::find_by_id(id.0)
        .filter(experiment::Column::ProjectId.eq(project.0))
        .all(db)
        .await?;
    Ok(with_themes(db, rows).await?.into_iter().next())
}

/// The project an experiment belongs to (for the API, which addresses experiments by id).
pub async fn project_of<C: ConnectionTrait>(
    db: &C,
    id: ExperimentId,
) -> Result<Option<ProjectId>, DbErr> {
    Ok(experiment::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .map(|r| ProjectId(r.project_id)))
}

/// Every experiment of a project, oldest first.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
) -> Result<Vec<Experiment>, DbErr> {
    let rows = experiment::Entity::find()
        .filter(experiment::Column::ProjectId.eq(project.0))
        .order_by_asc(experiment::Column::Id)
        .all(db)
        .await?;
    with_themes(db, rows).await
}

/// The experiments a theme is linked to.
pub async fn for_theme<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    theme: i64,
) -> Result<Vec<Experiment>, DbErr> {
    let ids = links::store::to_kind_from(db, Thing::theme(theme), Kind::Experiment).await?;
    Ok(list(db, project)
        .await?
        .into_iter()
        .filter(|e| ids.contains(&e.id.0))
        .collect())
}

/// The experiments being tried or reviewed with this feedback form attached: (project,
/// experiment, title), for the "add a reflection" prompt after feedback is sent.
pub async fn reflecting_on<C: ConnectionTrait>(
    db: &C,
    survey: i64,
) -> Result<Vec<(ProjectId, ExperimentId, String)>, DbErr> {
    Ok(experiment::Entity::find()
        .filter(experiment::Column::FeedbackSurveyId.eq(survey))
        .filter(
            experiment::Column::Status
                .is_in([Status::Testing.as_str(), Status::Reviewing.as_str()]),
        )
        .order_by_asc(experiment::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| (ProjectId(r.project_id), ExperimentId(r.id), r.title))
        .collect())
}
