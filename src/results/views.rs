//! The results page: totals, per-question summaries, the newest responses and CSV links.

use maud::{Markup, html};

use crate::projects::Project;
use crate::results::model::{OptionCount, QuestionSummary, ResponseRow, Summary};
use crate::surveys::{Question, Survey};
use crate::web::{NavUser, Page, table_region};

/// Everything the results page shows.
pub struct ResultsView<'a> {
    pub survey: &'a Survey,
    pub project: &'a Project,
    /// Every question, archived ones included.
    pub questions: &'a [Question],
    pub total: u64,
    pub summaries: &'a [QuestionSummary],
    /// This page of responses, newest first.
    pub rows: &'a [ResponseRow],
    pub page: u64,
    pub pages: u64,
    /// The safeguarding banner (empty when nothing awaits review).
    pub banner: Markup,
    /// Breakdowns by mode, week and audience, small groups hidden.
    pub breakdowns: Markup,
}

fn one_decimal(x: f64) -> String {
    format!("{x:.1}")
}

fn people(n: u64) -> String {
    if n == 1 {
        "1 response".into()
    } else {
        format!("{n} responses")
    }
}

fn counts_table(caption: &str, first: &str, rows: &[OptionCount]) -> Markup {
    html! {
        (table_region(caption, html! {
            table class="table" {
                caption class="caption" { (caption) }
                thead { tr {
                    th scope="col" { (first) }
                    th scope="col" { "Count" }
                    th scope="col" { "Percentage" }
                } }
                tbody {
                    @for r in rows {
                        tr {
                            th scope="row" { (r.label) }
                            td { (r.count) }
                            td { (format!("{:.0}%", r.percent)) }
                        }
                    }
                }
            }
        }))
    }
}

/// One question's summary: a heading (`id="q-{key}"`), then counts, or mean and median.
pub fn summary(s: &QuestionSummary) -> Markup {
    html! {
        section aria-labelledby={ "q-" (s.key) } {
            h3 class="heading-m" id={ "q-" (s.key) } {
                (s.prompt)
                @if s.archived { " " strong class="tag tag-grey" { "Archived" } }
            }
            p class="hint" { "Key: " code { (s.key) } " · " (s.kind.label()) " · answered by " (people(s.answered)) }
            @match &s.summary {
                Summary::Options(rows) => (counts_table(&format!("Answers to: {}", s.prompt), "Answer", rows)),
                Summary::Numbers { mean, median, distribution } => {
                    dl class="summary-list" {
                        div class="summary-row" {
                            dt class="summary-key" { "Mean (average)" }
                            dd class="summary-value" { (mean.map(one_decimal).unwrap_or_else(|| "No answers yet".into())) }
                        }
                        div class="summary-row" {
                            dt class="summary-key" { "Median (middle value)" }
                            dd class="summary-value" { (median.map(one_decimal).unwrap_or_else(|| "No answers yet".into())) }
                        }
                    }
                    (counts_table(&format!("How people answered: {}", s.prompt), "Answer", distribution))
                }
                Summary::Text => p class="body" { (people(s.answered)) " with a written answer." },
            }
        }
    }
}

fn responses_table(view: &ResultsView) -> Markup {
    html! {
        (table_region("Responses", html! {
            table class="table" id="responses" {
                caption class="caption" { "Responses, newest first (page " (view.page) " of " (view.pages) ")" }
                thead { tr {
                    th scope="col" { "Submitted" }
                    th scope="col" { "Mode" }
                    th scope="col" { "Channel" }
                    @for q in view.questions {
                        th scope="col" {
                            (q.def.prompt)
                            @if q.archived { " (archived)" }
                        }
                    }
                } }
                tbody {
                    @for r in view.rows {
                        tr {
                            th scope="row" { (crate::web::When::moment(r.submitted_at)) }
                            td { (r.mode) }
                            td { (r.channel) }
                            @for q in view.questions {
                                td { (r.answers.get(&q.id).map(|a| a.display(q.def.kind)).unwrap_or_default()) }
                            }
                        }
                    }
                }
            }
        }))
    }
}

fn pagination(view: &ResultsView) -> Markup {
    let base = format!("/surveys/{}/results", view.survey.id.0);
    html! {
        @if view.pages > 1 {
            nav class="pagination" aria-label="Pages of responses" {
                ul class="list" {
                    @if view.page > 1 {
                        li { a href={ (base) "?page=" (view.page - 1) } rel="prev" { "Previous page" } }
                    }
                    @if view.page < view.pages {
                        li { a href={ (base) "?page=" (view.page + 1) } rel="next" { "Next page" } }
                    }
                }
            }
        }
    }
}

/// The results page.
pub fn results(nav: &NavUser, view: &ResultsView) -> Markup {
    let title = format!("Results: {}", view.survey.title);
    let back = format!("/projects/{}", view.project.id.0);
    let csv = format!("/surveys/{}/responses.csv", view.survey.id.0);
    let aggregates = format!("/surveys/{}/aggregates.csv", view.survey.id.0);
    Page::new(&title).user(Some(nav)).back(&back).render(html! {
        (view.banner)
        span class="caption" { (view.project.title) }
        h1 class="heading-l" { (title) }
        dl class="summary-list" {
            div class="summary-row" {
                dt class="summary-key" { "Responses" }
                dd class="summary-value" { (view.total) }
            }
            div class="summary-row" {
                dt class="summary-key" { "Status" }
                dd class="summary-value" { (view.survey.status.label()) }
            }
        }
        h2 class="heading-m" { "Download" }
        ul class="list" {
            li { a href=(csv) download { "Download responses as CSV" } }
            li { a href={ (csv) "?bom=1" } download { "Download responses as CSV for Excel" } }
            li { a href=(aggregates) download { "Download figures by mode, week and audience as CSV" } }
            li { a href={ (aggregates) "?bom=1" } download { "Download figures by mode, week and audience as CSV for Excel" } }
        }
        h2 class="heading-m" { "Summary of answers" }
        @if view.summaries.is_empty() {
            p class="body" { "This survey has no questions yet." }
        }
        @for s in view.summaries { (summary(s)) }
        (view.breakdowns)
        h2 class="heading-m" { "Responses" }
        p class="hint" { "Email addresses, phone numbers, postcodes and names are removed from written answers here. Download the CSV for the full answers." }
        @if view.rows.is_empty() {
            p class="body" { "No responses yet." }
        } @else {
            (responses_table(view))
            (pagination(view))
        }
    })
}
