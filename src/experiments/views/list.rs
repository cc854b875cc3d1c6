//! The project's experiments: grouped by where they are in the cycle, each adapt linked to its
//! next cycle, with the downloads.

use maud::{Markup, html};

use crate::experiments::model::{Experiment, Status};
use crate::experiments::views::status_tag;
use crate::projects::Project;
use crate::web::{NavUser, Page};

fn item(pid: i64, e: &Experiment, all: &[Experiment]) -> Markup {
    let next = all.iter().find(|n| n.previous == Some(e.id));
    let cycle = cycle_number(e, all);
    html! {
        li {
            a href={ "/projects/" (pid) "/experiments/" (e.id.0) } { (e.fields.title) } " " (status_tag(e.status))
            @if cycle > 1 { span class="caption" { "Cycle " (cycle) } }
            span class="caption" { (e.hypothesis()) }
            @if let Some(n) = next {
                span class="caption" { "Adapted into: " a href={ "/projects/" (pid) "/experiments/" (n.id.0) } { (n.fields.title) } }
            }
        }
    }
}

/// Which cycle an experiment is: 1 plus the number of experiments it was adapted from.
pub fn cycle_number(e: &Experiment, all: &[Experiment]) -> usize {
    let mut n = 1;
    let mut at = e.previous;
    while let Some(p) = at {
        n += 1;
        at = all.iter().find(|x| x.id == p).and_then(|x| x.previous);
        if n > all.len() {
            break;
        }
    }
    n
}

/// The list page.
pub fn list(
    nav: &NavUser,
    project: &Project,
    experiments: &[Experiment],
    can_build: bool,
) -> Markup {
    let pid = project.id.0;
    let groups: [(&str, &[Status]); 3] = [
        ("Being tried", &[Status::Testing, Status::Reviewing]),
        ("Proposed and agreed", &[Status::Proposed, Status::Agreed]),
        (
            "Decided",
            &[Status::Adopted, Status::Adapted, Status::Stopped],
        ),
    ];
    let back = format!("/projects/{pid}");
    Page::new("Experiments")
        .user(Some(nav))
        .back(&back)
        .render(html! {
            span class="caption" { (project.title) }
            h1 class="heading-l" { "Experiments" }
            p class="body" { "Small, safe changes we try, learn from, and then keep, change or stop." }
            @if can_build {
                a class="button" href={ "/projects/" (pid) "/experiments/new" } { "Propose an experiment" }
            }
            @if experiments.is_empty() {
                p class="body" { "There are no experiments yet. A good place to start is a theme: open one and choose \u{201c}Propose an experiment\u{201d}." }
            }
            @for (heading, statuses) in groups {
                @let these: Vec<&Experiment> = experiments.iter().filter(|e| statuses.contains(&e.status)).collect();
                @if !these.is_empty() {
                    h2 class="heading-m" { (heading) }
                    ul class="question-list" { @for e in these { (item(pid, e, experiments)) } }
                }
            }
            @if can_build && !experiments.is_empty() {
                h2 class="heading-m" { "Download" }
                ul class="list" {
                    li { a href={ "/projects/" (pid) "/experiments.csv" } { "All experiments (CSV)" } }
                    li { a href={ "/projects/" (pid) "/reflections.csv" } { "All reflections (CSV)" } }
                }
            }
        })
}
