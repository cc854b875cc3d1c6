//! What a flag is about: its survey (or, for a "Have your say" comment, its round) and project
//! titles and the project's safeguarding lead, read
//! by the flag store and by the alerts alike.

use std::collections::HashMap;

use entity::{round, round_comment};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};

use crate::projects::ProjectId;
use crate::surveys::SurveyId;

/// The survey and project a flag is about, and the project's lead address.
pub(crate) struct SurveyInfo {
    pub project: ProjectId,
    pub survey_title: String,
    pub project_title: String,
    pub lead: String,
}

/// The survey and its project, or `None` when either is gone.
pub(crate) async fn survey_info<C: ConnectionTrait>(
    db: &C,
    id: SurveyId,
) -> Result<Option<SurveyInfo>, DbErr> {
    let Some(s) = crate::surveys::store::find(db, id).await? else {
        return Ok(None);
    };
    let Some(p) = crate::projects::store::find(db, s.project_id).await? else {
        return Ok(None);
    };
    Ok(Some(SurveyInfo {
        project: p.id,
        survey_title: s.title,
        project_title: p.title,
        lead: p.safeguarding_lead,
    }))
}

/// A questionnaire's and a project's titles, for messages.
pub(crate) async fn titles<C: ConnectionTrait>(
    db: &C,
    survey: i64,
    project: ProjectId,
) -> Result<(String, String), DbErr> {
    let info = survey_info(db, SurveyId(survey)).await?;
    Ok(match info {
        Some(i) if i.project == project => (i.survey_title, i.project_title),
        _ => (String::new(), String::new()),
    })
}

/// The titles for messages about one flag: its questionnaire's, or for a flag on a "Have your
/// say" comment its round's, and the project's.
pub(crate) async fn flag_titles<C: ConnectionTrait>(
    db: &C,
    flag: &entity::safeguarding_flag::Model,
) -> Result<(String, String), DbErr> {
    let project = ProjectId(flag.project_id);
    let Some(comment) = flag.round_comment_id else {
        return titles(db, flag.survey_id, project).await;
    };
    let round = round_titles(db, vec![comment])
        .await?
        .remove(&comment)
        .unwrap_or_default();
    let project = crate::projects::store::find(db, project)
        .await?
        .map(|p| p.title)
        .unwrap_or_default();
    Ok((round, project))
}

/// The round title each flagged comment was written in, for the review list.
pub(crate) async fn round_titles<C: ConnectionTrait>(
    db: &C,
    comments: Vec<i64>,
) -> Result<HashMap<i64, String>, DbErr> {
    if comments.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i64, i64)> = round_comment::Entity::find()
        .select_only()
        .column(round_comment::Column::Id)
        .column(round_comment::Column::RoundId)
        .filter(round_comment::Column::Id.is_in(comments))
        .into_tuple()
        .all(db)
        .await?;
    let titles: HashMap<i64, String> = round::Entity::find()
        .select_only()
        .column(round::Column::Id)
        .column(round::Column::Title)
        .filter(round::Column::Id.is_in(rows.iter().map(|r| r.1)))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|(c, r)| Some((c, format!("Have your say: {}", titles.get(&r)?))))
        .collect())
}
