//! Pages for invitations: the steward's "Invite people by email" page and the public
//! unsubscribe pages.

use maud::{Markup, html};

use crate::invitations::store::Counts;
use crate::projects::Project;
use crate::surveys::{Status, Survey};
use crate::web::choices::textarea;
use crate::web::forms::{Input, button, csrf_field, error_summary};
use crate::web::{FieldErrors, NavUser, Page};

/// What the invitations page shows.
pub struct InvitationsPage<'a> {
    /// The signed-in steward.
    pub nav: &'a NavUser,
    /// The form token.
    pub csrf: &'a str,
    /// The survey's project.
    pub project: &'a Project,
    /// The survey.
    pub survey: &'a Survey,
    /// Counts so far.
    pub counts: Counts,
    /// The addresses as typed (kept after an error).
    pub addresses: &'a str,
    /// The reminder delay as typed or stored.
    pub reminder_days: &'a str,
    /// The result of the last invitation, if any.
    pub notice: Option<&'a str>,
    /// Problems with either form.
    pub errors: &'a FieldErrors,
}

/// `/surveys/{id}/invitations`.
pub fn invitations_page(p: &InvitationsPage<'_>) -> Markup {
    let id = p.survey.id.0;
    let back = format!("/surveys/{id}");
    let action = format!("/surveys/{id}/invitations");
    let c = p.counts;
    Page::new("Invite people by email")
        .user(Some(p.nav))
        .error(!p.errors.is_empty())
        .back(&back)
        .render(html! {
            (error_summary(p.errors))
            @if let Some(notice) = p.notice {
                div class="notification" role="status" { p class="body" { (notice) } }
            }
            span class="caption" { (p.project.title) " – " (p.survey.title) }
            h1 class="heading-l" { "Invite people by email" }
            p class="body" {
                "Each person gets their own link to the questionnaire and a link to stop emails. "
                @if p.survey.anonymous {
                    "Their answers are not linked to their email address. "
                } @else {
                    "This survey is not anonymous, so each answer is linked to the invitation it came from. "
                }
                "Email addresses are deleted when the survey closes."
            }
            dl class="summary-list" {
                (count_row("Invited", c.invited))
                (count_row("Followed their link", c.used))
                (count_row("Sent a reminder", c.reminded))
                (count_row("Asked for no more emails", c.unsubscribed))
            }
            @if !crate::invitations::accepts_invitations(p.survey) {
                div class="inset" {
                    p class="body" {
                        @if p.survey.status == Status::Draft { "Publish the survey before inviting people." }
                        @else { "This survey is closed, so no one can be invited to it." }
                    }
                }
            }
            form method="post" action=(action) novalidate {
                (csrf_field(p.csrf))
                (textarea("addresses", "Email addresses",
                    Some("One address a line, or separated by commas or semicolons. You can paste the contents of a CSV file: if it has an \"Email\" column, only that column is read. Up to 1,000 at a time. Addresses already invited are skipped."),
                    p.addresses, false, p.errors))
                (button("Send invitations"))
            }
            h2 class="heading-m" { "Reminders" }
            p class="body" { "One reminder goes to people who have not followed their link and have not asked for no more emails." }
            form method="post" action={ (action) "/reminders" } novalidate {
                (csrf_field(p.csrf))
                (Input::new("reminder_days", "Days before the reminder").hint("A whole number from 1 to 60.").value(p.reminder_days).render(p.errors))
                (button("Save reminder setting"))
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

/// `GET /unsubscribe/{token}`: the confirm page.
pub fn unsubscribe_confirm(csrf: &str, token: &str, survey: &Survey) -> Markup {
    Page::new("Stop emails about this questionnaire").render(html! {
        h1 class="heading-l" { "Stop emails about this questionnaire" }
        p class="body" { "You were invited to answer \"" (survey.title) "\". If you stop emails, you will not get a reminder about it." }
        form method="post" action={ "/unsubscribe/" (token) } novalidate {
            (csrf_field(csrf))
            (button("Stop emails"))
        }
    })
}

/// After unsubscribing.
pub fn unsubscribed(survey: &Survey) -> Markup {
    Page::new("You will not get more emails").render(html! {
        h1 class="heading-l" { "You will not get more emails" }
        p class="body" { "We will not send you any more emails about \"" (survey.title) "\"." }
        p class="body" { "You can still answer it with the link in the email you have, while it is open." }
    })
}
