//! `decision` table: the one decision log — every status change and deviation, with who,
//! when, the rationale and the evidence seen (JSON).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "decision")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub project_id: i64,
    pub subject_kind: String,
    pub subject_id: i64,
    pub kind: String,
    pub from_state: String,
    pub to_state: String,
    #[sea_orm(column_type = "Text")]
    pub rationale: String,
    #[sea_orm(column_type = "Text")]
    pub evidence: String,
    pub steward_id: Option<i64>,
    pub decided_at: DateTimeUtc,
    /// The question decided (free decisions); empty for older entries.
    #[sea_orm(column_type = "Text")]
    pub question: String,
    /// The framework part as JSON: options, assessments, who was in the room.
    #[sea_orm(column_type = "Text")]
    pub framework: String,
    pub review_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
