//! Live board handlers: survey and project boards, their refreshable fragments and their
//! session-authenticated event streams. Any project member may watch; anyone else gets 404.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::accounts::CurrentSteward;
use crate::error::AppError;
use crate::live::model::{BACKLOG_CAP, last_event_id};
use crate::live::views::{self, BoardLinks, SurveyBoard};
use crate::live::{sse, store};
use crate::paging::Paging;
use crate::projects::{Access, Project, ProjectId};
use crate::projects::{Granted, ProjectAccess};
use crate::results::store as results;
use crate::state::AppState;
use crate::surveys::{self, Status, Survey, SurveyId};
use crate::surveys::{SurveyAccess, SurveyGrant};
use crate::web::respond::html;
use sea_orm::DatabaseConnection;

/// Newest responses shown per survey on a survey board.
const NEWEST: u64 = 5;
/// Newest responses shown per survey on a project board.
const NEWEST_ON_PROJECT: u64 = 3;

/// The safeguarding banner for stewards of the project (flags awaiting review, on this survey
/// or anywhere in the project); practitioners see none, as they cannot open the review page.
async fn banner(
    db: &DatabaseConnection,
    project: &Project,
    access: Access,
    survey: Option<SurveyId>,
) -> Result<maud::Markup, AppError> {
    if access != Access::Build {
        return Ok(maud::html! {});
    }
    let flagged = crate::safeguarding::store::unreviewed_responses(db, project.id, survey).await?;
    Ok(crate::safeguarding::banner(project.id, flagged))
}

async fn survey_board(
    db: &DatabaseConnection,
    survey: Survey,
    summaries: bool,
    newest: u64,
) -> Result<SurveyBoard, AppError> {
    let questions = surveys::store::questions(db, survey.id, true).await?;
    let total = results::count_responses(db, survey.id).await?;
    let summaries = if summaries {
        results::summaries(db, &questions).await?
    } else {
        Vec::new()
    };
    let mut newest =
        results::page_responses(db, survey.id, &questions, Paging::first(newest)).await?;
    // Flagged answers stay off boards until reviewed; the rest are redacted.
    let withheld = crate::safeguarding::store::withheld_cells(db, survey.id).await?;
    crate::results::model::protect_text(&mut newest, &questions, &withheld);
    Ok(SurveyBoard {
        survey,
        questions,
        total,
        summaries,
        newest,
    })
}

async fn project_boards(state: &AppState, project: &Project) -> Result<Vec<SurveyBoard>, AppError> {
    let mut boards = Vec::new();
    for survey in surveys::store::list_for_project(&state.db, project.id).await? {
        if survey.status != Status::Draft {
            boards.push(survey_board(&state.db, survey, true, NEWEST_ON_PROJECT).await?);
        }
    }
    Ok(boards)
}

fn survey_links(survey: &Survey) -> BoardLinks {
    let base = format!("/surveys/{}/live", survey.id.0);
    BoardLinks {
        fragment: format!("{base}/fragment"),
        events: format!("{base}/events"),
        page: base,
        back: format!("/projects/{}", survey.project_id.0),
    }
}

fn project_links(project: &Project) -> BoardLinks {
    let base = format!("/projects/{}/live", project.id.0);
    BoardLinks {
        fragment: format!("{base}/fragment"),
        events: format!("{base}/events"),
        page: base,
        back: format!("/projects/{}", project.id.0),
    }
}

fn fragment_response(markup: maud::Markup) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(markup.into_string())
}

/// A survey's board figures as a fragment, for another page of the same project to show live
/// (an experiment's attached feedback form); `None` when the survey is not in `project`.
pub async fn survey_board_markup(
    db: &DatabaseConnection,
    survey: i64,
    project: &Project,
) -> Result<Option<maud::Markup>, AppError> {
    let Some(found) = surveys::store::find(db, SurveyId(survey)).await? else {
        return Ok(None);
    };
    if found.project_id != project.id {
        return Ok(None);
    }
    let board = survey_board(db, found, true, NEWEST).await?;
    Ok(Some(views::fragment(
        std::slice::from_ref(&board),
        false,
        maud::html! {},
    )))
}

/// `GET /surveys/{id}/live`
pub async fn survey_page(
    db: web::Data<DatabaseConnection>,
    me: CurrentSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let SurveyGrant {
        survey,
        project,
        access,
    } = SurveyAccess::view(db.get_ref(), &me.steward, SurveyId(path.into_inner())).await?;
    let links = survey_links(&survey);
    let title = format!("Live: {}", survey.title);
    let banner = banner(db.get_ref(), &project, access, Some(survey.id)).await?;
    let board = survey_board(db.get_ref(), survey, true, NEWEST).await?;
    let content = views::fragment(std::slice::from_ref(&board), false, banner);
    Ok(html(
        StatusCode::OK,
        views::board(&me.nav(), &project, &title, &links, content),
    ))
}

/// `GET /surveys/{id}/live/fragment`: the board's figures alone, for the script to swap in.
pub async fn survey_fragment(
    db: web::Data<DatabaseConnection>,
    me: CurrentSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let SurveyGrant {
        survey,
        project,
        access,
    } = SurveyAccess::view(db.get_ref(), &me.steward, SurveyId(path.into_inner())).await?;
    let banner = banner(db.get_ref(), &project, access, Some(survey.id)).await?;
    let board = survey_board(db.get_ref(), survey, true, NEWEST).await?;
    Ok(fragment_response(views::fragment(
        std::slice::from_ref(&board),
        false,
        banner,
    )))
}

/// `GET /projects/{id}/live`
pub async fn project_page(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let Granted { project, access } =
        ProjectAccess::view(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    let boards = project_boards(&state, &project).await?;
    let title = format!("Live: {}", project.title);
    let banner = banner(&state.db, &project, access, None).await?;
    let content = views::fragment(&boards, true, banner);
    Ok(html(
        StatusCode::OK,
        views::board(
            &me.nav(),
            &project,
            &title,
            &project_links(&project),
            content,
        ),
    ))
}

/// `GET /projects/{id}/live/fragment`
pub async fn project_fragment(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let Granted { project, access } =
        ProjectAccess::view(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    let boards = project_boards(&state, &project).await?;
    let banner = banner(&state.db, &project, access, None).await?;
    Ok(fragment_response(views::fragment(&boards, true, banner)))
}

/// The `Last-Event-ID` a reconnecting client sent, if any.
pub fn resume_from(req: &HttpRequest) -> Option<i64> {
    last_event_id(
        req.headers()
            .get("Last-Event-ID")
            .and_then(|v| v.to_str().ok()),
    )
}

/// An event stream for one survey (`Some`) or a whole project: subscribe first, then read what
/// a resuming client missed, so nothing falls between the two.
pub async fn stream(
    state: &AppState,
    project_id: i64,
    survey_id: Option<i64>,
    after: Option<i64>,
) -> Result<HttpResponse, sea_orm::DbErr> {
    let rx = state.live.subscribe();
    let backlog = match after {
        Some(after) => store::missed(&state.db, project_id, survey_id, after, BACKLOG_CAP).await?,
        None => Vec::new(),
    };
    Ok(sse::respond(backlog, rx, move |e| {
        e.round_id.is_none()
            && e.project_id == project_id
            && survey_id.is_none_or(|s| e.survey_id == s)
    }))
}

/// `GET /surveys/{id}/live/events`
pub async fn survey_events(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let SurveyGrant {
        survey, project, ..
    } = SurveyAccess::view(&state.db, &me.steward, SurveyId(path.into_inner())).await?;
    Ok(stream(&state, project.id.0, Some(survey.id.0), resume_from(&req)).await?)
}

/// `GET /projects/{id}/live/events`
pub async fn project_events(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::practise(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    Ok(stream(&state, project.id.0, None, resume_from(&req)).await?)
}
