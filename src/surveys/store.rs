//! Survey and question queries: creating a survey with its questions, and reading them back.

use chrono::Utc;
use entity::{question, survey};
use rand::Rng;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::projects::ProjectId;
use crate::surveys::model::{Audience, Layout, NewSurvey, Status, Survey, SurveyId, SurveyKind};
use crate::surveys::question::{Question, QuestionDef, QuestionId, QuestionKey, QuestionKind};

const SLUG_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
const SLUG_LEN: usize = 14; // 31^14 ≈ 2^69: at least 64 bits, as required.

/// A new random public slug.
pub fn new_slug() -> String {
    let mut rng = rand::rng();
    (0..SLUG_LEN)
        .map(|_| char::from(SLUG_ALPHABET[rng.random_range(0..SLUG_ALPHABET.len())]))
        .collect()
}

/// Maps a stored row to the model.
pub fn to_survey(row: survey::Model) -> Survey {
    Survey {
        id: SurveyId(row.id),
        project_id: ProjectId(row.project_id),
        slug: row.slug,
        kind: SurveyKind::parse(&row.kind).unwrap_or(SurveyKind::Questionnaire),
        title: row.title,
        audience: Audience::parse(&row.audience).unwrap_or(Audience::Anyone),
        intro: row.intro,
        privacy_notice: row.privacy_notice,
        status: Status::parse(&row.status).unwrap_or(Status::Draft),
        opens_at: row.opens_at,
        closes_at: row.closes_at,
        layout: Layout::parse(&row.layout).unwrap_or(Layout::SinglePage),
        anonymous: row.anonymous,
        sensitive: row.sensitive,
        context_prompt: row.context_prompt,
        context_options: serde_json::from_str(&row.context_options).unwrap_or_default(),
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

/// Maps a stored question row to the model.
pub fn to_question(row: question::Model) -> Question {
    Question {
        id: QuestionId(row.id),
        position: row.position,
        archived: row.archived,
        def: QuestionDef {
            key: QuestionKey::parse(&row.key).unwrap_or_else(|_| QuestionKey::suggest(&row.key)),
            kind: QuestionKind::parse(&row.kind).unwrap_or(QuestionKind::ShortText),
            prompt: row.prompt,
            hint: row.hint,
            easy_read: row.easy_read,
            required: row.required,
            options: serde_json::from_str(&row.options).unwrap_or_default(),
            allow_other: row.allow_other,
            allow_none: row.allow_none,
        },
    }
}

/// The active model for a new question row.
pub fn question_row(survey: SurveyId, position: i32, def: &QuestionDef) -> question::ActiveModel {
    question::ActiveModel {
        survey_id: Set(survey.0),
        key: Set(def.key.as_str().to_owned()),
        kind: Set(def.kind.as_str().to_owned()),
        prompt: Set(def.prompt.clone()),
        hint: Set(def.hint.clone()),
        easy_read: Set(def.easy_read.clone()),
        required: Set(def.required),
        options: Set(serde_json::Value::from(def.options.clone()).to_string()),
        allow_other: Set(def.allow_other),
        allow_none: Set(def.allow_none),
        position: Set(position),
        archived: Set(false),
        ..Default::default()
    }
}

/// Creates a draft survey with its questions (call inside a transaction for atomicity).
pub async fn create<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    new: &NewSurvey,
) -> Result<Survey, sea_orm::DbErr> {
    let now = Utc::now();
    let row = survey::ActiveModel {
        project_id: Set(project.0),
        slug: Set(new_slug()),
        kind: Set(new.kind.as_str().to_owned()),
        title: Set(new.title.clone()),
        audience: Set(new.audience.as_str().to_owned()),
        intro: Set(new.intro.clone()),
        privacy_notice: Set(new.privacy_notice.clone()),
        status: Set(Status::Draft.as_str().to_owned()),
        opens_at: Set(new.opens_at),
        closes_at: Set(new.closes_at),
        layout: Set(new.layout.as_str().to_owned()),
        anonymous: Set(new.anonymous),
        sensitive: Set(new.sensitive),
        context_prompt: Set(new.context_prompt.clone()),
        context_options: Set(serde_json::Value::from(new.context_options.clone()).to_string()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let survey = to_survey(row);
    for (i, def) in new.questions.iter().enumerate() {
        question_row(survey.id, i32::try_from(i).unwrap_or(i32::MAX), def)
            .insert(db)
            .await?;
    }
    Ok(survey)
}

/// A survey by id (no access check: callers check the project).
pub async fn find<C: ConnectionTrait>(
    db: &C,
    id: SurveyId,
) -> Result<Option<Survey>, sea_orm::DbErr> {
    Ok(survey::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .map(to_survey))
}

/// A survey by its public slug.
pub async fn find_by_slug<C: ConnectionTrait>(
    db: &C,
    slug: &str,
) -> Result<Option<Survey>, sea_orm::DbErr> {
    Ok(survey::Entity::find()
        .filter(survey::Column::Slug.eq(slug))
        .one(db)
        .await?
        .map(to_survey))
}

/// Which of these surveys are taking answers at `now` (one statement).
pub async fn taking_answers<C: ConnectionTrait>(
    db: &C,
    ids: &[SurveyId],
    now: chrono::DateTime<Utc>,
) -> Result<std::collections::HashSet<SurveyId>, sea_orm::DbErr> {
    Ok(survey::Entity::find()
        .filter(survey::Column::Id.is_in(ids.iter().map(|id| id.0)))
        .all(db)
        .await?
        .into_iter()
        .map(to_survey)
        .filter(|s| s.availability(now) == crate::surveys::Availability::Open)
        .map(|s| s.id)
        .collect())
}

/// A project's surveys, newest first.
pub async fn list_for_project<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
) -> Result<Vec<Survey>, sea_orm::DbErr> {
    Ok(survey::Entity::find()
        .filter(survey::Column::ProjectId.eq(project.0))
        .order_by_desc(survey::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(to_survey)
        .collect())
}

/// A survey's questions in order; archived ones only when asked for.
pub async fn questions<C: ConnectionTrait>(
    db: &C,
    id: SurveyId,
    include_archived: bool,
) -> Result<Vec<Question>, sea_orm::DbErr> {
    let mut query = question::Entity::find()
        .filter(question::Column::SurveyId.eq(id.0))
        .order_by_asc(question::Column::Position)
        .order_by_asc(question::Column::Id);
    if !include_archived {
        query = query.filter(question::Column::Archived.eq(false));
    }
    Ok(query.all(db).await?.into_iter().map(to_question).collect())
}

/// Sets a survey's status.
pub async fn set_status<C: ConnectionTrait>(
    db: &C,
    id: SurveyId,
    status: Status,
) -> Result<(), sea_orm::DbErr> {
    survey::ActiveModel {
        id: Set(id.0),
        status: Set(status.as_str().to_owned()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

// ----- Builder: changing settings and questions (appended for the survey builder). -----

/// Changes a survey's settings (not its questions, status or slug) and records the change time.
pub async fn update_settings<C: ConnectionTrait>(
    db: &C,
    id: SurveyId,
    new: &NewSurvey,
) -> Result<(), sea_orm::DbErr> {
    survey::ActiveModel {
        id: Set(id.0),
        kind: Set(new.kind.as_str().to_owned()),
        title: Set(new.title.clone()),
        audience: Set(new.audience.as_str().to_owned()),
        intro: Set(new.intro.clone()),
        privacy_notice: Set(new.privacy_notice.clone()),
        opens_at: Set(new.opens_at),
        closes_at: Set(new.closes_at),
        layout: Set(new.layout.as_str().to_owned()),
        anonymous: Set(new.anonymous),
        sensitive: Set(new.sensitive),
        context_prompt: Set(new.context_prompt.clone()),
        context_options: Set(serde_json::Value::from(new.context_options.clone()).to_string()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Records that a survey changed now.
pub async fn touch<C: ConnectionTrait>(db: &C, id: SurveyId) -> Result<(), sea_orm::DbErr> {
    survey::ActiveModel {
        id: Set(id.0),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// One question of this survey (archived or not); `None` if it belongs to another survey.
pub async fn find_question<C: ConnectionTrait>(
    db: &C,
    survey: SurveyId,
    id: QuestionId,
) -> Result<Option<Question>, sea_orm::DbErr> {
    Ok(question::Entity::find_by_id(id.0)
        .filter(question::Column::SurveyId.eq(survey.0))
        .one(db)
        .await?
        .map(to_question))
}

/// Whether another question of this survey (archived ones included) already uses a key.
pub async fn key_taken<C: ConnectionTrait>(
    db: &C,
    survey: SurveyId,
    key: &QuestionKey,
    except: Option<QuestionId>,
) -> Result<bool, sea_orm::DbErr> {
    let mut query = question::Entity::find()
        .filter(question::Column::SurveyId.eq(survey.0))
        .filter(question::Column::Key.eq(key.as_str()));
    if let Some(id) = except {
        query = query.filter(question::Column::Id.ne(id.0));
    }
    Ok(query.one(db).await?.is_some())
}

/// Adds a question after the last one and records the change.
pub async fn add_question<C: ConnectionTrait>(
    db: &C,
    survey: SurveyId,
    def: &QuestionDef,
) -> Result<QuestionId, sea_orm::DbErr> {
    let last = questions(db, survey, true)
        .await?
        .iter()
        .map(|q| q.position)
        .max()
        .unwrap_or(-1);
    let row = question_row(survey, last.saturating_add(1), def)
        .insert(db)
        .await?;
    touch(db, survey).await?;
    Ok(QuestionId(row.id))
}

/// Changes a question's definition and records the change.
pub async fn update_question<C: ConnectionTrait>(
    db: &C,
    survey: SurveyId,
    id: QuestionId,
    def: &QuestionDef,
) -> Result<(), sea_orm::DbErr> {
    question::ActiveModel {
        id: Set(id.0),
        key: Set(def.key.as_str().to_owned()),
        kind: Set(def.kind.as_str().to_owned()),
        prompt: Set(def.prompt.clone()),
        hint: Set(def.hint.clone()),
        easy_read: Set(def.easy_read.clone()),
        required: Set(def.required),
        options: Set(serde_json::Value::from(def.options.clone()).to_string()),
        allow_other: Set(def.allow_other),
        allow_none: Set(def.allow_none),
        ..Default::default()
    }
    .update(db)
    .await?;
    touch(db, survey).await
}

/// How many answers a question has.
pub async fn answer_count<C: ConnectionTrait>(
    db: &C,
    id: QuestionId,
) -> Result<u64, sea_orm::DbErr> {
    use sea_orm::PaginatorTrait;
    entity::answer::Entity::find()
        .filter(entity::answer::Column::QuestionId.eq(id.0))
        .count(db)
        .await
}

/// Moves an asked question one place up (or down) among the asked questions. Returns whether
/// it moved. Positions are renumbered 0, 1, 2… (call inside a transaction).
pub async fn move_question<C: ConnectionTrait>(
    db: &C,
    survey: SurveyId,
    id: QuestionId,
    up: bool,
) -> Result<bool, sea_orm::DbErr> {
    let mut order: Vec<QuestionId> = questions(db, survey, false)
        .await?
        .into_iter()
        .map(|q| q.id)
        .collect();
    let Some(at) = order.iter().position(|q| *q == id) else {
        return Ok(false);
    };
    let to = if up { at.checked_sub(1) } else { Some(at + 1) };
    let Some(to) = to.filter(|t| *t < order.len()) else {
        return Ok(false);
    };
    order.swap(at, to);
    for (position, qid) in order.iter().enumerate() {
        question::ActiveModel {
            id: Set(qid.0),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            ..Default::default()
        }
        .update(db)
        .await?;
    }
    touch(db, survey).await?;
    Ok(true)
}

/// Removes a question: archives it when it has answers (they are kept), deletes it otherwise.
/// Returns the number of answers kept.
pub async fn remove_question<C: ConnectionTrait>(
    db: &C,
    survey: SurveyId,
    id: QuestionId,
) -> Result<u64, sea_orm::DbErr> {
    let answers = answer_count(db, id).await?;
    if answers > 0 {
        question::ActiveModel {
            id: Set(id.0),
            archived: Set(true),
            ..Default::default()
        }
        .update(db)
        .await?;
    } else {
        question::Entity::delete_by_id(id.0).exec(db).await?;
    }
    touch(db, survey).await?;
    Ok(answers)
}

/// Asks an archived question again, after the last asked one.
pub async fn restore_question<C: ConnectionTrait>(
    db: &C,
    survey: SurveyId,
    id: QuestionId,
) -> Result<(), sea_orm::DbErr> {
    let last = questions(db, survey, true)
        .await?
        .iter()
        .map(|q| q.position)
        .max()
        .unwrap_or(-1);
    question::ActiveModel {
        id: Set(id.0),
        archived: Set(false),
        position: Set(last.saturating_add(1)),
        ..Default::default()
    }
    .update(db)
    .await?;
    touch(db, survey).await
}

/// Copies a survey's settings and asked questions into a new draft with a new slug, titled
/// "Copy of …" (call inside a transaction).
pub async fn duplicate<C: ConnectionTrait>(
    db: &C,
    original: &Survey,
) -> Result<Survey, sea_orm::DbErr> {
    let questions = questions(db, original.id, false)
        .await?
        .into_iter()
        .map(|q| q.def)
        .collect();
    let title: String = format!("Copy of {}", original.title)
        .chars()
        .take(120)
        .collect();
    let new = NewSurvey {
        kind: original.kind,
        title,
        audience: original.audience,
        intro: original.intro.clone(),
        privacy_notice: original.privacy_notice.clone(),
        layout: original.layout,
        anonymous: original.anonymous,
        sensitive: original.sensitive,
        opens_at: original.opens_at,
        closes_at: original.closes_at,
        context_prompt: original.context_prompt.clone(),
        context_options: original.context_options.clone(),
        questions,
    };
    create(db, original.project_id, &new).await
}
