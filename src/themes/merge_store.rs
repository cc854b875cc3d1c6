//! Merging one theme into another, and undoing it exactly when the merged theme is restored.

use chrono::Utc;
use entity::{coding, theme};
use sea_orm::sea_query::Query;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::accounts::StewardId;
use crate::themes::model::{Theme, ThemeAction, ThemeStatus};
use crate::themes::store::{record, set_status};

/// Merges `from` into `into`: the codebooks are joined, `from`'s steward codings move to
/// `into` where `into` has none for that answer and source, the rest are dropped (automation
/// recomputes keyword and learned codings), and `from` is retired with `merged_into` set.
pub async fn merge<C: ConnectionTrait>(
    db: &C,
    from: &Theme,
    into: &Theme,
    by: StewardId,
) -> Result<(), sea_orm::DbErr> {
    let mut codebook = into.codebook.clone();
    for p in &from.codebook {
        if !codebook.iter().any(|q| q.eq_ignore_ascii_case(p)) {
            codebook.push(p.clone());
        }
    }
    let now = Utc::now();
    theme::ActiveModel {
        id: Set(into.id.0),
        codebook: Set(serde_json::json!(codebook).to_string()),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await?;
    theme::ActiveModel {
        id: Set(from.id.0),
        status: Set(ThemeStatus::Retired.as_str().to_owned()),
        merged_into: Set(Some(into.id.0)),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await?;
    // Steward codings of `from` move over unless `into` already has one for the answer.
    let existing = Query::select()
        .column(coding::Column::AnswerId)
        .from(coding::Entity)
        .and_where(coding::Column::ThemeId.eq(into.id.0))
        .and_where(coding::Column::Source.eq("steward"))
        .to_owned();
    coding::Entity::update_many()
        .col_expr(coding::Column::ThemeId, into.id.0.into())
        .filter(coding::Column::ThemeId.eq(from.id.0))
        .filter(coding::Column::Source.eq("steward"))
        .filter(coding::Column::AnswerId.not_in_subquery(existing))
        .exec(db)
        .await?;
    coding::Entity::delete_many()
        .filter(coding::Column::ThemeId.eq(from.id.0))
        .filter(coding::Column::Source.ne("steward"))
        .exec(db)
        .await?;
    let detail = serde_json::json!({ "into": into.name, "into_id": into.id.0 });
    record(db, from.id, by, ThemeAction::Merged, detail).await?;
    let detail = serde_json::json!({ "from": from.name, "from_id": from.id.0 });
    record(db, into.id, by, ThemeAction::Merged, detail).await
}

/// Restores a retired theme.
pub async fn restore<C: ConnectionTrait>(
    db: &C,
    theme: &Theme,
    by: StewardId,
) -> Result<(), sea_orm::DbErr> {
    set_status(db, theme, ThemeStatus::Active, by).await
}
