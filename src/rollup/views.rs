//! The roll-up page ("What are we learning across the place?") and the form that puts a project
//! inside a wider one.

use maud::{Markup, html};

use crate::disclosure::MinGroup;
use crate::experiments::Status;
use crate::projects::Project;
use crate::rollup::store::RollUp;
use crate::web::choices::radios;
use crate::web::forms::{button, csrf_field, error_summary};
use crate::web::{FieldErrors, NavUser, Page, When, table_region};

/// The roll-up page.
/// `link`: the CSRF token when this person may count themes together, and the form's errors.
pub fn page(
    nav: &NavUser,
    top: &Project,
    r: &RollUp,
    min: MinGroup,
    link: (Option<&str>, &FieldErrors),
) -> Markup {
    let (csrf, errors) = link;
    let id = top.id.0;
    let back = format!("/projects/{id}");
    let title = format!("What we are learning across {}", top.title);
    Page::new(&title).user(Some(nav)).back(&back).error(!errors.is_empty()).render(html! {
        (error_summary(errors))
        span class="caption" { (top.scale.label()) }
        h1 class="heading-l" { (title) }
        @if r.projects.len() <= 1 {
            p class="body" { "No project sits inside this one yet. A steward of a smaller project can put it here from its page (\u{201c}Where this project sits\u{201d})." }
        } @else {
            p class="body" { "Figures from this project and the " (r.projects.len() - 1) " inside it. Themes with the same name are counted together; small numbers are hidden after adding up." }
            (table_region("Projects inside", html! {
                table class="table" id="rollup-projects" {
                    caption class="visually-hidden" { "Projects counted here" }
                    thead { tr { th scope="col" { "Project" } th scope="col" { "Scale" } } }
                    tbody { @for p in &r.projects { tr { td { (p.title) } td { (p.scale.label()) } } } }
                }
            }))
        }
        h2 class="heading-m" { "What people told us" }
        @if r.themes.is_empty() {
            p class="body" { "No themes yet." }
        } @else {
            (table_region("Themes across the projects", html! {
                table class="table" id="rollup-themes" {
                    caption class="visually-hidden" { "Themes across the projects, with answers added up" }
                    thead { tr { th scope="col" { "Theme" } th scope="col" { "Answers" } th scope="col" { "In projects" } } }
                    tbody {
                        @for t in &r.themes {
                            tr {
                                td { (t.name) @if !t.also.is_empty() { br; span class="hint" { "Also called: " (t.also.join(", ")) } } }
                                td { (min.show(t.answers)) }
                                td { (t.projects.join(", ")) }
                            }
                        }
                    }
                }
            }))
        }
        @if let Some(csrf) = csrf {
            @if r.rows.len() > 1 { (same_form(top.id.0, csrf, r, errors)) }
        }
        h2 class="heading-m" { "What we are trying" }
        ul class="list" id="rollup-status" {
            @for s in Status::ALL {
                @let n = r.experiments.iter().filter(|(_, e)| e.status == *s).count();
                @if n > 0 { li { (s.label()) ": " (n) } }
            }
        }
        @if r.experiments.is_empty() {
            p class="body" { "No experiments yet." }
        } @else {
            (table_region("Experiments across the projects", html! {
                table class="table" id="rollup-experiments" {
                    caption class="visually-hidden" { "Experiments across the projects" }
                    thead { tr { th scope="col" { "Experiment" } th scope="col" { "Project" } th scope="col" { "Where it is" } } }
                    tbody {
                        @for (p, e) in &r.experiments {
                            tr { td { (e.fields.title) br; span class="hint" { (e.hypothesis()) } } td { (p) } td { (e.status.label()) } }
                        }
                    }
                }
            }))
        }
        h2 class="heading-m" { "What we decided" }
        @if r.decisions.is_empty() {
            p class="body" { "No decisions yet." }
        }
        ul class="list" id="rollup-decisions" {
            @for (p, d) in &r.decisions {
                li { strong { (When::day(d.at)) } " \u{2013} " (p) ": " (d.kind.label()) ", " (d.summary()) }
            }
        }
    })
}

fn theme_select(name: &str, label: &str, r: &RollUp, errors: &FieldErrors) -> Markup {
    let error = errors.get(name);
    html! {
        div class={ "form-group" @if error.is_some() { " form-group-error" } } {
            label class="label" for=(name) { (label) }
            @if let Some(m) = error { p class="error-message" { span class="visually-hidden" { "Error: " } (m) } }
            select class="select" id=(name) name=(name) {
                option value="" { "Choose a theme" }
                @for (project, id, theme, _) in &r.rows { option value=(id) { (theme) " \u{2014} " (project) } }
            }
        }
    }
}

/// Count two themes with different names as one, and the pairs already counted together.
fn same_form(id: i64, csrf: &str, r: &RollUp, errors: &FieldErrors) -> Markup {
    let name = |t: i64| {
        r.rows
            .iter()
            .find(|row| row.1 == t)
            .map(|row| format!("{} ({})", row.2, row.0))
            .unwrap_or_default()
    };
    html! {
        h3 class="heading-m" { "Count two themes as one" }
        p class="body" { "Themes with the same name are counted together already. If two projects call the same thing by different names, choose both." }
        form method="post" action={ "/projects/" (id) "/learning/same" } novalidate {
            (csrf_field(csrf))
            (theme_select("a", "This theme", r, errors))
            (theme_select("b", "is the same as", r, errors))
            (button("Count them as one"))
        }
        @if !r.same.is_empty() {
            ul class="list" id="rollup-same" {
                @for (b, a) in &r.same {
                    li {
                        (name(*a)) " and " (name(*b)) " are counted as one. "
                        form method="post" action={ "/projects/" (id) "/learning/separate" } class="inline-form" {
                            (csrf_field(csrf))
                            input type="hidden" name="a" value=(a);
                            input type="hidden" name="b" value=(b);
                            button type="submit" class="button button-secondary" { "Count separately" }
                        }
                    }
                }
            }
        }
    }
}

/// The form: which wider project this one sits inside.
pub fn parent_form(
    nav: &NavUser,
    csrf: &str,
    project: &Project,
    choices: &[(String, String)],
    chosen: &str,
    errors: &FieldErrors,
) -> Markup {
    let id = project.id.0;
    let back = format!("/projects/{id}");
    let mut list: Vec<(&str, &str, Option<&str>)> = vec![("", "Not part of a wider project", None)];
    list.extend(choices.iter().map(|(v, l)| (v.as_str(), l.as_str(), None)));
    Page::new("Where this project sits").user(Some(nav)).back(&back).error(!errors.is_empty()).render(html! {
        (error_summary(errors))
        span class="caption" { (project.title) }
        h1 class="heading-l" { "Where this project sits" }
        p class="body" { "Learning adds up from a team to an organisation, a place and a region. Choose the wider project this one is part of; its stewards will see this project\u{2019}s themes (added up, small numbers hidden), experiments and decisions on their \u{201c}learning across\u{201d} page. Nobody there sees an answer." }
        form method="post" action={ "/projects/" (id) "/parent" } novalidate {
            (csrf_field(csrf))
            (radios("parent", "Which wider project is this part of?", Some("Only projects of a larger scale that you can see are listed."), &list, chosen, errors))
            (button("Save"))
        }
    })
}
