//! `/api/v1/projects`: create, list and read projects (with their local help contact).

use actix_web::{HttpResponse, web};

use crate::accounts::ApiSteward;
use crate::api::Problem;
use crate::api::schema::{ProblemDoc, ProjectBody, ProjectOut};
use crate::help;
use crate::projects::store;
use crate::projects::{Granted, ProjectAccess, ProjectId};
use crate::state::AppState;
use sea_orm::DatabaseConnection;

/// Creates a project; the token's steward becomes a project steward.
#[utoipa::path(
    post,
    path = "/api/v1/projects",
    tag = "projects",
    request_body = ProjectBody,
    responses(
        (status = 201, description = "Created", body = ProjectOut),
        (status = 401, description = "No valid token", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 403, description = "The token's role cannot build", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = ProblemDoc, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    state: web::Data<AppState>,
    me: ApiSteward,
    body: web::Json<ProjectBody>,
) -> Result<HttpResponse, Problem> {
    if !me.0.role.can_build() {
        return Err(Problem::forbidden());
    }
    let (new, contact) = body.parse().map_err(Problem::invalid)?;
    let txn = crate::db::begin_write(&state.db).await?;
    let (id, told) = crate::projects::save_in(&txn, &state, None, &new, me.0.id).await?;
    help::store::save(&txn, id, contact.as_ref()).await?;
    txn.commit().await?;
    if told > 0 {
        state.mail.wake();
    }
    let Granted { project, access } =
        ProjectAccess::view(&state.db, &me.0, ProjectId(id.0)).await?;
    Ok(HttpResponse::Created().json(ProjectOut::new(project, access).with_help(contact.as_ref())))
}

/// The projects the token's steward can see, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/projects",
    tag = "projects",
    responses(
        (status = 200, description = "Visible projects", body = Vec<ProjectOut>),
        (status = 401, description = "No valid token", body = ProblemDoc, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list(
    db: web::Data<DatabaseConnection>,
    me: ApiSteward,
) -> Result<HttpResponse, Problem> {
    let mut out = Vec::new();
    for project in store::visible_to(db.get_ref(), &me.0).await? {
        let access = ProjectAccess::represent(db.get_ref(), &me.0, project.id)
            .await?
            .access;
        let contact = help::store::contact(db.get_ref(), project.id).await?;
        out.push(ProjectOut::new(project, access).with_help(contact.as_ref()));
    }
    Ok(HttpResponse::Ok().json(out))
}

/// One project.
#[utoipa::path(
    get,
    path = "/api/v1/projects/{id}",
    tag = "projects",
    params(("id" = i64, Path, description = "Project id")),
    responses(
        (status = 200, description = "The project", body = ProjectOut),
        (status = 401, description = "No valid token", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "Not found or not visible", body = ProblemDoc, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get(
    db: web::Data<DatabaseConnection>,
    me: ApiSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, Problem> {
    let Granted { project, access } =
        ProjectAccess::view(db.get_ref(), &me.0, ProjectId(path.into_inner())).await?;
    let contact = help::store::contact(db.get_ref(), project.id).await?;
    Ok(HttpResponse::Ok().json(ProjectOut::new(project, access).with_help(contact.as_ref())))
}
