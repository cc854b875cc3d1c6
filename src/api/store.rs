//! Writes the API needs beyond the shared stores: replacing a survey's settings and questions
//! (archiving instead of deleting once answers exist), and storing a public submission.
//! Public submissions go through `responses::Submitter` (group commit), like the runner's.

use entity::question;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use crate::surveys::store::{question_row, update_settings};
use crate::surveys::{ParsedSurvey, SurveyId};

/// Why a survey's questions could not be replaced.
#[derive(Debug)]
pub enum ReplaceError {
    /// A question with answers would change type.
    Conflict(String),
    /// The database failed.
    Db(sea_orm::DbErr),
}

impl From<sea_orm::DbErr> for ReplaceError {
    fn from(err: sea_orm::DbErr) -> Self {
        ReplaceError::Db(err)
    }
}

/// Replaces a survey's settings and questions in one transaction. Without responses the
/// questions are simply replaced; with responses, questions are matched by key, a key's type
/// cannot change, and questions left out are archived so their answers stay.
pub async fn replace_survey(
    db: &DatabaseConnection,
    id: SurveyId,
    new: &ParsedSurvey,
    has_responses: bool,
) -> Result<(), ReplaceError> {
    let txn = crate::db::begin_write(db).await?;
    update_settings(&txn, id, new.settings()).await?;
    let existing = crate::surveys::store::questions(&txn, id, true).await?;
    if !has_responses {
        question::Entity::delete_many()
            .filter(question::Column::SurveyId.eq(id.0))
            .exec(&txn)
            .await?;
        for (i, def) in new.questions().iter().enumerate() {
            question_row(id, position(i), def).insert(&txn).await?;
        }
        txn.commit().await?;
        return Ok(());
    }
    for (i, def) in new.questions().iter().enumerate() {
        match existing.iter().find(|q| q.def.key == def.key) {
            Some(old) if old.def.kind != def.kind => {
                return Err(ReplaceError::Conflict(format!(
                    "The question '{}' already has answers, so its type cannot change from {} to {}. Add a new question with a new key instead.",
                    def.key.as_str(),
                    old.def.kind.as_str(),
                    def.kind.as_str()
                )));
            }
            Some(old) => {
                let mut row = question_row(id, position(i), def);
                row.id = Set(old.id.0);
                row.update(&txn).await?;
            }
            None => {
                question_row(id, position(i), def).insert(&txn).await?;
            }
        }
    }
    let end = position(new.questions().len());
    for old in existing
        .iter()
        .filter(|q| !new.questions().iter().any(|d| d.key == q.def.key))
    {
        question::ActiveModel {
            id: Set(old.id.0),
            archived: Set(true),
            position: Set(end.saturating_add(old.position)),
            ..Default::default()
        }
        .update(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

fn position(i: usize) -> i32 {
    i32::try_from(i).unwrap_or(i32::MAX)
}
