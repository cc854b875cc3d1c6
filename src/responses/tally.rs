//! Answer tallies: how many answers each measurable question got per day (UTC), channel and
//! value, written in the same transaction as the answers (and taken back when a response is
//! erased), so experiment results read a few hundred rows instead of every answer. Words are
//! never tallied: a written answer counts under an empty value, which is the base of a theme's
//! share.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use entity::{answer, answer_tally, question, response};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect, Set};

use crate::surveys::QuestionKind;

/// Most tally rows in one multi-row INSERT.
const CHUNK: usize = 500;

/// What one tally row counts: (question, day, channel, value).
pub type Key = (i64, NaiveDate, String, String);

/// Answers to add (or take away), by key.
#[derive(Debug, Default)]
pub struct Tallies(BTreeMap<Key, i64>);

/// The value an answer is tallied under, from its storage columns, or `None` when answers of
/// this kind are not tallied: the number for faces, scale and rating, the option for yes/no and
/// single choice, and an empty value for a written answer — short or long text, or "Other"
/// (the words stay out). An empty value is what the theme coder calls a written answer, so a
/// theme's share is its coded answers over these. The migrations that created the table and
/// tallied written answers say the same in SQL.
pub fn value_of(
    kind: QuestionKind,
    number: Option<i32>,
    text: Option<&str>,
    choices: Option<&str>,
) -> Option<String> {
    match kind {
        QuestionKind::Faces | QuestionKind::Scale | QuestionKind::Rating => {
            number.map(|n| n.to_string())
        }
        QuestionKind::YesNo | QuestionKind::SingleChoice => match (text, choices) {
            (Some(t), None) => Some(t.to_owned()),
            (Some(_), Some(_)) => Some(String::new()),
            (None, _) => None,
        },
        QuestionKind::ShortText | QuestionKind::LongText => text.map(|_| String::new()),
        _ => None,
    }
}

impl Tallies {
    /// Counts one answer (nothing when its kind is not tallied).
    pub fn count(
        &mut self,
        kind: QuestionKind,
        (question, day, channel): (i64, NaiveDate, &str),
        (number, text, choices): (Option<i32>, Option<&str>, Option<&str>),
    ) {
        if let Some(value) = value_of(kind, number, text, choices) {
            *self
                .0
                .entry((question, day, channel.to_owned(), value))
                .or_insert(0) += 1;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The kinds of these questions (unknown kinds left out).
pub async fn kinds<C: ConnectionTrait>(
    db: &C,
    questions: Vec<i64>,
) -> Result<HashMap<i64, QuestionKind>, DbErr> {
    let mut ids = questions;
    ids.sort_unstable();
    ids.dedup();
    let mut out = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let rows: Vec<(i64, String)> = question::Entity::find()
            .select_only()
            .column(question::Column::Id)
            .column(question::Column::Kind)
            .filter(question::Column::Id.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        out.extend(
            rows.into_iter()
                .filter_map(|(id, k)| QuestionKind::parse(&k).map(|k| (id, k))),
        );
    }
    Ok(out)
}

/// Adds the tallies (an upsert per row). Call in the transaction that stores the answers.
pub async fn add<C: ConnectionTrait>(db: &C, tallies: &Tallies) -> Result<(), DbErr> {
    let rows: Vec<_> = tallies.0.iter().collect();
    for chunk in rows.chunks(CHUNK) {
        let models = chunk
            .iter()
            .map(|((q, day, channel, value), n)| answer_tally::ActiveModel {
                question_id: Set(*q),
                day: Set(*day),
                channel: Set(channel.clone()),
                value: Set(value.clone()),
                n: Set(**n),
                ..Default::default()
            });
        let sum = Expr::col((answer_tally::Entity, answer_tally::Column::N))
            .add(Expr::col((Alias::new("excluded"), answer_tally::Column::N)));
        answer_tally::Entity::insert_many(models)
            .on_conflict(
                OnConflict::columns([
                    answer_tally::Column::QuestionId,
                    answer_tally::Column::Day,
                    answer_tally::Column::Channel,
                    answer_tally::Column::Value,
                ])
                .value(answer_tally::Column::N, sum)
                .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Takes a response's answers out of the tallies. Call in the transaction that deletes it,
/// before the answers go.
pub async fn remove_response<C: ConnectionTrait>(db: &C, response: i64) -> Result<(), DbErr> {
    let Some(r) = response::Entity::find_by_id(response).one(db).await? else {
        return Ok(());
    };
    let answers = answer::Entity::find()
        .filter(answer::Column::ResponseId.eq(response))
        .all(db)
        .await?;
    let kinds = kinds(db, answers.iter().map(|a| a.question_id).collect()).await?;
    let day = r.submitted_at.date_naive();
    let mut tallies = Tallies::default();
    for a in &answers {
        if let Some(kind) = kinds.get(&a.question_id) {
            tallies.count(
                *kind,
                (a.question_id, day, &r.channel),
                (a.number, a.text.as_deref(), a.choices.as_deref()),
            );
        }
    }
    for ((q, day, channel, value), n) in &tallies.0 {
        let key = || {
            answer_tally::Column::QuestionId
                .eq(*q)
                .and(answer_tally::Column::Day.eq(*day))
                .and(answer_tally::Column::Channel.eq(channel.clone()))
                .and(answer_tally::Column::Value.eq(value.clone()))
        };
        answer_tally::Entity::update_many()
            .col_expr(
                answer_tally::Column::N,
                Expr::col(answer_tally::Column::N).sub(*n),
            )
            .filter(key())
            .exec(db)
            .await?;
        answer_tally::Entity::delete_many()
            .filter(key())
            .filter(answer_tally::Column::N.lte(0))
            .exec(db)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_options_and_written_answers_are_tallied_but_never_their_words() {
        let v = |k, n, t, c| value_of(k, n, t, c);
        assert_eq!(
            v(QuestionKind::Faces, Some(4), None, None).as_deref(),
            Some("4")
        );
        assert_eq!(
            v(QuestionKind::Rating, Some(0), None, None).as_deref(),
            Some("0")
        );
        assert_eq!(
            v(QuestionKind::YesNo, None, Some("yes"), None).as_deref(),
            Some("yes")
        );
        assert_eq!(
            v(QuestionKind::SingleChoice, None, Some("Bus"), None).as_deref(),
            Some("Bus")
        );
        // "Other" counts towards the total under an empty value; its words stay out.
        assert_eq!(
            v(
                QuestionKind::SingleChoice,
                None,
                Some("my nan's car"),
                Some("[\"Other\"]")
            )
            .as_deref(),
            Some("")
        );
        // A written answer counts under an empty value: its words stay out.
        assert_eq!(
            v(QuestionKind::LongText, None, Some("I was sad"), None).as_deref(),
            Some("")
        );
        assert_eq!(
            v(QuestionKind::ShortText, None, Some("sad"), None).as_deref(),
            Some("")
        );
        assert_eq!(v(QuestionKind::ShortText, None, None, None), None);
        assert_eq!(
            v(QuestionKind::MultipleChoice, None, None, Some("[\"A\"]")),
            None
        );
        assert_eq!(v(QuestionKind::Faces, None, None, None), None);
    }

    #[test]
    fn the_same_answer_twice_on_one_day_and_channel_is_one_row_of_two() {
        let day = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap_or_default();
        let mut t = Tallies::default();
        t.count(QuestionKind::Faces, (7, day, "qr"), (Some(5), None, None));
        t.count(QuestionKind::Faces, (7, day, "qr"), (Some(5), None, None));
        t.count(QuestionKind::Faces, (7, day, "link"), (Some(5), None, None));
        t.count(
            QuestionKind::LongText,
            (8, day, "qr"),
            (None, Some("hi"), None),
        );
        t.count(
            QuestionKind::LongText,
            (8, day, "qr"),
            (None, Some("bye"), None),
        );
        let rows: Vec<_> = t.0.into_iter().collect();
        assert_eq!(
            rows,
            [
                ((7, day, "link".to_owned(), "5".to_owned()), 1),
                ((7, day, "qr".to_owned(), "5".to_owned()), 2),
                ((8, day, "qr".to_owned(), String::new()), 2),
            ]
        );
    }
}
