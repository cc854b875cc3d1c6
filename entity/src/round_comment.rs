//! `round_comment` table: "tell us more" on an item, held until a steward approves it (a
//! safeguarding match is a `safeguarding_flag` pointing at it).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "round_comment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: i64,
    pub item_id: i64,
    pub device: String,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    pub who: String,
    /// `held`, `approved` or `hidden`.
    pub status: String,
    pub reviewed_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub reviewed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
