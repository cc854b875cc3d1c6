//! One flag's page: what matched, the whole response with the flagged answer marked (the only
//! page that shows answer text), the review form as GOV.UK radios, and the audit trail.

use maud::{Markup, html};

use crate::fields::FieldErrors;
use crate::projects::Project;
use crate::safeguarding::model::{FlagDetail, audit_label, category_label, flag_path, review_path};
use crate::safeguarding::review::{Outcome, ReviewInput};
use crate::safeguarding::views::status_tag;
use crate::web::When;
use crate::web::choices::{Choice, radios, textarea};
use crate::web::forms::{button, csrf_field, error_summary};
use crate::web::{NavUser, Page};

fn outcome_hint(o: Outcome) -> &'static str {
    match o {
        Outcome::ActionTaken => {
            "You followed your safeguarding procedure. Say what you did in the note. The answer stays out of shared views."
        }
        Outcome::NoConcern => {
            "Nothing to act on. The answer can appear in summaries, quotes and live boards."
        }
        Outcome::Escalated => {
            "The backup contact and the administrators are told. The answer stays out of shared views."
        }
    }
}

fn context(d: &FlagDetail) -> Markup {
    html! {
        h2 class="heading-m" { "The answer in context" }
        @if let Some(at) = d.summary.answer_deleted_at {
            div class="inset" { p class="body" { "The person who wrote this deleted it on " (When::moment(at)) "." } }
        } @else if d.context.is_empty() {
            p class="body" { "This response can no longer be found." }
        } @else {
            dl class="summary-list" id="response" {
                @for row in &d.context {
                    div class={ "summary-row" @if row.flagged { " flagged-row" } } {
                        dt class="summary-key" {
                            (row.prompt)
                            @if row.flagged { " " strong class="tag tag-red" { "Flagged" } }
                        }
                        dd class={ "summary-value" @if row.flagged { " flag-text" } } {
                            @if row.flagged { mark { (row.answer) } } @else { (row.answer) }
                        }
                    }
                }
            }
        }
    }
}

fn audit(d: &FlagDetail) -> Markup {
    html! {
        h2 class="heading-m" { "What has happened" }
        @if d.audit.is_empty() {
            p class="body" { "Nobody has reviewed this flag yet." }
        } @else {
            (crate::web::table_region("Who did what, oldest first", html! {
                table class="table" id="audit" {
                    caption class="caption" { "Who did what, oldest first" }
                    thead { tr {
                        th scope="col" { "When" }
                        th scope="col" { "Who" }
                        th scope="col" { "What" }
                        th scope="col" { "Note" }
                    } }
                    tbody {
                        @for a in &d.audit {
                            tr {
                                th scope="row" { (When::moment(a.at)) }
                                td { (a.by.as_deref().unwrap_or("The person who wrote it")) }
                                td { (audit_label(&a.action)) }
                                td { (a.note.as_deref().unwrap_or("")) }
                            }
                        }
                    }
                }
            }))
        }
    }
}

fn review_form(
    project: &Project,
    d: &FlagDetail,
    csrf: &str,
    typed: &ReviewInput,
    errors: &FieldErrors,
) -> Markup {
    let choices: Vec<Choice<'_>> = Outcome::ALL
        .iter()
        .map(|o| (o.as_str(), o.label(), Some(outcome_hint(*o))))
        .collect();
    let heading = if d.summary.outcome.is_some() {
        "Review it again"
    } else {
        "Review this flag"
    };
    html! {
        h2 class="heading-m" { (heading) }
        form method="post" action={ (flag_path(project.id, d.summary.id)) "/review" } novalidate {
            (csrf_field(csrf))
            (radios("outcome", "What did you find?", None, &choices, &typed.outcome, errors))
            (textarea("note", "Note", Some("Required for \"Concern — action taken\": who you told and what you did. Do not copy the answer here."), &typed.note, false, errors))
            (button("Save review"))
        }
    }
}

/// The flag page.
pub fn page(
    nav: &NavUser,
    project: &Project,
    d: &FlagDetail,
    csrf: &str,
    typed: &ReviewInput,
    errors: &FieldErrors,
) -> Markup {
    let back = review_path(project.id);
    let title = format!("Flag {}", d.summary.id.0);
    let s = &d.summary;
    Page::new(&title)
        .user(Some(nav))
        .back(&back)
        .error(!errors.is_empty())
        .render(html! {
            (error_summary(errors))
            span class="caption" { (project.title) }
            h1 class="heading-l" { (title) " " (status_tag(s.outcome)) }
            dl class="summary-list" id="flag" {
                div class="summary-row" { dt class="summary-key" { "Category" } dd class="summary-value" { (category_label(&s.category)) } }
                div class="summary-row" { dt class="summary-key" { "Why it was flagged" } dd class="summary-value" { (s.phrase) } }
                div class="summary-row" { dt class="summary-key" { "Survey" } dd class="summary-value" { (s.survey_title) } }
                div class="summary-row" { dt class="summary-key" { "Flagged" } dd class="summary-value" { (When::moment(s.flagged_at)) } }
                @if let Some((by, at)) = &s.reviewed {
                    div class="summary-row" { dt class="summary-key" { "Last reviewed" } dd class="summary-value" { "By " (by) " on " (When::moment(*at)) } }
                }
            }
            (context(d))
            (review_form(project, d, csrf, typed, errors))
            (audit(d))
        })
}
