//! Access to a survey is access to its project (see `projects::ProjectAccess`): the same
//! 404-then-403 rule, asked once, returning the survey and its project together by name.

use sea_orm::ConnectionTrait;

use crate::accounts::Steward;
use crate::error::AppError;
use crate::projects::{Access, Project, ProjectAccess};
use crate::surveys::model::{Survey, SurveyId};
use crate::surveys::store;

/// A survey this person may see, its project and what they may do there.
#[derive(Clone, Debug)]
pub struct SurveyGrant {
    /// The survey.
    pub survey: Survey,
    /// Its project.
    pub project: Project,
    /// What this person may do in the project.
    pub access: Access,
}

/// The access checks for a survey, by what the person wants to do.
pub struct SurveyAccess;

impl SurveyAccess {
    /// Any member of its project (and admins): see the survey. 404 otherwise.
    pub async fn view<C: ConnectionTrait>(
        db: &C,
        who: &Steward,
        id: SurveyId,
    ) -> Result<SurveyGrant, AppError> {
        let survey = store::find(db, id).await?.ok_or(AppError::NotFound)?;
        let granted = ProjectAccess::view(db, who, survey.project_id).await?;
        Ok(SurveyGrant {
            survey,
            project: granted.project,
            access: granted.access,
        })
    }

    /// Read the survey's results: those who build, and viewers. 404 when they cannot see it,
    /// 403 otherwise.
    pub async fn read<C: ConnectionTrait>(
        db: &C,
        who: &Steward,
        id: SurveyId,
    ) -> Result<SurveyGrant, AppError> {
        let grant = Self::view(db, who, id).await?;
        if matches!(grant.access, Access::Build | Access::Read) {
            Ok(grant)
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Build, analyse and manage the survey: 404 when they cannot see it, 403 when they can see
    /// it but not build.
    pub async fn build<C: ConnectionTrait>(
        db: &C,
        who: &Steward,
        id: SurveyId,
    ) -> Result<SurveyGrant, AppError> {
        let grant = Self::view(db, who, id).await?;
        if grant.access == Access::Build {
            Ok(grant)
        } else {
            Err(AppError::Forbidden)
        }
    }
}
