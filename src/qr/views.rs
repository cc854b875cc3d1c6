//! The printable poster: the survey's title, a call to action, its QR code and short link.

use maud::{Markup, PreEscaped, html};

use crate::surveys::Survey;
use crate::web::{NavUser, Page};

/// The printable poster: title, call to action, the QR code and the short link.
pub fn poster(nav: &NavUser, survey: &Survey, qr_svg: &str, link: &str) -> Markup {
    let back = format!("/surveys/{}", survey.id.0);
    Page::new(&format!("Poster: {}", survey.title))
        .user(Some(nav))
        .back(&back)
        .render(html! {
            div class="poster" {
                h1 class="heading-xl" { (survey.title) }
                p class="lead" { "We want to hear from you. Scan the code with your phone's camera to tell us what you think." }
                div class="poster-qr" { (PreEscaped(qr_svg)) }
                p class="lead" { "Or type this link:" }
                p class="poster-link" { (link) }
                p class="body" { "No account needed. You can stop at any time." }
            }
            p class="body no-print" { "Use your browser's Print command to print this poster." }
        })
}
