//! What a respondent's own confirmation page may know about safeguarding: only whether any
//! answer in the response they have just sent was flagged, looked up by its receipt code.

use entity::{response, safeguarding_flag};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};

/// Whether the response with this receipt code has any safeguarding flag (reviewed or not).
/// Nothing new is stored; a receipt that matches nothing is simply not flagged.
pub async fn was_flagged<C: ConnectionTrait>(
    db: &C,
    receipt: &str,
) -> Result<bool, sea_orm::DbErr> {
    let id: Option<i64> = response::Entity::find()
        .select_only()
        .column(response::Column::Id)
        .filter(response::Column::Receipt.eq(receipt))
        .into_tuple()
        .one(db)
        .await?;
    let Some(id) = id else {
        return Ok(false);
    };
    Ok(safeguarding_flag::Entity::find()
        .filter(safeguarding_flag::Column::ResponseId.eq(id))
        .count(db)
        .await?
        > 0)
}
