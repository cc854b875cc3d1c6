//! Review queries: the project's flags (never their text) for the list and the CSV, one flag
//! with its whole response and audit trail, and recording a review (with the escalation alert
//! queued in the same transaction).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use entity::{answer, safeguarding_audit, safeguarding_flag, steward, survey};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use url::Url;

use crate::accounts::StewardId;
use crate::projects::Project;
use crate::responses::ResponseId;
use crate::safeguarding::alerts;
use crate::safeguarding::messages::{About, escalation_content};
use crate::safeguarding::model::{AuditEntry, ContextRow, FlagDetail, FlagId, FlagSummary};
use crate::safeguarding::review::{NewReview, Outcome};

async fn names<C: ConnectionTrait>(db: &C, ids: Vec<i64>) -> Result<HashMap<i64, String>, DbErr> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(steward::Entity::find()
        .select_only()
        .column(steward::Column::Id)
        .column(steward::Column::Name)
        .filter(steward::Column::Id.is_in(ids))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

async fn summaries<C: ConnectionTrait>(
    db: &C,
    project: &Project,
    rows: Vec<safeguarding_flag::Model>,
) -> Result<Vec<FlagSummary>, DbErr> {
    let titles: HashMap<i64, String> = survey::Entity::find()
        .select_only()
        .column(survey::Column::Id)
        .column(survey::Column::Title)
        .filter(survey::Column::ProjectId.eq(project.id.0))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let who = names(db, rows.iter().filter_map(|f| f.reviewed_by).collect()).await?;
    let rounds = crate::safeguarding::about::round_titles(
        db,
        rows.iter().filter_map(|f| f.round_comment_id).collect(),
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|f| FlagSummary {
            id: FlagId(f.id),
            survey_title: match f.round_comment_id {
                Some(c) => rounds.get(&c).cloned().unwrap_or_default(),
                None => titles.get(&f.survey_id).cloned().unwrap_or_default(),
            },
            category: f.category,
            phrase: f.phrase,
            flagged_at: f.flagged_at,
            outcome: f.outcome.as_deref().and_then(Outcome::parse),
            reviewed: f.reviewed_at.map(|at| {
                let by = f.reviewed_by.and_then(|id| who.get(&id).cloned());
                (by.unwrap_or_default(), at)
            }),
            answer_deleted_at: f.answer_deleted_at,
        })
        .collect())
}

/// Every flag in the project, newest first, without any answer text.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    project: &Project,
) -> Result<Vec<FlagSummary>, DbErr> {
    let rows = safeguarding_flag::Entity::find()
        .filter(safeguarding_flag::Column::ProjectId.eq(project.id.0))
        .order_by_desc(safeguarding_flag::Column::FlaggedAt)
        .order_by_desc(safeguarding_flag::Column::Id)
        .all(db)
        .await?;
    summaries(db, project, rows).await
}

/// One of the project's flags with its whole response (the flagged answer marked) and its
/// audit trail, oldest first; `None` when the flag is not in this project.
pub async fn detail<C: ConnectionTrait>(
    db: &C,
    project: &Project,
    flag: FlagId,
) -> Result<Option<FlagDetail>, DbErr> {
    let Some(row) = safeguarding_flag::Entity::find_by_id(flag.0)
        .filter(safeguarding_flag::Column::ProjectId.eq(project.id.0))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let flagged_question = match row.answer_id {
        Some(id) => answer::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|a| a.question_id),
        None => None,
    };
    let context = match row.response_id {
        Some(id) => {
            let questions =
                crate::surveys::store::questions(db, crate::surveys::SurveyId(row.survey_id), true)
                    .await?;
            crate::responses::store::find_by_id(db, ResponseId(id))
                .await?
                .map(|r| r.rows(&questions))
                .unwrap_or_default()
                .into_iter()
                .map(|(q, prompt, answer)| ContextRow {
                    prompt,
                    answer,
                    flagged: Some(q.0) == flagged_question,
                })
                .collect()
        }
        None => match row.round_comment_id {
            Some(c) => crate::safeguarding::rounds::comment_context(db, c).await?,
            None => Vec::new(),
        },
    };
    let audit = audit_trail(db, flag).await?;
    let summary = summaries(db, project, vec![row]).await?.pop();
    Ok(summary.map(|summary| FlagDetail {
        summary,
        context,
        audit,
    }))
}

async fn audit_trail<C: ConnectionTrait>(db: &C, flag: FlagId) -> Result<Vec<AuditEntry>, DbErr> {
    let rows = safeguarding_audit::Entity::find()
        .filter(safeguarding_audit::Column::FlagId.eq(flag.0))
        .order_by_asc(safeguarding_audit::Column::At)
        .order_by_asc(safeguarding_audit::Column::Id)
        .all(db)
        .await?;
    let who = names(db, rows.iter().filter_map(|r| r.steward_id).collect()).await?;
    Ok(rows
        .into_iter()
        .map(|r| AuditEntry {
            flag: FlagId(r.flag_id),
            by: r
                .steward_id
                .map(|id| who.get(&id).cloned().unwrap_or_default()),
            action: r.action,
            note: r.note,
            at: r.at,
        })
        .collect())
}

/// Records a review of one of the project's flags: its outcome, who and when, and an audit
/// entry; an escalation also queues an alert to the backup address and the admins. Call inside
/// a transaction. Returns `None` when the flag is not in this project, else messages queued.
pub async fn record_review<C: ConnectionTrait>(
    db: &C,
    project: &Project,
    flag: FlagId,
    by: StewardId,
    review: &NewReview,
    now: DateTime<Utc>,
    base_url: &Url,
) -> Result<Option<u64>, DbErr> {
    // The write comes first, so on SQLite the transaction takes the write lock at once rather
    // than upgrading a read snapshot (which fails if another writer committed meanwhile).
    let done = safeguarding_flag::Entity::update_many()
        .col_expr(safeguarding_flag::Column::ReviewedBy, Expr::value(by.0))
        .col_expr(safeguarding_flag::Column::ReviewedAt, Expr::value(now))
        .col_expr(
            safeguarding_flag::Column::ReviewNote,
            Expr::value(review.note.clone()),
        )
        .col_expr(
            safeguarding_flag::Column::Outcome,
            Expr::value(review.outcome.as_str()),
        )
        .filter(safeguarding_flag::Column::Id.eq(flag.0))
        .filter(safeguarding_flag::Column::ProjectId.eq(project.id.0))
        .exec(db)
        .await?;
    if done.rows_affected == 0 {
        return Ok(None);
    }
    safeguarding_audit::ActiveModel {
        flag_id: Set(flag.0),
        project_id: Set(project.id.0),
        steward_id: Set(Some(by.0)),
        action: Set(review.outcome.as_str().to_owned()),
        note: Set(review.note.clone()),
        at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    if review.outcome != Outcome::Escalated {
        return Ok(Some(0));
    }
    let (survey_title, _) = match safeguarding_flag::Entity::find_by_id(flag.0)
        .one(db)
        .await?
    {
        Some(f) => crate::safeguarding::about::flag_titles(db, &f).await?,
        None => (String::new(), String::new()),
    };
    let about = About {
        project: project.id,
        survey_title: &survey_title,
        project_title: &project.title,
    };
    let to = alerts::backup_and_admins(db, project.id).await?;
    let queued = alerts::queue(db, base_url, &to, |why| {
        escalation_content(base_url, about, flag, why)
    })
    .await?;
    Ok(Some(queued))
}
