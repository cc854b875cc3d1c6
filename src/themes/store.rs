//! Theme queries: list with counts, find within a project, create, edit, retire and restore,
//! each writing a `theme_event` history row in the same transaction (merge: `merge_store`).

use std::collections::HashMap;

use chrono::Utc;
use entity::{theme, theme_event};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::accounts::StewardId;
use crate::projects::ProjectId;
use crate::themes::model::{NewTheme, Theme, ThemeAction, ThemeId, ThemeStatus};

/// A history entry with the steward's name.
#[derive(Clone, Debug)]
pub struct ThemeEvent {
    pub action: ThemeAction,
    pub steward: Option<String>,
    pub detail: serde_json::Value,
    pub at: chrono::DateTime<Utc>,
}

fn to_theme(row: theme::Model) -> Theme {
    Theme {
        id: ThemeId(row.id),
        name: row.name,
        description: row.description,
        codebook: serde_json::from_str(&row.codebook).unwrap_or_default(),
        status: ThemeStatus::parse(&row.status).unwrap_or(ThemeStatus::Active),
        merged_into: row.merged_into.map(ThemeId),
    }
}

/// Every theme of a project, active first, then by name.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
) -> Result<Vec<Theme>, sea_orm::DbErr> {
    let mut themes: Vec<Theme> = theme::Entity::find()
        .filter(theme::Column::ProjectId.eq(project.0))
        .order_by_asc(theme::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(to_theme)
        .collect();
    themes.sort_by(|a, b| {
        (a.status != ThemeStatus::Active, a.name.to_lowercase())
            .cmp(&(b.status != ThemeStatus::Active, b.name.to_lowercase()))
    });
    Ok(themes)
}

/// A theme of this project, or `None` (another project's theme is "not found").
pub async fn find<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    id: ThemeId,
) -> Result<Option<Theme>, sea_orm::DbErr> {
    Ok(theme::Entity::find_by_id(id.0)
        .filter(theme::Column::ProjectId.eq(project.0))
        .one(db)
        .await?
        .map(to_theme))
}

/// The names of the project's active themes other than `except`.
pub async fn taken_names<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    except: Option<ThemeId>,
) -> Result<Vec<String>, sea_orm::DbErr> {
    Ok(list(db, project)
        .await?
        .into_iter()
        .filter(|t| t.status == ThemeStatus::Active && Some(t.id) != except)
        .map(|t| t.name)
        .collect())
}

pub(super) async fn record<C: ConnectionTrait>(
    db: &C,
    theme: ThemeId,
    steward: StewardId,
    action: ThemeAction,
    detail: serde_json::Value,
) -> Result<(), sea_orm::DbErr> {
    theme_event::ActiveModel {
        theme_id: Set(theme.0),
        steward_id: Set(Some(steward.0)),
        action: Set(action.as_str().to_owned()),
        detail: Set(detail.to_string()),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// Creates a theme and its "created" history entry.
pub async fn create<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    new: &NewTheme,
    by: StewardId,
) -> Result<ThemeId, sea_orm::DbErr> {
    let now = Utc::now();
    let row = theme::ActiveModel {
        project_id: Set(project.0),
        name: Set(new.name.clone()),
        description: Set(new.description.clone()),
        codebook: Set(serde_json::json!(new.codebook).to_string()),
        status: Set(ThemeStatus::Active.as_str().to_owned()),
        merged_into: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let id = ThemeId(row.id);
    let detail = serde_json::json!({ "name": new.name, "codebook": new.codebook });
    record(db, id, by, ThemeAction::Created, detail).await?;
    Ok(id)
}

/// Saves a changed name, description or codebook; records "renamed" and/or "edited".
pub async fn edit<C: ConnectionTrait>(
    db: &C,
    old: &Theme,
    new: &NewTheme,
    by: StewardId,
) -> Result<(), sea_orm::DbErr> {
    let renamed = old.name != new.name;
    let edited = old.description != new.description || old.codebook != new.codebook;
    if !renamed && !edited {
        return Ok(());
    }
    theme::ActiveModel {
        id: Set(old.id.0),
        name: Set(new.name.clone()),
        description: Set(new.description.clone()),
        codebook: Set(serde_json::json!(new.codebook).to_string()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(db)
    .await?;
    if renamed {
        let detail = serde_json::json!({ "from": old.name, "to": new.name });
        record(db, old.id, by, ThemeAction::Renamed, detail).await?;
    }
    if edited {
        let detail = serde_json::json!({
            "description": new.description != old.description,
            "codebook_from": old.codebook, "codebook_to": new.codebook,
        });
        record(db, old.id, by, ThemeAction::Edited, detail).await?;
    }
    Ok(())
}

/// Retires or restores a theme (its codings are kept).
pub async fn set_status<C: ConnectionTrait>(
    db: &C,
    theme: &Theme,
    status: ThemeStatus,
    by: StewardId,
) -> Result<(), sea_orm::DbErr> {
    theme::ActiveModel {
        id: Set(theme.id.0),
        status: Set(status.as_str().to_owned()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(db)
    .await?;
    let action = match status {
        ThemeStatus::Active => ThemeAction::Restored,
        ThemeStatus::Retired => ThemeAction::Retired,
    };
    record(db, theme.id, by, action, serde_json::json!({})).await
}

/// A theme's history, oldest first.
pub async fn history<C: ConnectionTrait>(
    db: &C,
    theme: ThemeId,
) -> Result<Vec<ThemeEvent>, sea_orm::DbErr> {
    let rows = theme_event::Entity::find()
        .filter(theme_event::Column::ThemeId.eq(theme.0))
        .order_by_asc(theme_event::Column::Id)
        .all(db)
        .await?;
    let names: HashMap<i64, String> = entity::steward::Entity::find()
        .filter(entity::steward::Column::Id.is_in(rows.iter().filter_map(|r| r.steward_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(ThemeEvent {
                action: ThemeAction::parse(&r.action)?,
                steward: r.steward_id.and_then(|id| names.get(&id).cloned()),
                detail: serde_json::from_str(&r.detail).unwrap_or_default(),
                at: r.at,
            })
        })
        .collect())
}
