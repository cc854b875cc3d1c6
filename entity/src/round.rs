//! `round` table: a "Have your say" round on a project — a public page (`/p/{slug}`) of items
//! people agree with, are not sure about or disagree with.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "round")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub project_id: i64,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub intro: String,
    /// `children`, `families`, `practitioners` or `anyone` (a mix: "Who are you?" is asked).
    pub audience: String,
    #[sea_orm(unique)]
    pub slug: String,
    /// `draft`, `open` or `closed`.
    pub status: String,
    /// Whether people see the (suppressed) results after voting.
    pub show_results: bool,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub opened_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
