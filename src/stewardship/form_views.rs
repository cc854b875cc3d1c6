//! The forms: recording a decision with the project's framework, and changing the criteria.

use maud::{Markup, html};

use crate::decisions::Criterion;
use crate::projects::Project;
use crate::stewardship::model::{Citable, RawChoice};
use crate::web::choices::textarea;
use crate::web::forms::{Input, button, csrf_field, error_summary};
use crate::web::{FieldErrors, NavUser, Page};

fn about_select(has: &Citable, chosen: &str, errors: &FieldErrors) -> Markup {
    let error = errors.get("about");
    html! {
        div class={ "form-group" @if error.is_some() { " form-group-error" } } {
            label class="label" for="about" { "What is the decision about?" }
            @if let Some(m) = error { p class="error-message" id="about-error" { span class="visually-hidden" { "Error: " } (m) } }
            select class="select" id="about" name="about" {
                option value="project" selected[chosen == "project" || chosen.is_empty()] { "The whole project" }
                @if !has.themes.is_empty() {
                    optgroup label="A theme (for example, making it a priority)" {
                        @for (i, n) in &has.themes { @let v = format!("theme:{i}"); option value=(v) selected[chosen == v] { (n) } }
                    }
                }
                @if !has.experiments.is_empty() {
                    optgroup label="An experiment" {
                        @for (i, n) in &has.experiments { @let v = format!("experiment:{i}"); option value=(v) selected[chosen == v] { (n) } }
                    }
                }
            }
        }
    }
}

fn evidence_boxes(legend: &str, name: &str, list: &[(i64, String)], chosen: &[i64]) -> Markup {
    html! {
        @if !list.is_empty() {
            div class="form-group" {
                fieldset class="fieldset" {
                    legend class="fieldset-legend" { (legend) }
                    div class="checkboxes" {
                        @for (i, n) in list {
                            @let id = format!("{name}-{i}");
                            div class="checkbox" {
                                input class="checkbox-input" type="checkbox" id=(id) name=(name) value=(i) checked[chosen.contains(i)];
                                label class="checkbox-label" for=(id) { (n) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The form for a new decision.
pub fn new_decision(
    nav: &NavUser,
    csrf: &str,
    project: &Project,
    has: &Citable,
    criteria: &[Criterion],
    typed: &RawChoice,
    errors: &FieldErrors,
) -> Markup {
    let id = project.id.0;
    let back = format!("/projects/{id}/decisions");
    Page::new("Record a decision").user(Some(nav)).back(&back).error(!errors.is_empty()).render(html! {
        (error_summary(errors))
        span class="caption" { (project.title) }
        h1 class="heading-l" { "Record a decision" }
        p class="body" { "Use the same questions every time, so anyone can see how and why we decided. Children, families and practitioners may read this." }
        form method="post" action={ "/projects/" (id) "/decisions" } novalidate {
            (csrf_field(csrf))
            (about_select(has, &typed.about, errors))
            (Input::new("question", "What question did you decide?").hint("For example: Should the drop-in stay open on Tuesday evenings?").value(&typed.question).render(errors))
            (crate::decisions::framework_fields(criteria, &typed.framework, true, errors))
            (Input::new("decided", "What did you decide?").value(&typed.decided).render(errors))
            (textarea("rationale", "Why?", Some("Say what you weighed up and why you chose this."), &typed.rationale, false, errors))
            h2 class="heading-m" { "Evidence used" }
            @if let Some(m) = errors.get("evidence") { p class="error-message" id="evidence" { span class="visually-hidden" { "Error: " } (m) } }
            (evidence_boxes("Themes", "evidence_theme", &has.themes, &typed.evidence_themes))
            (evidence_boxes("Experiments", "evidence_experiment", &has.experiments, &typed.evidence_experiments))
            (button("Record the decision"))
        }
    })
}

/// The criteria form: one row per criterion, with room for more.
pub fn criteria_form(
    nav: &NavUser,
    csrf: &str,
    project: &Project,
    rows: &[(String, String)],
    errors: &FieldErrors,
) -> Markup {
    let id = project.id.0;
    let back = format!("/projects/{id}/decisions");
    let blank = (String::new(), String::new());
    Page::new("Decision criteria").user(Some(nav)).back(&back).error(!errors.is_empty()).render(html! {
        (error_summary(errors))
        span class="caption" { (project.title) }
        h1 class="heading-l" { "Decision criteria" }
        p class="body" { "Every decision in this project is checked against these. Decisions already made keep the criteria they were checked against. Leave a row blank to remove it." }
        form method="post" action={ "/projects/" (id) "/decisions/criteria" } novalidate {
            (csrf_field(csrf))
            @for i in 0..crate::decisions::framework::MAX_CRITERIA {
                @let (name, question) = rows.get(i).unwrap_or(&blank);
                @let n = i + 1;
                fieldset class="fieldset" {
                    legend class="fieldset-legend" { "Criterion " (n) }
                    (Input::new(&format!("name_{n}"), "Name").value(name).optional().render(errors))
                    (Input::new(&format!("question_{n}"), "The question it asks").value(question).optional().render(errors))
                }
            }
            (button("Save the criteria"))
        }
    })
}
