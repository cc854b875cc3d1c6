//! What an experiment can measure and compare in a project: its questions and themes (the
//! measures a steward may choose), its surveys (groups of a comparison) and feedback forms
//! (attached for real-time feedback), and what a chosen measure reads.

use entity::{question, survey, theme};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::experiments::plan::{CompareBy, Design, Eligible, Plan, Source};
use crate::experiments::results::Kind;
use crate::projects::ProjectId;
use crate::surveys::QuestionKind;

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
