//! Survey queries: writing parsed surveys (their columns listed once, in [`settings_columns`])
//! and reading them back. Question queries are in `question_store`, row mapping in `rows`;
//! both are re-exported here.

mod question_store;
mod rows;

use chrono::Utc;
use entity::survey;
use rand::Rng;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

pub use question_store::{
    add_question, answer_count, find_question, key_taken, move_question, questions,
    remove_question, restore_question, update_question,
};
pub use rows::{question_row, to_question, to_survey};

use crate::projects::ProjectId;
use crate::surveys::model::{NewSurvey, Status, Survey, SurveyId};
use crate::surveys::parse::{ParsedSurvey, SurveySettings};
use crate::surveys::raw::RawSurvey;
use crate::surveys::slug::Slug;

const SLUG_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
const SLUG_LEN: usize = 14; // 31^14 ≈ 2^69: at least 64 bits, as required.

/// A new random public slug.
pub fn new_slug() -> String {
    let mut rng = rand::rng();
    (0..SLUG_LEN)
        .map(|_| char::from(SLUG_ALPHABET[rng.random_range(0..SLUG_ALPHABET.len())]))
        .collect()
}

/// The survey's settings columns, written from parsed settings: the one place they are listed.
/// Records the change time; id, project, slug, status and creation time are left unset.
pub fn settings_columns(s: &SurveySettings) -> survey::ActiveModel {
    survey::ActiveModel {
        kind: Set(s.kind().as_str().to_owned()),
        title: Set(s.title().to_owned()),
        audience: Set(s.audience().as_str().to_owned()),
        intro: Set(s.intro().to_owned()),
        privacy_notice: Set(s.privacy_notice().to_owned()),
        opens_at: Set(s.opens_at()),
        closes_at: Set(s.closes_at()),
        layout: Set(s.layout().as_str().to_owned()),
        anonymous: Set(s.anonymous()),
        sensitive: Set(s.sensitive()),
        context_prompt: Set(s.context_prompt().map(str::to_owned)),
        context_options: Set(serde_json::Value::from(s.context_options()).to_string()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
}

/// Stores a parsed survey as a new draft with its questions (call inside a transaction for
/// atomicity).
pub async fn insert<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    new: &ParsedSurvey,
) -> Result<Survey, sea_orm::DbErr> {
    let columns = settings_columns(new.settings());
    let row = survey::ActiveModel {
        project_id: Set(project.0),
        slug: Set(new_slug()),
        status: Set(Status::Draft.as_str().to_owned()),
        created_at: columns.updated_at.clone(),
        ..columns
    }
    .insert(db)
    .await?;
    let survey = to_survey(row);
    for (i, def) in new.questions().iter().enumerate() {
        question_row(survey.id, i32::try_from(i).unwrap_or(i32::MAX), def)
            .insert(db)
            .await?;
    }
    Ok(survey)
}

/// Stores a survey described in code (demo content, fixtures) as a new draft, after the same
/// parse as every other path: a survey that breaks a rule is refused as `DbErr::Custom`, naming
/// each problem (call inside a transaction for atomicity).
pub async fn create<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    new: &NewSurvey,
) -> Result<Survey, sea_orm::DbErr> {
    let parsed = ParsedSurvey::parse(&RawSurvey::from(new)).map_err(|errors| {
        let problems: Vec<String> = errors.iter().map(|(f, m)| format!("{f}: {m}")).collect();
        sea_orm::DbErr::Custom(format!(
            "the survey breaks its rules ({})",
            problems.join("; ")
        ))
    })?;
    insert(db, project, &parsed).await
}

/// Changes a survey's settings (not its questions, status or slug) and records the change time.
pub async fn update_settings<C: ConnectionTrait>(
    db: &C,
    id: SurveyId,
    settings: &SurveySettings,
) -> Result<(), sea_orm::DbErr> {
    survey::ActiveModel {
        id: Set(id.0),
        ..settings_columns(settings)
    }
    .update(db)
    .await?;
    Ok(())
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
    slug: &Slug,
) -> Result<Option<Survey>, sea_orm::DbErr> {
    Ok(survey::Entity::find()
        .filter(survey::Column::Slug.eq(slug.as_str()))
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
