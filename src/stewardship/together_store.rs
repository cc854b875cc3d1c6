//! What the project group's pages show a participant representative: themes with their counts
//! (small groups hidden here, never in a view, and no quotes: no raw answer ever), the ideas
//! being tried, the decisions and the open "Have your say" rounds.

use sea_orm::{ConnectionTrait, DbErr};

use crate::decisions::{Decision, LogFilter};
use crate::disclosure::{MinGroup, Shown};
use crate::experiments::{self, Status};
use crate::participation::RoundStatus;
use crate::projects::ProjectId;
use crate::themes::model::ThemeStatus;

/// A theme as the group sees it.
#[derive(Clone, Debug)]
pub struct GroupTheme {
    pub name: String,
    pub description: String,
    /// Answers with this theme; hidden when too few.
    pub answers: Shown<u64>,
}

/// An idea (an experiment) as the group sees it.
#[derive(Clone, Debug)]
pub struct GroupIdea {
    pub title: String,
    pub hypothesis: String,
    pub status: Status,
}

/// Everything on the group's page.
#[derive(Clone, Debug, Default)]
pub struct GroupPage {
    pub themes: Vec<GroupTheme>,
    pub ideas: Vec<GroupIdea>,
    pub decisions: Vec<Decision>,
    /// Open "Have your say" rounds: (title, public path).
    pub rounds: Vec<(String, String)>,
}

/// The decisions shown on the group's page, newest first.
pub const DECISIONS: u64 = 30;

/// Reads the group's page for a project.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    min: MinGroup,
) -> Result<GroupPage, DbErr> {
    let counts = crate::themes::stats::store::theme_counts(db, project).await?;
    let themes = crate::themes::store::list(db, project)
        .await?
        .into_iter()
        .filter(|t| t.status == ThemeStatus::Active && t.merged_into.is_none())
        .map(|t| {
            let n = counts.get(&t.id).copied().unwrap_or(0) as u64;
            GroupTheme {
                answers: if min.too_small(n) {
                    min.hide(n)
                } else {
                    Shown::Value(n)
                },
                name: t.name,
                description: t.description,
            }
        })
        .collect();
    let ideas = experiments::read_store::list(db, project)
        .await?
        .into_iter()
        .map(|e| GroupIdea {
            hypothesis: e.hypothesis(),
            title: e.fields.title.clone(),
            status: e.status,
        })
        .collect();
    let filter = LogFilter {
        limit: DECISIONS,
        ..LogFilter::all()
    };
    let decisions = crate::decisions::store::for_project(db, project, &filter).await?;
    let rounds = crate::participation::store::list(db, project)
        .await?
        .into_iter()
        .filter(|r| r.status == RoundStatus::Open)
        .map(|r| (r.title.clone(), r.path()))
        .collect();
    Ok(GroupPage {
        themes,
        ideas,
        decisions,
        rounds,
    })
}
