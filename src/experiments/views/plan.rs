//! The plan page: the design and its periods or groups, and the measures with the direction
//! that counts as better. Once testing has started, every change asks why and is recorded as a
//! deviation.

use maud::{Markup, html};

use crate::experiments::model::{DateInput, Experiment};
use crate::experiments::plan::{CompareBy, Design, Eligible};
use crate::experiments::plan_parse::RawDesign;
use crate::projects::Project;
use crate::responses::Channel;
use crate::surveys::Audience;
use crate::web::choices::{DateParts, date_input, radios, textarea};
use crate::web::forms::{button, csrf_field, error_summary, secondary_button};
use crate::web::{FieldErrors, NavUser, Page};

fn parts(d: &DateInput) -> DateParts<'_> {
    DateParts {
        day: &d.day,
        month: &d.month,
        year: &d.year,
    }
}

fn group_select(
    name: &str,
    label: &str,
    selected: &str,
    surveys: &[(i64, String)],
    errors: &FieldErrors,
) -> Markup {
    let error = errors.get(name);
    html! {
        div class={ "form-group" @if error.is_some() { " form-group-error" } } {
            label class="label" for=(name) { (label) }
            @if let Some(m) = error { p class="error-message" { span class="visually-hidden" { "Error: " } (m) } }
            select class="select" id=(name) name=(name) {
                option value="" { "Choose a group" }
                optgroup label="Who answered" {
                    @for a in Audience::ALL { option value=(a.as_str()) selected[selected == a.as_str()] { (a.label()) } }
                }
                optgroup label="How they reached the survey" {
                    @for c in Channel::ALL { option value=(c.as_str()) selected[selected == c.as_str()] { (c.as_str()) } }
                }
                optgroup label="Which survey" {
                    @for (id, title) in surveys { option value=(id) selected[selected == id.to_string()] { (title) } }
                }
            }
        }
    }
}

/// What the plan page shows besides the experiment.
pub struct PlanPage<'a> {
    pub project: &'a Project,
    pub eligible: &'a [Eligible],
    pub surveys: &'a [(i64, String)],
    pub design: &'a RawDesign,
    pub measure: (&'a str, &'a str),
    pub why: &'a str,
    pub errors: &'a FieldErrors,
}

/// The plan page.
pub fn plan(nav: &NavUser, csrf: &str, e: &Experiment, p: &PlanPage<'_>) -> Markup {
    let base = format!("/projects/{}/experiments/{}", p.project.id.0, e.id.0);
    let locked = e.status.plan_locked();
    let designs: Vec<(&str, &str, Option<&str>)> = vec![
        (
            Design::BeforeAfter.as_str(),
            Design::BeforeAfter.label(),
            Some("Compare answers from a period before the change with answers while it runs."),
        ),
        (
            Design::Comparison.as_str(),
            Design::Comparison.label(),
            Some("Compare, over the same period, a group trying the change with one that is not."),
        ),
    ];
    let bys: Vec<(&str, &str, Option<&str>)> = CompareBy::ALL
        .iter()
        .map(|b| (b.as_str(), b.label(), None))
        .collect();
    let betters: Vec<(&str, &str, Option<&str>)> = vec![
        ("higher", "Higher is better", None),
        ("lower", "Lower is better", None),
    ];
    let why = |name: &str, errors: &FieldErrors| {
        html! {
            @if locked {
                (textarea(name, "Why are you changing the plan?", Some("Testing has started, so this change is recorded and shown as a deviation."), p.why, false, errors))
            }
        }
    };
    let title = "How we will know";
    Page::new(title)
        .user(Some(nav))
        .error(!p.errors.is_empty())
        .back(&base)
        .render(html! {
            (error_summary(p.errors))
            span class="caption" { (e.fields.title) }
            h1 class="heading-l" { (title) }
            @if locked {
                div class="warning-text" {
                    span class="warning-text-icon" aria-hidden="true" { "!" }
                    strong class="warning-text-text" { span class="visually-hidden" { "Warning" } "Testing has started. The plan is fixed: any change is recorded as a deviation and shown on the experiment and in its report." }
                }
            } @else {
                p class="body" { "Choose how you will know whether the change helped, before you start. Fixing this in advance keeps the results honest." }
            }
            h2 class="heading-m" { "Measures" }
            @if e.plan.measures.is_empty() { p class="body" { "No measures yet." } }
            ul class="question-list" {
                @for (i, m) in e.plan.measures.iter().enumerate() {
                    li {
                        (m.label) " \u{2013} " (if m.better.as_str() == "higher" { "higher is better" } else { "lower is better" })
                        form method="post" action={ (base) "/plan/measures/" (i) "/remove" } class="inline-form" {
                            (csrf_field(csrf))
                            (secondary_button("Remove"))
                        }
                    }
                }
            }
            @if p.eligible.is_empty() {
                p class="body" { "This project has no questions with faces, scales, ratings, yes or no, or one choice, and no themes yet. Add one to a survey first." }
            } @else {
                form method="post" action={ (base) "/plan/measures" } novalidate {
                    (csrf_field(csrf))
                    div class={ "form-group" @if p.errors.get("measure").is_some() { " form-group-error" } } {
                        label class="label" for="measure" { "Add a measure" }
                        div class="hint" { "A question from this project\u{2019}s surveys, or a theme\u{2019}s share of written answers." }
                        @if let Some(m) = p.errors.get("measure") { p class="error-message" { span class="visually-hidden" { "Error: " } (m) } }
                        select class="select" id="measure" name="measure" {
                            option value="" { "Choose a measure" }
                            @for m in p.eligible { option value=(m.source.key()) selected[p.measure.0 == m.source.key()] { (m.label) } }
                        }
                    }
                    (radios("better", "Which way is better?", None, &betters, p.measure.1, p.errors))
                    (why("measure_why", p.errors))
                    (button("Add measure"))
                }
            }
            h2 class="heading-m" { "Design and periods" }
            form method="post" action={ (base) "/plan" } novalidate {
                (csrf_field(csrf))
                (radios("design", "How will you compare?", None, &designs, &p.design.design, p.errors))
                (date_input("baseline_start", "Before: first day", "Before and after only. For example, 1 9 2026", parts(&p.design.baseline_start), true, p.errors))
                (date_input("baseline_end", "Before: last day", "For example, 30 11 2026", parts(&p.design.baseline_end), true, p.errors))
                (date_input("test_start", "Test: first day", "For a comparison, the period both groups are compared over", parts(&p.design.test_start), true, p.errors))
                (date_input("test_end", "Test: last day", "For example, 28 2 2027", parts(&p.design.test_end), true, p.errors))
                (radios("compare_by", "Comparison only: what splits the two groups?", None, &bys, &p.design.compare_by, p.errors))
                (group_select("group_a", "Comparison only: the group not trying the change", &p.design.group_a, p.surveys, p.errors))
                (group_select("group_b", "Comparison only: the group trying the change", &p.design.group_b, p.surveys, p.errors))
                (why("why", p.errors))
                (button("Save design and periods"))
            }
        })
}

/// Asks why a measure is being removed from a locked plan.
pub fn confirm_remove(
    nav: &NavUser,
    csrf: &str,
    e: &Experiment,
    project: &Project,
    index: usize,
    errors: &FieldErrors,
) -> Markup {
    let base = format!("/projects/{}/experiments/{}", project.id.0, e.id.0);
    let label = e.plan.measures.get(index).map_or("", |m| m.label.as_str());
    let title = "Remove a measure";
    Page::new(title)
        .user(Some(nav))
        .error(!errors.is_empty())
        .back(&format!("{base}/plan"))
        .render(html! {
            (error_summary(errors))
            span class="caption" { (e.fields.title) }
            h1 class="heading-l" { (title) }
            p class="body" { "You are removing \u{201c}" (label) "\u{201d}. Testing has started, so this is recorded as a deviation from the plan." }
            form method="post" action={ (base) "/plan/measures/" (index) "/remove" } novalidate {
                (csrf_field(csrf))
                (textarea("why", "Why are you removing it?", None, "", false, errors))
                (button("Remove the measure"))
            }
        })
}
