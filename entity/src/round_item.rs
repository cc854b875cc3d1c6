//! `round_item` table: one thing a round asks about — a theme, an experiment proposal or a free
//! item — in plain words, with an easy-read version and the redacted quotes chosen for it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "round_item")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: i64,
    pub position: i32,
    /// `theme`, `experiment` or `free`.
    pub source_kind: String,
    pub source_id: Option<i64>,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    #[sea_orm(column_type = "Text")]
    pub easy_read: String,
    /// A JSON array of quotes, redacted when they were chosen.
    #[sea_orm(column_type = "Text")]
    pub quotes: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
