//! A survey's life in the builder: publish, close, reopen and duplicate. Each needs Build access
//! to the survey's project.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use crate::accounts::CurrentSteward;
use crate::error::AppError;
use crate::state::AppState;
use crate::surveys::close_view;
use crate::surveys::model::{Status, SurveyId};
use crate::surveys::parse::ParsedSurvey;
use crate::surveys::raw::RawSurvey;
use crate::surveys::routes::builder_page;
use crate::surveys::store;
use crate::surveys::{SurveyAccess, SurveyGrant};
use crate::web::respond::{NoFields, html, see_other};
use crate::web::{CsrfForm, CsrfToken, FieldErrors};

async fn change_status(
    state: &AppState,
    me: &CurrentSteward,
    id: i64,
    from: Status,
    to: Status,
) -> Result<HttpResponse, AppError> {
    let SurveyGrant {
        project, survey, ..
    } = SurveyAccess::build(&state.db, &me.steward, SurveyId(id)).await?;
    if survey.status != from {
        return Err(AppError::BadRequest(format!(
            "This survey is {}, so that cannot be done now. Go back to the survey and reload the page.",
            survey.status.label().to_lowercase()
        )));
    }
    if to == Status::Open
        && store::questions(&state.db, survey.id, false)
            .await?
            .is_empty()
    {
        let mut errors = FieldErrors::new();
        errors.add("questions", "Add at least one question before publishing");
        return builder_page(
            state,
            me,
            &project,
            &survey,
            &errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let txn = crate::db::begin_write(&state.db).await?;
    store::set_status(&txn, survey.id, to).await?;
    if to == Status::Closed {
        // Invited people's addresses are kept only while the survey is open.
        crate::invitations::forget_addresses(&txn, survey.id).await?;
    }
    txn.commit().await?;
    Ok(see_other(&format!("/surveys/{}", survey.id.0)))
}

pub async fn publish(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    change_status(&state, &me, path.into_inner(), Status::Draft, Status::Open).await
}

/// GET /surveys/{id}/close: what closing does, with the button that does it. A survey that is
/// not open goes back to its page.
pub async fn close_page(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let SurveyGrant { survey, .. } =
        SurveyAccess::build(&state.db, &me.steward, SurveyId(path.into_inner())).await?;
    if survey.status != Status::Open {
        return Ok(see_other(&format!("/surveys/{}", survey.id.0)));
    }
    let addresses = crate::invitations::store::counts(&state.db, survey.id)
        .await?
        .addresses;
    let page = close_view::close_confirm(&me.nav(), &csrf.0, &survey, addresses);
    Ok(html(StatusCode::OK, page))
}

/// POST /surveys/{id}/close: the confirmation page's button.
pub async fn close(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    change_status(&state, &me, path.into_inner(), Status::Open, Status::Closed).await
}

pub async fn reopen(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    change_status(&state, &me, path.into_inner(), Status::Closed, Status::Open).await
}

/// Copies a survey's settings and asked questions into a new draft titled "Copy of …", through
/// the same parse as every other path. A survey stored before a rule existed cannot be copied
/// until its settings are changed: the builder page says why.
pub async fn duplicate(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let SurveyGrant {
        project, survey, ..
    } = SurveyAccess::build(&state.db, &me.steward, SurveyId(path.into_inner())).await?;
    let txn = crate::db::begin_write(&state.db).await?;
    let questions: Vec<_> = store::questions(&txn, survey.id, false)
        .await?
        .into_iter()
        .map(|q| q.def)
        .collect();
    match ParsedSurvey::parse(&RawSurvey::copy_of(&survey, &questions)) {
        Ok(new) => {
            let copy = store::insert(&txn, project.id, &new).await?;
            txn.commit().await?;
            Ok(see_other(&format!("/surveys/{}", copy.id.0)))
        }
        Err(found) => {
            txn.rollback().await?;
            let mut errors = FieldErrors::new();
            for (field, message) in found.iter() {
                let (anchor, what) = if field.starts_with("questions") {
                    ("questions", "its questions")
                } else {
                    ("settings", "its settings")
                };
                errors.add(
                    anchor,
                    format!("This survey cannot be copied until you change {what}: {message}"),
                );
            }
            builder_page(
                &state,
                &me,
                &project,
                &survey,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}
