//! Pages for "Save and come back later": the code to carry on later, typing it in, and the
//! email sent.

use maud::{Markup, html};

use crate::responses::look::Look;
use crate::web::FieldErrors;
use crate::web::forms::{Input, button, csrf_field, error_summary, secondary_button};

/// What the saved page needs.
pub struct Saved<'a> {
    /// The survey's title.
    pub title: &'a str,
    /// The survey's path, `/s/{slug}`.
    pub path: &'a str,
    /// The code, with dashes.
    pub code: &'a str,
    /// When the saved answers are deleted, in words.
    pub expires: &'a str,
    /// The survey's full address, where "Carry on with your code" is.
    pub survey_url: &'a str,
}

/// "Your answers are saved": the code to write down, how long it lasts, and an optional email.
pub fn saved(
    saved: &Saved,
    csrf: &str,
    typed_email: &str,
    errors: &FieldErrors,
    look: Look,
) -> Markup {
    look.page("Your answers are saved")
        .error(!errors.is_empty())
        .render(html! {
            (error_summary(errors))
            div class="panel-confirmation" {
                h1 class="heading-xl" { "Your answers are saved" }
                div class="panel-body" {
                    "Your code to carry on later is" br;
                    strong class="resume-code" { (saved.code) }
                }
            }
            p class="body" { "Write this code down or take a photo of it. You need it to carry on with " (saved.title) "." }
            p class="body" {
                "Your answers are kept until " strong { (saved.expires) } ". "
                "After that they are deleted and the code stops working. They are also deleted when you send your answers."
            }
            h2 class="heading-m" { "How to carry on later" }
            p class="body" {
                "Go to " strong class="break-anywhere" { (saved.survey_url) } " on any phone or computer. "
                "Choose \u{201c}Carry on with your code\u{201d} and type your code."
            }
            p class="body" { "Anyone with the code can see and change your saved answers, so keep it safe." }
            (carry_on_now(saved.path, saved.code, csrf))
            h2 class="heading-m" { "Get the code by email" }
            p class="body" {
                "You do not have to do this. We use the address only to send this one email. "
                "We do not keep it after the email has gone."
            }
            form method="post" action={ (saved.path) "/resume/email" } novalidate {
                (csrf_field(csrf))
                input type="hidden" name="code" value=(saved.code);
                (Input::new("email", "Email address").kind("email").autocomplete("email").value(typed_email).render(errors))
                (button("Email me the code"))
            }
        })
}

/// "Carry on with your answers": type the code to carry on later.
pub fn lookup(action: &str, csrf: &str, typed: &str, errors: &FieldErrors, look: Look) -> Markup {
    look.page("Carry on with your answers")
        .error(!errors.is_empty())
        .render(html! {
            (error_summary(errors))
            h1 class="heading-l" { "Carry on with your answers" }
            p class="body" { "If you saved your answers to come back later, you were given a code to carry on." }
            form method="post" action=(action) novalidate {
                (csrf_field(csrf))
                (Input::new("code", "Your code to carry on later").hint("For example, RSM-7KQ2-M9XD").autocomplete("off").value(typed).render(errors))
                (button("Carry on"))
            }
        })
}

/// A button that brings the answers back into this browser at once.
fn carry_on_now(path: &str, code: &str, csrf: &str) -> Markup {
    html! {
        form method="post" action={ (path) "/resume" } novalidate {
            (csrf_field(csrf))
            input type="hidden" name="code" value=(code);
            (secondary_button("Carry on answering now"))
        }
    }
}

/// "We have sent your code".
pub fn emailed(path: &str, code: &str, csrf: &str, look: Look) -> Markup {
    look.page("We have sent your code").render(html! {
        h1 class="heading-l" { "We have sent your code" }
        p class="body" { "The email should arrive in a few minutes. Check your junk folder if you cannot find it." }
        p class="body" { "We have not kept your email address." }
        (carry_on_now(path, code, csrf))
    })
}
