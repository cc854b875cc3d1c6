//! How the runner's pages look for one respondent, kept without an account: easy read (a
//! cookie for that survey's pages only, switched with a plain link), read-aloud buttons,
//! "Exit this page" on sensitive surveys, and help for children and families in the footer.

use actix_web::HttpRequest;
use actix_web::cookie::{Cookie, SameSite};
use maud::{Markup, html};

use crate::error::AppError;
use crate::help::{self, LocalContact};
use crate::state::AppState;
use crate::surveys::Survey;
use crate::web::Page;

/// The cookie remembering easy read (`yes` or `no`), scoped to one survey's path.
pub const EASY_READ_COOKIE: &str = "chorus_easy_read";

/// What every runner page of one survey shows for this respondent.
#[derive(Clone, Debug, Default)]
pub struct Look<'a> {
    /// Easy-read wording, larger text and more space.
    pub easy_read: bool,
    /// Where "Exit this page" goes, on sensitive surveys only.
    pub exit: Option<&'a str>,
    /// On surveys for children or families: help is shown, with this local contact if set.
    pub help: Option<Option<LocalContact>>,
}

impl<'a> Look<'a> {
    /// The look for `survey`: easy read from the cookie (or `asked`, `yes`/`no`, which wins),
    /// and on surveys for children or families the project's help contact.
    pub async fn load(
        state: &'a AppState,
        survey: &Survey,
        req: &HttpRequest,
        asked: &str,
    ) -> Result<Look<'a>, AppError> {
        let mut look = Look::new(state, survey, req, asked);
        if survey.audience.shows_help() {
            look.help = Some(help::store::contact(&state.db, survey.project_id).await?);
        }
        Ok(look)
    }

    fn new(state: &'a AppState, survey: &Survey, req: &HttpRequest, asked: &str) -> Look<'a> {
        let easy_read = match asked {
            "yes" => true,
            "no" => false,
            _ => req
                .cookie(EASY_READ_COOKIE)
                .is_some_and(|c| c.value() == "yes"),
        };
        Look {
            easy_read,
            exit: survey.sensitive.then(|| state.settings.exit_url.as_str()),
            help: None,
        }
    }

    /// The help panel in this look's wording, on surveys for children or families.
    pub fn help_panel(&self) -> Option<Markup> {
        self.help
            .as_ref()
            .map(|contact| help::panel(contact.as_ref(), self.easy_read))
    }

    /// Starts a page with this look (help, where shown, in the footer).
    pub fn page(&self, title: &'a str) -> Page<'a> {
        Page::new(title)
            .easy_read(self.easy_read)
            .exit(self.exit)
            .help(self.help_panel())
    }
}

/// The cookie to set when the person has just switched easy read on or off for `survey`.
pub fn easy_read_cookie(survey: &Survey, asked: &str, secure: bool) -> Option<Cookie<'static>> {
    matches!(asked, "yes" | "no").then(|| {
        Cookie::build(EASY_READ_COOKIE, asked.to_owned())
            .path(survey.path())
            .http_only(true)
            .secure(secure)
            .same_site(SameSite::Lax)
            .max_age(actix_web::cookie::time::Duration::days(365))
            .finish()
    })
}

/// The link that switches easy read, back to the page at `here` (a path without a query, or
/// with one).
pub fn easy_read_switch(here: &str, on: bool) -> Markup {
    let join = if here.contains('?') { '&' } else { '?' };
    html! {
        @if on {
            a href={ (here) (join) "easy_read=no" } class="easy-read-switch" {
                "Easy read is on. " span class="link-text" { "Switch easy read off" }
            }
        } @else {
            a href={ (here) (join) "easy_read=yes" } class="easy-read-switch" {
                "Switch easy read on" span class="visually-hidden" { " (simpler words, bigger text)" }
            }
        }
    }
}

/// A "Read aloud" button for the element `target`: hidden until the script finds the browser
/// can speak. Its name is the visible text; the emoji is decoration.
pub fn read_aloud(target: &str, label: &str) -> Markup {
    html! {
        button type="button" class="button button-secondary read-aloud" data-read-aloud=(target) hidden {
            span aria-hidden="true" { "🔊" } " " (label)
        }
    }
}
