//! The learning report: one printable page per experiment telling the story — what people
//! said, what we tried and why, what happened, what we learned and the decision — and its easy
//! read version for children and families (short sentences, one idea per line).

use maud::{Markup, html};

use crate::decisions::{Decision, DecisionKind};
use crate::experiments::model::{Experiment, Status};
use crate::experiments::reflection::Reflection;
use crate::experiments::results::{Results, Verdict};
use crate::experiments::views::{page::evidence, parts, results};
use crate::projects::Project;
use crate::web::{NavUser, Page};

/// What the report tells besides the experiment.
pub struct Story<'a> {
    pub project: &'a Project,
    pub results: &'a Results,
    pub reflections: &'a [Reflection],
    pub timeline: &'a [Decision],
    pub next: Option<(i64, String)>,
}

/// The decision that ended the cycle, if it has ended.
fn final_decision<'a>(e: &Experiment, timeline: &'a [Decision]) -> Option<&'a Decision> {
    timeline
        .iter()
        .rev()
        .find(|d| d.kind == DecisionKind::Transition && d.to == e.status.as_str())
        .filter(|_| e.status.is_decided())
}

/// The printable learning report.
pub fn report(nav: &NavUser, e: &Experiment, s: &Story<'_>) -> Markup {
    let pid = s.project.id.0;
    let base = format!("/projects/{pid}/experiments/{}", e.id.0);
    let title = format!("Learning report: {}", e.fields.title);
    let deviations: Vec<&Decision> = s
        .timeline
        .iter()
        .filter(|d| d.kind == DecisionKind::Deviation)
        .collect();
    Page::new(&title)
        .user(Some(nav))
        .back(&base)
        .render(html! {
            article class="report" {
                span class="caption" { (s.project.title) " \u{2013} " (s.project.outcome) }
                h1 class="heading-l" { (title) }
                p class="body" { "Status: " strong { (e.status.label()) } ". " a class="no-print" href={ (base) "/report/easy-read" } { "Easy read version" } }
                h2 class="heading-m" { "1. What people told us" }
                @if !e.fields.problem.is_empty() { p class="body" { (e.fields.problem) } }
                (evidence(pid, &e.snapshot, &e.snapshot))
                h2 class="heading-m" { "2. What we tried, and why" }
                p class="lead" { (e.hypothesis()) }
                (parts::details(e, pid, false))
                h2 class="heading-m" { "3. What happened" }
                (parts::plan_words(&e.plan, &[]))
                @if !deviations.is_empty() {
                    p class="body" { strong { "Changes to the plan after testing started:" } }
                    ul class="list" { @for d in &deviations { li { (parts::decision_words(d)) @if !d.rationale.is_empty() { " \u{2013} " (d.rationale) } } } }
                }
                (results::section(s.results, e.plan.missing().is_empty()))
                @if !s.reflections.is_empty() {
                    h3 class="heading-m" { "Reflections" }
                    @for r in s.reflections {
                        p class="caption" { (crate::web::When::day(r.at)) " \u{2013} " (r.fields.role.label()) }
                        (parts::reflection_body(&r.fields))
                    }
                }
                h2 class="heading-m" { "4. What we learned" }
                @let learned: Vec<&str> = s.reflections.iter().map(|r| r.fields.differently.as_str()).filter(|t| !t.is_empty()).collect();
                @if learned.is_empty() { p class="body" { "Nothing written down yet." } }
                ul class="list" { @for l in learned { li { (l) } } }
                h2 class="heading-m" { "5. The decision" }
                @match final_decision(e, s.timeline) {
                    Some(d) => {
                        p class="body" { strong { (e.status.label()) } " on " (crate::web::When::day(d.at)) @if let Some(by) = &d.by { " by " (by) } "." }
                        @if !d.rationale.is_empty() { p class="body" { (d.rationale) } }
                    }
                    None => { p class="body" { "Not decided yet." } }
                }
                @if let Some((id, t)) = &s.next {
                    p class="body" { "Next cycle: " a href={ "/projects/" (pid) "/experiments/" (id) } { (t) } }
                }
            }
        })
}

fn easy_result(r: &Results) -> Vec<String> {
    r.measures
        .iter()
        .map(|m| match (m.enough, m.verdict) {
            (false, _) | (_, None) => {
                format!("{}: we do not have enough answers yet to say.", m.label)
            }
            (true, Some(Verdict::Better)) => format!("{}: things got better.", m.label),
            (true, Some(Verdict::Worse)) => format!("{}: things got worse.", m.label),
            (true, Some(Verdict::NoClearChange)) => {
                format!("{}: we cannot tell if anything changed.", m.label)
            }
        })
        .collect()
}

fn easy_decision(s: Status) -> &'static str {
    match s {
        Status::Adopted => "We will keep doing it.",
        Status::Adapted => "We will change it and try again.",
        Status::Stopped => "We have stopped doing it.",
        Status::Testing => "We are trying it now.",
        Status::Reviewing => "We are thinking about what happened.",
        Status::Proposed | Status::Agreed => "We have not started yet.",
    }
}

/// The easy read version.
pub fn easy_read(nav: &NavUser, e: &Experiment, s: &Story<'_>) -> Markup {
    let title = format!("What we tried: {}", e.fields.title);
    let back = format!("/projects/{}/experiments/{}/report", s.project.id.0, e.id.0);
    Page::new(&title)
        .user(Some(nav))
        .back(&back)
        .easy_read(true)
        .render(html! {
            article class="report easy-read" {
                h1 class="heading-l" { (title) }
                h2 class="heading-m" { "What you told us" }
                @if e.snapshot.themes.is_empty() && !e.fields.problem.is_empty() { p class="body" { (e.fields.problem) } }
                @for t in &e.snapshot.themes { p class="body" { "Some people told us about: " strong { (t.name) } "." } }
                @if let Some(q) = e.snapshot.themes.iter().flat_map(|t| t.quotes.iter()).next() {
                    p class="body" { "Someone said:" } blockquote class="inset" { (q) }
                }
                h2 class="heading-m" { "What we tried" }
                p class="body" { "We tried this: " (e.fields.if_we.trim_end_matches('.')) "." }
                p class="body" { "We hoped: " (e.fields.then_we.trim_end_matches('.')) "." }
                @if e.fields.codesign.children + e.fields.codesign.families > 0 {
                    p class="body" { "Children and families helped us plan it." }
                }
                h2 class="heading-m" { "What happened" }
                @for line in easy_result(s.results) { p class="body" { (line) } }
                h2 class="heading-m" { "What we decided" }
                p class="body" { strong { (easy_decision(e.status)) } }
                p class="body" { "Thank you for telling us what you think." }
            }
        })
}
