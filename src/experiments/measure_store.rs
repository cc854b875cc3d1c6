//! The query behind an experiment's results: each measure's answers counted in SQL for both
//! arms at once (period, or group over a period), never read row by row, so the results page
//! stays fast with a hundred thousand answers a period.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use entity::{answer, response, survey};
use sea_orm::sea_query::{Alias, CaseStatement, Expr, Func};
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

/// The answers of both arms, counted for the measure: one grouped query per arm (on SQLite
/// two narrow scans beat one scan that works out each answer's arm; see PERFORMANCE.md).
pub async fn count_arms<C: ConnectionTrait>(
    db: &C,
    t: &Target,
    (a, b): (&Arm, &Arm),
) -> Result<(Counts, Counts), DbErr> {
    Ok((count(db, t, a).await?.0, count(db, t, b).await?.0))
}

/// One arm's answers, counted for the measure in one grouped query (as arm 0).
async fn count<C: ConnectionTrait>(db: &C, t: &Target, a: &Arm) -> Result<(Counts, Counts), DbErr> {
    let audience = matches!(a.group, Some((CompareBy::Audience, _)));
    let mut base = answer::Entity::find().join(JoinType::InnerJoin, to_response());
    if audience {
        base = base.join(JoinType::InnerJoin, response_to_survey());
    }
    let base = base
        .filter(answer::Column::QuestionId.is_in(t.questions.iter().copied()))
        .filter(arm_condition(a))
        .select_only();
    let n = || Expr::from(Func::count(Expr::col((answer::Entity, answer::Column::Id))));
    match &t.kind {
        Kind::Ordinal { low, high, .. } => {
            let rows: Vec<(Option<i32>, i64)> = base
                .column(answer::Column::Number)
                .column_as(n(), "n")
                .group_by(answer::Column::Number)
                .into_tuple()
                .all(db)
                .await?;
            let rows = rows.into_iter().map(|(v, c)| (0i32, v, c));
            let size = usize::try_from(high - low + 1).unwrap_or(0);
            let mut counts = [vec![0u64; size], vec![0u64; size]];
            for (arm, v, c) in rows {
                let slot = usize::try_from(arm)
                    .ok()
                    .and_then(|arm| counts.get_mut(arm))
                    .zip(v.and_then(|v| usize::try_from(v - low).ok()))
                    .and_then(|(arm, i)| arm.get_mut(i));
                if let Some(slot) = slot {
                    *slot += u64::try_from(c).unwrap_or(0);
                }
            }
            let [ca, cb] = counts;
            Ok((Counts::Ordinal(ca), Counts::Ordinal(cb)))
        }
        Kind::Share(option) => {
            let rows: Vec<(Option<String>, Option<String>, i64)> = base
                .column(answer::Column::Text)
                .column(answer::Column::Choices)
                .column_as(n(), "n")
                .group_by(answer::Column::Text)
                .group_by(answer::Column::Choices)
                .into_tuple()
                .all(db)
                .await?;
            let rows = rows.into_iter().map(|(t, ch, c)| (0i32, t, ch, c));
            let mut out = [(0u64, 0u64), (0u64, 0u64)];
            for (arm, text, choices, c) in rows {
                if let Some((x, total)) = usize::try_from(arm).ok().and_then(|i| out.get_mut(i)) {
                    let c = u64::try_from(c).unwrap_or(0);
                    *total += c;
                    if text.as_deref() == Some(option.as_str()) && choices.is_none() {
                        *x += c;
                    }
                }
            }
            Ok((share(out[0]), share(out[1])))
        }
        Kind::Theme(theme) => {
            let coded = Expr::Case(Box::new(
                CaseStatement::new()
                    .case(
                        answer::Column::Id
                            .in_subquery(crate::themes::stats::in_force::in_force_answers(*theme)),
                        Expr::val(1),
                    )
                    .finally(Expr::val(0)),
            ));
            let rows: Vec<(i32, i64)> = base
                .filter(answer::Column::Text.ne(""))
                .expr_as(coded, "coded")
                .column_as(n(), "n")
                .group_by(Expr::col(Alias::new("coded")))
                .into_tuple()
                .all(db)
                .await?;
            let rows = rows.into_iter().map(|(coded, c)| (0i32, coded, c));
            let mut out = [(0u64, 0u64), (0u64, 0u64)];
            for (arm, coded, c) in rows {
                if let Some((x, total)) = usize::try_from(arm).ok().and_then(|i| out.get_mut(i)) {
                    let c = u64::try_from(c).unwrap_or(0);
                    *total += c;
                    if coded == 1 {
                        *x += c;
                    }
                }
            }
            Ok((share(out[0]), share(out[1])))
        }
    }
}

fn share((x, n): (u64, u64)) -> Counts {
    Counts::Share { x, n }
}
