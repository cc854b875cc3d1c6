//! `safeguarding_flag` table: a text answer the safeguarding scanner matched, and its review.
//! The answer and response links become null when the respondent deletes them; the flag stays.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "safeguarding_flag")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub answer_id: Option<i64>,
    pub response_id: Option<i64>,
    pub survey_id: i64,
    pub project_id: i64,
    pub category: String,
    pub phrase: String,
    pub flagged_at: DateTimeUtc,
    pub reviewed_by: Option<i64>,
    pub reviewed_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub review_note: Option<String>,
    /// `action_taken`, `no_concern` or `escalated`; null while it waits for a review.
    pub outcome: Option<String>,
    /// When the respondent deleted the answer with their receipt code.
    pub answer_deleted_at: Option<DateTimeUtc>,
    /// When the overdue reminder went to the backup address and the admins.
    pub reminded_at: Option<DateTimeUtc>,
    /// The "Have your say" comment flagged (then `survey_id` is 0 and the answer and response
    /// links are null).
    pub round_comment_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
