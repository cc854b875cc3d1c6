//! `/surveys/{id}/preview/sent`: a steward sees the confirmation page as the people answering
//! see it, as usual or as when an answer worried us (`?flagged=yes`), in either wording.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::{Markup, html};
use serde::Deserialize;

use crate::accounts::CurrentSteward;
use crate::error::AppError;
use crate::responses::look::Look;
use crate::responses::model::Receipt;
use crate::responses::runner::help_for;
use crate::responses::views::{self, Sent};
use crate::state::AppState;
use crate::surveys::SurveyAccess;
use crate::surveys::SurveyId;
use crate::web::respond::html as respond;

/// `?flagged=yes` and `?easy_read=yes`.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SentQuery {
    flagged: String,
    easy_read: String,
}

fn note(id: i64, flagged: bool, easy_read: bool) -> Markup {
    let link = |f: bool, e: bool| {
        format!(
            "/surveys/{id}/preview/sent?flagged={}&easy_read={}",
            if f { "yes" } else { "no" },
            if e { "yes" } else { "no" }
        )
    };
    html! {
        div class="notification" {
            p class="body" {
                "This is a preview of the page people see after they send their answers. "
                @if flagged { "It shows what they see when the safeguarding check found something worrying in an answer." }
                @else { "It shows what they see usually." }
            }
            ul class="list" {
                @if flagged {
                    li { a href=(link(false, easy_read)) { "Show the usual page" } }
                } @else {
                    li { a href=(link(true, easy_read)) { "Show the page when an answer is worrying" } }
                }
                @if easy_read {
                    li { a href=(link(flagged, false)) { "Show the usual wording" } }
                } @else {
                    li { a href=(link(flagged, true)) { "Show easy read wording" } }
                }
                li { a href={ "/surveys/" (id) "/preview" } { "Back to the preview of the questions" } }
            }
        }
    }
}

/// `GET /surveys/{id}/preview/sent`
pub async fn sent(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    query: web::Query<SentQuery>,
) -> Result<HttpResponse, AppError> {
    let survey = SurveyAccess::build(&state.db, &me.steward, SurveyId(path.into_inner()))
        .await?
        .survey;
    let flagged = query.flagged == "yes";
    let easy_read = query.easy_read == "yes";
    let look = Look {
        easy_read,
        exit: None,
        help: None,
    };
    let receipt = Receipt::generate();
    let sent = Sent {
        receipt: &receipt,
        flagged,
        help: help_for(&state, &survey, &look, flagged).await?,
        preview: Some(note(survey.id.0, flagged, easy_read)),
        reflect: Vec::new(),
    };
    let nav = me.nav();
    Ok(respond(
        StatusCode::OK,
        views::confirmation(&survey, sent, Some(&nav), look),
    ))
}
