//! Live boards (counts, summaries and the newest responses, refreshed by a small script) and
//! the practitioners' "My feedback forms" page.

use maud::{Markup, html};

use crate::live::store::OwnSubmission;
use crate::projects::Project;
use crate::results::{QuestionSummary, ResponseRow, summary_section};
use crate::surveys::{Question, Survey};
use crate::web::When;
use crate::web::{NavUser, Page, assets};

/// What one survey's part of a board shows.
pub struct SurveyBoard {
    pub survey: Survey,
    pub questions: Vec<Question>,
    pub total: u64,
    /// Per-question summaries (survey boards only; empty on project boards).
    pub summaries: Vec<QuestionSummary>,
    /// The newest responses, newest first.
    pub newest: Vec<ResponseRow>,
}

/// Where a board's page, fragment and event stream live.
pub struct BoardLinks {
    /// The board page itself (the no-script "Refresh" link).
    pub page: String,
    pub fragment: String,
    pub events: String,
    pub back: String,
}

fn newest(board: &SurveyBoard) -> Markup {
    html! {
        @if board.newest.is_empty() {
            p class="body" { "No responses yet." }
        } @else {
            ol class="list live-newest" {
                @for r in &board.newest {
                    li {
                        p class="body" { strong { (When::moment(r.submitted_at)) } " · " (r.channel) }
                        dl class="summary-list" {
                            @for q in &board.questions {
                                @if let Some(a) = r.answers.get(&q.id) {
                                    div class="summary-row" {
                                        dt class="summary-key" { (q.def.prompt) }
                                        dd class="summary-value" {
                                            (a.display(q.def.kind))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn section(board: &SurveyBoard, link: bool) -> Markup {
    let heading = format!("live-{}", board.survey.id.0);
    html! {
        section aria-labelledby=(heading) {
            h2 class="heading-m" id=(heading) {
                @if link {
                    a href={ "/surveys/" (board.survey.id.0) "/live" } { (board.survey.title) }
                } @else {
                    (board.survey.title)
                }
            }
            dl class="summary-list" {
                div class="summary-row" {
                    dt class="summary-key" { "Responses" }
                    dd class="summary-value live-count" { (board.total) }
                }
                div class="summary-row" {
                    dt class="summary-key" { "Latest" }
                    dd class="summary-value" {
                        (board.newest.first().map(|r| When::moment(r.submitted_at).to_string()).unwrap_or_else(|| "None yet".into()))
                    }
                }
            }
            @if !board.summaries.is_empty() {
                h3 class="heading-m" { "Summary of answers" }
                @for s in &board.summaries { (summary_section(s)) }
            }
            h3 class="heading-m" { "Newest responses" }
            (newest(board))
        }
    }
}

/// The replaceable part of a board (also served alone as the fragment), with the safeguarding
/// banner on top so it appears as soon as a flag is raised.
pub fn fragment(boards: &[SurveyBoard], link_each: bool, banner: Markup) -> Markup {
    html! {
        (banner)
        @if boards.is_empty() {
            p class="body" { "There are no open or closed surveys here yet." }
        }
        @for b in boards { (section(b, link_each)) }
    }
}

/// A whole board page: heading, the polite live region, the refresh link and the fragment.
pub fn board(
    nav: &NavUser,
    project: &Project,
    title: &str,
    links: &BoardLinks,
    content: Markup,
) -> Markup {
    Page::new(title)
        .user(Some(nav))
        .back(&links.back)
        .script(assets::live_script_url())
        .render(html! {
            span class="caption" { (project.title) }
            h1 class="heading-l" { (title) }
            p class="body" {
                "This page shows new responses as they arrive. "
                a href=(links.page) { "Refresh" } " to see the latest figures."
            }
            div id="live-status" class="visually-hidden" role="status" aria-live="polite" {}
            div id="live-board" data-events=(links.events) data-fragment=(links.fragment) {
                (content)
            }
        })
}

/// One open feedback form on the "My feedback forms" page.
pub struct FormLink {
    pub title: String,
    pub path: String,
}

/// One of the person's projects on the "My feedback forms" page.
pub struct ProjectForms {
    pub project: Project,
    pub forms: Vec<FormLink>,
}

/// "My feedback forms": open forms of the person's projects, their own recent submissions and
/// links to each team's live board.
pub fn feedback(nav: &NavUser, projects: &[ProjectForms], own: &[OwnSubmission]) -> Markup {
    Page::new("My feedback forms").user(Some(nav)).render(html! {
        h1 class="heading-l" { "My feedback forms" }
        @if projects.iter().all(|p| p.forms.is_empty()) {
            p class="body" { "None of your projects has an open feedback form right now." }
        }
        @for p in projects {
            @if !p.forms.is_empty() {
                section aria-labelledby={ "project-" (p.project.id.0) } {
                    h2 class="heading-m" id={ "project-" (p.project.id.0) } { (p.project.title) }
                    ul class="list feedback-forms" {
                        @for f in &p.forms {
                            li { a class="button feedback-form" href=(f.path) { (f.title) } }
                        }
                    }
                    p class="body" {
                        a href={ "/projects/" (p.project.id.0) "/live" } { "See your team's live board" span class="visually-hidden" { " for " (p.project.title) } }
                    }
                }
            }
        }
        h2 class="heading-m" { "Your recent feedback" }
        @if own.is_empty() {
            p class="body" { "You have not given named feedback yet. Feedback on anonymous forms is not listed here." }
        } @else {
            ul class="list" {
                @for s in own {
                    li { (s.survey_title) " – " (When::moment(s.submitted_at)) }
                }
            }
            p class="hint" { "Feedback on anonymous forms is not listed here." }
        }
    })
}
