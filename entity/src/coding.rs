//! `coding` table: one theme on one answer, from a keyword match, the learned coder or a steward,
//! with the answer's question, day and channel.

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
    /// The coded answer's question, day (UTC) and channel: copied when the coding is written
    /// (they never change), so a theme's share is counted from the codings alone.
    pub question_id: i64,
    pub day: Date,
    pub channel: String,
    /// The theme a merge moved this coding from (restoring that theme moves it back).
    pub merged_from: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
