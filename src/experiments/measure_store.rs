//! The queries behind an experiment's results: each measure counted for both arms (periods, or
//! groups over a period) from the answer tallies, and for a theme's share from the tallies and
//! the theme's codings (which carry their answer's question, day and channel), never read
//! answer by answer, so the results page stays fast with a hundred thousand answers a period.

use entity::{answer_tally, coding, question, survey};
use sea_orm::sea_query::{Expr, ExprTrait, Func, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect,
};

use crate::experiments::catalogue_store::Target;
use crate::experiments::plan::{CompareBy, Design, Period, Plan};
use crate::experiments::results::{Counts, Kind};

/// One side of a comparison: a period and, for a comparison of groups, the group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arm {
    pub period: Period,
    pub group: Option<(CompareBy, String)>,
}

/// The two sides a plan compares (A: before or not trying it; B: the test or trying it), or
/// `None` while the plan is incomplete.
pub fn arms(plan: &Plan) -> Option<(Arm, Arm)> {
    let test = plan.test?;
    match plan.design? {
        Design::BeforeAfter => Some((
            Arm {
                period: plan.baseline?,
                group: None,
            },
            Arm {
                period: test,
                group: None,
            },
        )),
        Design::Comparison => {
            let by = plan.compare_by?;
            Some((
                Arm {
                    period: test,
                    group: Some((by, plan.group_a.clone())),
                },
                Arm {
                    period: test,
                    group: Some((by, plan.group_b.clone())),
                },
            ))
        }
    }
}

/// The answers of both arms, counted for the measure. Questions read the answer tallies (a few
/// rows per day, channel and value, kept by the response writer); a theme's share reads its
/// base from the tallies and counts the theme's codings in force, because codings change after
/// the answers arrive.
pub async fn count_arms<C: ConnectionTrait>(
    db: &C,
    t: &Target,
    (a, b): (&Arm, &Arm),
) -> Result<(Counts, Counts), DbErr> {
    Ok((count(db, t, a).await?, count(db, t, b).await?))
}

/// One arm's answers, counted for the measure.
async fn count<C: ConnectionTrait>(db: &C, t: &Target, a: &Arm) -> Result<Counts, DbErr> {
    match &t.kind {
        Kind::Ordinal { low, high, .. } => {
            let size = usize::try_from(high - low + 1).unwrap_or(0);
            let mut counts = vec![0u64; size];
            for (value, n) in tallies(db, t, a).await? {
                let slot = value
                    .parse::<i32>()
                    .ok()
                    .and_then(|v| usize::try_from(v - low).ok())
                    .and_then(|i| counts.get_mut(i));
                if let Some(slot) = slot {
                    *slot += u64::try_from(n).unwrap_or(0);
                }
            }
            Ok(Counts::Ordinal(counts))
        }
        Kind::Share(option) => {
            let (mut x, mut total) = (0u64, 0u64);
            for (value, n) in tallies(db, t, a).await? {
                let n = u64::try_from(n).unwrap_or(0);
                total += n;
                if value == *option {
                    x += n;
                }
            }
            Ok(Counts::Share { x, n: total })
        }
        Kind::Theme(theme) => theme_share(db, t, a, *theme).await,
    }
}

/// The condition for one arm on a table that carries a question, a day and a channel (the
/// tallies and the codings both do): the measure's questions, the arm's period and its group.
fn arm_filter<T: ColumnTrait>(
    t: &Target,
    a: &Arm,
    (question_col, day_col, channel_col): (T, T, T),
) -> Condition {
    let mut c = Condition::all()
        .add(question_col.is_in(t.questions.iter().copied()))
        .add(day_col.gte(a.period.start))
        .add(day_col.lte(a.period.end));
    if let Some((by, group)) = &a.group {
        c = c.add(match by {
            CompareBy::Channel => channel_col.eq(group.clone()),
            CompareBy::Survey => question_col.in_subquery(
                Query::select()
                    .column(question::Column::Id)
                    .from(question::Entity)
                    .and_where(question::Column::SurveyId.eq(group.parse::<i64>().unwrap_or(-1)))
                    .to_owned(),
            ),
            CompareBy::Audience => question_col.in_subquery(
                Query::select()
                    .column((question::Entity, question::Column::Id))
                    .from(question::Entity)
                    .inner_join(
                        survey::Entity,
                        Expr::col((survey::Entity, survey::Column::Id))
                            .equals((question::Entity, question::Column::SurveyId)),
                    )
                    .and_where(
                        Expr::col((survey::Entity, survey::Column::Audience)).eq(group.clone()),
                    )
                    .to_owned(),
            ),
        });
    }
    c
}

/// The tally rows of one arm, (value, answers): at most a row per question, day, channel and
/// value, added up here.
async fn tallies<C: ConnectionTrait>(
    db: &C,
    t: &Target,
    a: &Arm,
) -> Result<Vec<(String, i64)>, DbErr> {
    use answer_tally::Column as T;
    answer_tally::Entity::find()
        .select_only()
        .column(T::Value)
        .column(T::N)
        .filter(arm_filter(t, a, (T::QuestionId, T::Day, T::Channel)))
        .into_tuple()
        .all(db)
        .await
}

/// One arm's share of written answers coded with `theme` (in force): the base from the tallies
/// (written answers count under an empty value), the coded answers counted from the theme's
/// codings alone — each carries its answer's question, day and channel — because codings
/// change after the answers arrive.
async fn theme_share<C: ConnectionTrait>(
    db: &C,
    t: &Target,
    a: &Arm,
    theme: i64,
) -> Result<Counts, DbErr> {
    use coding::Column as K;
    let total: i64 = tallies(db, t, a)
        .await?
        .into_iter()
        .filter(|(value, _)| value.is_empty())
        .map(|(_, n)| n)
        .sum();
    let x: Option<i64> = coding::Entity::find()
        .filter(crate::themes::in_force_codings(theme))
        .filter(arm_filter(t, a, (K::QuestionId, K::Day, K::Channel)))
        .select_only()
        .column_as(
            Expr::from(Func::count_distinct(Expr::col((
                coding::Entity,
                K::AnswerId,
            )))),
            "n",
        )
        .into_tuple()
        .one(db)
        .await?;
    let n = u64::try_from(total).unwrap_or(0);
    let x = Ord::min(u64::try_from(x.unwrap_or(0)).unwrap_or(0), n);
    Ok(Counts::Share { x, n })
}
