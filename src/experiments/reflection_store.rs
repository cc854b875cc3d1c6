//! Storing and reading reflections.

use chrono::Utc;
use entity::reflection;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};

use crate::experiments::model::ExperimentId;
use crate::experiments::reflection::{NewReflection, Reflection, Role};

/// Stores a reflection.
pub async fn add<C: ConnectionTrait>(
    db: &C,
    experiment: ExperimentId,
    r: &NewReflection,
    who: Option<i64>,
) -> Result<i64, DbErr> {
    Ok(reflection::ActiveModel {
        experiment_id: Set(experiment.0),
        role: Set(r.role.as_str().to_owned()),
        name: Set(r.name.clone()),
        happened: Set(r.happened.clone()),
        noticed: Set(r.noticed.clone()),
        surprised: Set(r.surprised.clone()),
        differently: Set(r.differently.clone()),
        steward_id: Set(who),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?
    .id)
}

/// The reflections on some experiments, oldest first.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    experiments: &[ExperimentId],
) -> Result<Vec<(ExperimentId, Reflection)>, DbErr> {
    Ok(reflection::Entity::find()
        .filter(reflection::Column::ExperimentId.is_in(experiments.iter().map(|e| e.0)))
        .order_by_asc(reflection::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| {
            Some((
                ExperimentId(r.experiment_id),
                Reflection {
                    id: r.id,
                    at: r.created_at,
                    fields: NewReflection {
                        role: Role::parse(&r.role)?,
                        name: r.name,
                        happened: r.happened,
                        noticed: r.noticed,
                        surprised: r.surprised,
                        differently: r.differently,
                    },
                },
            ))
        })
        .collect())
}
