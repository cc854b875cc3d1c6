//! The steward's update page: make a draft from what the project has, edit it, publish it (and
//! email those who asked, when it changed), take it down. Those who build may change it;
//! members who only read get 403, strangers 404.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use crate::accounts::{CurrentSteward, EmailAddress};
use crate::db::begin_write;
use crate::error::AppError;
use crate::mail::{Content, MailKind, Unsubscribe};
use crate::projects::{Project, ProjectAccess, ProjectId};
use crate::state::AppState;
use crate::updates::model::{self, RawSections, Sections};
use crate::updates::{store, views};
use crate::web::respond::{html, see_other};
use crate::web::{CsrfForm, FieldErrors};

async fn granted(state: &AppState, me: &CurrentSteward, id: i64) -> Result<Project, AppError> {
    ProjectAccess::build(&state.db, &me.steward, ProjectId(id)).await
}

async fn render(
    state: &AppState,
    me: &CurrentSteward,
    g: &Project,
    csrf: &str,
    typed: Option<&Sections>,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let page = store::get(&state.db, g.id).await?;
    let subscribers = store::subscribers(&state.db, g.id).await?.len();
    let link = page.slug.as_ref().map(|s| {
        let link = format!("{}u/{s}", state.base_url);
        let qr = crate::qr::svg(&link, "QR code for the You said, we did page").ok();
        (link, qr)
    });
    let d = views::EditorData {
        project: g,
        page: &page,
        typed: typed.unwrap_or(&page.draft),
        errors,
        csrf,
        link,
        subscribers,
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(html(status, views::editor(&me.nav(), &d)))
}

/// `GET /projects/{id}/updates`
pub async fn page(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let g = granted(&state, &me, path.into_inner()).await?;
    render(&state, &me, &g, &me.csrf, None, &FieldErrors::new()).await
}

/// `POST /projects/{id}/updates/draft`: fills the draft from themes, decisions and ideas.
pub async fn make_draft(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    _form: CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let g = granted(&state, &me, path.into_inner()).await?;
    let min = crate::results::min_group(&state);
    let group = crate::stewardship::together_store::page(&state.db, g.id, min).await?;
    let txn = begin_write(&state.db).await?;
    store::save_draft(&txn, g.id, &model::draft(&group, min)).await?;
    txn.commit().await?;
    Ok(see_other(&format!("/projects/{}/updates", g.id.0)))
}

/// `POST /projects/{id}/updates`: saves the edited draft.
pub async fn save(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    form: CsrfForm<RawSections>,
) -> Result<HttpResponse, AppError> {
    let g = granted(&state, &me, path.into_inner()).await?;
    match Sections::parse(&form.form) {
        Ok(s) => {
            let txn = begin_write(&state.db).await?;
            store::save_draft(&txn, g.id, &s).await?;
            txn.commit().await?;
            Ok(see_other(&format!("/projects/{}/updates", g.id.0)))
        }
        Err(e) => render(&state, &me, &g, &form.token, Some(&form.form), &e).await,
    }
}

/// `POST /projects/{id}/updates/publish`: the draft becomes the public text; if it changed,
/// one email per address that asked, each with its own unsubscribe link.
pub async fn publish(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    _form: CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let g = granted(&state, &me, path.into_inner()).await?;
    let txn = begin_write(&state.db).await?;
    if let Some((slug, true)) = store::publish(&txn, g.id).await? {
        for (address, token) in store::subscribers(&txn, g.id).await? {
            let Ok(to) = EmailAddress::parse(&address) else {
                continue;
            };
            let content = Content {
                subject: format!("{}: what we did", g.title),
                paragraphs: vec![format!(
                    "We changed the \"You said, we did\" page for {}.",
                    g.title
                )],
                action: state.base_url.join(&format!("u/{slug}")).ok().map(|url| {
                    crate::mail::Action {
                        label: "Read what we did".into(),
                        url,
                    }
                }),
                unsubscribe: state
                    .base_url
                    .join(&format!("u/{slug}/unsubscribe/{token}"))
                    .ok()
                    .map(|url| Unsubscribe {
                        url,
                        one_click: false,
                    }),
            };
            let message = crate::mail::compose(&state.base_url, &to, MailKind::Update, &content);
            crate::mail::enqueue(&txn, &message).await?;
        }
    }
    txn.commit().await?;
    Ok(see_other(&format!("/projects/{}/updates", g.id.0)))
}

/// `POST /projects/{id}/updates/unpublish`: takes the page down.
pub async fn unpublish(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    _form: CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let g = granted(&state, &me, path.into_inner()).await?;
    let txn = begin_write(&state.db).await?;
    store::unpublish(&txn, g.id).await?;
    txn.commit().await?;
    Ok(see_other(&format!("/projects/{}/updates", g.id.0)))
}
