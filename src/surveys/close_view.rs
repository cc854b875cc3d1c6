//! "Close this survey?": what closing does, said before it is done (answers stop, answers are
//! kept, invited people's addresses are deleted and do not come back on reopening).

use maud::{Markup, html};

use crate::surveys::model::Survey;
use crate::web::forms::csrf_field;
use crate::web::{NavUser, Page};

/// The confirmation page; `addresses` is how many invited people's email addresses are kept.
pub fn close_confirm(nav: &NavUser, csrf: &str, survey: &Survey, addresses: u64) -> Markup {
    let id = survey.id.0;
    let back = format!("/surveys/{id}");
    Page::new(&format!("Close {}?", survey.title))
        .user(Some(nav))
        .back(&back)
        .render(html! {
            span class="caption" { (survey.title) }
            h1 class="heading-l" { "Close this survey?" }
            p class="body" { "If you close it:" }
            ul class="list" {
                li { "nobody can answer it any more: its link and QR code say it is closed" }
                li { "every answer already sent is kept, with its results and downloads" }
                @if addresses > 0 {
                    li {
                        strong { "the email addresses of the " (addresses) " people you invited are deleted" }
                        ", and no more reminders go to them"
                    }
                } @else {
                    li { "no reminders go out (nobody invited by email has an address kept)" }
                }
            }
            p class="body" {
                "You can open it again later, and people can answer again. "
                @if addresses > 0 {
                    "The deleted email addresses do not come back: to remind people, invite them again."
                }
            }
            form method="post" action={ "/surveys/" (id) "/close" } {
                (csrf_field(csrf))
                button type="submit" class="button button-warning" { "Yes, close the survey" }
            }
            p class="body" { a href=(back) { "No, keep it open" } }
        })
}
