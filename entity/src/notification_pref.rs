//! `notification_pref` table: whether a steward wants the daily digest, and which day it last went.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notification_pref")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub steward_id: i64,
    pub daily_digest: bool,
    /// `YYYY-MM-DD` (UTC) of the last digest claimed: the guard against two instances sending.
    pub last_digest_day: Option<String>,
    /// The digest counts what happened after this moment.
    pub digest_since: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
