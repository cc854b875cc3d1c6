//! The queries behind an experiment's results: each measure counted for both arms (periods, or
//! groups over a period) from the answer tallies, and for a theme's share from the tallies and
//! the theme's codings, never read answer by answer, so the results page stays fast with a hundred thousand answers
//! a period.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use entity::{answer, answer_tally, question, response, survey};
use sea_orm::sea_query::{Expr, ExprTrait, Func, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter,
    QuerySelect, RelationDef,
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

fn midnight(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
}

/// The condition on `response` (and `survey`) for one arm.
fn arm_condition(arm: &Arm) -> Condition {
    let mut c = Condition::all()
        .add(response::Column::SubmittedAt.gte(midnight(arm.period.start)))
        .add(response::Column::SubmittedAt.lt(midnight(arm.period.end + Duration::days(1))));
    if let Some((by, group)) = &arm.group {
        c = c.add(match by {
            CompareBy::Audience => survey::Column::Audience.eq(group.clone()),
            CompareBy::Channel => response::Column::Channel.eq(group.clone()),
            CompareBy::Survey => response::Column::SurveyId.eq(group.parse::<i64>().unwrap_or(-1)),
        });
    }
    c
}

fn to_response() -> RelationDef {
    answer::Entity::belongs_to(response::Entity)
        .from(answer::Column::ResponseId)
        .to(response::Column::Id)
        .into()
}

fn response_to_survey() -> RelationDef {
    response::Entity::belongs_to(survey::Entity)
        .from(response::Column::SurveyId)
        .to(survey::Column::Id)
        .into()
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

/// The tally rows of one arm, (value, answers): at most a row per question, day, channel and
/// value, added up here.
async fn tallies<C: ConnectionTrait>(
    db: &C,
    t: &Target,
    a: &Arm,
) -> Result<Vec<(String, i64)>, DbErr> {
    let mut q = answer_tally::Entity::find()
        .select_only()
        .column(answer_tally::Column::Value)
        .column(answer_tally::Column::N)
        .filter(answer_tally::Column::QuestionId.is_in(t.questions.iter().copied()))
        .filter(answer_tally::Column::Day.gte(a.period.start))
        .filter(answer_tally::Column::Day.lte(a.period.end));
    if let Some((by, group)) = &a.group {
        q = q.filter(match by {
            CompareBy::Channel => answer_tally::Column::Channel.eq(group.clone()),
            CompareBy::Survey => answer_tally::Column::QuestionId.in_subquery(
                Query::select()
                    .column(question::Column::Id)
                    .from(question::Entity)
                    .and_where(question::Column::SurveyId.eq(group.parse::<i64>().unwrap_or(-1)))
                    .to_owned(),
            ),
            CompareBy::Audience => answer_tally::Column::QuestionId.in_subquery(
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
    q.into_tuple().all(db).await
}

/// One arm's share of written answers coded with `theme` (in force): the base from the tallies
/// (written answers count under an empty value), the coded answers counted in the database
/// from the theme's codings, which change after the answers arrive.
async fn theme_share<C: ConnectionTrait>(
    db: &C,
    t: &Target,
    a: &Arm,
    theme: i64,
) -> Result<Counts, DbErr> {
    let total: i64 = tallies(db, t, a)
        .await?
        .into_iter()
        .filter(|(value, _)| value.is_empty())
        .map(|(_, n)| n)
        .sum();
    let mut coded = answer::Entity::find().join(JoinType::InnerJoin, to_response());
    if matches!(a.group, Some((CompareBy::Audience, _))) {
        coded = coded.join(JoinType::InnerJoin, response_to_survey());
    }
    let x: Option<i64> = coded
        .filter(
            answer::Column::Id.in_subquery(crate::themes::stats::in_force::in_force_answers(theme)),
        )
        .filter(answer::Column::QuestionId.is_in(t.questions.iter().copied()))
        .filter(arm_condition(a))
        .select_only()
        .column_as(
            Expr::from(Func::count(Expr::col((answer::Entity, answer::Column::Id)))),
            "n",
        )
        .into_tuple()
        .one(db)
        .await?;
    let n = u64::try_from(total).unwrap_or(0);
    let x = Ord::min(u64::try_from(x.unwrap_or(0)).unwrap_or(0), n);
    Ok(Counts::Share { x, n })
}
