//! `safeguarding_audit` table: who did what to a safeguarding flag, and when.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "safeguarding_audit")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub flag_id: i64,
    pub project_id: i64,
    /// Null when the respondent acted (deleted their answer).
    pub steward_id: Option<i64>,
    pub action: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
