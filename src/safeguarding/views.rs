//! Safeguarding pages: the banner stewards and leads see on project and results pages, and
//! the flag list with its status and age filters (a GET form that works without JavaScript).
//! The list never shows answer text; each flag's own page does (`flag_views`).

use maud::{Markup, html};

use crate::projects::{Project, ProjectId};
use crate::safeguarding::model::{
    FlagSummary, banner_text, category_label, flag_path, review_path,
};
use crate::safeguarding::review::{AgeFilter, Filters, Outcome, StatusFilter, status_label};
use crate::web::When;
use crate::web::forms::secondary_button;
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

/// A link to the project's safeguarding concerns, for those who may review them.
pub fn project_link(project: ProjectId) -> Markup {
    html! {
        p class="body" { a href=(review_path(project)) { "Safeguarding concerns" } }
    }
}

/// A status tag: red while it waits, amber-ish (blue) when escalated, green or grey after.
pub fn status_tag(outcome: Option<Outcome>) -> Markup {
    let class = match outcome {
        None => "tag tag-red",
        Some(Outcome::Escalated) => "tag",
        Some(Outcome::ActionTaken) => "tag tag-grey",
        Some(Outcome::NoConcern) => "tag tag-green",
    };
    html! { strong class=(class) { (status_label(outcome)) } }
}

fn select(name: &str, label: &str, options: &[(&str, &str)], chosen: &str) -> Markup {
    html! {
        div class="form-group" {
            label class="label" for=(name) { (label) }
            select class="select" id=(name) name=(name) {
                option value="" selected[chosen.is_empty()] { "Any" }
                @for (value, text) in options {
                    option value=(value) selected[chosen == *value] { (text) }
                }
            }
        }
    }
}

fn filters_form(project: ProjectId, filters: &Filters) -> Markup {
    let statuses: Vec<(&str, &str)> = StatusFilter::ALL
        .iter()
        .map(|s| (s.as_str(), s.label()))
        .collect();
    let ages: Vec<(&str, &str)> = AgeFilter::ALL
        .iter()
        .map(|a| (a.as_str(), a.label()))
        .collect();
    html! {
        form method="get" action=(review_path(project)) class="filters" {
            (select("status", "Status", &statuses, filters.status.map_or("", |s| s.as_str())))
            (select("age", "Flagged", &ages, filters.age.map_or("", |a| a.as_str())))
            (secondary_button("Apply filters"))
        }
    }
}

fn table(project: ProjectId, flags: &[&FlagSummary]) -> Markup {
    html! {
        (crate::web::table_region("Flags, newest first", html! {
            table class="table" id="flags" {
                caption class="caption" { "Flags, newest first" }
                thead { tr {
                    th scope="col" { "Flag" }
                    th scope="col" { "Survey" }
                    th scope="col" { "Category" }
                    th scope="col" { "Flagged" }
                    th scope="col" { "Status" }
                } }
                tbody {
                    @for f in flags {
                        tr {
                            td { a href=(flag_path(project, f.id)) { "Flag " (f.id.0) } }
                            td { (f.survey_title) }
                            td { (category_label(&f.category)) }
                            td { (When::moment(f.flagged_at)) }
                            td {
                                (status_tag(f.outcome))
                                @if f.answer_deleted_at.is_some() { " " strong class="tag tag-grey" { "Answer deleted" } }
                            }
                        }
                    }
                }
            }
        }))
    }
}

/// The list of the project's flags, filtered.
pub fn list(
    nav: &NavUser,
    project: &Project,
    flags: &[&FlagSummary],
    total: usize,
    filters: &Filters,
) -> Markup {
    let back = format!("/projects/{}", project.id.0);
    let base = review_path(project.id);
    Page::new("Safeguarding concerns")
        .user(Some(nav))
        .back(&back)
        .render(html! {
            span class="caption" { (project.title) }
            h1 class="heading-l" { "Safeguarding concerns" }
            p class="body" {
                "Chorus scans every written answer for words that may show a child is at risk. Open each flag, follow your safeguarding procedure, then record what you found. An answer stays out of summaries, quotes and live boards unless it is found to be no concern."
            }
            p class="body" {
                a href={ (base) ".csv" } { "Download the flag log (CSV, no answers)" }
                " · "
                a href={ (base) "/settings" } { "Safeguarding settings" }
            }
            (filters_form(project.id, filters))
            @if total == 0 {
                p class="body" { "No answers have been flagged." }
            } @else if flags.is_empty() {
                p class="body" { "No flags match these filters." }
            } @else {
                p class="body" { "Showing " (flags.len()) " of " (total) " flags." }
                (table(project.id, flags))
            }
        })
}
