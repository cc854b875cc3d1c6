//! Receipts: a person types their receipt code to see their answers, and can delete them all.
//! Failed look-ups are limited per client address (in memory) so codes cannot be guessed.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use maud::{Markup, html};
use serde::Deserialize;

use crate::error::{AppError, human_wait};
use crate::responses::limits::client;
use crate::responses::model::{Receipt, StoredResponse};
use crate::responses::runner::with_retry_after;
use crate::responses::store;
use crate::state::AppState;
use crate::surveys::{Survey, store as surveys};
use crate::web::forms::{Input, button, csrf_field, error_summary};
use crate::web::respond::html as respond;
use crate::web::{CsrfForm, CsrfToken, FieldErrors, Page, When};

/// The receipt form's fields.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReceiptForm {
    receipt: String,
    confirm: String,
    /// `yes` when reached from a sensitive survey: keep "Exit this page".
    quick_exit: String,
}

/// Where "Exit this page" goes on these pages, when they were reached from a sensitive survey
/// (`quick_exit=yes`) or show answers to one.
fn exit_for(state: &AppState, sensitive: bool) -> Option<&str> {
    sensitive.then(|| state.settings.exit_url.as_str())
}

/// Failed look-ups allowed per client address in 15 minutes.
pub const FAILED_LOOKUPS: u32 = 10;

const TITLE: &str = "See or delete your answers";

fn lookup_page(csrf: &str, typed: &str, errors: &FieldErrors, exit: Option<&str>) -> Markup {
    Page::new(TITLE).error(!errors.is_empty()).exit(exit).render(html! {
        (error_summary(errors))
        h1 class="heading-l" { (TITLE) }
        p class="body" { "When you sent your answers you were given a code. Type it here to see your answers. You can then delete them if you want to." }
        form method="post" action="/receipt" novalidate {
            (csrf_field(csrf))
            @if exit.is_some() { input type="hidden" name="quick_exit" value="yes"; }
            (Input::new("receipt", "Your code to see or delete your answers")
                .hint("For example, 7KQ-M4P-2XD. Capital letters, spaces and dashes do not matter.")
                .value(typed)
                .autocomplete("off")
                .render(errors))
            (button("Show my answers"))
        }
    })
}

fn answers_page(
    csrf: &str,
    survey: &Survey,
    response: &StoredResponse,
    rows: &[(String, String)],
    exit: Option<&str>,
    help: Option<Markup>,
) -> Markup {
    Page::new("Your answers").exit(exit).help(help).render(html! {
        span class="caption" { (survey.title) }
        h1 class="heading-l" { "Your answers" }
        p class="body" {
            "Your code " strong { (response.receipt.as_str()) } ". Sent on "
            (When::with_day(response.submitted_at)) "."
        }
        dl class="summary-list" {
            @for (prompt, answer) in rows {
                div class="summary-row" {
                    dt class="summary-key" { (prompt) }
                    dd class="summary-value" { (answer) }
                }
            }
        }
        h2 class="heading-m" { "Delete your answers" }
        p class="body" { "If you delete your answers, nobody can read them any more. This cannot be undone." }
        form method="post" action="/receipt/delete" novalidate {
            (csrf_field(csrf))
            input type="hidden" name="receipt" value=(response.receipt.as_str());
            button type="submit" class="button button-warning" { "Delete my answers" }
        }
    })
}

fn confirm_page(csrf: &str, receipt: &Receipt, exit: Option<&str>, help: Option<Markup>) -> Markup {
    Page::new("Are you sure you want to delete your answers?").back("/receipt").exit(exit).help(help).render(html! {
        h1 class="heading-l" { "Are you sure you want to delete your answers?" }
        p class="body" { "All your answers with the code " strong { (receipt.as_str()) } " will be deleted. This cannot be undone." }
        form method="post" action="/receipt/delete" novalidate {
            (csrf_field(csrf))
            input type="hidden" name="receipt" value=(receipt.as_str());
            input type="hidden" name="confirm" value="yes";
            button type="submit" class="button button-warning" { "Yes, delete my answers" }
        }
        p class="body" { a href="/receipt" { "No, keep my answers" } }
    })
}

fn deleted_page(exit: Option<&str>, help: Option<Markup>) -> Markup {
    Page::new("Your answers have been deleted")
        .exit(exit)
        .help(help)
        .render(html! {
            div class="panel-confirmation" {
                h1 class="heading-xl" { "Your answers have been deleted" }
            }
            p class="body" { "Nobody can read them any more. Thank you for taking part." }
        })
}

/// `GET /receipt` (`?quick_exit=yes` from a sensitive survey's confirmation)
pub async fn page(
    state: web::Data<AppState>,
    query: web::Query<ReceiptForm>,
    csrf: CsrfToken,
) -> HttpResponse {
    let exit = exit_for(&state, query.quick_exit == "yes");
    respond(
        StatusCode::OK,
        lookup_page(&csrf.0, "", &FieldErrors::new(), exit),
    )
}

/// Finds the response for a typed code, or the form again with what went wrong.
async fn find(
    req: &HttpRequest,
    state: &AppState,
    csrf: &str,
    typed: &str,
    quick_exit: bool,
) -> Result<Result<StoredResponse, HttpResponse>, AppError> {
    let exit = exit_for(state, quick_exit);
    let mut errors = FieldErrors::new();
    let ip = client(req);
    if let Some(wait) = state.receipt_limit.blocked(ip) {
        errors.add(
            "receipt",
            format!(
                "You have tried a lot of codes. Wait {} and try again.",
                human_wait(wait)
            ),
        );
        let page = respond(
            StatusCode::TOO_MANY_REQUESTS,
            lookup_page(csrf, typed, &errors, exit),
        );
        return Ok(Err(with_retry_after(page, wait)));
    }
    // Only a well-formed code that matches nothing counts as a guess: an empty or malformed
    // one tells nobody anything (as with resume codes).
    match Receipt::parse(typed) {
        None if typed.trim().is_empty() => errors.add("receipt", "Enter your code"),
        None => errors.add("receipt", "Enter a code like 7KQ-M4P-2XD"),
        Some(receipt) => {
            match store::find_by_receipt(&state.db, &receipt).await? {
                Some(response) => return Ok(Ok(response)),
                None => {
                    state.receipt_limit.record(ip);
                    errors.add("receipt", "We could not find any answers with that code. Check you typed it correctly");
                }
            }
        }
    }
    Ok(Err(respond(
        StatusCode::UNPROCESSABLE_ENTITY,
        lookup_page(csrf, typed, &errors, exit),
    )))
}

/// `POST /receipt`: show the answers for a code.
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: CsrfForm<ReceiptForm>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, token } = form;
    let response = match find(
        &req,
        &state,
        &token,
        &form.receipt,
        form.quick_exit == "yes",
    )
    .await?
    {
        Ok(r) => r,
        Err(page) => return Ok(page),
    };
    let survey = surveys::find(&state.db, response.survey_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let questions = surveys::questions(&state.db, survey.id, true).await?;
    let rows: Vec<(String, String)> = response
        .rows(&questions)
        .into_iter()
        .map(|(_, prompt, answer)| (prompt, answer))
        .collect();
    let help = help_for(&state, Some(&survey)).await?;
    Ok(respond(
        StatusCode::OK,
        answers_page(
            &token,
            &survey,
            &response,
            &rows,
            exit_for(&state, survey.sensitive),
            help,
        ),
    ))
}

/// `POST /receipt/delete`: ask to confirm, then delete the response and every answer at once.
pub async fn delete(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: CsrfForm<ReceiptForm>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, token } = form;
    let response = match find(
        &req,
        &state,
        &token,
        &form.receipt,
        form.quick_exit == "yes",
    )
    .await?
    {
        Ok(r) => r,
        Err(page) => return Ok(page),
    };
    let survey = surveys::find(&state.db, response.survey_id).await?;
    let exit = exit_for(&state, survey.as_ref().is_some_and(|s| s.sensitive));
    let help = help_for(&state, survey.as_ref()).await?;
    if form.confirm != "yes" {
        return Ok(respond(
            StatusCode::OK,
            confirm_page(&token, &response.receipt, exit, help),
        ));
    }
    // The flag, its category, time and review trail outlive the answer: the safeguarding
    // capability records the deletion and tells the lead in the same transaction.
    let txn = crate::db::begin_write(&state.db).await?;
    let notices = crate::safeguarding::store::answers_deleted(
        &txn,
        response.id.0,
        chrono::Utc::now(),
        &state.base_url,
    )
    .await?;
    store::delete(&txn, response.id).await?;
    txn.commit().await?;
    if notices > 0 {
        state.mail.wake();
    }
    Ok(respond(StatusCode::OK, deleted_page(exit, help)))
}

/// The help panel (with the project's local contact) for the receipt pages of a survey for
/// children or families.
async fn help_for(state: &AppState, survey: Option<&Survey>) -> Result<Option<Markup>, AppError> {
    let Some(survey) = survey.filter(|s| s.audience.shows_help()) else {
        return Ok(None);
    };
    let contact = crate::help::store::contact(&state.db, survey.project_id).await?;
    Ok(Some(crate::help::panel(contact.as_ref(), false)))
}
