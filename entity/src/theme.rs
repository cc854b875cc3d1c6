//! `theme` table: a theme of a project with its codebook (JSON list of phrases).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "theme")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub project_id: i64,
    pub name: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    /// JSON list of codebook phrases.
    #[sea_orm(column_type = "Text")]
    pub codebook: String,
    /// `active` or `retired`.
    pub status: String,
    pub merged_into: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
