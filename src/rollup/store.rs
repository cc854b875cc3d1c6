//! Where a project sits among the scales, and the figures rolled up from the projects inside one.

use entity::project_parent as row;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

use crate::decisions::{Decision, LogFilter};
use crate::disclosure::MinGroup;
use crate::experiments::Experiment;
use crate::links;
use crate::projects::{Project, ProjectId};
use crate::rollup::model::{RolledTheme, ThemeRow, roll_themes};
use crate::themes::model::ThemeStatus;

/// The wider project this one sits inside.
pub async fn parent_of<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
) -> Result<Option<ProjectId>, DbErr> {
    Ok(row::Entity::find_by_id(project.0)
        .one(db)
        .await?
        .map(|r| ProjectId(r.parent_id)))
}

/// Sets (or clears) the wider project, inside the caller's transaction.
pub async fn set_parent<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    parent: Option<ProjectId>,
) -> Result<(), DbErr> {
    row::Entity::delete_by_id(project.0).exec(db).await?;
    if let Some(parent) = parent {
        row::Entity::insert(row::ActiveModel {
            project_id: Set(project.0),
            parent_id: Set(parent.0),
        })
        .exec(db)
        .await?;
    }
    Ok(())
}

/// Every project inside this one, at any depth (parents are always larger, so this ends).
pub async fn inside<C: ConnectionTrait>(db: &C, project: ProjectId) -> Result<Vec<Project>, DbErr> {
    let mut out = Vec::new();
    let mut next = vec![project.0];
    while !next.is_empty() {
        let ids: Vec<i64> = row::Entity::find()
            .filter(row::Column::ParentId.is_in(next.clone()))
            .all(db)
            .await?
            .into_iter()
            .map(|r| r.project_id)
            .filter(|id| !out.iter().any(|p: &Project| p.id.0 == *id))
            .collect();
        for id in &ids {
            if let Some(p) = crate::projects::store::find(db, ProjectId(*id)).await? {
                out.push(p);
            }
        }
        next = ids;
    }
    Ok(out)
}

/// Records that two themes are the same (inside the caller's transaction), in the top project.
pub async fn link_same<C: ConnectionTrait>(
    db: &C,
    top: ProjectId,
    (a, b): (i64, i64),
    who: i64,
) -> Result<(), DbErr> {
    links::store::remove_between(db, links::Thing::theme(a), links::Thing::theme(b)).await?;
    let link = links::Link {
        from: links::Thing::theme(a),
        to: links::Thing::theme(b),
        note: "the same theme".into(),
    };
    links::store::add(db, top, &link, Some(who)).await
}

/// Counts two themes separately again.
pub async fn unlink<C: ConnectionTrait>(db: &C, (a, b): (i64, i64)) -> Result<(), DbErr> {
    links::store::remove_between(db, links::Thing::theme(a), links::Thing::theme(b)).await
}

/// What rolled up from the projects inside one.
#[derive(Clone, Debug, Default)]
pub struct RollUp {
    pub projects: Vec<Project>,
    pub themes: Vec<RolledTheme>,
    /// Every theme in the projects, for choosing two to count together.
    pub rows: Vec<ThemeRow>,
    /// Themes a steward said are the same: (id, id).
    pub same: Vec<(i64, i64)>,
    /// (project title, experiment), oldest first within each project.
    pub experiments: Vec<(String, Experiment)>,
    /// (project title, decision), newest first.
    pub decisions: Vec<(String, Decision)>,
}

/// The decisions shown from across the projects inside.
pub const DECISIONS: usize = 30;

/// Reads the roll-up of a project: its own figures and those of every project inside it.
pub async fn roll_up<C: ConnectionTrait>(
    db: &C,
    top: &Project,
    min: MinGroup,
) -> Result<RollUp, DbErr> {
    let mut projects = vec![top.clone()];
    projects.extend(inside(db, top.id).await?);
    let mut rows = Vec::new();
    let mut experiments = Vec::new();
    let mut decisions = Vec::new();
    for p in &projects {
        let counts = crate::themes::stats::store::theme_counts(db, p.id).await?;
        for t in crate::themes::store::list(db, p.id).await? {
            if t.status != ThemeStatus::Active || t.merged_into.is_some() {
                continue;
            }
            let n = counts.get(&t.id).copied().unwrap_or(0) as u64;
            rows.push((p.title.clone(), t.id.0, t.name, n));
        }
        for e in crate::experiments::read_store::list(db, p.id).await? {
            experiments.push((p.title.clone(), e));
        }
        for d in crate::decisions::store::for_project(db, p.id, &LogFilter::all()).await? {
            decisions.push((p.title.clone(), d));
        }
    }
    decisions.sort_by_key(|d| std::cmp::Reverse(d.1.at));
    decisions.truncate(DECISIONS);
    let ids: Vec<i64> = rows.iter().map(|r| r.1).collect();
    let same: Vec<(i64, i64)> =
        links::store::from_kind_to(db, links::Kind::Theme, links::Kind::Theme, &ids)
            .await?
            .into_iter()
            .filter(|(to, from)| ids.contains(from) && ids.contains(to))
            .collect();
    Ok(RollUp {
        projects,
        themes: roll_themes(&rows, &same, min),
        rows,
        same,
        experiments,
        decisions,
    })
}
