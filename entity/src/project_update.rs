//! `project_update` table: a project's "You said, we did" page — draft and last published text.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "project_update")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub project_id: i64,
    pub slug: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub draft: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub published: Option<String>,
    pub version: i64,
    pub is_public: bool,
    pub updated_at: DateTimeUtc,
    pub published_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
