//! Project queries, with the access rule in one place: admins see every project, everyone else
//! only the projects they are members of. Anything else is "not found".

use chrono::Utc;
use entity::{project, project_member, steward};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::accounts::{Role, Steward, StewardId};
use crate::projects::model::{MemberRole, NewProject, Project, ProjectId, Scale};

fn to_model(row: project::Model) -> Project {
    Project {
        id: ProjectId(row.id),
        title: row.title,
        outcome: row.outcome,
        scale: Scale::parse(&row.scale).unwrap_or(Scale::Team),
        description: row.description,
        safeguarding_lead: row.safeguarding_lead,
    }
}

/// What a person may do in a project they can see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Build, analyse and manage (admins, and stewards who are project stewards).
    Build,
    /// Give feedback and see boards (practitioner members, and stewards whose account role is practitioner).
    Feedback,
    /// See the project, its boards, results and themes; change nothing (viewers).
    Read,
    /// See only the project group's easy-read pages: themes without quotes, proposals and
    /// decisions, and say what they think of decisions (participant representatives).
    Represent,
}

/// Creates a project and makes its creator a steward member.
pub async fn create<C: ConnectionTrait>(
    db: &C,
    new: &NewProject,
    creator: StewardId,
) -> Result<ProjectId, sea_orm::DbErr> {
    let row = project::ActiveModel {
        title: Set(new.title.clone()),
        outcome: Set(new.outcome.clone()),
        scale: Set(new.scale.as_str().to_owned()),
        description: Set(new.description.clone()),
        safeguarding_lead: Set(new.safeguarding_lead.clone()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    set_member(db, ProjectId(row.id), creator, MemberRole::Steward).await?;
    Ok(ProjectId(row.id))
}

/// Changes a project's fields.
pub async fn update<C: ConnectionTrait>(
    db: &C,
    id: ProjectId,
    new: &NewProject,
) -> Result<(), sea_orm::DbErr> {
    project::ActiveModel {
        id: Set(id.0),
        title: Set(new.title.clone()),
        outcome: Set(new.outcome.clone()),
        scale: Set(new.scale.as_str().to_owned()),
        description: Set(new.description.clone()),
        safeguarding_lead: Set(new.safeguarding_lead.clone()),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Adds a member or changes their project role.
pub async fn set_member<C: ConnectionTrait>(
    db: &C,
    id: ProjectId,
    who: StewardId,
    role: MemberRole,
) -> Result<(), sea_orm::DbErr> {
    let existing = project_member::Entity::find()
        .filter(project_member::Column::ProjectId.eq(id.0))
        .filter(project_member::Column::StewardId.eq(who.0))
        .one(db)
        .await?;
    match existing {
        Some(row) => {
            let mut row: project_member::ActiveModel = row.into();
            row.role = Set(role.as_str().to_owned());
            row.update(db).await?;
        }
        None => {
            project_member::ActiveModel {
                project_id: Set(id.0),
                steward_id: Set(who.0),
                role: Set(role.as_str().to_owned()),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

/// A person's role in a project, if they are a member.
pub async fn member_role<C: ConnectionTrait>(
    db: &C,
    id: ProjectId,
    who: StewardId,
) -> Result<Option<MemberRole>, sea_orm::DbErr> {
    Ok(project_member::Entity::find()
        .filter(project_member::Column::ProjectId.eq(id.0))
        .filter(project_member::Column::StewardId.eq(who.0))
        .one(db)
        .await?
        .and_then(|m| MemberRole::parse(&m.role)))
}

/// Removes a member.
pub async fn remove_member<C: ConnectionTrait>(
    db: &C,
    id: ProjectId,
    who: StewardId,
) -> Result<(), sea_orm::DbErr> {
    project_member::Entity::delete_many()
        .filter(project_member::Column::ProjectId.eq(id.0))
        .filter(project_member::Column::StewardId.eq(who.0))
        .exec(db)
        .await?;
    Ok(())
}

/// Members of a project with their project role, by name.
pub async fn members<C: ConnectionTrait>(
    db: &C,
    id: ProjectId,
) -> Result<Vec<(StewardId, String, String, MemberRole)>, sea_orm::DbErr> {
    let rows = project_member::Entity::find()
        .filter(project_member::Column::ProjectId.eq(id.0))
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        if let Some(s) = steward::Entity::find_by_id(row.steward_id).one(db).await? {
            out.push((
                StewardId(s.id),
                s.name,
                s.email,
                MemberRole::parse(&row.role).unwrap_or(MemberRole::Practitioner),
            ));
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(out)
}

/// The projects a person can see, newest first.
pub async fn visible_to<C: ConnectionTrait>(
    db: &C,
    who: &Steward,
) -> Result<Vec<Project>, sea_orm::DbErr> {
    let mut query = project::Entity::find().order_by_desc(project::Column::Id);
    if who.role != Role::Admin {
        let ids: Vec<i64> = project_member::Entity::find()
            .filter(project_member::Column::StewardId.eq(who.id.0))
            .all(db)
            .await?
            .into_iter()
            .map(|m| m.project_id)
            .collect();
        query = query.filter(project::Column::Id.is_in(ids));
    }
    Ok(query.all(db).await?.into_iter().map(to_model).collect())
}

/// A project and what this person may do in it, or `None` if they may not see it.
pub async fn find_for<C: ConnectionTrait>(
    db: &C,
    who: &Steward,
    id: ProjectId,
) -> Result<Option<(Project, Access)>, sea_orm::DbErr> {
    let Some(row) = project::Entity::find_by_id(id.0).one(db).await? else {
        return Ok(None);
    };
    if who.role == Role::Admin {
        return Ok(Some((to_model(row), Access::Build)));
    }
    let member = project_member::Entity::find()
        .filter(project_member::Column::ProjectId.eq(id.0))
        .filter(project_member::Column::StewardId.eq(who.id.0))
        .one(db)
        .await?;
    Ok(member.map(|m| {
        let access = match (MemberRole::parse(&m.role), who.role.can_build()) {
            (Some(MemberRole::Steward), true) => Access::Build,
            (Some(MemberRole::Viewer), _) => Access::Read,
            (Some(MemberRole::Representative), _) => Access::Represent,
            _ => Access::Feedback,
        };
        (to_model(row), access)
    }))
}

/// A project by id, without any access check (for the public runner and background work).
pub async fn find<C: ConnectionTrait>(
    db: &C,
    id: ProjectId,
) -> Result<Option<Project>, sea_orm::DbErr> {
    Ok(project::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .map(to_model))
}
