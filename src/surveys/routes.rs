//! Survey builder handlers: create a survey, change its settings, the builder page and preview;
//! its life (publish, close, reopen, duplicate) is in `life_routes`, re-exported here. Every
//! handler needs Build access to the survey's project: 404 when it cannot be seen, 403 when it
//! can be seen but not built.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::accounts::CurrentSteward;
use crate::error::AppError;
use crate::projects::ProjectAccess;
use crate::projects::{Project, ProjectId};
use crate::state::AppState;
use crate::surveys::DEFAULT_PRIVACY_NOTICE;
use crate::surveys::model::{Survey, SurveyId};
use crate::surveys::question_form;
use crate::surveys::settings::{SurveyInput, parse_survey, yes_no};
use crate::surveys::store;
use crate::surveys::views::{self, Builder, QuestionRow};
use crate::surveys::{SurveyAccess, SurveyGrant};
use crate::web::respond::{html, see_other};
use crate::web::{CsrfForm, CsrfToken, FieldErrors};

pub async fn new_page(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::build(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    let typed = SurveyInput {
        kind: "questionnaire".into(),
        privacy_notice: DEFAULT_PRIVACY_NOTICE.into(),
        anonymous: yes_no(true).into(),
        sensitive: yes_no(false).into(),
        ..SurveyInput::default()
    };
    Ok(html(
        StatusCode::OK,
        views::settings_form(
            &me.nav(),
            &csrf.0,
            &project,
            None,
            &typed,
            &FieldErrors::new(),
        ),
    ))
}

pub async fn create(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    form: CsrfForm<SurveyInput>,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::build(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    let CsrfForm { form, token } = form;
    match parse_survey(&form) {
        Ok(new) => {
            let survey = store::insert(&state.db, project.id, &new).await?;
            Ok(see_other(&format!("/surveys/{}", survey.id.0)))
        }
        Err(errors) => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::settings_form(&me.nav(), &token, &project, None, &form, &errors),
        )),
    }
}

pub async fn settings_page(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let SurveyGrant {
        project, survey, ..
    } = SurveyAccess::build(&state.db, &me.steward, SurveyId(path.into_inner())).await?;
    Ok(html(
        StatusCode::OK,
        views::settings_form(
            &me.nav(),
            &csrf.0,
            &project,
            Some(&survey),
            &SurveyInput::from_survey(&survey),
            &FieldErrors::new(),
        ),
    ))
}

pub async fn update_settings(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    form: CsrfForm<SurveyInput>,
) -> Result<HttpResponse, AppError> {
    let SurveyGrant {
        project, survey, ..
    } = SurveyAccess::build(&state.db, &me.steward, SurveyId(path.into_inner())).await?;
    let CsrfForm { form, token } = form;
    match parse_survey(&form) {
        Ok(new) => {
            store::update_settings(&state.db, survey.id, new.settings()).await?;
            Ok(see_other(&format!("/surveys/{}", survey.id.0)))
        }
        Err(errors) => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::settings_form(&me.nav(), &token, &project, Some(&survey), &form, &errors),
        )),
    }
}

async fn rows(
    state: &AppState,
    survey: SurveyId,
) -> Result<(Vec<QuestionRow>, Vec<QuestionRow>), AppError> {
    let mut asked = Vec::new();
    let mut archived = Vec::new();
    for question in store::questions(&state.db, survey, true).await? {
        let answers = store::answer_count(&state.db, question.id).await?;
        let row = QuestionRow { question, answers };
        if row.question.archived {
            archived.push(row);
        } else {
            asked.push(row);
        }
    }
    Ok((asked, archived))
}

pub(crate) async fn builder_page(
    state: &AppState,
    me: &CurrentSteward,
    project: &Project,
    survey: &Survey,
    errors: &FieldErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let (asked, archived) = rows(state, survey.id).await?;
    let nav = me.nav();
    let page = views::builder(&Builder {
        nav: &nav,
        csrf: &me.csrf,
        project,
        survey,
        public_url: format!("{}s/{}", state.base_url, survey.slug),
        asked,
        archived,
        errors,
    });
    Ok(html(status, page))
}

pub async fn builder(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let SurveyGrant {
        project, survey, ..
    } = SurveyAccess::build(&state.db, &me.steward, SurveyId(path.into_inner())).await?;
    builder_page(
        &state,
        &me,
        &project,
        &survey,
        &FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PreviewQuery {
    easy_read: String,
}

pub async fn preview(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    query: web::Query<PreviewQuery>,
) -> Result<HttpResponse, AppError> {
    let survey = SurveyAccess::build(&state.db, &me.steward, SurveyId(path.into_inner()))
        .await?
        .survey;
    let questions = store::questions(&state.db, survey.id, false).await?;
    let easy_read = query.easy_read == "yes";
    let help = if survey.audience.shows_help() {
        let contact = crate::help::store::contact(&state.db, survey.project_id).await?;
        Some(crate::help::panel(contact.as_ref(), easy_read))
    } else {
        None
    };
    Ok(html(
        StatusCode::OK,
        question_form::preview(&me.nav(), &survey, &questions, easy_read, help),
    ))
}
