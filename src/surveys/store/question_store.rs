//! Question queries: reading a survey's questions, and the builder's changes to them (each
//! records the survey's change time).

use entity::question;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::rows::{question_columns, question_row, to_question};
use super::touch;
use crate::surveys::model::SurveyId;
use crate::surveys::question::{Question, QuestionDef, QuestionId, QuestionKey};

/// A survey's questions in order; archived ones only when asked for.
pub async fn questions<C: ConnectionTrait>(
    db: &C,
    id: SurveyId,
    include_archived: bool,
) -> Result<Vec<Question>, sea_orm::DbErr> {
    let mut query = question::Entity::find()
        .filter(question::Column::SurveyId.eq(id.0))
        .order_by_asc(question::Column::Position)
        .order_by_asc(question::Column::Id);
    if !include_archived {
        query = query.filter(question::Column::Archived.eq(false));
    }
    Ok(query.all(db).await?.into_iter().map(to_question).collect())
}

/// One question of this survey (archived or not); `None` if it belongs to another survey.
pub async fn find_question<C: ConnectionTrait>(
    db: &C,
    survey: SurveyId,
    id: QuestionId,
) -> Result<Option<Question>, sea_orm::DbErr> {
    Ok(question::Entity::find_by_id(id.0)
        .filter(question::Column::SurveyId.eq(survey.0))
        .one(db)
        .await?
        .map(to_question))
}

/// Whether another question of this survey (archived ones included) already uses a key.
pub async fn key_taken<C: ConnectionTrait>(
    db: &C,
    survey: SurveyId,
    key: &QuestionKey,
    except: Option<QuestionId>,
) -> Result<bool, sea_orm::DbErr> {
    let mut query = question::Entity::find()
        .filter(question::Column::SurveyId.eq(survey.0))
        .filter(question::Column::Key.eq(key.as_str()));
    if let Some(id) = except {
        query = query.filter(question::Column::Id.ne(id.0));
    }
    Ok(query.one(db).await?.is_some())
}

/// Adds a question after the last one and records the change.
pub async fn add_question<C: ConnectionTrait>(
    db: &C,
    survey: SurveyId,
    def: &QuestionDef,
) -> Result<QuestionId, sea_orm::DbErr> {
    let last = questions(db, survey, true)
        .await?
        .iter()
        .map(|q| q.position)
        .max()
        .unwrap_or(-1);
    let row = question_row(survey, last.saturating_add(1), def)
        .insert(db)
        .await?;
    touch(db, survey).await?;
    Ok(QuestionId(row.id))
}

/// Changes a question's definition and records the change.
pub async fn update_question<C: ConnectionTrait>(
    db: &C,
    survey: SurveyId,
    id: QuestionId,
    def: &QuestionDef,
) -> Result<(), sea_orm::DbErr> {
    question::ActiveModel {
        id: Set(id.0),
        ..question_columns(def)
    }
    .update(db)
    .await?;
    touch(db, survey).await
}

/// How many answers a question has.
pub async fn answer_count<C: ConnectionTrait>(
    db: &C,
    id: QuestionId,
) -> Result<u64, sea_orm::DbErr> {
    use sea_orm::PaginatorTrait;
    entity::answer::Entity::find()
        .filter(entity::answer::Column::QuestionId.eq(id.0))
        .count(db)
        .await
}

/// Moves an asked question one place up (or down) among the asked questions. Returns whether
/// it moved. Positions are renumbered 0, 1, 2… (call inside a transaction).
pub async fn move_question<C: ConnectionTrait>(
    db: &C,
    survey: SurveyId,
    id: QuestionId,
    up: bool,
) -> Result<bool, sea_orm::DbErr> {
    let mut order: Vec<QuestionId> = questions(db, survey, false)
        .await?
        .into_iter()
        .map(|q| q.id)
        .collect();
    let Some(at) = order.iter().position(|q| *q == id) else {
        return Ok(false);
    };
    let to = if up { at.checked_sub(1) } else { Some(at + 1) };
    let Some(to) = to.filter(|t| *t < order.len()) else {
        return Ok(false);
    };
    order.swap(at, to);
    for (position, qid) in order.iter().enumerate() {
        question::ActiveModel {
            id: Set(qid.0),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            ..Default::default()
        }
        .update(db)
        .await?;
    }
    touch(db, survey).await?;
    Ok(true)
}

/// Removes a question: archives it when it has answers (they are kept), deletes it otherwise.
/// Returns the number of answers kept.
pub async fn remove_question<C: ConnectionTrait>(
    db: &C,
    survey: SurveyId,
    id: QuestionId,
) -> Result<u64, sea_orm::DbErr> {
    let answers = answer_count(db, id).await?;
    if answers > 0 {
        question::ActiveModel {
            id: Set(id.0),
            archived: Set(true),
            ..Default::default()
        }
        .update(db)
        .await?;
    } else {
        question::Entity::delete_by_id(id.0).exec(db).await?;
    }
    touch(db, survey).await?;
    Ok(answers)
}

/// Asks an archived question again, after the last asked one.
pub async fn restore_question<C: ConnectionTrait>(
    db: &C,
    survey: SurveyId,
    id: QuestionId,
) -> Result<(), sea_orm::DbErr> {
    let last = questions(db, survey, true)
        .await?
        .iter()
        .map(|q| q.position)
        .max()
        .unwrap_or(-1);
    question::ActiveModel {
        id: Set(id.0),
        archived: Set(false),
        position: Set(last.saturating_add(1)),
        ..Default::default()
    }
    .update(db)
    .await?;
    touch(db, survey).await
}
