//! Read queries for the breakdowns: a question's answers grouped by response mode, by ISO week
//! (recent weeks only) and by survey audience, added up across surveys for project pages.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use entity::{answer, response};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter, QuerySelect,
    RelationDef,
};

use crate::disclosure::MinGroup;
use crate::results::breakdown::{
    Breakdown, Dimension, MODES, breakdown, iso_week, mode_label, recent_weeks, weeks_since,
};
use crate::results::store::answer_groups;
use crate::surveys::{AnswerValue, Audience, Question, QuestionKind};

type Answers = Vec<(AnswerValue, u64)>;
/// Stored answer columns: number, text, choices.
type Columns = (Option<i32>, Option<String>, Option<String>);

fn to_response() -> RelationDef {
    answer::Entity::belongs_to(response::Entity)
        .from(answer::Column::ResponseId)
        .to(response::Column::Id)
        .into()
}

fn count_n() -> Expr {
    Expr::from(Func::count(Expr::col((answer::Entity, answer::Column::Id))))
}

fn value(
    kind: QuestionKind,
    n: Option<i32>,
    t: Option<String>,
    c: Option<String>,
) -> Option<AnswerValue> {
    if kind.is_text() {
        Some(AnswerValue::Text(String::new()))
    } else {
        AnswerValue::from_columns(kind, n, t, c)
    }
}

/// A question's answers grouped by the mode of their response.
async fn by_mode<C: ConnectionTrait>(
    db: &C,
    q: &Question,
) -> Result<Vec<(String, AnswerValue, u64)>, DbErr> {
    let base = answer::Entity::find()
        .join(JoinType::InnerJoin, to_response())
        .filter(answer::Column::QuestionId.eq(q.id.0))
        .select_only()
        .column(response::Column::Mode);
    let rows: Vec<(String, Columns, i64)> = if q.def.kind.is_text() {
        base.column_as(count_n(), "n")
            .group_by(response::Column::Mode)
            .into_tuple::<(String, i64)>()
            .all(db)
            .await?
            .into_iter()
            .map(|(m, n)| (m, (None, None, None), n))
            .collect()
    } else {
        base.column(answer::Column::Number)
            .column(answer::Column::Text)
            .column(answer::Column::Choices)
            .column_as(count_n(), "n")
            .group_by(response::Column::Mode)
            .group_by(answer::Column::Number)
            .group_by(answer::Column::Text)
            .group_by(answer::Column::Choices)
            .into_tuple::<(String, Option<i32>, Option<String>, Option<String>, i64)>()
            .all(db)
            .await?
            .into_iter()
            .map(|(m, num, t, c, n)| (m, (num, t, c), n))
            .collect()
    };
    Ok(rows
        .into_iter()
        .filter_map(|(m, (num, t, c), n)| {
            Some((
                m,
                value(q.def.kind, num, t, c)?,
                u64::try_from(n).unwrap_or(0),
            ))
        })
        .collect())
}

/// A question's answers since `since`, with when they were sent (one row per answer, recent
/// weeks only).
async fn since<C: ConnectionTrait>(
    db: &C,
    q: &Question,
    since: DateTime<Utc>,
) -> Result<Vec<(DateTime<Utc>, AnswerValue)>, DbErr> {
    let base = answer::Entity::find()
        .join(JoinType::InnerJoin, to_response())
        .filter(answer::Column::QuestionId.eq(q.id.0))
        .filter(response::Column::SubmittedAt.gte(since))
        .select_only()
        .column(response::Column::SubmittedAt);
    if q.def.kind.is_text() {
        return Ok(base
            .into_tuple::<DateTime<Utc>>()
            .all(db)
            .await?
            .into_iter()
            .map(|at| (at, AnswerValue::Text(String::new())))
            .collect());
    }
    let rows = base
        .column(answer::Column::Number)
        .column(answer::Column::Text)
        .column(answer::Column::Choices)
        .into_tuple::<(DateTime<Utc>, Option<i32>, Option<String>, Option<String>)>()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(at, n, t, c)| Some((at, value(q.def.kind, n, t, c)?)))
        .collect())
}

/// One question (or the same question asked in several surveys) with its breakdowns.
#[derive(Clone, Debug, PartialEq)]
pub struct QuestionAggregate {
    pub key: String,
    pub prompt: String,
    pub kind: QuestionKind,
    /// In how many surveys it was asked.
    pub surveys: usize,
    pub breakdowns: Vec<Breakdown>,
}

/// Breakdowns by mode, week and audience of one question asked in one or more surveys (each
/// with its survey's audience). `members` must not be empty and share a kind.
pub async fn aggregate<C: ConnectionTrait>(
    db: &C,
    members: &[(Question, Audience)],
    min: MinGroup,
    now: DateTime<Utc>,
) -> Result<Option<QuestionAggregate>, DbErr> {
    let Some((first, _)) = members.first() else {
        return Ok(None);
    };
    let mut modes: BTreeMap<String, Answers> = BTreeMap::new();
    let weeks = recent_weeks(now);
    let mut by_week: BTreeMap<String, Answers> = BTreeMap::new();
    let mut audiences: Vec<(String, Answers)> = Vec::new();
    for (q, audience) in members {
        for (m, v, n) in by_mode(db, q).await? {
            modes.entry(m).or_default().push((v, n));
        }
        for (at, v) in since(db, q, weeks_since(now)).await? {
            by_week.entry(iso_week(at)).or_default().push((v, 1));
        }
        let label = audience.label().to_owned();
        let groups = answer_groups(db, q).await?;
        match audiences.iter_mut().find(|(l, _)| *l == label) {
            Some((_, a)) => a.extend(groups),
            None => audiences.push((label, groups)),
        }
    }
    let mode_groups: Vec<(String, Answers)> = MODES
        .iter()
        .map(|(m, _)| (mode_label(m), modes.remove(*m).unwrap_or_default()))
        .collect();
    let week_groups: Vec<(String, Answers)> = weeks
        .iter()
        .map(|w| (w.clone(), by_week.remove(w).unwrap_or_default()))
        .collect();
    audiences.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Some(QuestionAggregate {
        key: first.def.key.as_str().to_owned(),
        prompt: first.def.prompt.clone(),
        kind: first.def.kind,
        surveys: members.len(),
        breakdowns: vec![
            breakdown(first, Dimension::Mode, &mode_groups, min),
            breakdown(first, Dimension::Week, &week_groups, min),
            breakdown(first, Dimension::Audience, &audiences, min),
        ],
    }))
}

/// Questions of several surveys grouped by key and kind, in order of first appearance: the
/// same question asked in different surveys is added up.
pub fn group_questions(surveys: Vec<(Audience, Vec<Question>)>) -> Vec<Vec<(Question, Audience)>> {
    let mut groups: Vec<Vec<(Question, Audience)>> = Vec::new();
    for (audience, questions) in surveys {
        for q in questions {
            let same = |g: &&mut Vec<(Question, Audience)>| {
                g.first()
                    .is_some_and(|(f, _)| f.def.key == q.def.key && f.def.kind == q.def.kind)
            };
            match groups.iter_mut().find(|g| same(g)) {
                Some(g) => g.push((q, audience)),
                None => groups.push(vec![(q, audience)]),
            }
        }
    }
    groups
}

/// Aggregates for each group of questions.
pub async fn aggregates<C: ConnectionTrait>(
    db: &C,
    groups: &[Vec<(Question, Audience)>],
    min: MinGroup,
    now: DateTime<Utc>,
) -> Result<Vec<QuestionAggregate>, DbErr> {
    let mut out = Vec::with_capacity(groups.len());
    for g in groups {
        if let Some(a) = aggregate(db, g, min, now).await? {
            out.push(a);
        }
    }
    Ok(out)
}
