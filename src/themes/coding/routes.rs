//! Coding handlers: the coding page of a project's text answers (steward adds or removes a
//! theme), and the queue of learned suggestions (accept or reject, most uncertain first).

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::accounts::CurrentSteward;
use crate::error::AppError;
use crate::paging::{PageQuery, PageSize, Paging};
use crate::projects::ProjectAccess;
use crate::projects::{Project, ProjectId};
use crate::state::AppState;
use crate::themes::coding::decisions as dec;
use crate::themes::coding::store as cs;
use crate::themes::coding::views as coding_views;
use crate::themes::model::{AnswerId, CodingId, CodingStatus, ThemeId, ThemeStatus};
use crate::themes::store;
use crate::web::respond::{NoFields, html, see_other};
use crate::web::{CsrfForm, CsrfToken};

/// Answers per coding page.
const PER_PAGE: u64 = 50;
/// Suggestions shown in the queue at once.
const QUEUE_SIZE: u64 = 25;

/// `?page=` on the coding page, and the page a coding form came from: one page of answers.
fn paging(page: Option<&str>) -> Result<Paging, AppError> {
    let query = PageQuery {
        page: page.map(str::to_owned),
        per_page: None,
    };
    Paging::parse(&query, PageSize::Fixed(PER_PAGE)).map_err(AppError::address)
}

/// GET /projects/{id}/coding
pub async fn page(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    query: web::Query<PageQuery>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::build(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    let n = paging(query.page.as_deref())?;
    let questions = cs::text_questions(&state.db, project.id).await?;
    let answers = cs::text_answers(&state.db, &questions, Some(n)).await?;
    let newest = if n.page() == 1 {
        answers.first().map(|a| a.id.0)
    } else {
        None
    };
    state.themes.notice_answers(project.id, newest);
    // Read before the codings: a run that ends between the two reads must not leave the page
    // saying "not running" above codings from before it.
    let running = state.themes.pending(project.id);
    let more = answers.len() as u64 > PER_PAGE;
    let answers: Vec<_> = answers.into_iter().take(PER_PAGE as usize).collect();
    let ids: Vec<AnswerId> = answers.iter().map(|a| a.id).collect();
    let codings = cs::by_answer(cs::codings(&state.db, project.id, Some(&ids)).await?);
    let themes = store::list(&state.db, project.id).await?;
    let model = crate::themes::auto_store::model_info(&state.db, project.id).await?;
    let view = coding_views::CodingPage {
        project: &project,
        csrf: &csrf.0,
        answers: &answers,
        questions: &questions,
        codings: &codings,
        themes: &themes,
        page: n.page(),
        more,
        running,
        model,
    };
    Ok(html(StatusCode::OK, coding_views::page(&me.nav(), &view)))
}

/// The add or remove form on the coding page.
#[derive(Deserialize)]
pub struct CodingForm {
    #[serde(default)]
    theme: String,
    #[serde(default)]
    page: Option<String>,
}

async fn answer_and_theme(
    state: &AppState,
    me: &CurrentSteward,
    path: (i64, i64),
    form: &CodingForm,
) -> Result<(Project, AnswerId, ThemeId), AppError> {
    let project = ProjectAccess::build(&state.db, &me.steward, ProjectId(path.0)).await?;
    let answer = cs::find_answer(&state.db, project.id, AnswerId(path.1))
        .await?
        .ok_or(AppError::NotFound)?;
    let theme = form
        .theme
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::BadRequest("Select a theme".into()))?;
    let theme = store::find(&state.db, project.id, ThemeId(theme))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((project, answer.id, theme.id))
}

fn back_to(
    project: &Project,
    form: &CodingForm,
    answer: AnswerId,
) -> Result<HttpResponse, AppError> {
    let n = paging(form.page.as_deref())?.page();
    Ok(see_other(&format!(
        "/projects/{}/coding?page={n}#answer-{}",
        project.id.0, answer.0
    )))
}

/// POST /projects/{id}/coding/{answer}/add: a steward puts a theme on an answer.
pub async fn add(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    form: CsrfForm<CodingForm>,
) -> Result<HttpResponse, AppError> {
    let (project, answer, theme) =
        answer_and_theme(&state, &me, path.into_inner(), &form.form).await?;
    let active = store::find(&state.db, project.id, theme).await?;
    if active.is_none_or(|t| t.status != ThemeStatus::Active) {
        return Err(AppError::Unprocessable(
            "This theme is retired: restore it first".into(),
        ));
    }
    let txn = crate::db::begin_write(&state.db).await?;
    dec::steward_add(&txn, answer, theme, me.steward.id).await?;
    txn.commit().await?;
    state.themes.request(project.id, true);
    back_to(&project, &form.form, answer)
}

/// POST /projects/{id}/coding/{answer}/remove: a steward takes a theme off an answer.
pub async fn remove(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    form: CsrfForm<CodingForm>,
) -> Result<HttpResponse, AppError> {
    let (project, answer, theme) =
        answer_and_theme(&state, &me, path.into_inner(), &form.form).await?;
    let txn = crate::db::begin_write(&state.db).await?;
    dec::steward_remove(&txn, answer, theme, me.steward.id).await?;
    txn.commit().await?;
    state.themes.request(project.id, true);
    back_to(&project, &form.form, answer)
}

/// GET /projects/{id}/coding/queue
pub async fn queue(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::build(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    // Read before the queue, for the reason given on the coding page.
    let running = state.themes.pending(project.id);
    let items = dec::queue(&state.db, project.id, QUEUE_SIZE).await?;
    let questions = cs::text_questions(&state.db, project.id).await?;
    let mut texts = HashMap::new();
    for c in &items {
        if let Some(a) = cs::find_answer(&state.db, project.id, c.answer).await? {
            texts.insert(
                c.answer,
                (
                    a.text,
                    questions
                        .get(&a.question)
                        .map(|q| q.0.clone())
                        .unwrap_or_default(),
                ),
            );
        }
    }
    let themes: HashMap<ThemeId, String> = store::list(&state.db, project.id)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    Ok(html(
        StatusCode::OK,
        coding_views::queue(
            &me.nav(),
            &csrf.0,
            &project,
            &items,
            &texts,
            &themes,
            running,
        ),
    ))
}

async fn settle(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: (i64, i64),
    status: CodingStatus,
) -> Result<HttpResponse, AppError> {
    let project = ProjectAccess::build(&state.db, &me.steward, ProjectId(path.0)).await?;
    let coding = dec::find_suggestion(&state.db, project.id, CodingId(path.1))
        .await?
        .ok_or(AppError::NotFound)?;
    let txn = crate::db::begin_write(&state.db).await?;
    match status {
        CodingStatus::Rejected => {
            dec::steward_remove(&txn, coding.answer, coding.theme, me.steward.id).await?
        }
        _ => dec::accept_learned(&txn, coding.id, me.steward.id).await?,
    }
    txn.commit().await?;
    state.themes.request(project.id, true);
    Ok(see_other(&format!(
        "/projects/{}/coding/queue",
        project.id.0
    )))
}

/// POST /projects/{id}/coding/queue/{coding}/accept
pub async fn accept(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    settle(state, me, path.into_inner(), CodingStatus::Accepted).await
}

/// POST /projects/{id}/coding/queue/{coding}/reject
pub async fn reject(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    settle(state, me, path.into_inner(), CodingStatus::Rejected).await
}
