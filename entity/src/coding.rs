//! `coding` table: one theme on one answer, from a keyword match, the learned coder or a steward.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "coding")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub answer_id: i64,
    pub theme_id: i64,
    /// `keyword`, `learned` or `steward`.
    pub source: String,
    pub confidence: f64,
    /// The learned coder's uncertainty about the answer (active-learning order); learned only.
    pub uncertainty: Option<f64>,
    pub confirmed_by: Option<i64>,
    /// `suggested`, `accepted` or `rejected`.
    pub status: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
