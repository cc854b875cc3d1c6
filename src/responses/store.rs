//! Response queries: storing batches of submissions (used by the group-commit writer), reading
//! responses back with their answers (results, export, API) and erasing one by receipt.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use entity::{answer, response};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::accounts::StewardId;
use crate::responses::model::{
    Channel, Mode, Receipt, ResponseId, StoredAnswer, StoredResponse, Submission, SubmissionId,
};
use crate::responses::tally::{self, Tallies};
use crate::surveys::{AnswerValue, QuestionId, QuestionKind, SurveyId};

/// Most answer rows in one multi-row INSERT (5 binds each keeps well under every bind limit).
const ANSWER_CHUNK: usize = 1000;
/// Most response rows in one multi-row INSERT.
const RESPONSE_CHUNK: usize = 500;

/// An answer row as read back: response, question, number, text, choices.
type AnswerRow = (i64, i64, Option<i32>, Option<String>, Option<String>);

/// A response already stored under a (survey, submission id) pair: its receipt and its
/// answers as stored, in question order.
#[derive(Clone, Debug)]
pub struct Earlier {
    pub receipt: Receipt,
    pub answers: Vec<StoredAnswer>,
}

impl Earlier {
    /// Whether `s` is a re-send of this response: the same answers (only then may the sender
    /// have its receipt).
    pub fn same_as(&self, s: &Submission) -> bool {
        self.answers == s.stored_form()
    }
}

/// Responses already stored for these (survey, submission id) pairs, with their answers.
pub async fn earlier_copies<C: ConnectionTrait>(
    db: &C,
    keys: &[(SurveyId, &str)],
) -> Result<HashMap<(SurveyId, String), Earlier>, sea_orm::DbErr> {
    let mut found = HashMap::new();
    for chunk in keys.chunks(RESPONSE_CHUNK) {
        let ids: Vec<&str> = chunk.iter().map(|(_, s)| *s).collect();
        let mut surveys: Vec<i64> = chunk.iter().map(|(s, _)| s.0).collect();
        surveys.sort_unstable();
        surveys.dedup();
        let rows: Vec<(i64, String, String, i64)> = response::Entity::find()
            .select_only()
            .column(response::Column::SurveyId)
            .column(response::Column::SubmissionId)
            .column(response::Column::Receipt)
            .column(response::Column::Id)
            // Both columns, so the (survey_id, submission_id) unique index serves the lookup.
            .filter(response::Column::SurveyId.is_in(surveys))
            .filter(response::Column::SubmissionId.is_in(ids))
            .into_tuple()
            .all(db)
            .await?;
        if rows.is_empty() {
            continue;
        }
        let mut answers: HashMap<i64, Vec<StoredAnswer>> = HashMap::new();
        let stored: Vec<AnswerRow> = answer::Entity::find()
            .select_only()
            .column(answer::Column::ResponseId)
            .column(answer::Column::QuestionId)
            .column(answer::Column::Number)
            .column(answer::Column::Text)
            .column(answer::Column::Choices)
            .filter(answer::Column::ResponseId.is_in(rows.iter().map(|r| r.3)))
            .into_tuple()
            .all(db)
            .await?;
        for (response, question, number, text, choices) in stored {
            answers
                .entry(response)
                .or_default()
                .push((question, number, text, choices));
        }
        for (survey, submission, receipt, id) in rows {
            if let Some(receipt) = Receipt::parse(&receipt) {
                let mut answers = answers.remove(&id).unwrap_or_default();
                answers.sort();
                found.insert((SurveyId(survey), submission), Earlier { receipt, answers });
            }
        }
    }
    Ok(found)
}

/// Inserts new responses and all their answers with multi-row INSERTs and tallies the answers,
/// returning the new response ids in the order of `items`. Call inside a transaction: either
/// everything is stored or nothing is.
pub async fn insert_many<C: ConnectionTrait>(
    db: &C,
    items: &[(&Submission, Receipt)],
    now: DateTime<Utc>,
) -> Result<Vec<ResponseId>, sea_orm::DbErr> {
    let mut new_ids = Vec::with_capacity(items.len());
    for chunk in items.chunks(RESPONSE_CHUNK) {
        let rows = chunk.iter().map(|(s, r)| response::ActiveModel {
            survey_id: Set(s.survey_id.0),
            submission_id: Set(s.submission_id.as_str().to_owned()),
            receipt: Set(r.as_str().to_owned()),
            submitted_at: Set(now),
            mode: Set(s.mode.as_str().to_owned()),
            channel: Set(s.channel.as_str().to_owned()),
            context: Set(s.context.clone()),
            steward_id: Set(s.steward_id.map(|id| id.0)),
            ..Default::default()
        });
        response::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
        let receipts: Vec<&str> = chunk.iter().map(|(_, r)| r.as_str()).collect();
        let ids: HashMap<String, i64> = response::Entity::find()
            .select_only()
            .column(response::Column::Receipt)
            .column(response::Column::Id)
            .filter(response::Column::Receipt.is_in(receipts))
            .into_tuple::<(String, i64)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let mut answers = Vec::new();
        let asked: Vec<i64> = chunk
            .iter()
            .flat_map(|(s, _)| s.answers.iter().map(|(q, _)| q.0))
            .collect();
        let kinds = tally::kinds(db, asked).await?;
        let mut tallies = Tallies::default();
        let day = now.date_naive();
        for (s, r) in chunk {
            let id = *ids
                .get(r.as_str())
                .ok_or_else(|| sea_orm::DbErr::RecordNotFound("a response just inserted".into()))?;
            new_ids.push(ResponseId(id));
            for (question, value) in &s.answers {
                let (number, text, choices) = value.to_columns();
                if let Some(kind) = kinds.get(&question.0) {
                    tallies.count(
                        *kind,
                        (question.0, day, s.channel.as_str()),
                        (number, text.as_deref(), choices.as_deref()),
                    );
                }
                answers.push(answer::ActiveModel {
                    response_id: Set(id),
                    question_id: Set(question.0),
                    number: Set(number),
                    text: Set(text),
                    choices: Set(choices),
                    ..Default::default()
                });
            }
        }
        let mut answers = answers.into_iter().peekable();
        while answers.peek().is_some() {
            let part: Vec<_> = answers.by_ref().take(ANSWER_CHUNK).collect();
            answer::Entity::insert_many(part)
                .exec_without_returning(db)
                .await?;
        }
        tally::add(db, &tallies).await?;
    }
    Ok(new_ids)
}

fn to_stored(
    row: response::Model,
    answers: Vec<answer::Model>,
    kinds: &HashMap<i64, QuestionKind>,
) -> StoredResponse {
    StoredResponse {
        id: ResponseId(row.id),
        survey_id: SurveyId(row.survey_id),
        receipt: Receipt::parse(&row.receipt).unwrap_or_else(Receipt::generate),
        submitted_at: row.submitted_at,
        mode: Mode::parse(&row.mode).unwrap_or(Mode::SelfCompleted),
        channel: Channel::parse(&row.channel).unwrap_or(Channel::Link),
        context: row.context,
        steward_id: row.steward_id.map(StewardId),
        answers: answers
            .into_iter()
            .filter_map(|a| {
                let kind = kinds.get(&a.question_id)?;
                AnswerValue::from_columns(*kind, a.number, a.text, a.choices)
                    .map(|v| (QuestionId(a.question_id), v))
            })
            .collect(),
    }
}

async fn with_answers<C: ConnectionTrait>(
    db: &C,
    rows: Vec<response::Model>,
) -> Result<Vec<StoredResponse>, sea_orm::DbErr> {
    let Some(first) = rows.first() else {
        return Ok(Vec::new());
    };
    let questions = crate::surveys::store::questions(db, SurveyId(first.survey_id), true).await?;
    let position: HashMap<i64, usize> = questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.0, i))
        .collect();
    let kinds: HashMap<i64, QuestionKind> =
        questions.iter().map(|q| (q.id.0, q.def.kind)).collect();
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut by_response: HashMap<i64, Vec<answer::Model>> = HashMap::new();
    for a in answer::Entity::find()
        .filter(answer::Column::ResponseId.is_in(ids))
        .order_by_asc(answer::Column::Id)
        .all(db)
        .await?
    {
        by_response.entry(a.response_id).or_default().push(a);
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let mut answers = by_response.remove(&row.id).unwrap_or_default();
            answers.sort_by_key(|a| position.get(&a.question_id).copied().unwrap_or(usize::MAX));
            to_stored(row, answers, &kinds)
        })
        .collect())
}

/// One page of a survey's responses with their answers, oldest first: those with an id after
/// `after` (keyset paging; pass the last id of the previous page), at most `limit` of them.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    survey: SurveyId,
    after: Option<ResponseId>,
    limit: u64,
) -> Result<Vec<StoredResponse>, sea_orm::DbErr> {
    let mut query = response::Entity::find()
        .filter(response::Column::SurveyId.eq(survey.0))
        .order_by_asc(response::Column::Id)
        .limit(limit);
    if let Some(after) = after {
        query = query.filter(response::Column::Id.gt(after.0));
    }
    with_answers(db, query.all(db).await?).await
}

/// How many responses a survey has.
pub async fn count<C: ConnectionTrait>(db: &C, survey: SurveyId) -> Result<u64, sea_orm::DbErr> {
    response::Entity::find()
        .filter(response::Column::SurveyId.eq(survey.0))
        .count(db)
        .await
}

/// A response by its receipt code, with its answers.
pub async fn find_by_receipt<C: ConnectionTrait>(
    db: &C,
    receipt: &Receipt,
) -> Result<Option<StoredResponse>, sea_orm::DbErr> {
    let row = response::Entity::find()
        .filter(response::Column::Receipt.eq(receipt.as_str()))
        .one(db)
        .await?;
    Ok(with_answers(db, row.into_iter().collect()).await?.pop())
}

/// A response by id, with its answers.
pub async fn find_by_id<C: ConnectionTrait>(
    db: &C,
    id: ResponseId,
) -> Result<Option<StoredResponse>, sea_orm::DbErr> {
    let row = response::Entity::find_by_id(id.0).one(db).await?;
    Ok(with_answers(db, row.into_iter().collect()).await?.pop())
}

/// The response stored under this survey and submission id, with its answers (a re-send gets
/// the receipt again only with the same answers).
pub async fn find_by_submission<C: ConnectionTrait>(
    db: &C,
    survey: SurveyId,
    submission_id: &SubmissionId,
) -> Result<Option<Earlier>, sea_orm::DbErr> {
    let id = submission_id.as_str();
    Ok(earlier_copies(db, &[(survey, id)])
        .await?
        .remove(&(survey, id.to_owned())))
}

/// Deletes a response and every answer in it, taking them out of the tallies first. Call inside
/// a transaction; answers are deleted explicitly as well as by the foreign-key cascade, so
/// nothing depends on SQLite's pragma. Returns whether there was such a response.
pub async fn delete<C: ConnectionTrait>(db: &C, id: ResponseId) -> Result<bool, sea_orm::DbErr> {
    tally::remove_response(db, id.0).await?;
    answer::Entity::delete_many()
        .filter(answer::Column::ResponseId.eq(id.0))
        .exec(db)
        .await?;
    let done = response::Entity::delete_by_id(id.0).exec(db).await?;
    Ok(done.rows_affected > 0)
}
