//! Writing and reading the decision log.

use chrono::Utc;
use entity::{decision, steward};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use crate::decisions::model::{Decision, DecisionKind, NewDecision, Subject};

/// Records one decision (inside the caller's transaction).
pub async fn record<C: ConnectionTrait>(db: &C, d: &NewDecision) -> Result<i64, DbErr> {
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
                kind: DecisionKind::parse(&r.kind)?,
                by: r.steward_id.and_then(|s| names.get(&s).cloned()),
                from: r.from_state,
                to: r.to_state,
                rationale: r.rationale,
                evidence: serde_json::from_str(&r.evidence).unwrap_or_default(),
                at: r.decided_at,
            })
        })
        .collect())
}
