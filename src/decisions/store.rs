//! Writing and reading the decision log.

use chrono::Utc;
use entity::{decision, steward};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::decisions::framework::Framework;
use crate::decisions::model::{Decision, DecisionKind, NewDecision, Subject, SubjectKind};
use crate::decisions::query::LogFilter;
use crate::links;
use crate::projects::ProjectId;

/// Records one decision (inside the caller's transaction).
pub async fn record<C: ConnectionTrait>(db: &C, d: &NewDecision) -> Result<i64, DbErr> {
    let framework = serde_json::to_string(&d.framework).unwrap_or_else(|_| "{}".into());
    let row = decision::ActiveModel {
        project_id: Set(d.project.0),
        subject_kind: Set(d.subject.kind.as_str().to_owned()),
        subject_id: Set(d.subject.id),
        kind: Set(d.kind.as_str().to_owned()),
        from_state: Set(d.from.clone()),
        to_state: Set(d.to.clone()),
        rationale: Set(d.rationale.clone()),
        evidence: Set(d.evidence.to_string()),
        steward_id: Set(d.steward),
        decided_at: Set(Utc::now()),
        question: Set(d.question.clone()),
        framework: Set(framework),
        review_on: Set(d.framework.review_on),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Every decision about `subject`, oldest first, with the decider's name.
pub async fn for_subject<C: ConnectionTrait>(
    db: &C,
    subject: Subject,
) -> Result<Vec<Decision>, DbErr> {
    let rows = decision::Entity::find()
        .filter(decision::Column::SubjectKind.eq(subject.kind.as_str()))
        .filter(decision::Column::SubjectId.eq(subject.id))
        .order_by_asc(decision::Column::Id)
        .all(db)
        .await?;
    named(db, rows).await
}

/// A project's decision log, newest first, as filtered.
pub async fn for_project<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    filter: &LogFilter,
) -> Result<Vec<Decision>, DbErr> {
    let mut q = decision::Entity::find().filter(decision::Column::ProjectId.eq(project.0));
    if let Some(kind) = filter.kind {
        q = q.filter(decision::Column::Kind.eq(kind.as_str()));
    }
    if let Some(about) = filter.about {
        q = q.filter(decision::Column::SubjectKind.eq(about.as_str()));
    }
    if let Some(day) = filter.review_due {
        q = q.filter(decision::Column::ReviewOn.lte(day));
    }
    if let Some(evidence) = filter.evidence {
        // Decisions about it, or that cited it as evidence.
        let cited = links::store::to_kind_from(db, evidence, links::Kind::Decision).await?;
        let about = sea_orm::Condition::all()
            .add(decision::Column::SubjectKind.eq(evidence.kind.as_str()))
            .add(decision::Column::SubjectId.eq(evidence.id));
        q = q.filter(
            sea_orm::Condition::any()
                .add(about)
                .add(decision::Column::Id.is_in(cited)),
        );
    }
    let rows = q
        .order_by_desc(decision::Column::DecidedAt)
        .order_by_desc(decision::Column::Id)
        .limit(filter.limit)
        .all(db)
        .await?;
    named(db, rows).await
}

/// One decision of a project.
pub async fn find<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    id: i64,
) -> Result<Option<Decision>, DbErr> {
    let rows = decision::Entity::find_by_id(id)
        .filter(decision::Column::ProjectId.eq(project.0))
        .all(db)
        .await?;
    Ok(named(db, rows).await?.into_iter().next())
}

async fn named<C: ConnectionTrait>(
    db: &C,
    rows: Vec<decision::Model>,
) -> Result<Vec<Decision>, DbErr> {
    let ids: Vec<i64> = rows.iter().filter_map(|r| r.steward_id).collect();
    let names: std::collections::HashMap<i64, String> = steward::Entity::find()
        .filter(steward::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(Decision {
                id: r.id,
                project: ProjectId(r.project_id),
                subject: Subject {
                    kind: SubjectKind::parse(&r.subject_kind)?,
                    id: r.subject_id,
                },
                kind: DecisionKind::parse(&r.kind)?,
                by: r.steward_id.and_then(|s| names.get(&s).cloned()),
                from: r.from_state,
                to: r.to_state,
                rationale: r.rationale,
                evidence: serde_json::from_str(&r.evidence).unwrap_or_default(),
                at: r.decided_at,
                question: r.question,
                framework: serde_json::from_str::<Framework>(&r.framework).unwrap_or_default(),
            })
        })
        .collect())
}
