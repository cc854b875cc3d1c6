//! Stored rows to models, and question definitions to rows.

use entity::{question, survey};
use sea_orm::Set;

use crate::projects::ProjectId;
use crate::surveys::model::{Audience, Layout, Status, Survey, SurveyId, SurveyKind};
use crate::surveys::question::{Question, QuestionDef, QuestionId, QuestionKey, QuestionKind};

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

/// A question's definition columns: the one place they are listed.
pub(super) fn question_columns(def: &QuestionDef) -> question::ActiveModel {
    question::ActiveModel {
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
}

/// The active model for a new question row.
pub fn question_row(survey: SurveyId, position: i32, def: &QuestionDef) -> question::ActiveModel {
    question::ActiveModel {
        survey_id: Set(survey.0),
        position: Set(position),
        archived: Set(false),
        ..question_columns(def)
    }
}
