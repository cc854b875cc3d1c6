//! Admin handlers: invite people, change roles, disable and enable accounts.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::accounts::CurrentSteward;
use crate::accounts::model::{EmailAddress, PersonName, Role, StewardId};
use crate::accounts::secrets::{hash_secret, new_secret};
use crate::accounts::{store, views};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::respond::{NoFields, html, see_other};
use crate::web::{CsrfForm, FieldErrors};
use sea_orm::DatabaseConnection;

const INVITE_DAYS: i64 = 7;

async fn render(
    db: &DatabaseConnection,
    me: &CurrentSteward,
    typed: &views::Typed<'_>,
    role: &str,
    errors: &FieldErrors,
    link: Option<views::NewLink<'_>>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let people = store::list(db).await?;
    Ok(html(
        status,
        views::people(&me.nav(), me.steward.id, &people, typed, role, errors, link),
    ))
}

pub async fn people(
    db: web::Data<DatabaseConnection>,
    me: CurrentSteward,
) -> Result<HttpResponse, AppError> {
    me.require(&[Role::Admin])?;
    render(
        db.get_ref(),
        &me,
        &views::Typed::default(),
        "steward",
        &FieldErrors::new(),
        None,
        StatusCode::OK,
    )
    .await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct InviteForm {
    name: String,
    email: String,
    role: String,
}

fn invite_url(state: &AppState, secret: &str) -> String {
    format!("{}invite/{secret}", state.base_url)
}

pub async fn invite(
    state: web::Data<AppState>,
    me: CurrentSteward,
    form: CsrfForm<InviteForm>,
) -> Result<HttpResponse, AppError> {
    me.require(&[Role::Admin])?;
    let form = form.form;
    let mut errors = FieldErrors::new();
    let name = PersonName::parse(&form.name)
        .map_err(|m| errors.add("name", m))
        .ok();
    let email = EmailAddress::parse(&form.email)
        .map_err(|m| errors.add("email", m))
        .ok();
    let role = Role::parse(&form.role);
    if role.is_none() {
        errors.add("role", "Select a role");
    }
    let typed = views::Typed {
        name: &form.name,
        email: &form.email,
    };
    let (Some(name), Some(email), Some(role)) = (name, email, role) else {
        return render(
            &state.db,
            &me,
            &typed,
            &form.role,
            &errors,
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let secret = new_secret();
    let expires = chrono::Utc::now() + chrono::Duration::days(INVITE_DAYS);
    let inserted = store::insert(
        &state.db,
        &email,
        &name,
        role,
        None,
        Some((hash_secret(&secret), expires)),
    )
    .await?;
    if inserted.is_none() {
        errors.add(
            "email",
            "Someone with this email address already has an account",
        );
        return render(
            &state.db,
            &me,
            &typed,
            &form.role,
            &errors,
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    tracing::info!(
        domain = email.domain(),
        role = role.as_str(),
        "steward invited"
    );
    let url = invite_url(&state, &secret);
    let link = views::NewLink {
        name: name.as_str(),
        url: &url,
    };
    render(
        &state.db,
        &me,
        &views::Typed::default(),
        "steward",
        &FieldErrors::new(),
        Some(link),
        StatusCode::CREATED,
    )
    .await
}

async fn target(
    db: &DatabaseConnection,
    me: &CurrentSteward,
    id: i64,
) -> Result<StewardId, AppError> {
    me.require(&[Role::Admin])?;
    let id = StewardId(id);
    if id == me.steward.id {
        return Err(AppError::Unprocessable(
            "You cannot change your own account here. Ask another administrator.".into(),
        ));
    }
    store::find(db, id).await?.ok_or(AppError::NotFound)?;
    Ok(id)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RoleForm {
    role: String,
}

pub async fn change_role(
    db: web::Data<DatabaseConnection>,
    me: CurrentSteward,
    path: web::Path<i64>,
    form: CsrfForm<RoleForm>,
) -> Result<HttpResponse, AppError> {
    let id = target(db.get_ref(), &me, path.into_inner()).await?;
    let role = Role::parse(&form.form.role)
        .ok_or_else(|| AppError::Unprocessable("Select a role from the list.".into()))?;
    store::set_role(db.get_ref(), id, role).await?;
    Ok(see_other("/admin/stewards"))
}

pub async fn disable(
    db: web::Data<DatabaseConnection>,
    me: CurrentSteward,
    path: web::Path<i64>,
    _f: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let id = target(db.get_ref(), &me, path.into_inner()).await?;
    store::set_disabled(db.get_ref(), id, true).await?;
    Ok(see_other("/admin/stewards"))
}

pub async fn enable(
    db: web::Data<DatabaseConnection>,
    me: CurrentSteward,
    path: web::Path<i64>,
    _f: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let id = target(db.get_ref(), &me, path.into_inner()).await?;
    store::set_disabled(db.get_ref(), id, false).await?;
    Ok(see_other("/admin/stewards"))
}

pub async fn new_invite_link(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    _f: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let id = target(&state.db, &me, path.into_inner()).await?;
    let steward = store::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if steward.active {
        return Err(AppError::Unprocessable(
            "This person has already set a password.".into(),
        ));
    }
    let secret = new_secret();
    let expires = chrono::Utc::now() + chrono::Duration::days(INVITE_DAYS);
    store::set_invite(&state.db, id, &hash_secret(&secret), expires).await?;
    let url = invite_url(&state, &secret);
    let link = views::NewLink {
        name: &steward.name,
        url: &url,
    };
    render(
        &state.db,
        &me,
        &views::Typed::default(),
        "steward",
        &FieldErrors::new(),
        Some(link),
        StatusCode::OK,
    )
    .await
}
