//! `/projects/{id}/help`: a project's stewards set the local help contact children and
//! families see. Practitioners get 403 and people outside the project 404, as for every
//! building action.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use crate::accounts::CurrentSteward;
use crate::error::AppError;
use crate::help::model::{ContactInput, LocalContact};
use crate::help::{store, views};
use crate::projects::ProjectAccess;
use crate::projects::ProjectId;
use crate::web::respond::{html, see_other};
use crate::web::{CsrfForm, CsrfToken, FieldErrors};
use sea_orm::DatabaseConnection;

/// `GET /projects/{id}/help`
pub async fn page(
    db: web::Data<DatabaseConnection>,
    me: CurrentSteward,
    path: web::Path<i64>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::build(db.get_ref(), &me.steward, ProjectId(path.into_inner())).await?;
    let contact = store::contact(db.get_ref(), project.id).await?;
    Ok(html(
        StatusCode::OK,
        views::form(
            &me.nav(),
            &csrf.0,
            &project,
            &ContactInput::from_contact(contact.as_ref()),
            &FieldErrors::new(),
        ),
    ))
}

/// `POST /projects/{id}/help`: save (or, with every box empty, remove) the local contact.
pub async fn save(
    db: web::Data<DatabaseConnection>,
    me: CurrentSteward,
    path: web::Path<i64>,
    form: CsrfForm<ContactInput>,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::build(db.get_ref(), &me.steward, ProjectId(path.into_inner())).await?;
    let CsrfForm { form, token } = form;
    match LocalContact::parse(&form) {
        Ok(contact) => {
            store::save(db.get_ref(), project.id, contact.as_ref()).await?;
            Ok(see_other(&format!("/projects/{}", project.id.0)))
        }
        Err(errors) => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::form(&me.nav(), &token, &project, &form, &errors),
        )),
    }
}
