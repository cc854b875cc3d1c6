//! The administrators' mail page: where mail goes, how much is waiting, and what failed.

use maud::{Markup, html};

use crate::mail::model::{QueuedMessage, StatusCounts, domain_of};
use crate::mail::transport::TransportInfo;
use crate::web::forms::{button, csrf_field};
use crate::web::{NavUser, Page};

/// Everything the mail page shows.
pub struct MailPage<'a> {
    /// Where messages go.
    pub transport: &'a TransportInfo,
    /// Messages by status.
    pub counts: StatusCounts,
    /// Failed messages, newest first.
    pub failed: &'a [QueuedMessage],
    /// A confirmation after an action, if any.
    pub notice: Option<&'a str>,
    /// The signed-in administrator's address (for the test message).
    pub my_email: &'a str,
}

/// The `/admin/mail` page.
pub fn mail_page(nav: &NavUser, page: &MailPage<'_>) -> Markup {
    Page::new("Mail").user(Some(nav)).render(html! {
        h1 class="heading-l" { "Mail" }
        @if let Some(notice) = page.notice {
            div class="notification" role="status" { p class="body" { (notice) } }
        }
        h2 class="heading-m" { "How Chorus sends mail" }
        @match page.transport {
            TransportInfo::Smtp(server) => {
                p class="body" { "Through the mail server " strong { (server) } "." }
            }
            TransportInfo::Files(dir) => {
                div class="inset" {
                    p class="body" { "No mail server is set up, so no email leaves Chorus." }
                    p class="body" {
                        "Each message is written as a file in " code { (dir.display()) }
                        ". To send real email, set CHORUS_SMTP_URL and restart Chorus."
                    }
                }
            }
        }
        h2 class="heading-m" { "Messages" }
        dl class="summary-list" {
            (count_row("Waiting to be sent", page.counts.pending))
            (count_row("Being sent now", page.counts.sending))
            (count_row("Sent", page.counts.sent))
            (count_row("Failed", page.counts.failed))
        }
        h2 class="heading-m" { "Failed messages" }
        @if page.failed.is_empty() {
            p class="body" { "No messages have failed." }
        } @else {
            p class="body" { "Chorus stopped trying to send these. Check the problem, then send them again." }
            (crate::web::table_region("Messages Chorus could not send", html! {
                table class="table" {
                    caption class="visually-hidden" { "Messages Chorus could not send" }
                    thead { tr {
                        th scope="col" { "To" }
                        th scope="col" { "Subject" }
                        th scope="col" { "Queued (UTC)" }
                        th scope="col" { "Attempts" }
                        th scope="col" { "Problem" }
                        th scope="col" { "Action" }
                    } }
                    tbody {
                        @for m in page.failed {
                            tr {
                                td { "someone at " (domain_of(&m.to)) }
                                td { (m.subject) }
                                td { (crate::web::When::moment(m.created_at)) }
                                td { (m.attempts) }
                                td { (m.last_error.map_or("Unknown", |e| e.describe())) }
                                td {
                                    form method="post" action={ "/admin/mail/" (m.id.0) "/resend" } class="inline-form" {
                                        (csrf_field(&nav.csrf))
                                        button type="submit" class="button button-secondary" {
                                            "Resend" span class="visually-hidden" { " “" (m.subject) "”" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }))
        }
        h2 class="heading-m" { "Check that mail works" }
        p class="body" { "Chorus will send a short test message to your own address, " (page.my_email) "." }
        form method="post" action="/admin/mail/test" {
            (csrf_field(&nav.csrf))
            (button("Send a test message to me"))
        }
    })
}

fn count_row(label: &str, n: u64) -> Markup {
    html! {
        div class="summary-row" {
            dt class="summary-key" { (label) }
            dd class="summary-value" { (n) }
        }
    }
}
