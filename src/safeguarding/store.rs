//! Safeguarding queries: flagging answers inside the submission transaction (with the alert to
//! the safeguarding lead queued in the same transaction), what is withheld, the review list,
//! marking as reviewed with an audit entry, and the audit log.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use entity::{answer, question, response, safeguarding_audit, safeguarding_flag, steward, survey};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use url::Url;

use crate::accounts::{EmailAddress, StewardId};
use crate::mail::{self, MailKind};
use crate::projects::ProjectId;
use crate::responses::{Receipt, Submission};
use crate::safeguarding::model::{
    AuditEntry, FlagId, FlaggedAnswer, REVIEWED, Review, alert_content, scan_answers,
};
use crate::safeguarding::scanner::Scanner;
use crate::surveys::SurveyId;

struct SurveyInfo {
    project: ProjectId,
    survey_title: String,
    project_title: String,
    lead: String,
}

async fn survey_info<C: ConnectionTrait>(
    db: &C,
    id: SurveyId,
) -> Result<Option<SurveyInfo>, DbErr> {
    let Some(s) = crate::surveys::store::find(db, id).await? else {
        return Ok(None);
    };
    let Some(p) = crate::projects::store::find(db, s.project_id).await? else {
        return Ok(None);
    };
    Ok(Some(SurveyInfo {
        project: p.id,
        survey_title: s.title,
        project_title: p.title,
        lead: p.safeguarding_lead,
    }))
}

/// Scans the typed answers of newly stored submissions and, for each that matches, inserts
/// `safeguarding_flag` rows and queues one alert to the project's safeguarding lead (when
/// `base_url` is given). Call inside the transaction that stored the responses, after
/// `responses::store::insert_many`. Returns how many alerts were queued.
pub async fn flag_submissions<C: ConnectionTrait>(
    db: &C,
    scanner: &Scanner,
    items: &[(&Submission, Receipt)],
    now: DateTime<Utc>,
    base_url: Option<&Url>,
) -> Result<usize, DbErr> {
    let mut surveys: HashMap<SurveyId, Option<SurveyInfo>> = HashMap::new();
    let mut alerts = 0;
    for (submission, receipt) in items {
        let hits = scan_answers(scanner, &submission.answers);
        if hits.is_empty() {
            continue;
        }
        let Some(response_id) = response::Entity::find()
            .select_only()
            .column(response::Column::Id)
            .filter(response::Column::Receipt.eq(receipt.as_str()))
            .into_tuple::<i64>()
            .one(db)
            .await?
        else {
            continue;
        };
        let questions: Vec<i64> = hits.iter().map(|(q, _)| q.0).collect();
        let answer_ids: HashMap<i64, i64> = answer::Entity::find()
            .select_only()
            .column(answer::Column::QuestionId)
            .column(answer::Column::Id)
            .filter(answer::Column::ResponseId.eq(response_id))
            .filter(answer::Column::QuestionId.is_in(questions))
            .into_tuple::<(i64, i64)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        if let std::collections::hash_map::Entry::Vacant(slot) = surveys.entry(submission.survey_id)
        {
            slot.insert(survey_info(db, submission.survey_id).await?);
        }
        let Some(Some(info)) = surveys.get(&submission.survey_id) else {
            continue;
        };
        let rows: Vec<safeguarding_flag::ActiveModel> = hits
            .iter()
            .filter_map(|(q, flag)| {
                Some(safeguarding_flag::ActiveModel {
                    answer_id: Set(*answer_ids.get(&q.0)?),
                    response_id: Set(response_id),
                    survey_id: Set(submission.survey_id.0),
                    project_id: Set(info.project.0),
                    category: Set(flag.category.clone()),
                    phrase: Set(flag.phrase.clone()),
                    flagged_at: Set(now),
                    ..Default::default()
                })
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        safeguarding_flag::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
        if let (Some(base), Ok(lead)) = (base_url, EmailAddress::parse(&info.lead)) {
            let content =
                alert_content(base, info.project, &info.survey_title, &info.project_title);
            let message = mail::compose(base, &lead, MailKind::Safeguarding, &content);
            mail::enqueue(db, &message).await?;
            alerts += 1;
        }
    }
    Ok(alerts)
}

/// Ids of the project's answers with a safeguarding flag nobody has reviewed yet: keep them out
/// of quotes, newest-responses text, theme exports and live boards (see `model::is_withheld`).
pub async fn withheld_answer_ids<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
) -> Result<HashSet<i64>, DbErr> {
    Ok(safeguarding_flag::Entity::find()
        .select_only()
        .column(safeguarding_flag::Column::AnswerId)
        .filter(safeguarding_flag::Column::ProjectId.eq(project.0))
        .filter(safeguarding_flag::Column::ReviewedAt.is_null())
        .into_tuple::<i64>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// The (response id, question id) pairs of a survey's withheld answers, for tables that hold
/// answers by question rather than by answer id.
pub async fn withheld_cells<C: ConnectionTrait>(
    db: &C,
    survey: SurveyId,
) -> Result<HashSet<(i64, i64)>, DbErr> {
    let ids: Vec<i64> = safeguarding_flag::Entity::find()
        .select_only()
        .column(safeguarding_flag::Column::AnswerId)
        .filter(safeguarding_flag::Column::SurveyId.eq(survey.0))
        .filter(safeguarding_flag::Column::ReviewedAt.is_null())
        .into_tuple::<i64>()
        .all(db)
        .await?;
    if ids.is_empty() {
        return Ok(HashSet::new());
    }
    Ok(answer::Entity::find()
        .select_only()
        .column(answer::Column::ResponseId)
        .column(answer::Column::QuestionId)
        .filter(answer::Column::Id.is_in(ids))
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// For the CSV: "flagged" for responses with an unreviewed flag, "reviewed" when every flag on
/// them has been reviewed; absent otherwise.
pub async fn flag_marks<C: ConnectionTrait>(
    db: &C,
    responses: &[i64],
) -> Result<HashMap<i64, &'static str>, DbErr> {
    let mut marks = HashMap::new();
    if responses.is_empty() {
        return Ok(marks);
    }
    let rows: Vec<(i64, Option<DateTime<Utc>>)> = safeguarding_flag::Entity::find()
        .select_only()
        .column(safeguarding_flag::Column::ResponseId)
        .column(safeguarding_flag::Column::ReviewedAt)
        .filter(safeguarding_flag::Column::ResponseId.is_in(responses.to_vec()))
        .into_tuple()
        .all(db)
        .await?;
    for (id, reviewed) in rows {
        let mark = marks.entry(id).or_insert("reviewed");
        if reviewed.is_none() {
            *mark = "flagged";
        }
    }
    Ok(marks)
}

/// How many responses in the project (or just in `survey`) have an unreviewed flag.
pub async fn unreviewed_responses<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    survey: Option<SurveyId>,
) -> Result<u64, DbErr> {
    let mut q = safeguarding_flag::Entity::find()
        .select_only()
        .column(safeguarding_flag::Column::ResponseId)
        .filter(safeguarding_flag::Column::ProjectId.eq(project.0))
        .filter(safeguarding_flag::Column::ReviewedAt.is_null());
    if let Some(s) = survey {
        q = q.filter(safeguarding_flag::Column::SurveyId.eq(s.0));
    }
    let ids: HashSet<i64> = q.into_tuple::<i64>().all(db).await?.into_iter().collect();
    Ok(ids.len() as u64)
}

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

/// Every flagged answer in the project, unreviewed first, newest first, with its full text.
pub async fn list_for_project<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
) -> Result<Vec<FlaggedAnswer>, DbErr> {
    let flags = safeguarding_flag::Entity::find()
        .filter(safeguarding_flag::Column::ProjectId.eq(project.0))
        .order_by_desc(safeguarding_flag::Column::FlaggedAt)
        .order_by_desc(safeguarding_flag::Column::Id)
        .all(db)
        .await?;
    let answers: HashMap<i64, answer::Model> = answer::Entity::find()
        .filter(answer::Column::Id.is_in(flags.iter().map(|f| f.answer_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let prompts: HashMap<i64, String> = question::Entity::find()
        .select_only()
        .column(question::Column::Id)
        .column(question::Column::Prompt)
        .filter(
            question::Column::Id.is_in(answers.values().map(|a| a.question_id).collect::<Vec<_>>()),
        )
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let titles: HashMap<i64, String> = survey::Entity::find()
        .select_only()
        .column(survey::Column::Id)
        .column(survey::Column::Title)
        .filter(survey::Column::ProjectId.eq(project.0))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let reviewers = names(db, flags.iter().filter_map(|f| f.reviewed_by).collect()).await?;
    let mut out: Vec<FlaggedAnswer> = flags
        .into_iter()
        .map(|f| {
            let a = answers.get(&f.answer_id);
            FlaggedAnswer {
                id: FlagId(f.id),
                response_id: f.response_id,
                survey_title: titles.get(&f.survey_id).cloned().unwrap_or_default(),
                question_prompt: a
                    .and_then(|a| prompts.get(&a.question_id).cloned())
                    .unwrap_or_default(),
                text: a.and_then(|a| a.text.clone()).unwrap_or_default(),
                category: f.category,
                phrase: f.phrase,
                flagged_at: f.flagged_at,
                review: f.reviewed_at.map(|at| Review {
                    by: f
                        .reviewed_by
                        .and_then(|id| reviewers.get(&id).cloned())
                        .unwrap_or_default(),
                    at,
                    note: f.review_note,
                }),
            }
        })
        .collect();
    out.sort_by_key(|f| f.review.is_some());
    Ok(out)
}

/// Marks one of the project's flags as reviewed and writes an audit entry; call inside a
/// transaction. `false` when the flag is not in this project.
pub async fn mark_reviewed<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    flag: FlagId,
    by: StewardId,
    note: Option<String>,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    // The write comes first, so on SQLite the transaction takes the write lock at once rather
    // than upgrading a read snapshot (which fails if another writer committed meanwhile).
    let done = safeguarding_flag::Entity::update_many()
        .col_expr(safeguarding_flag::Column::ReviewedBy, Expr::value(by.0))
        .col_expr(safeguarding_flag::Column::ReviewedAt, Expr::value(now))
        .col_expr(
            safeguarding_flag::Column::ReviewNote,
            Expr::value(note.clone()),
        )
        .filter(safeguarding_flag::Column::Id.eq(flag.0))
        .filter(safeguarding_flag::Column::ProjectId.eq(project.0))
        .exec(db)
        .await?;
    if done.rows_affected == 0 {
        return Ok(false);
    }
    safeguarding_audit::ActiveModel {
        flag_id: Set(flag.0),
        project_id: Set(project.0),
        steward_id: Set(by.0),
        action: Set(REVIEWED.to_owned()),
        note: Set(note),
        at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(true)
}

/// The project's review audit log, newest first.
pub async fn audit_log<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
) -> Result<Vec<AuditEntry>, DbErr> {
    let rows = safeguarding_audit::Entity::find()
        .filter(safeguarding_audit::Column::ProjectId.eq(project.0))
        .order_by_desc(safeguarding_audit::Column::At)
        .order_by_desc(safeguarding_audit::Column::Id)
        .all(db)
        .await?;
    let who = names(db, rows.iter().map(|r| r.steward_id).collect()).await?;
    Ok(rows
        .into_iter()
        .map(|r| AuditEntry {
            flag: FlagId(r.flag_id),
            by: who.get(&r.steward_id).cloned().unwrap_or_default(),
            action: r.action,
            note: r.note,
            at: r.at,
        })
        .collect())
}
