//! The decision log and one decision's page.

use maud::{Markup, html};

use crate::decisions::{Decision, DecisionKind, LogQuery, Opinions, SubjectKind};
use crate::projects::Project;
use crate::stewardship::model::Citable;
use crate::web::{NavUser, Page, When, table_region};

/// Where a decision's subject lives, and its name.
pub fn subject_link(d: &Decision, has: &Citable) -> (String, String) {
    let p = d.project.0;
    let name = |list: &[(i64, String)]| {
        list.iter()
            .find(|(i, _)| *i == d.subject.id)
            .map_or_else(|| "(removed)".to_owned(), |(_, n)| n.clone())
    };
    match d.subject.kind {
        SubjectKind::Project => (format!("/projects/{p}"), "The whole project".into()),
        SubjectKind::Theme => (
            format!("/projects/{p}/themes/{}", d.subject.id),
            name(&has.themes),
        ),
        SubjectKind::Experiment => (
            format!("/projects/{p}/experiments/{}", d.subject.id),
            name(&has.experiments),
        ),
    }
}

fn filter_select(name: &str, label: &str, options: &[(&str, &str)], chosen: &str) -> Markup {
    html! {
        div class="form-group" {
            label class="label" for=(name) { (label) }
            select class="select" id=(name) name=(name) {
                option value="" selected[chosen.is_empty()] { "All" }
                @for (v, l) in options { option value=(v) selected[chosen == *v] { (l) } }
            }
        }
    }
}

/// The log page: filters, then one row per decision, newest first.
pub fn log(
    nav: &NavUser,
    project: &Project,
    decisions: &[Decision],
    has: &Citable,
    q: &LogQuery,
    can_decide: bool,
) -> Markup {
    let id = project.id.0;
    let base = format!("/projects/{id}");
    let kinds: Vec<(&str, &str)> = DecisionKind::ALL
        .iter()
        .map(|k| (k.as_str(), k.label()))
        .collect();
    let abouts: Vec<(&str, &str)> = SubjectKind::ALL
        .iter()
        .map(|k| (k.as_str(), k.label()))
        .collect();
    let themes: Vec<(String, &str)> = has
        .themes
        .iter()
        .map(|(i, n)| (i.to_string(), n.as_str()))
        .collect();
    let themes: Vec<(&str, &str)> = themes.iter().map(|(i, n)| (i.as_str(), *n)).collect();
    let csv = format!(
        "/projects/{id}/decisions.csv?kind={}&about={}&theme={}&review={}",
        q.kind, q.about, q.theme, q.review
    );
    Page::new("Decision log").user(Some(nav)).back(&base).render(html! {
        span class="caption" { (project.title) }
        h1 class="heading-l" { "Decision log" }
        p class="body" { "Every decision in this project, newest first: what was decided, why, who was in the room and what evidence was used." }
        @if can_decide {
            a class="button" href={ "/projects/" (id) "/decisions/new" } { "Record a decision" }
            p class="body" { a href={ "/projects/" (id) "/decisions/criteria" } { "Change the decision criteria" } }
        }
        form method="get" action={ "/projects/" (id) "/decisions" } class="inline-form" {
            (filter_select("kind", "Kind", &kinds, &q.kind))
            (filter_select("about", "About", &abouts, &q.about))
            (filter_select("theme", "Theme used", &themes, &q.theme))
            (filter_select("review", "Review", &[("yes", "Due for review")], &q.review))
            button class="button button-secondary" type="submit" { "Show decisions" }
        }
        p class="body" { a href=(csv) download { "Download these decisions (CSV)" } }
        @if decisions.is_empty() {
            p class="body" { "No decisions match." }
        } @else {
            (table_region("Decisions", html! {
                table class="table" {
                    thead { tr {
                        th scope="col" { "When" } th scope="col" { "About" } th scope="col" { "Decision" }
                        th scope="col" { "Who decided" } th scope="col" { "In the room" }
                    } }
                    tbody {
                        @for d in decisions {
                            @let (href, name) = subject_link(d, has);
                            tr {
                                td { (When::day(d.at)) }
                                td { a href=(href) { (name) } }
                                td { a href={ "/projects/" (id) "/decisions/" (d.id) } { (d.kind.label()) ": " (d.summary()) } }
                                td { (d.by.as_deref().unwrap_or("A former member")) }
                                td { @if d.framework.room.total() == 0 { "Not recorded" } @else { (d.framework.room.total()) " people" } }
                            }
                        }
                    }
                }
            }))
        }
    })
}

/// One decision: the question, what was decided, why, the framework and the evidence.
pub fn show(
    nav: &NavUser,
    project: &Project,
    d: &Decision,
    has: &Citable,
    cited: &(Vec<i64>, Vec<i64>),
    opinions: &Opinions,
) -> Markup {
    let id = project.id.0;
    let back = format!("/projects/{id}/decisions");
    let (href, name) = subject_link(d, has);
    let title = if d.question.is_empty() {
        d.kind.label().to_owned()
    } else {
        d.question.clone()
    };
    let named = |list: &[(i64, String)], i: i64| {
        list.iter()
            .find(|(x, _)| *x == i)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| "(removed)".into())
    };
    Page::new(&title).user(Some(nav)).back(&back).render(html! {
        span class="caption" { (project.title) " \u{2014} " (d.kind.label()) }
        h1 class="heading-l" { (title) }
        dl class="summary-list" {
            div class="summary-row" { dt class="summary-key" { "About" } dd class="summary-value" { p class="body" { a href=(href) { (name) } } } }
            div class="summary-row" { dt class="summary-key" { "Decided" } dd class="summary-value" { (d.summary()) } }
            div class="summary-row" { dt class="summary-key" { "Why" } dd class="summary-value" { (d.rationale) } }
            div class="summary-row" { dt class="summary-key" { "Who decided" } dd class="summary-value" { (d.by.as_deref().unwrap_or("A former member")) } }
            div class="summary-row" { dt class="summary-key" { "When" } dd class="summary-value" { (When::moment(d.at)) } }
        }
        (crate::decisions::framework_summary(&d.framework))
        h2 class="heading-m" { "What the project group thinks" }
        @if opinions.total() == 0 {
            p class="body" { "No participant representative has said what they think yet." }
        } @else {
            ul class="list" id="opinions" {
                li { "Agree: " (opinions.agree) }
                li { "Not sure: " (opinions.not_sure) }
                li { "Disagree: " (opinions.disagree) }
            }
            @for (o, note) in &opinions.notes {
                blockquote class="inset" { p class="body" { (note) } footer class="caption" { (o.label()) } }
            }
        }
        h2 class="heading-m" { "Evidence used" }
        @if cited.0.is_empty() && cited.1.is_empty() && d.kind != DecisionKind::Transition {
            p class="body" { "No themes or experiments were cited." }
        }
        @if d.kind == DecisionKind::Transition {
            p class="body" { "The experiment\u{2019}s results as they were are kept with it: " a href=(href) { "see the experiment" } "." }
        }
        ul class="list" {
            @for t in &cited.0 {
                li { "Theme: " a href={ "/projects/" (id) "/themes/" (t) } { (named(&has.themes, *t)) } }
            }
            @for x in &cited.1 {
                li { "Experiment: " a href={ "/projects/" (id) "/experiments/" (x) } { (named(&has.experiments, *x)) } }
            }
        }
        @if let Some(themes) = d.evidence.get("themes").and_then(|t| t.get("themes")).and_then(|t| t.as_array()) {
            @if !themes.is_empty() {
                h3 class="heading-m" { "What the themes showed then" }
                ul class="list" {
                    @for t in themes {
                        li {
                            (t.get("name").and_then(|n| n.as_str()).unwrap_or(""))
                            ": "
                            @match t.get("count").and_then(|c| c.as_u64()) {
                                Some(n) => { (n) " answers" }
                                None => { "too few answers to show" }
                            }
                        }
                    }
                }
            }
        }
    })
}
