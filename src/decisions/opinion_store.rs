//! Storing and reading representatives' opinions of decisions.

use chrono::Utc;
use entity::decision_opinion as row;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use crate::decisions::opinion::{NewOpinion, Opinion, Opinions};

/// Records (or changes) one person's opinion of a decision, inside the caller's transaction.
pub async fn save<C: ConnectionTrait>(
    db: &C,
    decision: i64,
    steward: i64,
    new: &NewOpinion,
) -> Result<(), DbErr> {
    let existing = row::Entity::find()
        .filter(row::Column::DecisionId.eq(decision))
        .filter(row::Column::StewardId.eq(steward))
        .one(db)
        .await?;
    let mut model = match existing {
        Some(r) => r.into(),
        None => row::ActiveModel {
            decision_id: Set(decision),
            steward_id: Set(steward),
            ..Default::default()
        },
    };
    model.opinion = Set(new.opinion.as_str().to_owned());
    model.note = Set(new.note.clone());
    model.updated_at = Set(Utc::now());
    model.save(db).await?;
    Ok(())
}

/// This person's opinion of a decision, if they gave one.
pub async fn mine<C: ConnectionTrait>(
    db: &C,
    decision: i64,
    steward: i64,
) -> Result<Option<NewOpinion>, DbErr> {
    Ok(row::Entity::find()
        .filter(row::Column::DecisionId.eq(decision))
        .filter(row::Column::StewardId.eq(steward))
        .one(db)
        .await?
        .and_then(|r| {
            Some(NewOpinion {
                opinion: Opinion::parse(&r.opinion)?,
                note: r.note,
            })
        }))
}

/// Everyone's opinions of a decision, oldest first, without names.
pub async fn of<C: ConnectionTrait>(db: &C, decision: i64) -> Result<Opinions, DbErr> {
    let mut out = Opinions::default();
    let rows = row::Entity::find()
        .filter(row::Column::DecisionId.eq(decision))
        .order_by_asc(row::Column::Id)
        .all(db)
        .await?;
    for r in rows {
        let Some(o) = Opinion::parse(&r.opinion) else {
            continue;
        };
        match o {
            Opinion::Agree => out.agree += 1,
            Opinion::NotSure => out.not_sure += 1,
            Opinion::Disagree => out.disagree += 1,
        }
        if !r.note.is_empty() {
            out.notes.push((o, r.note));
        }
    }
    Ok(out)
}
