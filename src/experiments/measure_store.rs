//! The queries behind an experiment's measures: which questions and themes may be measured,
//! and each measure's answers counted in SQL per period or group (never read row by row), so
//! the results page stays fast with a hundred thousand answers a period.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use entity::{answer, coding, question, response, survey, theme};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter,
    QuerySelect, RelationDef,
};

use crate::experiments::plan::{CompareBy, Design, Eligible, Period, Plan, Source};
use crate::experiments::results::{Counts, Kind};
use crate::projects::ProjectId;
use crate::surveys::QuestionKind;

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

fn answers_in(arm: &Arm) -> sea_orm::Select<answer::Entity> {
    answer::Entity::find()
        .join(JoinType::InnerJoin, to_response())
        .join(JoinType::InnerJoin, response_to_survey())
        .filter(arm_condition(arm))
}

/// The project's questions: (question, survey audience, survey title), live surveys first.
async fn questions<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
) -> Result<Vec<(question::Model, String, String)>, DbErr> {
    let surveys: Vec<survey::Model> = survey::Entity::find()
        .filter(survey::Column::ProjectId.eq(project.0))
        .all(db)
        .await?;
    let qs = question::Entity::find()
        .filter(question::Column::SurveyId.is_in(surveys.iter().map(|s| s.id)))
        .filter(question::Column::Archived.eq(false))
        .all(db)
        .await?;
    Ok(qs
        .into_iter()
        .filter_map(|q| {
            let s = surveys.iter().find(|s| s.id == q.survey_id)?;
            Some((q, s.audience.clone(), s.title.clone()))
        })
        .collect())
}

/// Every measure a steward may choose in this project: numeric questions, each option of
/// yes/no and single-choice questions, and each active theme's share of free-text answers.
pub async fn eligible<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
) -> Result<Vec<Eligible>, DbErr> {
    let mut out = Vec::new();
    for (q, _, title) in questions(db, project).await? {
        let Some(kind) = QuestionKind::parse(&q.kind) else {
            continue;
        };
        let prompt = format!("\u{201c}{}\u{201d} ({title})", q.prompt);
        let mut add = |option: Option<String>, label: String| {
            out.push(Eligible {
                source: Source::Question {
                    question: q.id,
                    option,
                },
                label,
            })
        };
        match kind {
            QuestionKind::Faces | QuestionKind::Scale | QuestionKind::Rating => {
                add(None, format!("Answers to {prompt}"))
            }
            QuestionKind::YesNo => add(
                Some("yes".into()),
                format!("Share answering yes to {prompt}"),
            ),
            QuestionKind::SingleChoice => {
                let options: Vec<String> = serde_json::from_str(&q.options).unwrap_or_default();
                for o in options {
                    add(
                        Some(o.clone()),
                        format!("Share choosing \u{201c}{o}\u{201d} for {prompt}"),
                    );
                }
            }
            _ => {}
        }
    }
    for t in theme::Entity::find()
        .filter(theme::Column::ProjectId.eq(project.0))
        .filter(theme::Column::Status.eq("active"))
        .all(db)
        .await?
    {
        out.push(Eligible {
            source: Source::ThemeShare { theme: t.id },
            label: format!("Share of written answers about \u{201c}{}\u{201d}", t.name),
        });
    }
    Ok(out)
}

/// What a measure needs to be counted: the questions it reads and how, and whose answers they
/// are (the audience of its survey).
pub struct Target {
    pub kind: Kind,
    pub questions: Vec<i64>,
    pub audience: String,
}

/// Resolves a measure's source in this project. A comparison by audience or survey reads the
/// same question (same key and kind) in every survey of the project; otherwise only the one.
pub async fn target<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    source: &Source,
    plan: &Plan,
) -> Result<Option<Target>, DbErr> {
    let all = questions(db, project).await?;
    match source {
        Source::ThemeShare { theme } => {
            let text: Vec<i64> = all
                .iter()
                .filter(|(q, _, _)| {
                    q.kind == "short_text"
                        || q.kind == "long_text"
                        || (q.kind == "single_choice" && q.allow_other)
                })
                .map(|(q, _, _)| q.id)
                .collect();
            Ok(Some(Target {
                kind: Kind::Theme(*theme),
                questions: text,
                audience: String::new(),
            }))
        }
        Source::Question { question, option } => {
            let Some((q, audience, _)) = all.iter().find(|(q, _, _)| q.id == *question) else {
                return Ok(None);
            };
            let Some(kind) = QuestionKind::parse(&q.kind) else {
                return Ok(None);
            };
            let across = matches!(
                plan.compare_by,
                Some(CompareBy::Audience | CompareBy::Survey)
            ) && plan.design == Some(Design::Comparison);
            let ids = if across {
                all.iter()
                    .filter(|(o, _, _)| o.key == q.key && o.kind == q.kind)
                    .map(|(o, _, _)| o.id)
                    .collect()
            } else {
                vec![q.id]
            };
            let kind = match (kind.range(), option) {
                (Some((low, high)), _) => Kind::Ordinal {
                    low,
                    high,
                    faces: kind == QuestionKind::Faces,
                },
                (None, Some(o)) => Kind::Share(o.clone()),
                (None, None) => return Ok(None),
            };
            Ok(Some(Target {
                kind,
                questions: ids,
                audience: audience.clone(),
            }))
        }
    }
}

/// The answers of one arm, counted for the measure.
pub async fn count<C: ConnectionTrait>(db: &C, t: &Target, arm: &Arm) -> Result<Counts, DbErr> {
    let base =
        answers_in(arm).filter(answer::Column::QuestionId.is_in(t.questions.iter().copied()));
    let n = || Expr::from(Func::count(Expr::col((answer::Entity, answer::Column::Id))));
    match &t.kind {
        Kind::Ordinal { low, high, .. } => {
            let rows: Vec<(Option<i32>, i64)> = base
                .select_only()
                .column(answer::Column::Number)
                .column_as(n(), "n")
                .group_by(answer::Column::Number)
                .into_tuple()
                .all(db)
                .await?;
            let mut counts = vec![0u64; usize::try_from(high - low + 1).unwrap_or(0)];
            for (v, c) in rows {
                if let Some(slot) = v
                    .and_then(|v| usize::try_from(v - low).ok())
                    .and_then(|i| counts.get_mut(i))
                {
                    *slot += u64::try_from(c).unwrap_or(0);
                }
            }
            Ok(Counts::Ordinal(counts))
        }
        Kind::Share(option) => {
            let rows: Vec<(Option<String>, Option<String>, i64)> = base
                .select_only()
                .column(answer::Column::Text)
                .column(answer::Column::Choices)
                .column_as(n(), "n")
                .group_by(answer::Column::Text)
                .group_by(answer::Column::Choices)
                .into_tuple()
                .all(db)
                .await?;
            let (mut x, mut total) = (0u64, 0u64);
            for (text, choices, c) in rows {
                let c = u64::try_from(c).unwrap_or(0);
                total += c;
                if text.as_deref() == Some(option.as_str()) && choices.is_none() {
                    x += c;
                }
            }
            Ok(Counts::Share { x, n: total })
        }
        Kind::Theme(theme) => {
            let written = base.filter(answer::Column::Text.ne(""));
            let total = sea_orm::PaginatorTrait::count(written.clone(), db).await?;
            let x = sea_orm::PaginatorTrait::count(
                written.filter(answer::Column::Id.in_subquery(coded_with(*theme))),
                db,
            )
            .await?;
            Ok(Counts::Share { x, n: total })
        }
    }
}

/// The answers a theme is in force on: an accepted coding no steward has removed (the rule of
/// `themes::model::applied_themes`).
fn coded_with(theme: i64) -> sea_orm::sea_query::SelectStatement {
    let (c, r) = (Alias::new("c"), Alias::new("r"));
    let removed = Query::select()
        .expr(Expr::val(1))
        .from_as(coding::Entity, r.clone())
        .and_where(
            Expr::col((r.clone(), coding::Column::AnswerId))
                .equals((c.clone(), coding::Column::AnswerId)),
        )
        .and_where(Expr::col((r.clone(), coding::Column::ThemeId)).eq(theme))
        .and_where(Expr::col((r.clone(), coding::Column::Source)).eq("steward"))
        .and_where(Expr::col((r, coding::Column::Status)).eq("rejected"))
        .to_owned();
    Query::select()
        .column((c.clone(), coding::Column::AnswerId))
        .from_as(coding::Entity, c.clone())
        .and_where(Expr::col((c.clone(), coding::Column::ThemeId)).eq(theme))
        .and_where(Expr::col((c, coding::Column::Status)).eq("accepted"))
        .and_where(Expr::not_exists(removed))
        .to_owned()
}

/// The project's surveys, (id, title), for naming and choosing the groups of a comparison.
pub async fn surveys<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
) -> Result<Vec<(i64, String)>, DbErr> {
    Ok(survey::Entity::find()
        .filter(survey::Column::ProjectId.eq(project.0))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.title))
        .collect())
}

/// The project's practitioner feedback forms that are not drafts, (id, title): what may be
/// attached to an experiment for real-time feedback.
pub async fn feedback_forms<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
) -> Result<Vec<(i64, String)>, DbErr> {
    Ok(survey::Entity::find()
        .filter(survey::Column::ProjectId.eq(project.0))
        .filter(survey::Column::Kind.eq("feedback"))
        .filter(survey::Column::Status.ne("draft"))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.title))
        .collect())
}
