//! The one access rule for everything inside a project. Every handler that touches a project,
//! or anything in it, asks here and nowhere else:
//!
//! - a project a person cannot see is **not found** (404), so its id is not confirmed;
//! - one they can see but may not act in this way is **forbidden** (403).
//!
//! Admins build every project. Project stewards whose account can build, build; every other
//! member (practitioners, safeguarding leads) can see the project, give feedback and watch its
//! boards. Safeguarding leads, and anyone who builds, review the project's flags.

use sea_orm::ConnectionTrait;

use crate::accounts::Steward;
use crate::error::AppError;
use crate::projects::model::{MemberRole, Project, ProjectId};
use crate::projects::store::{self, Access};

/// A project this person may see, with what they may do in it.
#[derive(Clone, Debug)]
pub struct Granted {
    /// The project.
    pub project: Project,
    /// What they may do in it.
    pub access: Access,
}

impl Granted {
    /// Whether they may build, analyse and manage in this project.
    pub fn can_build(&self) -> bool {
        self.access == Access::Build
    }
}

/// The access checks for a project, by what the person wants to do.
pub struct ProjectAccess;

impl ProjectAccess {
    /// Any member (and admins): see the project. 404 otherwise.
    pub async fn view<C: ConnectionTrait>(
        db: &C,
        who: &Steward,
        id: ProjectId,
    ) -> Result<Granted, AppError> {
        let (project, access) = store::find_for(db, who, id)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(Granted { project, access })
    }

    /// Build, analyse and manage: 404 when they cannot see it, 403 when they can see but not
    /// build.
    pub async fn build<C: ConnectionTrait>(
        db: &C,
        who: &Steward,
        id: ProjectId,
    ) -> Result<Project, AppError> {
        let granted = Self::view(db, who, id).await?;
        if granted.can_build() {
            Ok(granted.project)
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Give feedback and watch the project's boards: every member may. 404 otherwise.
    pub async fn practise<C: ConnectionTrait>(
        db: &C,
        who: &Steward,
        id: ProjectId,
    ) -> Result<Project, AppError> {
        Ok(Self::view(db, who, id).await?.project)
    }

    /// Open and review the project's safeguarding flags: whoever builds the project, and its
    /// safeguarding leads. 404 when they cannot see it, 403 when they can see but not review.
    pub async fn safeguard<C: ConnectionTrait>(
        db: &C,
        who: &Steward,
        id: ProjectId,
    ) -> Result<Project, AppError> {
        let granted = Self::view(db, who, id).await?;
        if Self::reviews(db, &granted, who).await? {
            Ok(granted.project)
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Whether this person, who can see the project, may review its safeguarding flags.
    pub async fn reviews<C: ConnectionTrait>(
        db: &C,
        granted: &Granted,
        who: &Steward,
    ) -> Result<bool, AppError> {
        Ok(granted.can_build()
            || store::member_role(db, granted.project.id, who.id).await?
                == Some(MemberRole::SafeguardingLead))
    }
}
