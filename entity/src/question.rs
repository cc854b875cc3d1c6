//! `question` table: the questions of a survey, in order; archived ones keep their answers.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "question")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub survey_id: i64,
    pub key: String,
    pub kind: String,
    #[sea_orm(column_type = "Text")]
    pub prompt: String,
    #[sea_orm(column_type = "Text")]
    pub hint: String,
    #[sea_orm(column_type = "Text")]
    pub easy_read: String,
    pub required: bool,
    #[sea_orm(column_type = "Text")]
    pub options: String,
    pub allow_other: bool,
    pub allow_none: bool,
    pub position: i32,
    pub archived: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
