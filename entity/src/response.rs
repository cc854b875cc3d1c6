//! `response` table: one submitted response; never an IP address or user agent.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "response")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub survey_id: i64,
    pub submission_id: String,
    #[sea_orm(unique)]
    pub receipt: String,
    pub submitted_at: DateTimeUtc,
    pub mode: String,
    pub channel: String,
    pub context: Option<String>,
    pub steward_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
