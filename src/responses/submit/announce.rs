//! After a batch commits: each new response announced on the live hub, and the theme coder told
//! which projects have new answers.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use entity::survey;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};

use crate::live::{Hub, LiveEvent};
use crate::responses::model::ResponseId;
use crate::surveys::SurveyId;
use crate::themes::ThemeJobs;

/// Announces committed responses on the live hub and to the theme coder, with each survey's
/// project looked up once and kept (a survey never moves between projects).
pub(super) struct Announcer {
    hub: Option<Hub>,
    themes: Option<ThemeJobs>,
    projects: HashMap<SurveyId, i64>,
}

impl Announcer {
    pub(super) fn new(hub: Option<Hub>, themes: Option<ThemeJobs>) -> Announcer {
        Announcer {
            hub,
            themes,
            projects: HashMap::new(),
        }
    }

    /// Publishes one event per new response; call only after the commit.
    pub(super) async fn announce(
        &mut self,
        db: &DatabaseConnection,
        new: &[(SurveyId, ResponseId)],
        at: DateTime<Utc>,
    ) {
        if self.hub.is_none() && self.themes.is_none() {
            return;
        }
        let mut missing: Vec<i64> = new
            .iter()
            .filter(|(s, _)| !self.projects.contains_key(s))
            .map(|(s, _)| s.0)
            .collect();
        missing.sort_unstable();
        missing.dedup();
        if !missing.is_empty() {
            let rows: Result<Vec<(i64, i64)>, _> = survey::Entity::find()
                .select_only()
                .column(survey::Column::Id)
                .column(survey::Column::ProjectId)
                .filter(survey::Column::Id.is_in(missing))
                .into_tuple()
                .all(db)
                .await;
            match rows {
                Ok(rows) => {
                    for (survey, project) in rows {
                        self.projects.insert(SurveyId(survey), project);
                    }
                }
                Err(err) => {
                    tracing::warn!(error = %err, "could not look up projects for live events")
                }
            }
        }
        let events: Vec<LiveEvent> = new
            .iter()
            .filter_map(|(survey, response)| {
                self.projects.get(survey).map(|project| LiveEvent {
                    response_id: response.0,
                    survey_id: survey.0,
                    project_id: *project,
                    submitted_at: at,
                    round_id: None,
                })
            })
            .collect();
        if let Some(themes) = &self.themes {
            let mut projects: Vec<i64> = events.iter().map(|e| e.project_id).collect();
            projects.sort_unstable();
            projects.dedup();
            for project in projects {
                themes.answers_arrived(crate::projects::ProjectId(project));
            }
        }
        if let Some(hub) = &self.hub {
            hub.publish_many(db, &events).await;
        }
    }
}
