//! The one access rule for experiments, on top of the project's: any member of the project
//! sees its experiments and reflects on them; only those who build the project propose,
//! change, plan and decide. Another project's experiment is "not found".

use sea_orm::ConnectionTrait;

use crate::accounts::Steward;
use crate::error::AppError;
use crate::experiments::model::{Experiment, ExperimentId};
use crate::experiments::store;
use crate::projects::{Granted, Project, ProjectAccess, ProjectId};

/// An experiment someone may reach, with its project and whether they build there.
pub struct ExperimentGrant {
    pub experiment: Experiment,
    pub project: Project,
    pub can_build: bool,
}

/// The access checks for an experiment.
pub struct ExperimentAccess;

async fn found<C: ConnectionTrait>(
    db: &C,
    granted: Granted,
    id: ExperimentId,
) -> Result<ExperimentGrant, AppError> {
    let experiment = store::find(db, granted.project.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(ExperimentGrant {
        can_build: granted.can_build(),
        experiment,
        project: granted.project,
    })
}

impl ExperimentAccess {
    /// Any member: see it, add reflections. 404 otherwise.
    pub async fn view<C: ConnectionTrait>(
        db: &C,
        who: &Steward,
        project: ProjectId,
        id: ExperimentId,
    ) -> Result<ExperimentGrant, AppError> {
        let granted = ProjectAccess::view(db, who, project).await?;
        found(db, granted, id).await
    }

    /// Reflect while it is tried: every member who gives feedback (not viewers). 404 when they
    /// cannot see it, 403 otherwise.
    pub async fn reflect<C: ConnectionTrait>(
        db: &C,
        who: &Steward,
        project: ProjectId,
        id: ExperimentId,
    ) -> Result<ExperimentGrant, AppError> {
        ProjectAccess::practise(db, who, project).await?;
        Self::view(db, who, project, id).await
    }

    /// Change, plan and decide: 404 when they cannot see it, 403 when they may not build.
    pub async fn build<C: ConnectionTrait>(
        db: &C,
        who: &Steward,
        project: ProjectId,
        id: ExperimentId,
    ) -> Result<ExperimentGrant, AppError> {
        let grant = Self::view(db, who, project, id).await?;
        if grant.can_build {
            Ok(grant)
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// The same checks for an experiment addressed by its id alone (the API).
    pub async fn by_id<C: ConnectionTrait>(
        db: &C,
        who: &Steward,
        id: ExperimentId,
        build: bool,
    ) -> Result<ExperimentGrant, AppError> {
        let project = store::project_of(db, id).await?.ok_or(AppError::NotFound)?;
        if build {
            Self::build(db, who, project, id).await
        } else {
            Self::view(db, who, project, id).await
        }
    }
}
