//! What the web pages and the API both do with an experiment, in one place: propose it (with
//! its evidence snapshot, in one transaction), read its results and today's figures, change its
//! plan (a deviation once locked) and move it on (with the evidence seen; adapting starts the
//! next cycle in the same transaction).

use chrono::Utc;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr};

use crate::db::begin_write;
use crate::disclosure::MinGroup;
use crate::error::AppError;
use crate::experiments::catalogue_store::target;
use crate::experiments::measure_store::{arms, count_arms};
use crate::experiments::model::{Experiment, ExperimentId, Move, NewExperiment, Status};
use crate::experiments::plan::Plan;
use crate::experiments::results::{Arms, Results, measure_result, whose};
use crate::experiments::snapshot::Snapshot;
use crate::experiments::store::{self, Start};
use crate::projects::ProjectId;
use crate::themes::model::ThemeId;
use crate::themes::stats::store as theme_stats;

/// The linked themes' figures now.
pub async fn snapshot_now<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    themes: &[i64],
    min: MinGroup,
) -> Result<Snapshot, DbErr> {
    if themes.is_empty() {
        return Ok(Snapshot {
            taken_at: Some(Utc::now()),
            ..Snapshot::default()
        });
    }
    let cat = theme_stats::catalogue(db, project).await?;
    let mut figures = Vec::new();
    for t in themes {
        let tally = theme_stats::tally(db, &cat, Some(ThemeId(*t))).await?;
        let stats = tally.themes.get(&ThemeId(*t)).cloned().unwrap_or_default();
        figures.push((*t, cat.theme_name(ThemeId(*t)).to_owned(), stats));
    }
    Ok(Snapshot::take(Utc::now(), cat.text_answers, &figures, min))
}

/// Every measure's result now, recomputed from the answers.
pub async fn results<C: ConnectionTrait>(
    db: &C,
    e: &Experiment,
    min: MinGroup,
) -> Result<Results, DbErr> {
    let (arm_a, arm_b) = e.plan.arms();
    let mut out = Results {
        arm_a,
        arm_b,
        measures: Vec::new(),
    };
    let Some((a, b)) = arms(&e.plan) else {
        return Ok(out);
    };
    for m in &e.plan.measures {
        let Some(t) = target(db, e.project, &m.source, &e.plan).await? else {
            continue;
        };
        let (ca, cb) = count_arms(db, &t, (&a, &b)).await?;
        let arms = Arms {
            a: &out.arm_a,
            b: &out.arm_b,
        };
        let r = measure_result(m, &t.kind, (&ca, &cb), whose(&t.audience), arms, min);
        out.measures.push(r);
    }
    Ok(out)
}

/// Stores a new proposal with the figures of its themes as they are now.
pub async fn propose(
    db: &DatabaseConnection,
    project: ProjectId,
    new: &NewExperiment,
    who: Option<i64>,
    min: MinGroup,
) -> Result<ExperimentId, AppError> {
    let txn = begin_write(db).await?;
    let id = propose_in(&txn, project, new, who, min).await?;
    txn.commit().await?;
    Ok(id)
}

/// [`propose`] inside the caller's transaction.
pub async fn propose_in<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    new: &NewExperiment,
    who: Option<i64>,
    min: MinGroup,
) -> Result<ExperimentId, DbErr> {
    let snapshot = snapshot_now(db, project, &new.themes, min).await?;
    let start = Start {
        plan: &Plan::default(),
        snapshot: &snapshot,
        previous: None,
        feedback_survey: None,
        rationale: "Proposed",
    };
    store::create(db, project, new, start, who).await
}

/// Saves a plan; a change after testing started needs a reason and is recorded as a deviation.
pub async fn change_plan(
    db: &DatabaseConnection,
    e: &Experiment,
    plan: &Plan,
    why: &str,
    who: Option<i64>,
) -> Result<(), AppError> {
    let txn = begin_write(db).await?;
    store::set_plan(&txn, e, plan, why, who).await?;
    txn.commit().await?;
    Ok(())
}

/// Moves an experiment on, storing the results as the evidence seen. Adapting makes the next
/// cycle (same hypothesis to rework, measures and design carried over, periods cleared) and
/// returns its id.
pub async fn decide(
    db: &DatabaseConnection,
    e: &Experiment,
    m: &Move,
    who: Option<i64>,
    min: MinGroup,
) -> Result<Option<ExperimentId>, AppError> {
    let txn = begin_write(db).await?;
    let next = decide_in(&txn, e, m, who, min).await?;
    txn.commit().await?;
    Ok(next)
}

/// [`decide`] inside the caller's transaction.
pub async fn decide_in<C: ConnectionTrait>(
    db: &C,
    e: &Experiment,
    m: &Move,
    who: Option<i64>,
    min: MinGroup,
) -> Result<Option<ExperimentId>, DbErr> {
    let evidence = serde_json::to_value(results(db, e, min).await?).unwrap_or_default();
    store::transition(db, e, m, evidence, who).await?;
    if m.to != Status::Adapted {
        return Ok(None);
    }
    let snapshot = snapshot_now(db, e.project, &e.fields.themes, min).await?;
    let plan = Plan {
        baseline: None,
        test: None,
        ..e.plan.clone()
    };
    let start = Start {
        plan: &plan,
        snapshot: &snapshot,
        previous: Some(e.id),
        feedback_survey: e.feedback_survey,
        rationale: &format!("Adapted from the previous cycle: {}", m.rationale),
    };
    Ok(Some(
        store::create(db, e.project, &e.fields, start, who).await?,
    ))
}
