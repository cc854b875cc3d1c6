//! Writing and reading links.

use chrono::Utc;
use entity::link;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use crate::links::model::{Kind, Link, Thing};
use crate::projects::ProjectId;

/// Links `from` to `to` in a project (inside the caller's transaction).
pub async fn add<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    link: &Link,
    steward: Option<i64>,
) -> Result<(), DbErr> {
    link::ActiveModel {
        project_id: Set(project.0),
        from_kind: Set(link.from.kind.as_str().to_owned()),
        from_id: Set(link.from.id),
        to_kind: Set(link.to.kind.as_str().to_owned()),
        to_id: Set(link.to.id),
        note: Set(link.note.clone()),
        steward_id: Set(steward),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Removes the links between two things, whichever way they point.
pub async fn remove_between<C: ConnectionTrait>(db: &C, a: Thing, b: Thing) -> Result<(), DbErr> {
    for (from, to) in [(a, b), (b, a)] {
        link::Entity::delete_many()
            .filter(link::Column::FromKind.eq(from.kind.as_str()))
            .filter(link::Column::FromId.eq(from.id))
            .filter(link::Column::ToKind.eq(to.kind.as_str()))
            .filter(link::Column::ToId.eq(to.id))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Removes every link of `kind` pointing to `to`.
pub async fn remove_to<C: ConnectionTrait>(db: &C, kind: Kind, to: Thing) -> Result<(), DbErr> {
    link::Entity::delete_many()
        .filter(link::Column::FromKind.eq(kind.as_str()))
        .filter(link::Column::ToKind.eq(to.kind.as_str()))
        .filter(link::Column::ToId.eq(to.id))
        .exec(db)
        .await?;
    Ok(())
}

/// The ids of things of `kind` linked to any of `to` (of one kind): (to id, from id), in the
/// order they were linked.
pub async fn from_kind_to<C: ConnectionTrait>(
    db: &C,
    kind: Kind,
    to_kind: Kind,
    to: &[i64],
) -> Result<Vec<(i64, i64)>, DbErr> {
    Ok(link::Entity::find()
        .filter(link::Column::FromKind.eq(kind.as_str()))
        .filter(link::Column::ToKind.eq(to_kind.as_str()))
        .filter(link::Column::ToId.is_in(to.iter().copied()))
        .order_by_asc(link::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.to_id, l.from_id))
        .collect())
}

/// The ids of things of `to_kind` that `from` is linked to.
pub async fn to_kind_from<C: ConnectionTrait>(
    db: &C,
    from: Thing,
    to_kind: Kind,
) -> Result<Vec<i64>, DbErr> {
    Ok(link::Entity::find()
        .filter(link::Column::FromKind.eq(from.kind.as_str()))
        .filter(link::Column::FromId.eq(from.id))
        .filter(link::Column::ToKind.eq(to_kind.as_str()))
        .order_by_asc(link::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.to_id)
        .collect())
}
