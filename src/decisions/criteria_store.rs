//! A project's decision criteria: the stored list, or the template until a steward edits it.

use entity::decision_criterion as row;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use crate::decisions::framework::{Criterion, TEMPLATE};
use crate::projects::ProjectId;

/// The project's criteria in order. Until a steward edits them they are the template, with
/// ids below zero (assessments are recorded by name, so nothing depends on those ids).
pub async fn criteria<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
) -> Result<Vec<Criterion>, DbErr> {
    let rows = row::Entity::find()
        .filter(row::Column::ProjectId.eq(project.0))
        .order_by_asc(row::Column::Position)
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(template());
    }
    Ok(rows
        .into_iter()
        .map(|r| Criterion {
            id: r.id,
            name: r.name,
            question: r.question,
        })
        .collect())
}

/// The template criteria.
pub fn template() -> Vec<Criterion> {
    TEMPLATE
        .iter()
        .zip(1_i64..)
        .map(|((name, question), i)| Criterion {
            id: -i,
            name: (*name).to_owned(),
            question: (*question).to_owned(),
        })
        .collect()
}

/// Replaces the project's criteria (inside the caller's transaction). Decisions already
/// recorded keep the criteria as they were, by name.
pub async fn replace<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    list: &[(String, String)],
) -> Result<(), DbErr> {
    row::Entity::delete_many()
        .filter(row::Column::ProjectId.eq(project.0))
        .exec(db)
        .await?;
    for ((name, question), position) in list.iter().zip(1_i32..) {
        row::ActiveModel {
            project_id: Set(project.0),
            position: Set(position),
            name: Set(name.clone()),
            question: Set(question.clone()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
