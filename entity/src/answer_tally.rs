//! `answer_tally` table: answers per measurable question, day (UTC), channel and value, kept
//! by the response writer beside the answers.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "answer_tally")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub question_id: i64,
    pub day: Date,
    pub channel: String,
    /// The number for faces, scale and rating; the option for yes/no and single choice; empty
    /// for a choice answered with "Other" (its words are never tallied).
    #[sea_orm(column_type = "Text")]
    pub value: String,
    pub n: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
