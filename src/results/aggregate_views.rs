//! Breakdown tables (by mode, week and audience, small groups hidden) and the project results
//! page.

use maud::{Markup, html};

use crate::disclosure::{MinGroup, Shown};
use crate::projects::Project;
use crate::results::aggregate_store::QuestionAggregate;
use crate::results::breakdown::Breakdown;
use crate::web::{NavUser, Page, table_region};

fn cell(min: MinGroup, count: Shown<u64>, percent: Shown<f64>) -> String {
    match (count, percent) {
        (Shown::Value(n), Shown::Value(p)) => format!("{n} ({p:.0}%)"),
        (c, _) => min.show(c),
    }
}

fn stat(v: Shown<Option<f64>>) -> String {
    match v {
        Shown::Value(Some(x)) => format!("{x:.1}"),
        Shown::Value(None) => "–".into(),
        Shown::Hidden(_) => "hidden".into(),
    }
}

fn table(prompt: &str, b: &Breakdown, min: MinGroup) -> Markup {
    let label = format!("{}: {}", b.dimension.label(), prompt);
    table_region(
        &label,
        html! {
                table class="table breakdown" data-breakdown=(b.dimension.as_str()) {
                    caption class="caption" { (b.dimension.label()) ": " (prompt) }
                    thead { tr {
                        th scope="col" { "Group" }
                        th scope="col" { "Answered" }
                        @for c in &b.columns { th scope="col" { (c) } }
                        @if b.numeric {
                            th scope="col" { "Mean" }
                            th scope="col" { "Median" }
                        }
                    } }
                    tbody {
                        @for r in &b.rows {
                            tr {
                                th scope="row" { (r.group) }
                                td { (min.show(r.answered)) }
                                @for (count, percent) in &r.cells { td { (cell(min, *count, *percent)) } }
                                @if b.numeric {
                                    td { (stat(r.mean)) }
                                    td { (stat(r.median)) }
                                }
                            }
                        }
                    }
                }
        },
    )
}

/// The breakdowns of every question, with a note on hidden small groups.
pub fn breakdowns(aggregates: &[QuestionAggregate], min: MinGroup) -> Markup {
    html! {
        h2 class="heading-m" id="breakdowns" { "Answers by mode, week and audience" }
        @if min.0 > 1 {
            p class="body" {
                "To protect people in small groups, counts below " (min.0) " show as “" (min.label())
                "”; where a larger count has to be hidden too, so that a small one cannot be worked out from the others, it shows as “" (MinGroup::PROTECTS) "”. Weeks are ISO weeks; the last 8 are shown."
            }
        }
        @for a in aggregates {
            section aria-labelledby={ "b-" (a.key) } {
                h3 class="heading-m" id={ "b-" (a.key) } { (a.prompt) }
                p class="hint" {
                    "Key: " code { (a.key) } " · " (a.kind.label())
                    @if a.surveys > 1 { " · asked in " (a.surveys) " surveys" }
                }
                @for b in &a.breakdowns { (table(&a.prompt, b, min)) }
            }
        }
    }
}

/// `GET /projects/{id}/results`: every survey's questions added up, by audience, mode and week.
pub fn project_page(
    nav: &NavUser,
    project: &Project,
    surveys: usize,
    aggregates: &[QuestionAggregate],
    min: MinGroup,
    banner: Markup,
) -> Markup {
    let title = format!("Results across surveys: {}", project.title);
    let back = format!("/projects/{}", project.id.0);
    let csv = format!("/projects/{}/aggregates.csv", project.id.0);
    Page::new(&title).user(Some(nav)).back(&back).render(html! {
        (banner)
        span class="caption" { (project.title) }
        h1 class="heading-l" { (title) }
        p class="body" {
            "Answers from " (surveys) " " (if surveys == 1 { "survey" } else { "surveys" })
            ". Questions with the same key and type in several surveys are added up together."
        }
        h2 class="heading-m" { "Download" }
        ul class="list" {
            li { a href=(csv) download { "Download these figures as CSV" } }
            li { a href={ (csv) "?bom=1" } download { "Download these figures as CSV for Excel" } }
        }
        @if aggregates.is_empty() {
            p class="body" { "There are no questions yet." }
        } @else {
            (breakdowns(aggregates, min))
        }
    })
}
