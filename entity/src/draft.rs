//! `draft` table: in-progress answers for one survey in one browser, keyed by a token hash.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "draft")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub token_hash: String,
    pub survey_id: i64,
    /// JSON: answers typed so far, channel, mode and the submission id.
    #[sea_orm(column_type = "Text")]
    pub data: String,
    pub updated_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
