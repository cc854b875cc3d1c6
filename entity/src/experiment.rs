//! `experiment` table: a safe-to-fail change, its hypothesis, its plan (JSON, locked once
//! testing starts) and the evidence snapshot taken when it was proposed (JSON).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "experiment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub project_id: i64,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub problem: String,
    #[sea_orm(column_type = "Text")]
    pub if_we: String,
    #[sea_orm(column_type = "Text")]
    pub then_we: String,
    #[sea_orm(column_type = "Text")]
    pub because: String,
    #[sea_orm(column_type = "Text")]
    pub change: String,
    /// Audiences who co-designed it, comma-separated.
    pub codesigners: String,
    pub children: i32,
    pub families: i32,
    pub practitioners: i32,
    pub scale: String,
    pub place: String,
    #[sea_orm(column_type = "Text")]
    pub limits: String,
    pub owners: String,
    /// `YYYY-MM-DD`.
    pub planned_start: String,
    /// `YYYY-MM-DD`.
    pub planned_end: String,
    pub status: String,
    #[sea_orm(column_type = "Text")]
    pub plan: String,
    #[sea_orm(column_type = "Text")]
    pub snapshot: String,
    pub feedback_survey_id: Option<i64>,
    pub previous_id: Option<i64>,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
