//! `audit_entry` table: the append-only audit log, each row chained to the one before by its
//! hash (see `chorus::audit`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_entry")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i64,
    pub at: DateTimeUtc,
    pub steward_id: Option<i64>,
    pub method: String,
    pub route: String,
    #[sea_orm(column_type = "Text")]
    pub object: String,
    pub project_id: Option<i64>,
    pub status: i32,
    pub prev_hash: String,
    pub hash: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
