//! Safeguarding queries: flagging answers inside the submission transaction (with the alerts to
//! the safeguarding lead and the backup address queued in the same transaction), what is
//! withheld, what needs a review, and keeping a flag when its answer is deleted.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use entity::{answer, response, safeguarding_audit, safeguarding_flag};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect, Set,
};
use url::Url;

use crate::projects::ProjectId;
use crate::responses::{Receipt, Submission};
use crate::safeguarding::about::{SurveyInfo, survey_info};
use crate::safeguarding::alerts;
use crate::safeguarding::messages::{About, alert_content, deleted_content};
use crate::safeguarding::model::{ANSWER_DELETED, FlagId, scan_answers};
use crate::safeguarding::review::Outcome;
use crate::safeguarding::scanner::Scanner;
use crate::surveys::SurveyId;

/// Scans the typed answers of newly stored submissions and, for each that matches, inserts
/// `safeguarding_flag` rows and queues one alert to the project's safeguarding lead and one to
/// its backup address (when `base_url` is given). Call inside the transaction that stored the
/// responses, after `responses::store::insert_many`. Returns how many alerts were queued.
pub async fn flag_submissions<C: ConnectionTrait>(
    db: &C,
    scanner: &Scanner,
    items: &[(&Submission, Receipt)],
    now: DateTime<Utc>,
    base_url: Option<&Url>,
) -> Result<usize, DbErr> {
    let mut surveys: HashMap<SurveyId, Option<SurveyInfo>> = HashMap::new();
    let mut sent = 0;
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
                    answer_id: Set(Some(*answer_ids.get(&q.0)?)),
                    response_id: Set(Some(response_id)),
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
        if let Some(base) = base_url {
            let about = About {
                project: info.project,
                survey_title: &info.survey_title,
                project_title: &info.project_title,
            };
            let to = alerts::recipients(db, info.project, &info.lead).await?;
            sent += alerts::queue(db, base, &to, |why| alert_content(base, about, why)).await?;
        }
    }
    Ok(sent as usize)
}

/// Flags that keep their answer out of shared views: every outcome but "no concern" (see
/// `review::Outcome::withholds`).
fn withholding() -> Condition {
    Condition::any()
        .add(safeguarding_flag::Column::Outcome.is_null())
        .add(safeguarding_flag::Column::Outcome.ne(Outcome::NoConcern.as_str()))
}

/// Flags that still need someone to decide: no outcome yet, or escalated.
pub(crate) fn needing_review() -> Condition {
    Condition::any()
        .add(safeguarding_flag::Column::Outcome.is_null())
        .add(safeguarding_flag::Column::Outcome.eq(Outcome::Escalated.as_str()))
}

/// Ids of the project's answers with a safeguarding flag not released by a "no concern" review:
/// keep them out of quotes, newest-responses text, theme exports and live boards (see
/// `model::is_withheld`).
pub async fn withheld_answer_ids<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
) -> Result<HashSet<i64>, DbErr> {
    withheld_ids(db, project, safeguarding_flag::Column::AnswerId).await
}

/// The non-null values of `column` (an answer's or a round comment's id) on the project's
/// flags that still withhold what they point at.
pub(crate) async fn withheld_ids<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    column: safeguarding_flag::Column,
) -> Result<HashSet<i64>, DbErr> {
    Ok(safeguarding_flag::Entity::find()
        .select_only()
        .column(column)
        .filter(safeguarding_flag::Column::ProjectId.eq(project.0))
        .filter(column.is_not_null())
        .filter(withholding())
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
        .filter(safeguarding_flag::Column::AnswerId.is_not_null())
        .filter(withholding())
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

/// For the CSV: "flagged" for responses with a flag that still withholds it, "reviewed" when
/// every flag on them was found to be no concern; absent otherwise.
pub async fn flag_marks<C: ConnectionTrait>(
    db: &C,
    responses: &[i64],
) -> Result<HashMap<i64, &'static str>, DbErr> {
    let mut marks = HashMap::new();
    if responses.is_empty() {
        return Ok(marks);
    }
    let rows: Vec<(Option<i64>, Option<String>)> = safeguarding_flag::Entity::find()
        .select_only()
        .column(safeguarding_flag::Column::ResponseId)
        .column(safeguarding_flag::Column::Outcome)
        .filter(safeguarding_flag::Column::ResponseId.is_in(responses.to_vec()))
        .into_tuple()
        .all(db)
        .await?;
    for (id, outcome) in rows {
        let Some(id) = id else { continue };
        let mark = marks.entry(id).or_insert("reviewed");
        if outcome.as_deref().and_then(Outcome::parse) != Some(Outcome::NoConcern) {
            *mark = "flagged";
        }
    }
    Ok(marks)
}

/// How many flagged responses in the project (or just in `survey`) still need a review (no
/// outcome yet, or escalated); a flag whose answer was deleted counts as one of its own.
pub async fn unreviewed_responses<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    survey: Option<SurveyId>,
) -> Result<u64, DbErr> {
    let mut q = safeguarding_flag::Entity::find()
        .select_only()
        .column(safeguarding_flag::Column::ResponseId)
        .column(safeguarding_flag::Column::Id)
        .filter(safeguarding_flag::Column::ProjectId.eq(project.0))
        .filter(needing_review());
    if let Some(s) = survey {
        q = q.filter(safeguarding_flag::Column::SurveyId.eq(s.0));
    }
    let ids: HashSet<Result<i64, i64>> = q
        .into_tuple::<(Option<i64>, i64)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(response, flag)| response.ok_or(flag))
        .collect();
    Ok(ids.len() as u64)
}

/// The respondent is deleting `response` with their receipt code: for each of its flags, note
/// when the answer went, unlink it (the text goes; the flag, its category, time and review
/// trail stay), write "answer deleted by the person who wrote it" to the audit trail and queue
/// a notice (without any text) to the lead and the backup address. Call inside the deletion's
/// transaction, before the answers are deleted. Returns messages queued.
pub async fn answers_deleted<C: ConnectionTrait>(
    db: &C,
    response_id: i64,
    now: DateTime<Utc>,
    base_url: &Url,
) -> Result<u64, DbErr> {
    let flags = safeguarding_flag::Entity::find()
        .filter(safeguarding_flag::Column::ResponseId.eq(response_id))
        .all(db)
        .await?;
    if flags.is_empty() {
        return Ok(0);
    }
    safeguarding_flag::Entity::update_many()
        .col_expr(safeguarding_flag::Column::AnswerDeletedAt, Expr::value(now))
        .col_expr(
            safeguarding_flag::Column::AnswerId,
            Expr::value(Option::<i64>::None),
        )
        .col_expr(
            safeguarding_flag::Column::ResponseId,
            Expr::value(Option::<i64>::None),
        )
        .filter(safeguarding_flag::Column::ResponseId.eq(response_id))
        .exec(db)
        .await?;
    let audit: Vec<safeguarding_audit::ActiveModel> = flags
        .iter()
        .map(|f| safeguarding_audit::ActiveModel {
            flag_id: Set(f.id),
            project_id: Set(f.project_id),
            steward_id: Set(None),
            action: Set(ANSWER_DELETED.to_owned()),
            note: Set(None),
            at: Set(now),
            ..Default::default()
        })
        .collect();
    safeguarding_audit::Entity::insert_many(audit)
        .exec_without_returning(db)
        .await?;
    let mut queued = 0;
    for f in &flags {
        let Some(info) = survey_info(db, SurveyId(f.survey_id)).await? else {
            continue;
        };
        let about = About {
            project: info.project,
            survey_title: &info.survey_title,
            project_title: &info.project_title,
        };
        let to = alerts::recipients(db, info.project, &info.lead).await?;
        queued += alerts::queue(db, base_url, &to, |why| {
            deleted_content(base_url, about, FlagId(f.id), why)
        })
        .await?;
    }
    Ok(queued)
}
