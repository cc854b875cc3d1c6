//! An experiment's page: what it is and why (hypothesis, the evidence snapshot beside today's
//! figures), its plan, honest results, the live feedback board, reflections, what happens next
//! and the timeline of every decision.

use maud::{Markup, html};

use crate::experiments::model::{Experiment, Status};
use crate::experiments::snapshot::{Snapshot, ThemeFigures};
use crate::experiments::views::{parts, results, status_tag};
use crate::projects::Project;
use crate::web::{NavUser, Page};

/// Everything the page shows besides the experiment itself.
pub struct PageData<'a> {
    pub project: &'a Project,
    pub can_build: bool,
    pub today: &'a Snapshot,
    pub results: &'a crate::experiments::results::Results,
    pub reflections: &'a [crate::experiments::reflection::Reflection],
    pub timeline: &'a [crate::decisions::Decision],
    pub previous: Option<(i64, String)>,
    pub next: Option<(i64, String)>,
    pub board: Option<Markup>,
    pub feedback_forms: &'a [(i64, String)],
    pub csrf: &'a str,
}

fn figures_cell(f: Option<&ThemeFigures>) -> Markup {
    html! {
        @match f {
            Some(ThemeFigures { count: Some(c), share: Some(s), .. }) => { (c) " answers (" (format!("{s:.1}")) "%)" }
            Some(_) => { "Too few answers to show" }
            None => { "\u{2013}" }
        }
    }
}

/// The weeks before the snapshot, oldest first: "W44: 3 · W45: fewer than 5 · …".
fn trend(t: &ThemeFigures) -> String {
    if t.weeks.is_empty() {
        return "\u{2013}".into();
    }
    t.weeks
        .iter()
        .map(|(week, n)| {
            let w = week.split_once('-').map_or(week.as_str(), |(_, w)| w);
            match n {
                Some(n) => format!("{w}: {n}"),
                None => format!("{w}: too few to show"),
            }
        })
        .collect::<Vec<_>>()
        .join(" \u{b7} ")
}

/// The evidence: each linked theme when the experiment was proposed and today.
pub fn evidence(project: i64, then: &Snapshot, today: &Snapshot) -> Markup {
    html! {
        @if then.themes.is_empty() {
            p class="body" { "No themes are linked to this experiment." }
        } @else {
            (crate::web::table_region("What people told us: each theme when this was proposed, and today", html! {
                table class="table" id="evidence" {
                    caption class="caption" { "What people told us: each theme when this was proposed, and today" }
                    thead { tr {
                        th scope="col" { "Theme" }
                        th scope="col" { "When proposed" @if let Some(at) = then.taken_at { " (" (crate::web::When::day(at)) ")" } }
                        th scope="col" { "Today" }
                        th scope="col" { "Weeks before it was proposed" }
                    } }
                    tbody {
                        @for t in &then.themes {
                            tr {
                                th scope="row" { a href={ "/projects/" (project) "/themes/" (t.theme) } { (t.name) } }
                                td { (figures_cell(Some(t))) }
                                td { (figures_cell(today.themes.iter().find(|n| n.theme == t.theme))) }
                                td { (trend(t)) }
                            }
                        }
                    }
                }
            }))
            @for t in &then.themes {
                @if !t.quotes.is_empty() {
                    h3 class="heading-m" { "In people\u{2019}s words: " (t.name) }
                    @for q in &t.quotes { blockquote class="inset" { (q) } }
                }
            }
        }
    }
}

fn reflections(e: &Experiment, d: &PageData<'_>) -> Markup {
    let base = format!("/projects/{}/experiments/{}", d.project.id.0, e.id.0);
    html! {
        h2 class="heading-m" id="reflections" { "Reflections" }
        @if d.reflections.is_empty() {
            p class="body" { "No reflections yet." }
        }
        @for r in d.reflections {
            article class="inset reflection" {
                p class="caption" {
                    (crate::web::When::day(r.at)) " \u{2013} " (r.fields.role.label())
                    @if !r.fields.name.is_empty() { ", " (r.fields.name) }
                }
                (parts::reflection_body(&r.fields))
            }
        }
        @if e.status.takes_reflections() {
            a class="button button-secondary" href={ (base) "/reflections/new" } { "Add a reflection" }
        }
    }
}

fn next_steps(e: &Experiment, d: &PageData<'_>) -> Markup {
    let base = format!("/projects/{}/experiments/{}", d.project.id.0, e.id.0);
    let missing = e.plan.missing();
    let next: Vec<Status> = e.status.next().to_vec();
    html! {
        @if d.can_build && !next.is_empty() {
            h2 class="heading-m" id="decide" { "Decide what happens next" }
            @if e.status == Status::Agreed && !missing.is_empty() {
                p class="body" { "Before testing can start:" }
                ul class="list" { @for m in &missing { li { (m) } } }
            }
            a class="button" href={ (base) "/decide" } { "Record a decision" }
        }
    }
}

fn timeline(d: &PageData<'_>) -> Markup {
    html! {
        h2 class="heading-m" id="timeline-heading" { "Timeline" }
        ol class="list timeline" id="timeline" {
            @for t in d.timeline {
                li {
                    strong { (crate::web::When::moment(t.at)) }
                    " \u{2013} " (parts::decision_words(t))
                    @if let Some(by) = &t.by { " by " (by) }
                    @if !t.rationale.is_empty() { br; span class="hint" { "Why: " (t.rationale) } }
                    br; a href={ "/projects/" (t.project.0) "/decisions/" (t.id) } { "The decision in full" span class="visually-hidden" { ", " (crate::web::When::moment(t.at)) } }
                }
            }
        }
    }
}

/// The whole page.
pub fn page(nav: &NavUser, e: &Experiment, d: &PageData<'_>) -> Markup {
    let pid = d.project.id.0;
    let base = format!("/projects/{pid}/experiments/{}", e.id.0);
    let back = format!("/projects/{pid}/experiments");
    Page::new(&e.fields.title)
        .user(Some(nav))
        .back(&back)
        .script(crate::web::assets::live_script_url())
        .render(html! {
            span class="caption" { (d.project.title) " \u{2013} experiment" }
            h1 class="heading-l" { (e.fields.title) " " (status_tag(e.status)) }
            @if let Some((id, title)) = &d.previous {
                p class="body" { "This is the next cycle of " a href={ "/projects/" (pid) "/experiments/" (id) } { (title) } "." }
            }
            @if let Some((id, title)) = &d.next {
                p class="body" { "It was adapted: the next cycle is " a href={ "/projects/" (pid) "/experiments/" (id) } { (title) } "." }
            }
            p class="lead" { (e.hypothesis()) }
            ul class="list" {
                li { a href={ (base) "/report" } { "Learning report" } " (printable)" }
                li { a href={ (base) "/report/easy-read" } { "Easy read version" } " for children and families" }
            }
            (parts::details(e, pid, d.can_build))
            h2 class="heading-m" id="evidence-heading" { "What people told us" }
            (evidence(pid, &e.snapshot, d.today))
            h2 class="heading-m" id="plan" { "How we will know" }
            (parts::plan_summary(e))
            @if d.can_build {
                p class="body" { a href={ (base) "/plan" } { @if e.status.plan_locked() { "Change the plan (recorded as a deviation)" } @else { "Choose measures and periods" } } }
            }
            h2 class="heading-m" id="results" { "Results so far" }
            (results::section(d.results, e.plan.missing().is_empty()))
            h2 class="heading-m" id="feedback" { "Real-time feedback" }
            (parts::feedback(e, &base, d.board.clone(), d.feedback_forms, d.can_build, d.csrf))
            (reflections(e, d))
            (next_steps(e, d))
            (timeline(d))
        })
}
