//! Read queries for results: counting responses, answers grouped per question, and responses
//! with their answers page by page (by offset for screens, by id for streaming exports).

use std::collections::{BTreeMap, HashMap};

use entity::{answer, response};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::paging::Paging;
use crate::results::model::{QuestionSummary, ResponseRow, summarise};
use crate::surveys::{AnswerValue, Question, QuestionId, QuestionKind, SurveyId};

/// One group of equal answers: the stored columns and how many rows share them.
type Group = (Option<i32>, Option<String>, Option<String>, i64);

/// How many responses a survey has.
pub async fn count_responses<C: ConnectionTrait>(
    db: &C,
    survey: SurveyId,
) -> Result<u64, sea_orm::DbErr> {
    response::Entity::find()
        .filter(response::Column::SurveyId.eq(survey.0))
        .count(db)
        .await
}

/// A question's answers grouped by value, with how many gave each (the database adds them up,
/// so memory stays small however many responses there are).
pub async fn answer_groups<C: ConnectionTrait>(
    db: &C,
    question: &Question,
) -> Result<Vec<(AnswerValue, u64)>, sea_orm::DbErr> {
    let base = answer::Entity::find().filter(answer::Column::QuestionId.eq(question.id.0));
    if question.def.kind.is_text() {
        let n = base.count(db).await?;
        return Ok(vec![(AnswerValue::Text(String::new()), n)]);
    }
    let rows: Vec<Group> = base
        .select_only()
        .column(answer::Column::Number)
        .column(answer::Column::Text)
        .column(answer::Column::Choices)
        .column_as(Expr::from(Func::count(Expr::col(answer::Column::Id))), "n")
        .group_by(answer::Column::Number)
        .group_by(answer::Column::Text)
        .group_by(answer::Column::Choices)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(number, text, choices, n)| {
            AnswerValue::from_columns(question.def.kind, number, text, choices)
                .map(|v| (v, u64::try_from(n).unwrap_or(0)))
        })
        .collect())
}

/// Summaries of every question, archived ones included, in order.
pub async fn summaries<C: ConnectionTrait>(
    db: &C,
    questions: &[Question],
) -> Result<Vec<QuestionSummary>, sea_orm::DbErr> {
    let mut out = Vec::with_capacity(questions.len());
    for q in questions {
        let groups = answer_groups(db, q).await?;
        out.push(summarise(q, &groups));
    }
    Ok(out)
}

async fn with_answers<C: ConnectionTrait>(
    db: &C,
    questions: &[Question],
    rows: Vec<response::Model>,
) -> Result<Vec<ResponseRow>, sea_orm::DbErr> {
    let kinds: HashMap<i64, QuestionKind> =
        questions.iter().map(|q| (q.id.0, q.def.kind)).collect();
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut answers: HashMap<i64, BTreeMap<QuestionId, AnswerValue>> = HashMap::new();
    if !ids.is_empty() {
        for a in answer::Entity::find()
            .filter(answer::Column::ResponseId.is_in(ids))
            .all(db)
            .await?
        {
            let Some(kind) = kinds.get(&a.question_id) else {
                continue;
            };
            if let Some(value) = AnswerValue::from_columns(*kind, a.number, a.text, a.choices) {
                answers
                    .entry(a.response_id)
                    .or_default()
                    .insert(QuestionId(a.question_id), value);
            }
        }
    }
    Ok(rows
        .into_iter()
        .map(|r| ResponseRow {
            answers: answers.remove(&r.id).unwrap_or_default(),
            id: r.id,
            submitted_at: r.submitted_at,
            mode: r.mode,
            channel: r.channel,
            context: r.context,
        })
        .collect())
}

/// One page of a survey's responses, newest first.
pub async fn page_responses<C: ConnectionTrait>(
    db: &C,
    survey: SurveyId,
    questions: &[Question],
    paging: Paging,
) -> Result<Vec<ResponseRow>, sea_orm::DbErr> {
    let rows = response::Entity::find()
        .filter(response::Column::SurveyId.eq(survey.0))
        .order_by_desc(response::Column::SubmittedAt)
        .order_by_desc(response::Column::Id)
        .offset(paging.offset())
        .limit(paging.per_page())
        .all(db)
        .await?;
    with_answers(db, questions, rows).await
}

/// Up to `limit` responses with ids above `after`, oldest first: the pages of a streamed export.
pub async fn responses_after<C: ConnectionTrait>(
    db: &C,
    survey: SurveyId,
    questions: &[Question],
    after: i64,
    limit: u64,
) -> Result<Vec<ResponseRow>, sea_orm::DbErr> {
    let rows = response::Entity::find()
        .filter(response::Column::SurveyId.eq(survey.0))
        .filter(response::Column::Id.gt(after))
        .order_by_asc(response::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    with_answers(db, questions, rows).await
}
