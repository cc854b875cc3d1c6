//! Recording a free decision: the log entry, the links from its evidence and the figures of the
//! cited themes as they were at that moment, in one transaction.

use sea_orm::{ConnectionTrait, DbErr};

use crate::decisions::{self, DecisionKind, NewDecision};
use crate::disclosure::MinGroup;
use crate::experiments;
use crate::links::{self, Link, Thing};
use crate::projects::ProjectId;
use crate::stewardship::model::{Citable, NewChoice};

/// What the project has that a decision may be about or cite.
pub async fn citable<C: ConnectionTrait>(db: &C, project: ProjectId) -> Result<Citable, DbErr> {
    let themes = crate::themes::store::list(db, project)
        .await?
        .into_iter()
        .filter(|t| t.merged_into.is_none())
        .map(|t| (t.id.0, t.name))
        .collect();
    let experiments = experiments::read_store::list(db, project)
        .await?
        .into_iter()
        .map(|e| (e.id.0, e.fields.title))
        .collect();
    Ok(Citable {
        themes,
        experiments,
    })
}

/// Records a decision in its own write transaction: the one path for the form and the API.
pub async fn decide(
    db: &sea_orm::DatabaseConnection,
    project: ProjectId,
    choice: &NewChoice,
    who: Option<i64>,
    min: MinGroup,
) -> Result<i64, DbErr> {
    let txn = crate::db::begin_write(db).await?;
    let id = record(&txn, project, choice, who, min).await?;
    txn.commit().await?;
    Ok(id)
}

/// Records the decision and links each cited theme and experiment to it (inside the caller's
/// transaction); the cited themes' figures now are kept as the evidence seen.
pub async fn record<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    choice: &NewChoice,
    who: Option<i64>,
    min: MinGroup,
) -> Result<i64, DbErr> {
    let snapshot = experiments::actions::snapshot_now(db, project, &choice.themes, min).await?;
    let d = NewDecision {
        project,
        subject: choice.subject,
        kind: DecisionKind::Choice,
        from: String::new(),
        to: choice.decided.clone(),
        rationale: choice.rationale.clone(),
        evidence: serde_json::json!({
            "themes": snapshot,
            "experiments": choice.experiments,
        }),
        steward: who,
        question: choice.question.clone(),
        framework: choice.framework.clone(),
    };
    let id = decisions::store::record(db, &d).await?;
    let cited = choice
        .themes
        .iter()
        .map(|t| Thing::theme(*t))
        .chain(choice.experiments.iter().map(|x| Thing::experiment(*x)));
    for from in cited {
        let link = Link {
            from,
            to: Thing::decision(id),
            note: String::new(),
        };
        links::store::add(db, project, &link, who).await?;
    }
    Ok(id)
}

/// What a decision cites: the themes and experiments linked to it, by id.
pub async fn cited<C: ConnectionTrait>(
    db: &C,
    decision: i64,
) -> Result<(Vec<i64>, Vec<i64>), DbErr> {
    let to = [decision];
    let themes = links::store::from_kind_to(db, links::Kind::Theme, links::Kind::Decision, &to)
        .await?
        .into_iter()
        .map(|(_, from)| from)
        .collect();
    let experiments =
        links::store::from_kind_to(db, links::Kind::Experiment, links::Kind::Decision, &to)
            .await?
            .into_iter()
            .map(|(_, from)| from)
            .collect();
    Ok((themes, experiments))
}
