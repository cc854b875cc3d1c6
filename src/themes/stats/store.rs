//! Queries behind the theme figures and exports: the project's themes, questions and withheld
//! answers, the number of text answers, and coded answers read in pages by answer id so memory
//! stays flat however many there are.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use entity::{answer, coding, question, response, survey};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::projects::ProjectId;
use crate::safeguarding;
use crate::themes::coding::store::{self as cs, Coding};
use crate::themes::model::{AnswerId, CodingStatus, ThemeId};
use crate::themes::stats::model::{Catalogue, CodedAnswer, QuestionInfo, Tally, in_force};
use crate::themes::store;

/// Coded answers read per query.
pub const PAGE: u64 = 500;

/// How many text answers the project has (the base of each theme's share).
pub async fn text_answer_count<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
) -> Result<u64, DbErr> {
    let text = cs::text_questions(db, project).await?;
    answer::Entity::find()
        .filter(cs::text_answer_filter(&text))
        .filter(answer::Column::Text.ne(""))
        .count(db)
        .await
}

/// How many answers either theme is in force on (an answer with both counts once).
pub async fn answers_of_either<C: ConnectionTrait>(
    db: &C,
    a: ThemeId,
    b: ThemeId,
) -> Result<u64, DbErr> {
    use crate::themes::stats::in_force::in_force_codings;
    coding::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(in_force_codings(a.0))
                .add(in_force_codings(b.0)),
        )
        .select_only()
        .column(coding::Column::AnswerId)
        .distinct()
        .count(db)
        .await
}

/// How many answers each theme of the project is in force on, counted in SQL: a coding counts
/// when it is accepted and no steward has removed that theme from that answer (the rule of
/// `model::applied_themes`).
pub async fn theme_counts<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
) -> Result<HashMap<ThemeId, usize>, DbErr> {
    let c = Alias::new("c");
    let removed = crate::themes::stats::in_force::removed_by_steward();
    let query = Query::select()
        .column((c.clone(), coding::Column::ThemeId))
        .expr(Func::count_distinct(Expr::col((
            c.clone(),
            coding::Column::AnswerId,
        ))))
        .from_as(coding::Entity, c.clone())
        .and_where(
            Expr::col((c.clone(), coding::Column::ThemeId))
                .in_subquery(cs::project_themes(project)),
        )
        .and_where(
            Expr::col((c.clone(), coding::Column::Status)).eq(CodingStatus::Accepted.as_str()),
        )
        .and_where(Expr::not_exists(removed))
        .group_by_col((c, coding::Column::ThemeId))
        .to_owned();
    let rows = db.query_all(&query).await?;
    let mut counts = HashMap::new();
    for row in rows {
        let theme: i64 = row.try_get_by_index(0)?;
        let n: i64 = row.try_get_by_index(1)?;
        counts.insert(ThemeId(theme), usize::try_from(n).unwrap_or(0));
    }
    Ok(counts)
}

/// Loads the catalogue of a project.
pub async fn catalogue<C: ConnectionTrait>(db: &C, project: ProjectId) -> Result<Catalogue, DbErr> {
    let themes = store::list(db, project).await?;
    let surveys: HashMap<i64, (String, String)> = survey::Entity::find()
        .filter(survey::Column::ProjectId.eq(project.0))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, (s.title, s.audience)))
        .collect();
    let questions = question::Entity::find()
        .filter(question::Column::SurveyId.is_in(surveys.keys().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|q| {
            let (survey, audience) = surveys.get(&q.survey_id).cloned().unwrap_or_default();
            let info = QuestionInfo {
                key: q.key,
                prompt: q.prompt,
                survey,
                audience,
            };
            (q.id, info)
        })
        .collect();
    let withheld = safeguarding::withheld_answer_ids(db, project).await?;
    let text_answers = text_answer_count(db, project).await?;
    Ok(Catalogue {
        project,
        themes,
        questions,
        withheld,
        text_answers,
    })
}

/// Codings read per query while gathering a page (other projects' codings may interleave).
const SCAN: u64 = 2 * PAGE;

/// `ids` padded to exactly [`PAGE`] entries by repeating the last one, so every page sends the
/// same SQL (`IN` with `PAGE` parameters) and each connection keeps one prepared statement for
/// it instead of one per page length.
fn padded(ids: &[i64]) -> Vec<i64> {
    let mut out = ids.to_vec();
    if let Some(&last) = ids.last() {
        out.resize(PAGE as usize, last);
    }
    out
}

/// The next page of at most [`PAGE`] coded answers after answer id `after` (only answers with
/// a coding of `only`, when given), and the answer id to continue after (`None` when there are
/// no more).
///
/// Codings are walked in answer id order with no theme condition in SQL, so every database
/// reads them through the (answer, theme, source) index in order: a condition on the theme
/// lets SQLite's planner pick the theme index instead and sort every coding for every page.
pub async fn coded_page<C: ConnectionTrait>(
    db: &C,
    cat: &Catalogue,
    only: Option<ThemeId>,
    after: i64,
) -> Result<(Vec<CodedAnswer>, Option<i64>), DbErr> {
    let ours: HashSet<i64> = cat.themes.iter().map(|t| t.id.0).collect();
    let wanted = |theme: i64| ours.contains(&theme) && only.is_none_or(|o| o.0 == theme);
    let mut ids: Vec<i64> = Vec::new();
    let mut cursor = after;
    let mut exhausted = false;
    'scan: while (ids.len() as u64) < PAGE {
        let rows: Vec<(i64, i64)> = coding::Entity::find()
            .select_only()
            .column(coding::Column::AnswerId)
            .column(coding::Column::ThemeId)
            .filter(coding::Column::AnswerId.gt(cursor))
            .order_by_asc(coding::Column::AnswerId)
            .limit(SCAN)
            .into_tuple()
            .all(db)
            .await?;
        let Some(&(last_answer, _)) = rows.last() else {
            exhausted = true;
            break;
        };
        let full = rows.len() as u64 == SCAN;
        // A full batch may end part-way through the last answer's codings: leave that answer
        // to the next batch (unless the batch holds nothing else).
        let upto = if full && rows[0].0 != last_answer {
            last_answer - 1
        } else {
            last_answer
        };
        for &(answer, theme) in rows.iter().filter(|r| r.0 <= upto) {
            if wanted(theme) && ids.last() != Some(&answer) {
                if ids.len() as u64 == PAGE {
                    // The page is full: continue after its last answer next time.
                    cursor = ids.last().copied().unwrap_or(cursor);
                    break 'scan;
                }
                ids.push(answer);
            }
        }
        cursor = upto;
        if !full {
            exhausted = true;
            break;
        }
    }
    if ids.is_empty() {
        return Ok((Vec::new(), (!exhausted).then_some(cursor)));
    }
    let keys = padded(&ids);
    let by_answer = cs::by_answer(
        coding::Entity::find()
            .filter(coding::Column::AnswerId.is_in(keys.iter().copied()))
            .order_by_asc(coding::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .filter(|c| ours.contains(&c.theme_id))
            .filter_map(cs::to_coding)
            .collect(),
    );
    let answers: Vec<(i64, i64, i64, Option<String>)> = answer::Entity::find()
        .select_only()
        .column(answer::Column::Id)
        .column(answer::Column::ResponseId)
        .column(answer::Column::QuestionId)
        .column(answer::Column::Text)
        .filter(answer::Column::Id.is_in(keys.iter().copied()))
        .order_by_asc(answer::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut response_ids: Vec<i64> = answers.iter().map(|a| a.1).collect();
    response_ids.sort_unstable();
    response_ids.dedup();
    let responses: HashMap<i64, (DateTime<Utc>, String)> = response::Entity::find()
        .select_only()
        .column(response::Column::Id)
        .column(response::Column::SubmittedAt)
        .column(response::Column::Mode)
        .filter(response::Column::Id.is_in(padded(&response_ids)))
        .into_tuple::<(i64, DateTime<Utc>, String)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, at, mode)| (id, (at, mode)))
        .collect();
    let page = answers
        .into_iter()
        .filter_map(|(id, response, question, text)| {
            let codings: Vec<_> = by_answer
                .get(&AnswerId(id))?
                .iter()
                .map(|c: &Coding| (c.fact(), c.confidence))
                .collect();
            let themes = in_force(&codings);
            let (submitted_at, mode) = responses.get(&response)?.clone();
            (!themes.is_empty()).then(|| CodedAnswer {
                answer: id,
                response,
                question,
                text: text.unwrap_or_default(),
                submitted_at,
                mode,
                audience: cat
                    .questions
                    .get(&question)
                    .map(|q| q.audience.clone())
                    .unwrap_or_default(),
                withheld: cat.withheld.contains(&id),
                themes,
            })
        })
        .collect();
    Ok((page, (!exhausted).then_some(cursor)))
}

/// Every theme's figures (or only `only`'s), reading coded answers page by page.
pub async fn tally<C: ConnectionTrait>(
    db: &C,
    cat: &Catalogue,
    only: Option<ThemeId>,
) -> Result<Tally, DbErr> {
    let mut tally = Tally::default();
    let mut after = Some(0);
    while let Some(from) = after {
        let (page, last) = coded_page(db, cat, only, from).await?;
        for a in &page {
            tally.add(a, only);
        }
        after = last;
    }
    Ok(tally)
}
