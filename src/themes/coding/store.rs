//! Coding queries: the project's text answers, their codings, steward decisions, the queue of
//! learned suggestions, the automation's bulk writes and the stored coder model.

use std::collections::HashMap;

use entity::{answer, coding, question, survey, theme};
use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::paging::Paging;
use crate::projects::ProjectId;
use crate::themes::model::{AnswerId, CodingFact, CodingId, CodingStatus, Source, ThemeId};

/// A text answer ("Other" text included) with where it came from.
#[derive(Clone, Debug)]
pub struct TextAnswer {
    pub id: AnswerId,
    pub text: String,
    pub question: i64,
}

/// A coding row as the pages use it.
#[derive(Clone, Debug)]
pub struct Coding {
    pub id: CodingId,
    pub answer: AnswerId,
    pub theme: ThemeId,
    pub source: Source,
    pub status: CodingStatus,
    pub confidence: f64,
    pub uncertainty: Option<f64>,
    pub confirmed: bool,
}

impl Coding {
    /// The facts the pure rules need.
    pub fn fact(&self) -> CodingFact {
        CodingFact {
            theme: self.theme,
            source: self.source,
            status: self.status,
            confirmed: self.confirmed,
        }
    }
}

pub(crate) fn to_coding(r: coding::Model) -> Option<Coding> {
    Some(Coding {
        id: CodingId(r.id),
        answer: AnswerId(r.answer_id),
        theme: ThemeId(r.theme_id),
        source: Source::parse(&r.source)?,
        status: CodingStatus::parse(&r.status)?,
        confidence: r.confidence,
        uncertainty: r.uncertainty,
        confirmed: r.confirmed_by.is_some(),
    })
}

/// The project's questions whose answers can hold text: id → (prompt, survey title).
pub async fn text_questions<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
) -> Result<HashMap<i64, (String, String, bool)>, sea_orm::DbErr> {
    let surveys: HashMap<i64, String> = survey::Entity::find()
        .filter(survey::Column::ProjectId.eq(project.0))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.title))
        .collect();
    Ok(question::Entity::find()
        .filter(question::Column::SurveyId.is_in(surveys.keys().copied()))
        .filter(question::Column::Kind.is_in(["short_text", "long_text", "single_choice"]))
        .all(db)
        .await?
        .into_iter()
        .filter(|q| q.kind != "single_choice" || q.allow_other)
        .map(|q| {
            let title = surveys.get(&q.survey_id).cloned().unwrap_or_default();
            (q.id, (q.prompt, title, q.kind == "single_choice"))
        })
        .collect())
}

pub(crate) fn text_answer_filter(questions: &HashMap<i64, (String, String, bool)>) -> Condition {
    let plain = questions.iter().filter(|(_, q)| !q.2).map(|(id, _)| *id);
    let other = questions.iter().filter(|(_, q)| q.2).map(|(id, _)| *id);
    Condition::all()
        .add(answer::Column::Text.is_not_null())
        .add(
            Condition::any()
                .add(answer::Column::QuestionId.is_in(plain))
                .add(
                    Condition::all()
                        .add(answer::Column::QuestionId.is_in(other))
                        .add(answer::Column::Choices.is_not_null()),
                ),
        )
}

/// Text answers of the project, newest first: all of them, or one page of them followed by the
/// first answer of the next page when there is one (so the page knows there are older answers).
pub async fn text_answers<C: ConnectionTrait>(
    db: &C,
    questions: &HashMap<i64, (String, String, bool)>,
    paging: Option<Paging>,
) -> Result<Vec<TextAnswer>, sea_orm::DbErr> {
    let mut q = answer::Entity::find()
        .select_only()
        .column(answer::Column::Id)
        .column(answer::Column::Text)
        .column(answer::Column::QuestionId)
        .filter(text_answer_filter(questions))
        .order_by_desc(answer::Column::Id);
    if let Some(p) = paging {
        q = q.offset(p.offset()).limit(p.per_page().saturating_add(1));
    }
    let rows: Vec<(i64, Option<String>, i64)> = q.into_tuple().all(db).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, text, question)| {
            let text = text?;
            (!text.trim().is_empty()).then_some(TextAnswer {
                id: AnswerId(id),
                text,
                question,
            })
        })
        .collect())
}

/// One text answer of this project, or `None` (another project's answer is "not found").
pub async fn find_answer<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    id: AnswerId,
) -> Result<Option<TextAnswer>, sea_orm::DbErr> {
    let questions = text_questions(db, project).await?;
    let row = answer::Entity::find_by_id(id.0)
        .filter(text_answer_filter(&questions))
        .one(db)
        .await?;
    Ok(row.and_then(|a| {
        Some(TextAnswer {
            id: AnswerId(a.id),
            text: a.text?,
            question: a.question_id,
        })
    }))
}

pub(crate) fn project_themes(project: ProjectId) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(theme::Column::Id)
        .from(theme::Entity)
        .and_where(theme::Column::ProjectId.eq(project.0))
        .to_owned()
}

/// Every coding of the project's themes (optionally only for some answers).
pub async fn codings<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    answers: Option<&[AnswerId]>,
) -> Result<Vec<Coding>, sea_orm::DbErr> {
    let mut q = coding::Entity::find()
        .filter(coding::Column::ThemeId.in_subquery(project_themes(project)))
        .order_by_asc(coding::Column::Id);
    if let Some(a) = answers {
        q = q.filter(coding::Column::AnswerId.is_in(a.iter().map(|a| a.0)));
    }
    Ok(q.all(db).await?.into_iter().filter_map(to_coding).collect())
}

/// Codings grouped by answer.
pub fn by_answer(codings: Vec<Coding>) -> HashMap<AnswerId, Vec<Coding>> {
    let mut map: HashMap<AnswerId, Vec<Coding>> = HashMap::new();
    for c in codings {
        map.entry(c.answer).or_default().push(c);
    }
    map
}
