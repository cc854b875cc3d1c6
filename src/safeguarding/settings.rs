//! The project's safeguarding settings page: a backup address for every alert and the hours a
//! flag may wait for a review before the backup and the admins are reminded.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::{Markup, html};

use crate::accounts::CurrentSteward;
use crate::error::AppError;
use crate::fields::FieldErrors;
use crate::projects::ProjectAccess;
use crate::projects::{Project, ProjectId};
use crate::safeguarding::alerts;
use crate::safeguarding::model::review_path;
use crate::safeguarding::review::{SafeguardingSettings, SettingsInput};
use crate::web::forms::{Input, button, csrf_field, error_summary};
use crate::web::respond::{html as respond, see_other};
use crate::web::{CsrfForm, CsrfToken, NavUser, Page};
use sea_orm::DatabaseConnection;

fn page(
    nav: &NavUser,
    project: &Project,
    csrf: &str,
    typed: &SettingsInput,
    errors: &FieldErrors,
) -> Markup {
    let back = review_path(project.id);
    Page::new("Safeguarding settings")
        .user(Some(nav))
        .back(&back)
        .error(!errors.is_empty())
        .render(html! {
            (error_summary(errors))
            span class="caption" { (project.title) }
            h1 class="heading-l" { "Safeguarding settings" }
            p class="body" { "The safeguarding lead, " strong class="break-anywhere" { (project.safeguarding_lead) } ", gets an email whenever an answer is flagged. Change the lead on the project's details page." }
            form method="post" action={ (back) "/settings" } novalidate {
                (csrf_field(csrf))
                (Input::new("backup_email", "Backup email address")
                    .hint("Gets every alert too, and a reminder when a flag is not reviewed in time. Use a shared inbox someone always reads.")
                    .kind("email")
                    .autocomplete("off")
                    .optional()
                    .value(&typed.backup_email)
                    .render(errors))
                (Input::new("review_hours", "Review time, in hours")
                    .hint("How long a flag may wait for a review before the backup address and the administrators are reminded. Usually 24.")
                    .value(&typed.review_hours)
                    .render(errors))
                (button("Save settings"))
            }
        })
}

/// `GET /projects/{id}/safeguarding/settings`
pub async fn show(
    db: web::Data<DatabaseConnection>,
    me: CurrentSteward,
    path: web::Path<i64>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::safeguard(db.get_ref(), &me.steward, ProjectId(path.into_inner())).await?;
    let current = alerts::settings(db.get_ref(), project.id).await?;
    Ok(respond(
        StatusCode::OK,
        page(
            &me.nav(),
            &project,
            &csrf.0,
            &current.input(),
            &FieldErrors::new(),
        ),
    ))
}

/// `POST /projects/{id}/safeguarding/settings`
pub async fn save(
    db: web::Data<DatabaseConnection>,
    me: CurrentSteward,
    path: web::Path<i64>,
    form: CsrfForm<SettingsInput>,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::safeguard(db.get_ref(), &me.steward, ProjectId(path.into_inner())).await?;
    let CsrfForm { form, token } = form;
    match SafeguardingSettings::parse(&form) {
        Ok(new) => {
            alerts::save_settings(db.get_ref(), project.id, &new).await?;
            Ok(see_other(&review_path(project.id)))
        }
        Err(errors) => Ok(respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            page(&me.nav(), &project, &token, &form, &errors),
        )),
    }
}
