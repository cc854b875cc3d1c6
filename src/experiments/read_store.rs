//! Reading experiments back: one, a project's list, the project of one (for the API) and
//! those a feedback form is attached to.

use chrono::NaiveDate;
use entity::experiment;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use crate::experiments::model::{Codesign, Experiment, ExperimentId, NewExperiment, Status};
use crate::experiments::snapshot::Snapshot;
use crate::links::{self, Kind};
use crate::projects::{ProjectId, Scale};
use crate::surveys::Audience;

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
