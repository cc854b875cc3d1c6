//! The update pages: the steward's editor (draft, preview, publish) and the public page in
//! plain words or easy read, with the sign-up for emails and the unsubscribe pages.

use maud::{Markup, PreEscaped, html};

use crate::projects::Project;
use crate::updates::model::{HEADINGS, RawSubscribe, Sections};
use crate::updates::store::UpdatePage;
use crate::web::choices::textarea;
use crate::web::forms::{button, csrf_field, error_summary};
use crate::web::{FieldErrors, NavUser, Page, When};

/// What the steward's page needs.
pub struct EditorData<'a> {
    pub project: &'a Project,
    pub page: &'a UpdatePage,
    pub typed: &'a Sections,
    pub errors: &'a FieldErrors,
    pub csrf: &'a str,
    /// The public address and its QR code, once published.
    pub link: Option<(String, Option<String>)>,
    pub subscribers: usize,
}

/// Shows the sections as paragraphs (each line its own).
pub fn sections(s: &Sections, easy: bool) -> Markup {
    html! {
        @for (field, heading) in HEADINGS {
            @let text = s.get(field, easy);
            @if !text.trim().is_empty() {
                h2 class="heading-m" { (heading) }
                div id={ "section-" (field) } {
                    @for line in text.lines().filter(|l| !l.trim().is_empty()) {
                        p class="body" { (line) }
                    }
                }
            }
        }
    }
}

/// `/projects/{id}/updates`
pub fn editor(nav: &NavUser, d: &EditorData<'_>) -> Markup {
    let id = d.project.id.0;
    let base = format!("/projects/{id}/updates");
    Page::new("You said, we did")
        .user(Some(nav))
        .back(&format!("/projects/{id}"))
        .render(html! {
            (error_summary(d.errors))
            span class="caption" { (d.project.title) }
            h1 class="heading-l" { "You said, we did" }
            p class="body" { "A public page that tells people, in plain words, what they told us, what we decided, what we are trying and what we learned. Nobody sees it until you publish it." }
            @match (&d.link, d.page.is_public) {
                (Some((link, qr)), true) => {
                    p class="body" id="update-link" { "It is public at " a href=(link) { (link) } }
                    @if let Some(svg) = qr { div class="poster-qr" { (PreEscaped(svg)) } }
                    form method="post" action={ (base) "/unpublish" } { (csrf_field(d.csrf)) button type="submit" class="button button-secondary" { "Take the page down" } }
                }
                _ => { p class="body" id="update-link" { "It is not public." } }
            }
            p class="body" id="update-subscribers" { (d.subscribers) " people asked for an email when it changes." }
            form method="post" action={ (base) "/draft" } {
                (csrf_field(d.csrf))
                p class="body" { "This replaces the text below with what we have now: themes (small numbers hidden), decisions and ideas." }
                button type="submit" class="button button-secondary" { "Make a draft from what we have" }
            }
            form method="post" action=(base) novalidate {
                (csrf_field(d.csrf))
                @for (field, heading) in HEADINGS {
                    (textarea(field, heading, None, d.typed.get(field, false), true, d.errors))
                    (textarea(&format!("{field}_easy"), &format!("{heading} (easy read)"), Some("Short sentences and words a child knows."), d.typed.get(field, true), true, d.errors))
                }
                (button("Save draft"))
            }
            h2 class="heading-l" { "Preview of the draft" }
            div id="update-preview" { (sections(&d.page.draft, false)) }
            form method="post" action={ (base) "/publish" } {
                (csrf_field(d.csrf))
                p class="body" { "Publishing shows the saved draft to everyone and emails people who asked, if it changed." }
                (button("Publish"))
            }
        })
}

/// `/u/{slug}`: the published page.
pub fn public(
    project: &Project,
    s: &Sections,
    at: Option<chrono::DateTime<chrono::Utc>>,
    easy: bool,
    sign_up: &Markup,
) -> Markup {
    Page::new("You said, we did").easy_read(easy).render(html! {
        span class="caption" { (project.title) }
        h1 class="heading-l" { "You said, we did" }
        @if let Some(at) = at { p class="body" { "Last changed " (When::day(at)) } }
        @if easy {
            p class="body" { a href="?" { "Read the full version" } }
        } @else {
            p class="body" { a href="?easy_read=yes" { "Read the easy-read version" } }
        }
        div id="update-text" { (sections(s, easy)) }
        (sign_up)
    })
}

/// The sign-up form (on the public page, and again with errors).
pub fn sign_up(slug: &str, csrf: &str, typed: &RawSubscribe, errors: &FieldErrors) -> Markup {
    let email_error = errors.get("email");
    let consent_error = errors.get("consent");
    html! {
        h2 class="heading-m" id="sign-up" { "Get an email when this changes" }
        (error_summary(errors))
        form method="post" action={ "/u/" (slug) "/subscribe" } novalidate {
            (csrf_field(csrf))
            div class={ "form-group" @if email_error.is_some() { " form-group-error" } } {
                label class="label" for="email" { "Email address" }
                div class="hint" id="email-hint" { "We only use it to tell you when this page changes. We keep nothing else about you." }
                @if let Some(e) = email_error { p class="error-message" id="email-error" { span class="visually-hidden" { "Error: " } (e) } }
                input class="input" id="email" name="email" type="email" autocomplete="email" spellcheck="false" value=(typed.email) aria-describedby="email-hint";
            }
            div class={ "form-group" @if consent_error.is_some() { " form-group-error" } } {
                @if let Some(e) = consent_error { p class="error-message" id="consent-error" { span class="visually-hidden" { "Error: " } (e) } }
                div class="checkbox" {
                    input class="checkbox-input" id="consent" name="consent" type="checkbox" value="yes" checked[typed.consent == "yes"];
                    label class="checkbox-label" for="consent" { "Yes, you may email me when this page changes. I can stop at any time." }
                }
            }
            div class="visually-hidden" aria-hidden="true" {
                label for="website" { "Leave this empty" }
                input id="website" name="website" type="text" tabindex="-1" autocomplete="off";
            }
            (button("Get emails"))
        }
    }
}

/// A short public message page (thanks, unsubscribe, too many tries).
pub fn message(title: &str, body: &str, form: Option<Markup>) -> Markup {
    Page::new(title).render(html! {
        h1 class="heading-l" { (title) }
        p class="body" { (body) }
        @if let Some(f) = form { (f) }
    })
}
