//! "My feedback forms": one tap to each open feedback form of the person's projects, their own
//! recent named feedback, and their teams' live boards.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::Utc;

use crate::accounts::CurrentSteward;
use crate::error::AppError;
use crate::live::store;
use crate::live::views::{self, FormLink, ProjectForms};
use crate::projects::store as projects;
use crate::surveys::{self, Availability, SurveyKind};
use crate::web::respond::html;
use sea_orm::DatabaseConnection;

/// How many of their own submissions the page lists.
const OWN: u64 = 10;

/// `GET /feedback`
pub async fn page(
    db: web::Data<DatabaseConnection>,
    me: CurrentSteward,
) -> Result<HttpResponse, AppError> {
    let now = Utc::now();
    let mut list = Vec::new();
    for project in projects::visible_to(db.get_ref(), &me.steward).await? {
        let forms = surveys::store::list_for_project(db.get_ref(), project.id)
            .await?
            .into_iter()
            .filter(|s| {
                s.kind == SurveyKind::Feedback && matches!(s.availability(now), Availability::Open)
            })
            .map(|s| FormLink {
                path: s.path(),
                title: s.title,
            })
            .collect();
        list.push(ProjectForms { project, forms });
    }
    let own = store::own_submissions(db.get_ref(), me.steward.id.0, OWN).await?;
    Ok(html(
        StatusCode::OK,
        views::feedback(&me.nav(), &list, &own),
    ))
}
