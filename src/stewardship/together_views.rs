//! The project group's pages, in easy read: what people told us, the ideas we are trying, what
//! we decided, and a place for a young person or parent on the group to say what they think.

use maud::{Markup, html};

use crate::decisions::{Decision, NewOpinion, Opinion, RawOpinion};
use crate::disclosure::MinGroup;
use crate::experiments::Status;
use crate::projects::Project;
use crate::stewardship::together_store::GroupPage;
use crate::web::choices::{radios, textarea};
use crate::web::forms::{button, csrf_field, error_summary};
use crate::web::{FieldErrors, NavUser, Page, When};

/// Where an idea is, in words a child knows.
fn plain(status: Status) -> &'static str {
    match status {
        Status::Proposed => "This is an idea. We have not decided yet.",
        Status::Agreed => "We agreed to try it.",
        Status::Testing => "We are trying it now.",
        Status::Reviewing => "We are looking at what happened.",
        Status::Adopted => "It worked. We are keeping it.",
        Status::Adapted => "We changed it and are trying again.",
        Status::Stopped => "We stopped it.",
    }
}

/// The group's page.
pub fn page(nav: &NavUser, project: &Project, g: &GroupPage, min: MinGroup) -> Markup {
    let id = project.id.0;
    Page::new("Our project group")
        .user(Some(nav))
        .back("/projects")
        .easy_read(true)
        .render(html! {
            span class="caption" { (project.title) }
            h1 class="heading-l" { "Our project group" }
            p class="body" { "We want: " (project.outcome) }
            h2 class="heading-m" { "What people told us" }
            @if g.themes.is_empty() {
                p class="body" { "Nothing yet." }
            }
            ul class="list" id="group-themes" {
                @for t in &g.themes {
                    li {
                        strong { (t.name) }
                        @if !t.description.is_empty() { br; (t.description) }
                        br; span class="caption" { (min.show(t.answers)) " answers said this" }
                    }
                }
            }
            h2 class="heading-m" { "Ideas we are trying" }
            @if g.ideas.is_empty() {
                p class="body" { "No ideas yet." }
            }
            ul class="list" id="group-ideas" {
                @for i in &g.ideas {
                    li { strong { (i.title) } br; (i.hypothesis) br; span class="caption" { (plain(i.status)) } }
                }
            }
            @if !g.rounds.is_empty() {
                h2 class="heading-m" { "Have your say" }
                ul class="list" id="group-rounds" {
                    @for (title, path) in &g.rounds {
                        li { a href={ (path) "?easy_read=yes" } { (title) } }
                    }
                }
            }
            h2 class="heading-m" { "What we decided" }
            @if g.decisions.is_empty() {
                p class="body" { "Nothing yet." }
            }
            ul class="list" id="group-decisions" {
                @for d in &g.decisions {
                    li {
                        strong { (When::day(d.at)) ": " (d.summary()) }
                        @if !d.rationale.is_empty() { br; "Why: " (d.rationale) }
                        br; a href={ "/projects/" (id) "/together/decisions/" (d.id) } { "Say what you think" span class="visually-hidden" { " about: " (d.summary()) } }
                    }
                }
            }
        })
}

/// One decision, with the form to say what you think.
pub fn decision(
    nav: &NavUser,
    csrf: &str,
    project: &Project,
    d: &Decision,
    typed: &RawOpinion,
    saved: Option<&NewOpinion>,
    errors: &FieldErrors,
) -> Markup {
    let id = project.id.0;
    let back = format!("/projects/{id}/together");
    let choices: Vec<(&str, &str, Option<&str>)> = Opinion::ALL
        .iter()
        .map(|o| (o.as_str(), o.label(), None))
        .collect();
    Page::new("What do you think?")
        .user(Some(nav))
        .back(&back)
        .easy_read(true)
        .error(!errors.is_empty())
        .render(html! {
            (error_summary(errors))
            span class="caption" { (project.title) }
            h1 class="heading-l" { "What do you think?" }
            p class="body" { strong { "We decided: " } (d.summary()) }
            @if !d.rationale.is_empty() { p class="body" { strong { "Why: " } (d.rationale) } }
            @if let Some(s) = saved {
                div class="inset" { p class="body" { "You said: " (s.opinion.label()) ". You can change it." } }
            }
            form method="post" action={ "/projects/" (id) "/together/decisions/" (d.id) } novalidate {
                (csrf_field(csrf))
                (radios("opinion", "What do you think of this decision?", None, &choices, &typed.opinion, errors))
                (textarea("note", "Tell us more", Some("You do not have to. The project\u{2019}s stewards will read it. Your name is not shown next to it."), &typed.note, true, errors))
                (button("Send"))
            }
        })
}
