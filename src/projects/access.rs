//! The one access rule for everything inside a project. Every handler that touches a project,
//! or anything in it, asks here and nowhere else:
//!
//! - a project a person cannot see is **not found** (404), so its id is not confirmed;
//! - one they can see but may not act in this way is **forbidden** (403).
//!
//! Admins build every project. Project stewards whose account can build, build; practitioners
//! and safeguarding leads see the project, give feedback and watch its boards; viewers see it,
//! its boards, results and themes and change nothing; participant representatives see only
//! the project group's easy-read pages (`represent`), never a raw answer. Safeguarding leads,
//! and anyone who builds, review the project's flags.

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
    /// Any member (and admins): the project group's easy-read pages. 404 otherwise.
    pub async fn represent<C: ConnectionTrait>(
        db: &C,
        who: &Steward,
        id: ProjectId,
    ) -> Result<Granted, AppError> {
        let (project, access) = store::find_for(db, who, id)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(Granted { project, access })
    }

    /// Any member but a participant representative (and admins): see the project, its
    /// surveys, boards and experiments. 404 when not a member, 403 for a representative.
    pub async fn view<C: ConnectionTrait>(
        db: &C,
        who: &Steward,
        id: ProjectId,
    ) -> Result<Granted, AppError> {
        let granted = Self::represent(db, who, id).await?;
        if granted.access == Access::Represent {
            return Err(AppError::Forbidden);
        }
        Ok(granted)
    }

    /// Read results and themes: those who build, and viewers. 404 when they cannot see the
    /// project, 403 otherwise.
    pub async fn read<C: ConnectionTrait>(
        db: &C,
        who: &Steward,
        id: ProjectId,
    ) -> Result<Granted, AppError> {
        let granted = Self::view(db, who, id).await?;
        if matches!(granted.access, Access::Build | Access::Read) {
            Ok(granted)
        } else {
            Err(AppError::Forbidden)
        }
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

    /// Give feedback and reflect: those who build, practitioners and safeguarding leads.
    /// 404 when they cannot see the project, 403 for viewers and representatives.
    pub async fn practise<C: ConnectionTrait>(
        db: &C,
        who: &Steward,
        id: ProjectId,
    ) -> Result<Project, AppError> {
        let granted = Self::view(db, who, id).await?;
        if granted.access == Access::Read {
            return Err(AppError::Forbidden);
        }
        Ok(granted.project)
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
