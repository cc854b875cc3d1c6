//! `round_vote` table: one device's choice on one item. The device is kept only as a keyed hash
//! that differs per round; no address or browser details are stored.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "round_vote")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: i64,
    pub item_id: i64,
    pub device: String,
    /// `agree`, `not_sure` or `disagree`.
    pub choice: String,
    /// `children`, `families`, `practitioners` or `unsaid`.
    pub who: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
