//! `invitation` table: one address invited to one survey; the address is deleted when the
//! survey closes, the row (for counts) stays.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invitation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub survey_id: i64,
    pub email: Option<String>,
    pub sent_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
    pub reminded_at: Option<DateTimeUtc>,
    pub reminder_claim: Option<String>,
    pub unsubscribed_at: Option<DateTimeUtc>,
    pub response_id: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
