//! `reflection` table: one entry of reflective practice on a running experiment.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reflection")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub experiment_id: i64,
    pub role: String,
    /// Optional; shown to the project's members, never exported.
    pub name: String,
    #[sea_orm(column_type = "Text")]
    pub happened: String,
    #[sea_orm(column_type = "Text")]
    pub noticed: String,
    #[sea_orm(column_type = "Text")]
    pub surprised: String,
    #[sea_orm(column_type = "Text")]
    pub differently: String,
    pub steward_id: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
