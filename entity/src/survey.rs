//! `survey` table: questionnaires and feedback forms.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "survey")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub project_id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub kind: String,
    pub title: String,
    pub audience: String,
    #[sea_orm(column_type = "Text")]
    pub intro: String,
    #[sea_orm(column_type = "Text")]
    pub privacy_notice: String,
    pub status: String,
    pub opens_at: Option<DateTimeUtc>,
    pub closes_at: Option<DateTimeUtc>,
    pub layout: String,
    pub anonymous: bool,
    pub sensitive: bool,
    pub context_prompt: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub context_options: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
