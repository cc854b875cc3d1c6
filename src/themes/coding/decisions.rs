//! Steward decisions on codings (add, remove, accept a learned suggestion) and the queue of
//! learned suggestions waiting for one.

use chrono::Utc;
use entity::{coding, theme};
use sea_orm::sea_query::{OnConflict, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::accounts::StewardId;
use crate::projects::ProjectId;
use crate::themes::coding::facts::answer_facts;
use crate::themes::coding::store::{Coding, project_themes, to_coding};
use crate::themes::model::{AnswerId, CodingId, CodingStatus, Source, ThemeId};

async fn upsert<C: ConnectionTrait>(
    db: &C,
    answer: AnswerId,
    theme: ThemeId,
    source: Source,
    status: CodingStatus,
    confidence: f64,
    by: Option<StewardId>,
) -> Result<(), sea_orm::DbErr> {
    // An answer that is gone (erased by the person who wrote it) has nothing to code.
    let Some(facts) = answer_facts(db, [answer]).await?.remove(&answer) else {
        return Ok(());
    };
    let mut row = coding::ActiveModel {
        answer_id: Set(answer.0),
        theme_id: Set(theme.0),
        source: Set(source.as_str().to_owned()),
        confidence: Set(confidence),
        uncertainty: Set(None),
        confirmed_by: Set(by.map(|s| s.0)),
        status: Set(status.as_str().to_owned()),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    facts.apply(&mut row);
    coding::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                coding::Column::AnswerId,
                coding::Column::ThemeId,
                coding::Column::Source,
            ])
            .update_columns([
                coding::Column::Status,
                coding::Column::Confidence,
                coding::Column::ConfirmedBy,
            ])
            .to_owned(),
        )
        .exec_without_returning(db)
        .await
        .map(|_| ())
}

/// A steward puts a theme on an answer (confidence 1); a pending learned suggestion for the
/// same theme is settled as accepted.
pub async fn steward_add<C: ConnectionTrait>(
    db: &C,
    answer: AnswerId,
    theme: ThemeId,
    by: StewardId,
) -> Result<(), sea_orm::DbErr> {
    upsert(
        db,
        answer,
        theme,
        Source::Steward,
        CodingStatus::Accepted,
        1.0,
        Some(by),
    )
    .await?;
    settle_learned(db, answer, theme, CodingStatus::Accepted, by).await
}

/// A steward takes a theme off an answer: a steward `rejected` coding is recorded so
/// automation never puts it back; the keyword coding goes and a learned one is rejected.
pub async fn steward_remove<C: ConnectionTrait>(
    db: &C,
    answer: AnswerId,
    theme: ThemeId,
    by: StewardId,
) -> Result<(), sea_orm::DbErr> {
    upsert(
        db,
        answer,
        theme,
        Source::Steward,
        CodingStatus::Rejected,
        1.0,
        Some(by),
    )
    .await?;
    coding::Entity::delete_many()
        .filter(coding::Column::AnswerId.eq(answer.0))
        .filter(coding::Column::ThemeId.eq(theme.0))
        .filter(coding::Column::Source.eq(Source::Keyword.as_str()))
        .exec(db)
        .await?;
    settle_learned(db, answer, theme, CodingStatus::Rejected, by).await
}

async fn settle_learned<C: ConnectionTrait>(
    db: &C,
    answer: AnswerId,
    theme: ThemeId,
    status: CodingStatus,
    by: StewardId,
) -> Result<(), sea_orm::DbErr> {
    coding::Entity::update_many()
        .col_expr(coding::Column::Status, status.as_str().into())
        .col_expr(coding::Column::ConfirmedBy, by.0.into())
        .filter(coding::Column::AnswerId.eq(answer.0))
        .filter(coding::Column::ThemeId.eq(theme.0))
        .filter(coding::Column::Source.eq(Source::Learned.as_str()))
        .exec(db)
        .await
        .map(|_| ())
}

/// A learned suggestion of this project, or `None`.
pub async fn find_suggestion<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    id: CodingId,
) -> Result<Option<Coding>, sea_orm::DbErr> {
    Ok(coding::Entity::find_by_id(id.0)
        .filter(coding::Column::ThemeId.in_subquery(project_themes(project)))
        .filter(coding::Column::Source.eq(Source::Learned.as_str()))
        .one(db)
        .await?
        .and_then(to_coding))
}

/// Pending learned suggestions on active themes, most uncertain first.
pub async fn queue<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    limit: u64,
) -> Result<Vec<Coding>, sea_orm::DbErr> {
    let active = Query::select()
        .column(theme::Column::Id)
        .from(theme::Entity)
        .and_where(theme::Column::ProjectId.eq(project.0))
        .and_where(theme::Column::Status.eq("active"))
        .to_owned();
    Ok(coding::Entity::find()
        .filter(coding::Column::ThemeId.in_subquery(active))
        .filter(coding::Column::Source.eq(Source::Learned.as_str()))
        .filter(coding::Column::Status.eq(CodingStatus::Suggested.as_str()))
        .order_by_desc(coding::Column::Uncertainty)
        .order_by_asc(coding::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .filter_map(to_coding)
        .collect())
}

/// A steward accepts a learned suggestion: it is confirmed by them and applies from now on.
pub async fn accept_learned<C: ConnectionTrait>(
    db: &C,
    id: CodingId,
    by: StewardId,
) -> Result<(), sea_orm::DbErr> {
    coding::Entity::update_many()
        .col_expr(
            coding::Column::Status,
            CodingStatus::Accepted.as_str().into(),
        )
        .col_expr(coding::Column::ConfirmedBy, by.0.into())
        .filter(coding::Column::Id.eq(id.0))
        .exec(db)
        .await
        .map(|_| ())
}
