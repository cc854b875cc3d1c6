//! `/account/notifications`: a steward turns the daily digest on or off.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::{Markup, html};
use serde::Deserialize;

use crate::accounts::CurrentSteward;
use crate::error::AppError;
use crate::notifications::store;
use crate::web::choices::radios;
use crate::web::forms::{button, csrf_field, error_summary};
use crate::web::respond::html;
use crate::web::{CsrfForm, FieldErrors, NavUser, Page};
use sea_orm::DatabaseConnection;

/// The form.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DigestForm {
    daily_digest: String,
}

fn page_markup(
    nav: &NavUser,
    csrf: &str,
    selected: &str,
    notice: Option<&str>,
    errors: &FieldErrors,
) -> Markup {
    let choices = [
        (
            "yes",
            "Yes, send me a daily summary",
            Some("One email a day at most, only when something new has come in."),
        ),
        ("no", "No", None),
    ];
    Page::new("Notifications")
        .user(Some(nav))
        .error(!errors.is_empty())
        .back("/home")
        .render(html! {
            (error_summary(errors))
            @if let Some(notice) = notice {
                div class="notification" role="status" { p class="body" { (notice) } }
            }
            h1 class="heading-l" { "Notifications" }
            p class="body" { "The daily summary tells you, for each of your projects, how many new responses came in since the last one. It never includes what people said." }
            form method="post" action="/account/notifications" novalidate {
                (csrf_field(csrf))
                (radios("daily_digest", "Do you want a daily summary by email?", None, &choices, selected, errors))
                (button("Save"))
            }
        })
}

/// `GET /account/notifications`.
pub async fn page(
    db: web::Data<DatabaseConnection>,
    me: CurrentSteward,
) -> Result<HttpResponse, AppError> {
    let on = store::wants_digest(db.get_ref(), me.steward.id).await?;
    let selected = if on { "yes" } else { "no" };
    Ok(html(
        StatusCode::OK,
        page_markup(&me.nav(), &me.csrf, selected, None, &FieldErrors::new()),
    ))
}

/// `POST /account/notifications`.
pub async fn save(
    db: web::Data<DatabaseConnection>,
    me: CurrentSteward,
    form: CsrfForm<DigestForm>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, token } = form;
    let on = match form.daily_digest.as_str() {
        "yes" => true,
        "no" => false,
        _ => {
            let mut errors = FieldErrors::new();
            errors.add("daily_digest", "Select yes if you want a daily summary");
            return Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                page_markup(&me.nav(), &token, "", None, &errors),
            ));
        }
    };
    store::set_digest(db.get_ref(), me.steward.id, on).await?;
    let notice = if on {
        "Saved. Your first daily summary comes tomorrow."
    } else {
        "Saved. You will not get daily summaries."
    };
    Ok(html(
        StatusCode::OK,
        page_markup(
            &me.nav(),
            &token,
            if on { "yes" } else { "no" },
            Some(notice),
            &FieldErrors::new(),
        ),
    ))
}
