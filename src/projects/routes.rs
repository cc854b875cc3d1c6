//! Project handlers: list, create, overview, edit and members. A project a person cannot see is
//! "not found"; one they can see but not build in is "forbidden" for building actions.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::accounts::{CurrentSteward, EmailAddress, Role, StewardId, store as accounts_store};
use crate::error::AppError;
use crate::projects::model::{MemberRole, NewProject, ProjectId, ProjectInput};
use crate::projects::save::save;
use crate::projects::store::{self, Access};
use crate::projects::views::{self, MemberRow};
use crate::projects::{Granted, ProjectAccess};
use crate::state::AppState;
use crate::surveys;
use crate::web::respond::{NoFields, html, see_other};
use crate::web::{CsrfForm, CsrfToken, FieldErrors};
use sea_orm::DatabaseConnection;

pub async fn list(
    db: web::Data<DatabaseConnection>,
    me: CurrentSteward,
) -> Result<HttpResponse, AppError> {
    let projects = store::visible_to(db.get_ref(), &me.steward).await?;
    Ok(html(
        StatusCode::OK,
        views::list(&me.nav(), &projects, me.steward.role.can_build()),
    ))
}

pub async fn new_page(me: CurrentSteward, csrf: CsrfToken) -> Result<HttpResponse, AppError> {
    me.require(&[Role::Admin, Role::Steward])?;
    Ok(html(
        StatusCode::OK,
        views::form(
            &me.nav(),
            &csrf.0,
            None,
            &ProjectInput::default(),
            &FieldErrors::new(),
        ),
    ))
}

pub async fn create(
    state: web::Data<AppState>,
    me: CurrentSteward,
    form: CsrfForm<ProjectInput>,
) -> Result<HttpResponse, AppError> {
    me.require(&[Role::Admin, Role::Steward])?;
    let CsrfForm { form, token } = form;
    match NewProject::parse(&form) {
        Ok(new) => {
            let id = save(&state, None, &new, me.steward.id).await?;
            Ok(see_other(&format!("/projects/{}", id.0)))
        }
        Err(errors) => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::form(&me.nav(), &token, None, &form, &errors),
        )),
    }
}

async fn member_rows(db: &DatabaseConnection, id: ProjectId) -> Result<Vec<MemberRow>, AppError> {
    Ok(store::members(db, id)
        .await?
        .into_iter()
        .map(|(id, name, email, role)| MemberRow {
            id,
            name,
            email,
            role,
        })
        .collect())
}

pub async fn overview(
    db: web::Data<DatabaseConnection>,
    me: CurrentSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let granted =
        ProjectAccess::represent(db.get_ref(), &me.steward, ProjectId(path.into_inner())).await?;
    if granted.access == Access::Represent {
        // A participant representative's project page is the group's easy-read page.
        return Ok(see_other(&format!(
            "/projects/{}/together",
            granted.project.id.0
        )));
    }
    let reviewer = ProjectAccess::reviews(db.get_ref(), &granted, &me.steward).await?;
    let Granted { project, access } = granted;
    let members = member_rows(db.get_ref(), project.id).await?;
    let surveys = surveys::store::list_for_project(db.get_ref(), project.id).await?;
    let banner = if reviewer {
        let flagged =
            crate::safeguarding::store::unreviewed_responses(db.get_ref(), project.id, None)
                .await?;
        // Stewards find "Safeguarding concerns" among the building links; a lead needs its own.
        maud::html! {
            (crate::safeguarding::banner(project.id, flagged))
            @if access != Access::Build { (crate::safeguarding::project_link(project.id)) }
        }
    } else {
        maud::html! {}
    };
    Ok(html(
        StatusCode::OK,
        views::overview(&me.nav(), &project, access, &members, &surveys, banner),
    ))
}

pub async fn edit_page(
    db: web::Data<DatabaseConnection>,
    me: CurrentSteward,
    path: web::Path<i64>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::build(db.get_ref(), &me.steward, ProjectId(path.into_inner())).await?;
    let typed = ProjectInput {
        title: project.title,
        outcome: project.outcome,
        scale: project.scale.as_str().to_owned(),
        description: project.description,
        safeguarding_lead: project.safeguarding_lead,
    };
    Ok(html(
        StatusCode::OK,
        views::form(
            &me.nav(),
            &csrf.0,
            Some(project.id.0),
            &typed,
            &FieldErrors::new(),
        ),
    ))
}

pub async fn edit(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    form: CsrfForm<ProjectInput>,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::build(&state.db, &me.steward, ProjectId(path.into_inner())).await?;
    let CsrfForm { form, token } = form;
    match NewProject::parse(&form) {
        Ok(new) => {
            save(&state, Some(&project), &new, me.steward.id).await?;
            Ok(see_other(&format!("/projects/{}", project.id.0)))
        }
        Err(errors) => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::form(&me.nav(), &token, Some(project.id.0), &form, &errors),
        )),
    }
}

pub async fn members_page(
    db: web::Data<DatabaseConnection>,
    me: CurrentSteward,
    path: web::Path<i64>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::build(db.get_ref(), &me.steward, ProjectId(path.into_inner())).await?;
    let members = member_rows(db.get_ref(), project.id).await?;
    Ok(html(
        StatusCode::OK,
        views::members(
            &me.nav(),
            &csrf.0,
            &project,
            &members,
            ("", ""),
            &FieldErrors::new(),
        ),
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MemberForm {
    email: String,
    role: String,
}

pub async fn add_member(
    db: web::Data<DatabaseConnection>,
    me: CurrentSteward,
    path: web::Path<i64>,
    form: CsrfForm<MemberForm>,
) -> Result<HttpResponse, AppError> {
    let project =
        ProjectAccess::build(db.get_ref(), &me.steward, ProjectId(path.into_inner())).await?;
    let CsrfForm { form, token } = form;
    let mut errors = FieldErrors::new();
    let role = MemberRole::parse(&form.role);
    if role.is_none() {
        errors.add("role", "Select their part in this project");
    }
    let person = if form.email.trim().is_empty() {
        errors.add("email", "Enter the email address of the person to add");
        None
    } else {
        match EmailAddress::parse(&form.email) {
            Ok(email) => match accounts_store::find_by_email(db.get_ref(), &email).await? {
                Some((steward, _)) => Some(steward),
                None => {
                    errors.add(
                        "email",
                        "No one with this email address has a Chorus account. Ask an administrator to invite them first",
                    );
                    None
                }
            },
            Err(message) => {
                errors.add("email", message);
                None
            }
        }
    };
    if let (Some(person), Some(MemberRole::Steward)) = (&person, role)
        && !person.role.can_build()
    {
        errors.add(
            "role",
            "This person has a practitioner account, so they can only be a practitioner in a project",
        );
    }
    match (person, role) {
        (Some(person), Some(role)) if errors.is_empty() => {
            store::set_member(db.get_ref(), project.id, person.id, role).await?;
            Ok(see_other(&format!("/projects/{}/members", project.id.0)))
        }
        _ => {
            let members = member_rows(db.get_ref(), project.id).await?;
            Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::members(
                    &me.nav(),
                    &token,
                    &project,
                    &members,
                    (&form.email, &form.role),
                    &errors,
                ),
            ))
        }
    }
}

pub async fn remove_member(
    db: web::Data<DatabaseConnection>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let (project_id, steward_id) = path.into_inner();
    let project = ProjectAccess::build(db.get_ref(), &me.steward, ProjectId(project_id)).await?;
    let members = store::members(db.get_ref(), project.id).await?;
    if !members.iter().any(|(id, ..)| id.0 == steward_id) {
        return Err(AppError::NotFound);
    }
    store::remove_member(db.get_ref(), project.id, StewardId(steward_id)).await?;
    if steward_id == me.steward.id.0 && me.steward.role != Role::Admin {
        return Ok(see_other("/projects"));
    }
    Ok(see_other(&format!("/projects/{}/members", project.id.0)))
}
