//! Storing update pages (draft, last published text, public or not) and the addresses that asked
//! for an email when one changes.

use chrono::{DateTime, Utc};
use entity::{project_update as row, update_subscriber as sub};
use rand::Rng;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};

use crate::projects::ProjectId;
use crate::updates::model::Sections;

/// A project's update page as the steward sees it.
#[derive(Clone, Debug, Default)]
pub struct UpdatePage {
    pub slug: Option<String>,
    pub draft: Sections,
    pub published: Option<Sections>,
    pub is_public: bool,
    pub published_at: Option<DateTime<Utc>>,
}

fn token() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    (0..12)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

async fn find<C: ConnectionTrait>(db: &C, project: ProjectId) -> Result<Option<row::Model>, DbErr> {
    row::Entity::find()
        .filter(row::Column::ProjectId.eq(project.0))
        .one(db)
        .await
}

/// The project's update page (empty when nothing was saved yet).
pub async fn get<C: ConnectionTrait>(db: &C, project: ProjectId) -> Result<UpdatePage, DbErr> {
    Ok(find(db, project)
        .await?
        .map(|r| UpdatePage {
            draft: Sections::from_json(&r.draft),
            published: r.published.as_deref().map(Sections::from_json),
            slug: r.slug,
            is_public: r.is_public,
            published_at: r.published_at,
        })
        .unwrap_or_default())
}

/// Saves the draft (never public until published).
pub async fn save_draft<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    draft: &Sections,
) -> Result<(), DbErr> {
    let mut model: row::ActiveModel = match find(db, project).await? {
        Some(r) => r.into(),
        None => row::ActiveModel {
            project_id: Set(project.0),
            slug: Set(None),
            published: Set(None),
            version: Set(0),
            is_public: Set(false),
            published_at: Set(None),
            ..Default::default()
        },
    };
    model.draft = Set(draft.to_json());
    model.updated_at = Set(Utc::now());
    model.save(db).await?;
    Ok(())
}

/// Publishes the draft: makes the public address on first publish. Returns the address and
/// whether the public text changed (only then are subscribers emailed).
pub async fn publish<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
) -> Result<Option<(String, bool)>, DbErr> {
    let Some(r) = find(db, project).await? else {
        return Ok(None);
    };
    let changed = r.published.as_deref() != Some(r.draft.as_str());
    let slug = r.slug.clone().unwrap_or_else(token);
    let version = r.version + i64::from(changed);
    let mut model: row::ActiveModel = r.clone().into();
    model.published = Set(Some(r.draft));
    model.slug = Set(Some(slug.clone()));
    model.version = Set(version);
    model.is_public = Set(true);
    if changed {
        model.published_at = Set(Some(Utc::now()));
    }
    model.save(db).await?;
    Ok(Some((slug, changed)))
}

/// Takes the page down (the address is kept for when it is published again).
pub async fn unpublish<C: ConnectionTrait>(db: &C, project: ProjectId) -> Result<(), DbErr> {
    if let Some(r) = find(db, project).await? {
        let mut model: row::ActiveModel = r.into();
        model.is_public = Set(false);
        model.save(db).await?;
    }
    Ok(())
}

/// A public page by its address: (project, published text, when), only while public.
pub async fn by_slug<C: ConnectionTrait>(
    db: &C,
    slug: &str,
) -> Result<Option<(ProjectId, Sections, Option<DateTime<Utc>>)>, DbErr> {
    Ok(row::Entity::find()
        .filter(row::Column::Slug.eq(slug))
        .filter(row::Column::IsPublic.eq(true))
        .one(db)
        .await?
        .and_then(|r| {
            let text = r.published?;
            Some((
                ProjectId(r.project_id),
                Sections::from_json(&text),
                r.published_at,
            ))
        }))
}

/// Stores an address (again is a no-op).
pub async fn subscribe<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    email: &str,
) -> Result<(), DbErr> {
    let there = sub::Entity::find()
        .filter(sub::Column::ProjectId.eq(project.0))
        .filter(sub::Column::Email.eq(email))
        .count(db)
        .await?;
    if there == 0 {
        sub::ActiveModel {
            project_id: Set(project.0),
            email: Set(email.to_owned()),
            token: Set(format!("{}{}", token(), token())),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Forgets the address with this token; whether there was one.
pub async fn unsubscribe<C: ConnectionTrait>(db: &C, token: &str) -> Result<bool, DbErr> {
    let gone = sub::Entity::delete_many()
        .filter(sub::Column::Token.eq(token))
        .exec(db)
        .await?;
    Ok(gone.rows_affected > 0)
}

/// Whether a token is someone's (for the unsubscribe page).
pub async fn has_token<C: ConnectionTrait>(db: &C, token: &str) -> Result<bool, DbErr> {
    Ok(sub::Entity::find()
        .filter(sub::Column::Token.eq(token))
        .count(db)
        .await?
        > 0)
}

/// Everyone to email for a project: (address, unsubscribe token).
pub async fn subscribers<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
) -> Result<Vec<(String, String)>, DbErr> {
    Ok(sub::Entity::find()
        .filter(sub::Column::ProjectId.eq(project.0))
        .order_by_asc(sub::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.email, s.token))
        .collect())
}
