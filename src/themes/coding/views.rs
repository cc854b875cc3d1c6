//! Coding pages: text answers with their themes and sources (add or remove a theme), and the
//! queue of learned suggestions with Accept and Reject buttons.

use std::collections::HashMap;

use maud::{Markup, html};

use crate::projects::Project;
use crate::themes::coding::store::{Coding, TextAnswer};
use crate::themes::model::{
    AnswerId, CodingFact, CodingStatus, Source, Theme, ThemeId, ThemeStatus, applied_themes,
};
use crate::web::forms::csrf_field;
use crate::web::{NavUser, Page};

/// Everything the coding page shows.
pub struct CodingPage<'a> {
    pub project: &'a Project,
    pub csrf: &'a str,
    pub answers: &'a [TextAnswer],
    pub questions: &'a HashMap<i64, (String, String, bool)>,
    pub codings: &'a HashMap<AnswerId, Vec<Coding>>,
    pub themes: &'a [Theme],
    /// The page number, from 1.
    pub page: u64,
    pub more: bool,
    pub running: bool,
    pub model: Option<(chrono::DateTime<chrono::Utc>, i32)>,
}

fn running_notice(running: bool) -> Markup {
    html! {
        @if running {
            p class="notification" role="status" { "Automatic coding is running. Refresh the page in a moment to see its results." }
        }
    }
}

fn percent(p: f64) -> String {
    format!("{:.0}%", (p * 100.0).clamp(0.0, 100.0))
}

/// The coding page.
pub fn page(nav: &NavUser, v: &CodingPage<'_>) -> Markup {
    let id = v.project.id.0;
    let back = format!("/projects/{id}");
    let names: HashMap<ThemeId, &str> = v.themes.iter().map(|t| (t.id, t.name.as_str())).collect();
    let active: Vec<&Theme> = v
        .themes
        .iter()
        .filter(|t| t.status == ThemeStatus::Active)
        .collect();
    Page::new("Coding").user(Some(nav)).back(&back).render(html! {
        span class="caption" { (v.project.title) }
        h1 class="heading-l" { "Coding" }
        p class="body" {
            a href={ "/projects/" (id) "/themes" } { "Themes" } " · "
            a href={ "/projects/" (id) "/coding/queue" } { "Check suggested codings" }
        }
        (running_notice(v.running))
        p class="body hint" {
            @match v.model {
                Some((at, n)) => { "The learned coder was last trained on " (n) " answers you coded, on " (crate::web::When::moment(at)) "." }
                None => { "The learned coder starts suggesting themes once you have coded at least 10 answers." }
            }
        }
        @if v.answers.is_empty() {
            p class="body" { "There are no text answers on this page." }
        }
        @for a in v.answers {
            @let cs = v.codings.get(&a.id).map(Vec::as_slice).unwrap_or(&[]);
            @let facts: Vec<CodingFact> = cs.iter().map(Coding::fact).collect();
            @let applied = applied_themes(&facts);
            @let q = v.questions.get(&a.question);
            section class="inset" id={ "answer-" (a.id.0) } aria-labelledby={ "answer-" (a.id.0) "-q" } {
                h2 class="caption" id={ "answer-" (a.id.0) "-q" } {
                    (q.map(|q| q.1.as_str()).unwrap_or("")) ": " (q.map(|q| q.0.as_str()).unwrap_or(""))
                    @if q.is_some_and(|q| q.2) { " (\"Other\" answer)" }
                }
                blockquote class="body" { (a.text) }
                ul class="list answer-themes" {
                    @for t in &applied {
                        @let sources: Vec<&str> = cs.iter().filter(|c| c.theme == *t && c.status == CodingStatus::Accepted).map(|c| c.source.label()).collect();
                        li {
                            strong { (names.get(t).copied().unwrap_or("")) } " (" (sources.join(", ")) ") "
                            form method="post" action={ "/projects/" (id) "/coding/" (a.id.0) "/remove" } class="inline-form" {
                                (csrf_field(v.csrf))
                                input type="hidden" name="theme" value=(t.0);
                                input type="hidden" name="page" value=(v.page);
                                button type="submit" class="button button-secondary" {
                                    "Remove" span class="visually-hidden" { " " (names.get(t).copied().unwrap_or("")) " from this answer" }
                                }
                            }
                        }
                    }
                    @for c in cs.iter().filter(|c| c.source == Source::Learned && c.status == CodingStatus::Suggested) {
                        li { "Suggested: " (names.get(&c.theme).copied().unwrap_or("")) " (learned coder, " (percent(c.confidence)) " confident)" }
                    }
                }
                @if !active.is_empty() {
                    form method="post" action={ "/projects/" (id) "/coding/" (a.id.0) "/add" } class="inline-form" {
                        (csrf_field(v.csrf))
                        input type="hidden" name="page" value=(v.page);
                        label class="label" for={ "theme-" (a.id.0) } { "Add a theme" }
                        select class="select" id={ "theme-" (a.id.0) } name="theme" {
                            @for t in &active { option value=(t.id.0) { (t.name) } }
                        }
                        " "
                        button type="submit" class="button button-secondary" { "Add" span class="visually-hidden" { " a theme to this answer" } }
                    }
                }
            }
        }
        nav class="body pagination" aria-label="Pages" {
            @if v.page > 1 { a href={ "/projects/" (id) "/coding?page=" (v.page - 1) } { "Newer answers" } " " }
            @if v.more { a href={ "/projects/" (id) "/coding?page=" (v.page + 1) } { "Older answers" } }
        }
    })
}

/// The queue of learned suggestions, most uncertain first.
pub fn queue(
    nav: &NavUser,
    csrf: &str,
    project: &Project,
    items: &[Coding],
    texts: &HashMap<AnswerId, (String, String)>,
    themes: &HashMap<ThemeId, String>,
    running: bool,
) -> Markup {
    let id = project.id.0;
    let back = format!("/projects/{id}/coding");
    Page::new("Suggested codings").user(Some(nav)).back(&back).render(html! {
        span class="caption" { (project.title) }
        h1 class="heading-l" { "Suggested codings" }
        p class="body" { "The learned coder proposes these themes. The ones it is least sure about come first: your answer teaches it the most." }
        (running_notice(running))
        @if items.is_empty() {
            p class="body" { "There are no suggestions to check." }
        }
        @for c in items {
            @let (text, prompt) = texts.get(&c.answer).cloned().unwrap_or_default();
            @let name = themes.get(&c.theme).cloned().unwrap_or_default();
            section class="inset" aria-labelledby={ "suggestion-" (c.id.0) } {
                h2 class="heading-s" id={ "suggestion-" (c.id.0) } { (name) " (" (percent(c.confidence)) " confident)" }
                p class="caption" { (prompt) }
                blockquote class="body" { (text) }
                form method="post" action={ "/projects/" (id) "/coding/queue/" (c.id.0) "/accept" } class="inline-form" {
                    (csrf_field(csrf))
                    button type="submit" class="button" { "Accept" span class="visually-hidden" { " " (name) } }
                }
                form method="post" action={ "/projects/" (id) "/coding/queue/" (c.id.0) "/reject" } class="inline-form" {
                    (csrf_field(csrf))
                    button type="submit" class="button button-secondary" { "Reject" span class="visually-hidden" { " " (name) } }
                }
            }
        }
    })
}
