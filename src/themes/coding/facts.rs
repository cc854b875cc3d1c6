//! What a coding copies from its answer when it is written — the question, the day (UTC) and
//! the channel — so a theme's share in an experiment is counted from the codings alone. They
//! never change once the answer is written (migration `m20261206_000015_coding_facts` filled
//! the codings that existed before, with the same rule in SQL).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use entity::{answer, coding, response};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QuerySelect, Set};

use crate::themes::model::AnswerId;

/// An answer's question, day and channel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerFacts {
    pub question: i64,
    pub day: NaiveDate,
    pub channel: String,
}

impl AnswerFacts {
    /// Puts these facts on a coding about to be written.
    pub fn apply(&self, row: &mut coding::ActiveModel) {
        row.question_id = Set(self.question);
        row.day = Set(self.day);
        row.channel = Set(self.channel.clone());
    }
}

/// The facts of `answers`, read in chunks; answers that no longer exist are left out.
pub async fn answer_facts<C: ConnectionTrait>(
    db: &C,
    answers: impl IntoIterator<Item = AnswerId>,
) -> Result<HashMap<AnswerId, AnswerFacts>, sea_orm::DbErr> {
    let ids: Vec<i64> = answers.into_iter().map(|a| a.0).collect();
    let mut out = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let rows: Vec<(i64, i64, DateTime<Utc>, String)> = answer::Entity::find()
            .join(
                JoinType::InnerJoin,
                answer::Entity::belongs_to(response::Entity)
                    .from(answer::Column::ResponseId)
                    .to(response::Column::Id)
                    .into(),
            )
            .filter(answer::Column::Id.is_in(chunk.iter().copied()))
            .select_only()
            .column(answer::Column::Id)
            .column(answer::Column::QuestionId)
            .column_as(
                Expr::col((response::Entity, response::Column::SubmittedAt)),
                "at",
            )
            .column_as(
                Expr::col((response::Entity, response::Column::Channel)),
                "channel",
            )
            .into_tuple()
            .all(db)
            .await?;
        for (id, question, at, channel) in rows {
            let day = at.date_naive();
            out.insert(
                AnswerId(id),
                AnswerFacts {
                    question,
                    day,
                    channel,
                },
            );
        }
    }
    Ok(out)
}
