//! Safeguarding pages: the banner stewards see on project and results pages, and the review
//! page (the only page that shows a flagged answer's full text).

use maud::{Markup, html};

use crate::projects::{Project, ProjectId};
use crate::safeguarding::model::{
    AuditEntry, FlagId, FlaggedAnswer, banner_text, category_label, review_path,
};
use crate::web::forms::{button, csrf_field};
use crate::web::{NavUser, Page};

/// "N responses may contain a safeguarding concern — review them", or nothing when N is 0.
pub fn banner(project: ProjectId, responses: u64) -> Markup {
    html! {
        @if responses > 0 {
            div class="notification safeguarding-banner" role="region" aria-label="Safeguarding" {
                p class="body" {
                    strong { (banner_text(responses)) }
                    " — "
                    a href=(review_path(project)) { "review them" }
                }
            }
        }
    }
}

/// A note typed on the review form that could not be kept, and for which flag.
pub struct NoteError<'a> {
    pub flag: FlagId,
    pub typed: &'a str,
    pub message: &'a str,
}

fn when(at: &chrono::DateTime<chrono::Utc>) -> String {
    at.format("%-d %b %Y %H:%M").to_string()
}

fn review_form(
    project: ProjectId,
    f: &FlaggedAnswer,
    token: &str,
    error: Option<&NoteError>,
) -> Markup {
    let id = format!("note-{}", f.id.0);
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let err = error.filter(|e| e.flag == f.id);
    let described = match err {
        Some(_) => format!("{hint_id} {error_id}"),
        None => hint_id.clone(),
    };
    html! {
        form method="post" action={ (review_path(project)) "/" (f.id.0) "/review" } novalidate {
            (csrf_field(token))
            div class={ "form-group" @if err.is_some() { " form-group-error" } } {
                label class="label" for=(id) { "Note about what you did (optional)" }
                div class="hint" id=(hint_id) { "For example, who you told. Do not copy the answer here." }
                @if let Some(e) = err {
                    p class="error-message" id=(error_id) { span class="visually-hidden" { "Error: " } (e.message) }
                }
                textarea class={ "textarea" @if err.is_some() { " textarea-error" } } id=(id) name="note" rows="3"
                    aria-describedby=(described) { (err.map(|e| e.typed).unwrap_or_default()) }
            }
            (button("Mark as reviewed"))
        }
    }
}

fn flagged(
    project: ProjectId,
    f: &FlaggedAnswer,
    token: &str,
    error: Option<&NoteError>,
) -> Markup {
    html! {
        section class="flag" aria-labelledby={ "flag-" (f.id.0) } {
            h3 class="heading-m" id={ "flag-" (f.id.0) } {
                (category_label(&f.category))
                " "
                @if f.review.is_some() {
                    strong class="tag tag-green" { "Reviewed" }
                } @else {
                    strong class="tag tag-red" { "Not reviewed" }
                }
            }
            dl class="summary-list" {
                div class="summary-row" { dt class="summary-key" { "Survey" } dd class="summary-value" { (f.survey_title) } }
                div class="summary-row" { dt class="summary-key" { "Question" } dd class="summary-value" { (f.question_prompt) } }
                div class="summary-row" { dt class="summary-key" { "Answer" } dd class="summary-value flag-text" { (f.text) } }
                div class="summary-row" { dt class="summary-key" { "Matched phrase" } dd class="summary-value" { (f.phrase) } }
                div class="summary-row" { dt class="summary-key" { "Response" } dd class="summary-value" { "Response " (f.response_id) ", sent " (when(&f.flagged_at)) } }
                @if let Some(r) = &f.review {
                    div class="summary-row" { dt class="summary-key" { "Reviewed" } dd class="summary-value" { "By " (r.by) " on " (when(&r.at)) } }
                    @if let Some(note) = &r.note {
                        div class="summary-row" { dt class="summary-key" { "Note" } dd class="summary-value" { (note) } }
                    }
                }
            }
            @if f.review.is_none() { (review_form(project, f, token, error)) }
        }
    }
}

/// The review page: unreviewed flags first, then reviewed ones, then the audit log.
pub fn page(
    nav: &NavUser,
    project: &Project,
    flags: &[FlaggedAnswer],
    audit: &[AuditEntry],
    token: &str,
    error: Option<&NoteError>,
) -> Markup {
    let back = format!("/projects/{}", project.id.0);
    let open = flags.iter().filter(|f| f.review.is_none()).count();
    Page::new("Safeguarding concerns")
        .user(Some(nav))
        .back(&back)
        .error(error.is_some())
        .render(html! {
            @if let Some(e) = error {
                div class="error-summary" aria-labelledby="error-summary-title" role="alert" tabindex="-1" autofocus {
                    h2 class="error-summary-title" id="error-summary-title" { "There is a problem" }
                    ul class="error-summary-list" { li { a href={ "#note-" (e.flag.0) } { (e.message) } } }
                }
            }
            span class="caption" { (project.title) }
            h1 class="heading-l" { "Safeguarding concerns" }
            p class="body" {
                "Chorus scans every written answer for words that may disclose harm. Answers listed here are kept out of summaries, quotes and live boards until someone marks them as reviewed. Follow your safeguarding procedure, then mark each one as reviewed."
            }
            @if flags.is_empty() {
                p class="body" { "No answers have been flagged." }
            } @else {
                p class="body" { (open) " not reviewed, " (flags.len() - open) " reviewed." }
                @for f in flags { (flagged(project.id, f, token, error)) }
            }
            h2 class="heading-m" { "Review log" }
            @if audit.is_empty() {
                p class="body" { "Nothing has been reviewed yet." }
            } @else {
                div class="table-wrap" {
                    table class="table" id="audit" {
                        caption class="caption" { "Who reviewed what, newest first" }
                        thead { tr {
                            th scope="col" { "When" }
                            th scope="col" { "Who" }
                            th scope="col" { "What" }
                            th scope="col" { "Note" }
                        } }
                        tbody {
                            @for a in audit {
                                tr {
                                    th scope="row" { (when(&a.at)) }
                                    td { (a.by) }
                                    td { "Marked flag " (a.flag.0) " as " (a.action) }
                                    td { (a.note.as_deref().unwrap_or("")) }
                                }
                            }
                        }
                    }
                }
            }
        })
}
