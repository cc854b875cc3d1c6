//! Flags on "Have your say" comments: a comment the scanner matches gets a `safeguarding_flag`
//! pointing at it (no answer, no response, `survey_id` 0) and the same alert to the lead and
//! the backup address as an answer, in the transaction that stores the comment. The lead
//! reviews it on the same pages; until a review finds "no concern" the comment cannot be
//! approved for anyone to see.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use entity::{round_comment, round_item, safeguarding_flag};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Set};
use url::Url;

use crate::projects::ProjectId;
use crate::safeguarding::alerts;
use crate::safeguarding::messages::{About, alert_content};
use crate::safeguarding::model::ContextRow;
use crate::safeguarding::scanner::Scanner;
use crate::safeguarding::store::withheld_ids;

/// A comment to scan, and where it was written.
pub struct RoundComment<'a> {
    pub id: i64,
    pub text: &'a str,
    pub project: ProjectId,
    pub round_title: &'a str,
}

/// Scans one stored comment; on a match stores a flag and (with `base`) queues the alerts.
/// Returns whether it was flagged. Call inside the transaction that stored the comment.
pub async fn flag_round_comment<C: ConnectionTrait>(
    db: &C,
    scanner: &Scanner,
    comment: RoundComment<'_>,
    now: DateTime<Utc>,
    base: Option<&Url>,
) -> Result<bool, DbErr> {
    let Some(flag) = scanner.scan(comment.text) else {
        return Ok(false);
    };
    safeguarding_flag::Entity::insert(safeguarding_flag::ActiveModel {
        survey_id: Set(0),
        project_id: Set(comment.project.0),
        category: Set(flag.category),
        phrase: Set(flag.phrase),
        flagged_at: Set(now),
        round_comment_id: Set(Some(comment.id)),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    if let Some(base) = base
        && let Some(p) = crate::projects::store::find(db, comment.project).await?
    {
        let about = About {
            project: p.id,
            survey_title: comment.round_title,
            project_title: &p.title,
        };
        let to = alerts::recipients(db, p.id, &p.safeguarding_lead).await?;
        alerts::queue(db, base, &to, |why| alert_content(base, about, why)).await?;
    }
    Ok(true)
}

/// Ids of the project's round comments with a flag not released by a "no concern" review.
pub async fn withheld_round_comments<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
) -> Result<HashSet<i64>, DbErr> {
    withheld_ids(db, project, safeguarding_flag::Column::RoundCommentId).await
}

/// The flagged comment, under the item it was written about, for the lead's review page.
pub(crate) async fn comment_context<C: ConnectionTrait>(
    db: &C,
    comment: i64,
) -> Result<Vec<ContextRow>, DbErr> {
    let Some(c) = round_comment::Entity::find_by_id(comment).one(db).await? else {
        return Ok(Vec::new());
    };
    let item = round_item::Entity::find_by_id(c.item_id).one(db).await?;
    Ok(vec![ContextRow {
        prompt: item.map_or_else(String::new, |i| format!("Tell us more about: {}", i.title)),
        answer: c.text,
        flagged: true,
    }])
}
