//! The automation's writes: keyword codings synced to the codebooks, pending learned
//! suggestions replaced after a run, and the stored coder model.

use std::collections::{BTreeSet, HashMap};

use chrono::Utc;
use entity::{coder_model, coding};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
};

use crate::projects::ProjectId;
use crate::themes::coding::facts::answer_facts;
use crate::themes::coding::store::{Coding, project_themes};
use crate::themes::model::{AnswerId, CodingId, CodingStatus, Source, ThemeId};

/// A coding the automation writes.
struct NewCoding {
    answer: AnswerId,
    theme: ThemeId,
    source: Source,
    confidence: f64,
    uncertainty: Option<f64>,
    status: CodingStatus,
}

/// Writes new codings, each with its answer's facts, in chunks; a coding already there for the
/// same answer, theme and source is left alone, and so is one whose answer is gone. Returns how
/// many were offered for writing.
async fn insert_new<C: ConnectionTrait>(
    db: &C,
    fresh: Vec<NewCoding>,
) -> Result<usize, sea_orm::DbErr> {
    let now = Utc::now();
    let facts = answer_facts(db, fresh.iter().map(|c| c.answer)).await?;
    let rows: Vec<coding::ActiveModel> = fresh
        .iter()
        .filter_map(|c| {
            let mut row = coding::ActiveModel {
                answer_id: Set(c.answer.0),
                theme_id: Set(c.theme.0),
                source: Set(c.source.as_str().to_owned()),
                confidence: Set(c.confidence),
                uncertainty: Set(c.uncertainty),
                confirmed_by: Set(None),
                status: Set(c.status.as_str().to_owned()),
                created_at: Set(now),
                ..Default::default()
            };
            facts.get(&c.answer)?.apply(&mut row);
            Some(row)
        })
        .collect();
    let offered = rows.len();
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(500).collect();
        coding::Entity::insert_many(chunk)
            .on_conflict(
                OnConflict::columns([
                    coding::Column::AnswerId,
                    coding::Column::ThemeId,
                    coding::Column::Source,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    Ok(offered)
}

/// Replaces the project's keyword codings with `wanted` (answer, theme) pairs, touching only
/// rows that change. Pairs a steward rejected are never written.
pub async fn sync_keyword<C: ConnectionTrait>(
    db: &C,
    existing: &[Coding],
    wanted: &BTreeSet<(AnswerId, ThemeId)>,
) -> Result<(usize, usize), sea_orm::DbErr> {
    let rejected: BTreeSet<(AnswerId, ThemeId)> = existing
        .iter()
        .filter(|c| c.source == Source::Steward && c.status == CodingStatus::Rejected)
        .map(|c| (c.answer, c.theme))
        .collect();
    let have: HashMap<(AnswerId, ThemeId), CodingId> = existing
        .iter()
        .filter(|c| c.source == Source::Keyword)
        .map(|c| ((c.answer, c.theme), c.id))
        .collect();
    let stale: Vec<i64> = have
        .iter()
        .filter(|(k, _)| !wanted.contains(k) || rejected.contains(k))
        .map(|(_, id)| id.0)
        .collect();
    for chunk in stale.chunks(500) {
        coding::Entity::delete_many()
            .filter(coding::Column::Id.is_in(chunk.iter().copied()))
            .exec(db)
            .await?;
    }
    let fresh: Vec<NewCoding> = wanted
        .iter()
        .filter(|k| !have.contains_key(k) && !rejected.contains(k))
        .map(|(a, t)| NewCoding {
            answer: *a,
            theme: *t,
            source: Source::Keyword,
            confidence: 1.0,
            uncertainty: None,
            status: CodingStatus::Accepted,
        })
        .collect();
    let added = insert_new(db, fresh).await?;
    Ok((stale.len(), added))
}

/// A learned proposal: answer, theme, confidence and the answer's uncertainty.
pub type Proposal = (AnswerId, ThemeId, f64, f64);

/// Replaces the project's pending learned suggestions; settled ones (accepted or rejected)
/// are kept and never proposed again.
pub async fn replace_learned<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    existing: &[Coding],
    proposals: &[Proposal],
) -> Result<(), sea_orm::DbErr> {
    coding::Entity::delete_many()
        .filter(coding::Column::ThemeId.in_subquery(project_themes(project)))
        .filter(coding::Column::Source.eq(Source::Learned.as_str()))
        .filter(coding::Column::Status.eq(CodingStatus::Suggested.as_str()))
        .exec(db)
        .await?;
    let settled: BTreeSet<(AnswerId, ThemeId)> = existing
        .iter()
        .filter(|c| c.confirmed || c.source == Source::Steward)
        .map(|c| (c.answer, c.theme))
        .collect();
    let fresh: Vec<NewCoding> = proposals
        .iter()
        .filter(|(a, t, _, _)| !settled.contains(&(*a, *t)))
        .map(|(a, t, p, u)| NewCoding {
            answer: *a,
            theme: *t,
            source: Source::Learned,
            confidence: *p,
            uncertainty: Some(*u),
            status: CodingStatus::Suggested,
        })
        .collect();
    insert_new(db, fresh).await?;
    Ok(())
}

/// Stores the project's trained coder (JSON), replacing the previous one.
pub async fn save_model<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    n_examples: usize,
    json: String,
) -> Result<(), sea_orm::DbErr> {
    coder_model::Entity::delete_by_id(project.0)
        .exec(db)
        .await?;
    coder_model::ActiveModel {
        project_id: Set(project.0),
        trained_at: Set(Utc::now()),
        n_examples: Set(i32::try_from(n_examples).unwrap_or(i32::MAX)),
        model: Set(json),
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// When the project's coder was last trained and on how many answers.
pub async fn model_info<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
) -> Result<Option<(chrono::DateTime<Utc>, i32)>, sea_orm::DbErr> {
    coder_model::Entity::find_by_id(project.0)
        .select_only()
        .column(coder_model::Column::TrainedAt)
        .column(coder_model::Column::NExamples)
        .into_tuple()
        .one(db)
        .await
}
