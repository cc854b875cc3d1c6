//! Writes the API needs beyond the shared stores: replacing a survey's settings and questions
//! (archiving instead of deleting once answers exist), and storing a public submission.
//!
//! MERGE: `store_submission` and `existing_receipt` stand in for the public runner's
//! `responses::Submitter` (group commit); switch `api::responses::submit` to it at merge.

use chrono::Utc;
use entity::{answer, question, response, survey};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, TransactionTrait,
};

use crate::responses::{Channel, Mode, Receipt};
use crate::surveys::store::question_row;
use crate::surveys::{AnswerValue, NewSurvey, QuestionId, SurveyId};

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
    new: &NewSurvey,
    has_responses: bool,
) -> Result<(), ReplaceError> {
    let txn = db.begin().await?;
    survey::ActiveModel {
        id: Set(id.0),
        kind: Set(new.kind.as_str().to_owned()),
        title: Set(new.title.clone()),
        audience: Set(new.audience.as_str().to_owned()),
        intro: Set(new.intro.clone()),
        privacy_notice: Set(new.privacy_notice.clone()),
        opens_at: Set(new.opens_at),
        closes_at: Set(new.closes_at),
        layout: Set(new.layout.as_str().to_owned()),
        anonymous: Set(new.anonymous),
        sensitive: Set(new.sensitive),
        context_prompt: Set(new.context_prompt.clone()),
        context_options: Set(serde_json::Value::from(new.context_options.clone()).to_string()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    let existing = crate::surveys::store::questions(&txn, id, true).await?;
    if !has_responses {
        question::Entity::delete_many()
            .filter(question::Column::SurveyId.eq(id.0))
            .exec(&txn)
            .await?;
        for (i, def) in new.questions.iter().enumerate() {
            question_row(id, position(i), def).insert(&txn).await?;
        }
        txn.commit().await?;
        return Ok(());
    }
    for (i, def) in new.questions.iter().enumerate() {
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
    let end = position(new.questions.len());
    for old in existing
        .iter()
        .filter(|q| !new.questions.iter().any(|d| d.key == q.def.key))
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

/// A checked submission, ready to store.
#[derive(Clone, Debug)]
pub struct Submission {
    pub survey: SurveyId,
    /// The client's idempotency key.
    pub client_id: String,
    pub mode: Mode,
    pub channel: Channel,
    pub context: Option<String>,
    pub answers: Vec<(QuestionId, AnswerValue)>,
}

/// What storing a submission did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stored {
    /// Stored now, with this new receipt.
    New(Receipt),
    /// Stored before under the same client id; this is its receipt.
    Existing(Receipt),
}

/// The receipt of a submission already stored under this client id.
pub async fn existing_receipt<C: ConnectionTrait>(
    db: &C,
    survey: SurveyId,
    client_id: &str,
) -> Result<Option<Receipt>, sea_orm::DbErr> {
    Ok(response::Entity::find()
        .filter(response::Column::SurveyId.eq(survey.0))
        .filter(response::Column::SubmissionId.eq(client_id))
        .one(db)
        .await?
        .and_then(|r| Receipt::parse(&r.receipt)))
}

async fn insert(
    db: &DatabaseConnection,
    sub: &Submission,
    receipt: &Receipt,
) -> Result<(), sea_orm::DbErr> {
    let txn = db.begin().await?;
    let row = response::ActiveModel {
        survey_id: Set(sub.survey.0),
        submission_id: Set(sub.client_id.clone()),
        receipt: Set(receipt.as_str().to_owned()),
        submitted_at: Set(Utc::now()),
        mode: Set(sub.mode.as_str().to_owned()),
        channel: Set(sub.channel.as_str().to_owned()),
        context: Set(sub.context.clone()),
        steward_id: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let answers: Vec<answer::ActiveModel> = sub
        .answers
        .iter()
        .map(|(question, value)| {
            let (number, text, choices) = value.to_columns();
            answer::ActiveModel {
                response_id: Set(row.id),
                question_id: Set(question.0),
                number: Set(number),
                text: Set(text),
                choices: Set(choices),
                ..Default::default()
            }
        })
        .collect();
    if !answers.is_empty() {
        answer::Entity::insert_many(answers).exec(&txn).await?;
    }
    txn.commit().await
}

/// Stores a response and its answers in one transaction, at most once per
/// (survey, client id): a repeat returns the first receipt.
pub async fn store_submission(
    db: &DatabaseConnection,
    sub: &Submission,
) -> Result<Stored, sea_orm::DbErr> {
    if let Some(receipt) = existing_receipt(db, sub.survey, &sub.client_id).await? {
        return Ok(Stored::Existing(receipt));
    }
    let mut last = None;
    // A fresh receipt can (very rarely) collide with another; try a few.
    for _ in 0..4 {
        let receipt = Receipt::generate();
        match insert(db, sub, &receipt).await {
            Ok(()) => return Ok(Stored::New(receipt)),
            Err(err) if err.sql_err().is_some() => {
                if let Some(receipt) = existing_receipt(db, sub.survey, &sub.client_id).await? {
                    return Ok(Stored::Existing(receipt));
                }
                last = Some(err);
            }
            Err(err) => return Err(err),
        }
    }
    Err(last.unwrap_or_else(|| sea_orm::DbErr::Custom("could not store the response".into())))
}
