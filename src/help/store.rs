//! Reading and saving a project's local help contact.

use chrono::Utc;
use entity::help_contact;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};

use crate::help::model::{LocalContact, Phone};
use crate::projects::ProjectId;

/// The project's local contact, if the steward set one. A stored row that no longer parses
/// (the rules tightened) is left out rather than shown wrongly.
pub async fn contact<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
) -> Result<Option<LocalContact>, sea_orm::DbErr> {
    Ok(help_contact::Entity::find_by_id(project.0)
        .one(db)
        .await?
        .and_then(|row| {
            Some(LocalContact {
                phone: Phone::parse(&row.phone).ok()?,
                name: row.name,
                hours: row.hours,
            })
        }))
}

/// Saves the project's local contact, or removes it when `None`.
pub async fn save<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    contact: Option<&LocalContact>,
) -> Result<(), sea_orm::DbErr> {
    help_contact::Entity::delete_by_id(project.0)
        .exec(db)
        .await?;
    if let Some(c) = contact {
        help_contact::Entity::insert(help_contact::ActiveModel {
            project_id: Set(project.0),
            name: Set(c.name.clone()),
            phone: Set(c.phone.shown().to_owned()),
            hours: Set(c.hours.clone()),
            updated_at: Set(Utc::now()),
        })
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}
