//! Help pages and fragments: the "If you are worried or need help now" panel, what the
//! confirmation page says when an answer worried us, and the steward's local contact form.

use maud::{Markup, html};

use crate::help::model::{ContactInput, LocalContact};
use crate::projects::Project;
use crate::web::forms::{Input, button, csrf_field, error_summary};
use crate::web::{FieldErrors, NavUser, Page};

/// The heading of the help panel, the same in every wording.
pub const HEADING: &str = "If you are worried or need help now";

/// The help panel: Childline, 999 and the project's local contact when one is set. A page
/// shows it once (in the footer, or in the main content of the confirmation page).
pub fn panel(contact: Option<&LocalContact>, easy_read: bool) -> Markup {
    html! {
        section class="help-panel" aria-labelledby="help-heading" {
            h2 class="heading-m help-heading" id="help-heading" { (HEADING) }
            p class="body" { "You can talk to someone now." }
            ul class="help-list" {
                li {
                    strong { "Childline" } " – call "
                    a class="help-tel" href="tel:08001111" { "0800 1111" }
                    @if easy_read { ". It is free. You can call any time, day or night." }
                    @else { ". It is free and open 24 hours a day, every day." }
                }
                li {
                    @if easy_read { "If you are in danger now, call " }
                    @else { "In an emergency, or if you are in danger now, call " }
                    a class="help-tel" href="tel:999" { "999" } "."
                }
                @if let Some(c) = contact {
                    li class="help-local" {
                        strong { (c.name) } " – call "
                        a class="help-tel" href=(c.phone.href()) { (c.phone.shown()) }
                        @if easy_read { ". They answer: " (c.hours) "." } @else { " (" (c.hours) ")." }
                    }
                }
            }
        }
    }
}

/// What the confirmation page says, kindly, when the scanner flagged an answer: who reads it
/// (identified surveys), or that nobody can contact the person because we do not know who they
/// are (anonymous ones). The help panel follows it.
pub fn told(anonymous: bool, easy_read: bool) -> Markup {
    html! {
        div class="help-told" {
            h2 class="heading-m" { "Thank you for telling us" }
            @match (anonymous, easy_read) {
                (true, false) => {
                    p class="body" { "Some of what you wrote made us worried about you or someone else." }
                    p class="body" { "Someone whose job is keeping children safe will read it and use it to help keep children safe." }
                    p class="body" { strong { "We do not know who you are, so nobody can contact you about it." } }
                    p class="body" { "If you are worried or need help now, you can talk to an adult you trust, or contact someone below." }
                }
                (true, true) => {
                    p class="body" { "What you wrote made us worried." }
                    p class="body" { "We do not know who you are." }
                    p class="body" { strong { "So we cannot contact you." } }
                    p class="body" { "You can get help now. You can talk to an adult you trust. Or call someone below." }
                }
                (false, false) => {
                    p class="body" { "Some of what you wrote made us worried about you or someone else." }
                    p class="body" { strong { "What you wrote has been passed to someone whose job is keeping children safe." } }
                    p class="body" { "They may get in touch to check everyone is safe. If you are worried or need help now, contact someone below." }
                }
                (false, true) => {
                    p class="body" { "What you wrote made us worried." }
                    p class="body" { strong { "We have told someone whose job is keeping children safe." } }
                    p class="body" { "They may talk to you about it. You can get help now. Call someone below." }
                }
            }
        }
    }
}

/// The steward's page for the project's local help contact.
pub fn form(
    nav: &NavUser,
    csrf: &str,
    project: &Project,
    typed: &ContactInput,
    errors: &FieldErrors,
) -> Markup {
    let id = project.id.0;
    let back = format!("/projects/{id}");
    let title = "Help for children and families";
    Page::new(title)
        .user(Some(nav))
        .error(!errors.is_empty())
        .back(&back)
        .render(html! {
            (error_summary(errors))
            span class="caption" { (project.title) }
            h1 class="heading-l" { (title) }
            p class="body" {
                "Every survey for children or families shows a box headed \u{201c}" (HEADING)
                "\u{201d} on every page and after the answers are sent. It always shows Childline (0800 1111) and 999."
            }
            p class="body" {
                "You can add a local service too, such as your family hub or early help team. "
                "Leave all three boxes empty to show only Childline and 999."
            }
            form method="post" action={ "/projects/" (id) "/help" } novalidate {
                (csrf_field(csrf))
                (Input::new("name", "Name of the local service").optional()
                    .hint("For example, Riverside Family Hub").value(&typed.name).render(errors))
                (Input::new("phone", "Phone number").optional().kind("tel").autocomplete("off")
                    .hint("For example, 01632 960 001").value(&typed.phone).render(errors))
                (Input::new("hours", "When the phone is answered").optional()
                    .hint("For example, Monday to Friday, 9am to 5pm").value(&typed.hours).render(errors))
                (button("Save help contact"))
            }
            h2 class="heading-m" { "What children and families will see" }
            (panel(LocalContact::parse(typed).ok().flatten().as_ref(), false))
        })
}
