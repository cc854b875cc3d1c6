//! Live queries: the events a resuming client missed, and the newest responses a board shows.

use entity::{response, survey};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::live::model::LiveEvent;

/// Up to `limit` responses with ids above `after`, oldest first, for one survey or a whole
/// project, as events (ids and times only).
pub async fn missed<C: ConnectionTrait>(
    db: &C,
    project_id: i64,
    survey_id: Option<i64>,
    after: i64,
    limit: u64,
) -> Result<Vec<LiveEvent>, sea_orm::DbErr> {
    let surveys: Vec<i64> = match survey_id {
        Some(id) => vec![id],
        None => {
            survey::Entity::find()
                .select_only()
                .column(survey::Column::Id)
                .filter(survey::Column::ProjectId.eq(project_id))
                .into_tuple()
                .all(db)
                .await?
        }
    };
    if surveys.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(i64, i64, chrono::DateTime<chrono::Utc>)> = response::Entity::find()
        .select_only()
        .column(response::Column::Id)
        .column(response::Column::SurveyId)
        .column(response::Column::SubmittedAt)
        .filter(response::Column::SurveyId.is_in(surveys))
        .filter(response::Column::Id.gt(after))
        .order_by_asc(response::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(response_id, survey_id, submitted_at)| LiveEvent {
            response_id,
            survey_id,
            project_id,
            submitted_at,
            round_id: None,
        })
        .collect())
}

/// One response a person gave on a named (not anonymous) feedback form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnSubmission {
    pub survey_title: String,
    pub submitted_at: chrono::DateTime<chrono::Utc>,
}

/// This person's newest feedback submissions (only recorded on forms that are not anonymous).
pub async fn own_submissions<C: ConnectionTrait>(
    db: &C,
    steward_id: i64,
    limit: u64,
) -> Result<Vec<OwnSubmission>, sea_orm::DbErr> {
    let rows: Vec<(i64, chrono::DateTime<chrono::Utc>)> = response::Entity::find()
        .select_only()
        .column(response::Column::SurveyId)
        .column(response::Column::SubmittedAt)
        .filter(response::Column::StewardId.eq(steward_id))
        .order_by_desc(response::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?;
    let mut ids: Vec<i64> = rows.iter().map(|(s, _)| *s).collect();
    ids.sort_unstable();
    ids.dedup();
    let titles: std::collections::HashMap<i64, String> = survey::Entity::find()
        .select_only()
        .column(survey::Column::Id)
        .column(survey::Column::Title)
        .filter(survey::Column::Id.is_in(ids))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|(survey, submitted_at)| {
            titles.get(&survey).map(|t| OwnSubmission {
                survey_title: t.clone(),
                submitted_at,
            })
        })
        .collect())
}
