//! Merging one theme into another, and undoing it exactly when the merged theme is restored:
//! each coding the merge moves remembers the theme it came from (`coding.merged_from`) and the
//! merge's history entry keeps the codebook phrases it added.

use chrono::Utc;
use entity::{coding, theme, theme_event};
use sea_orm::sea_query::{Expr, Query, SelectStatement};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

use crate::accounts::StewardId;
use crate::themes::model::{Source, Theme, ThemeAction, ThemeId, ThemeStatus};
use crate::themes::store::{record, set_status};

/// The sources of settled codings a merge moves: a steward's, and learned ones a steward
/// accepted or rejected. Keyword codings and pending suggestions the automation recomputes.
const MOVED: [Source; 2] = [Source::Steward, Source::Learned];

/// The answers `theme` already has a coding for from `source`.
fn answers_with(theme: ThemeId, source: Source) -> SelectStatement {
    Query::select()
        .column(coding::Column::AnswerId)
        .from(coding::Entity)
        .and_where(coding::Column::ThemeId.eq(theme.0))
        .and_where(coding::Column::Source.eq(source.as_str()))
        .to_owned()
}

/// Settled codings of `source`: every steward coding, learned ones only once confirmed.
fn settled(source: Source) -> Condition {
    let c = Condition::all().add(coding::Column::Source.eq(source.as_str()));
    if source == Source::Learned {
        c.add(coding::Column::ConfirmedBy.is_not_null())
    } else {
        c
    }
}

async fn set_codebook<C: ConnectionTrait>(
    db: &C,
    theme: ThemeId,
    codebook: &[String],
) -> Result<(), sea_orm::DbErr> {
    theme::ActiveModel {
        id: Set(theme.0),
        codebook: Set(serde_json::json!(codebook).to_string()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(db)
    .await
    .map(|_| ())
}

/// Merges `from` into `into`: the codebooks are joined, `from`'s settled codings move to
/// `into` (marked as from `from`) where `into` has none from that source for the answer, its
/// keyword codings and pending suggestions are dropped (the automation recomputes them), and
/// `from` is retired with `merged_into` set.
pub async fn merge<C: ConnectionTrait>(
    db: &C,
    from: &Theme,
    into: &Theme,
    by: StewardId,
) -> Result<(), sea_orm::DbErr> {
    let mut codebook = into.codebook.clone();
    let mut added = Vec::new();
    for p in &from.codebook {
        if !codebook.iter().any(|q| q.eq_ignore_ascii_case(p)) {
            codebook.push(p.clone());
            added.push(p.clone());
        }
    }
    set_codebook(db, into.id, &codebook).await?;
    theme::ActiveModel {
        id: Set(from.id.0),
        status: Set(ThemeStatus::Retired.as_str().to_owned()),
        merged_into: Set(Some(into.id.0)),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(db)
    .await?;
    for source in MOVED {
        coding::Entity::update_many()
            .col_expr(coding::Column::ThemeId, into.id.0.into())
            .col_expr(coding::Column::MergedFrom, Expr::val(from.id.0))
            .filter(coding::Column::ThemeId.eq(from.id.0))
            .filter(settled(source))
            .filter(coding::Column::AnswerId.not_in_subquery(answers_with(into.id, source)))
            .exec(db)
            .await?;
    }
    let mut kept = Condition::any();
    for source in MOVED {
        kept = kept.add(settled(source));
    }
    coding::Entity::delete_many()
        .filter(coding::Column::ThemeId.eq(from.id.0))
        .filter(kept.not())
        .exec(db)
        .await?;
    let detail = serde_json::json!({ "into": into.name, "into_id": into.id.0 });
    record(db, from.id, by, ThemeAction::Merged, detail).await?;
    let detail =
        serde_json::json!({ "from": from.name, "from_id": from.id.0, "phrases_added": added });
    record(db, into.id, by, ThemeAction::Merged, detail).await
}

/// The phrases the merge of `from` into `into` added to `into`'s codebook (the latest merge).
async fn phrases_added<C: ConnectionTrait>(
    db: &C,
    from: ThemeId,
    into: ThemeId,
) -> Result<Vec<String>, sea_orm::DbErr> {
    let rows = theme_event::Entity::find()
        .filter(theme_event::Column::ThemeId.eq(into.0))
        .filter(theme_event::Column::Action.eq(ThemeAction::Merged.as_str()))
        .order_by_desc(theme_event::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .iter()
        .filter_map(|r| serde_json::from_str::<serde_json::Value>(&r.detail).ok())
        .find(|d| d.get("from_id").and_then(|v| v.as_i64()) == Some(from.0))
        .and_then(|d| serde_json::from_value(d.get("phrases_added")?.clone()).ok())
        .unwrap_or_default())
}

/// Undoes the merge of `theme` (if it was merged): its codings move back, the phrases it
/// brought leave the other theme's codebook, and `merged_into` is cleared.
async fn unmerge<C: ConnectionTrait>(
    db: &C,
    theme: &Theme,
    into: ThemeId,
) -> Result<(), sea_orm::DbErr> {
    for source in MOVED {
        coding::Entity::update_many()
            .col_expr(coding::Column::ThemeId, theme.id.0.into())
            .col_expr(coding::Column::MergedFrom, Expr::val(None::<i64>))
            .filter(coding::Column::ThemeId.eq(into.0))
            .filter(coding::Column::MergedFrom.eq(theme.id.0))
            .filter(coding::Column::Source.eq(source.as_str()))
            .filter(coding::Column::AnswerId.not_in_subquery(answers_with(theme.id, source)))
            .exec(db)
            .await?;
    }
    // A moved coding whose answer the restored theme has meanwhile coded from the same source.
    coding::Entity::delete_many()
        .filter(coding::Column::MergedFrom.eq(theme.id.0))
        .exec(db)
        .await?;
    let added = phrases_added(db, theme.id, into).await?;
    if let Some(row) = theme::Entity::find_by_id(into.0).one(db).await? {
        let codebook: Vec<String> = serde_json::from_str::<Vec<String>>(&row.codebook)
            .unwrap_or_default()
            .into_iter()
            .filter(|p| !added.iter().any(|a| a.eq_ignore_ascii_case(p)))
            .collect();
        set_codebook(db, into, &codebook).await?;
    }
    theme::ActiveModel {
        id: Set(theme.id.0),
        merged_into: Set(None),
        ..Default::default()
    }
    .update(db)
    .await
    .map(|_| ())
}

/// Restores a retired theme; a merged one gets back exactly its answers and phrases.
pub async fn restore<C: ConnectionTrait>(
    db: &C,
    theme: &Theme,
    by: StewardId,
) -> Result<(), sea_orm::DbErr> {
    if let Some(into) = theme.merged_into {
        unmerge(db, theme, into).await?;
    }
    set_status(db, theme, ThemeStatus::Active, by).await
}
