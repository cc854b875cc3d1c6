//! What a flag is about: its survey and project titles and the project's safeguarding lead, read
//! by the flag store and by the alerts alike.

use sea_orm::{ConnectionTrait, DbErr};

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
    let round = crate::safeguarding::rounds::round_titles(db, vec![comment])
        .await?
        .remove(&comment)
        .unwrap_or_default();
    let project = crate::projects::store::find(db, project)
        .await?
        .map(|p| p.title)
        .unwrap_or_default();
    Ok((round, project))
}
