//! The reflection form: four prompts of reflective practice, the writer's role and, only if
//! they want, their name.

use maud::{Markup, html};

use crate::experiments::model::Experiment;
use crate::experiments::reflection::{RawReflection, Role};
use crate::projects::Project;
use crate::web::choices::{radios, textarea};
use crate::web::forms::{Input, button, csrf_field, error_summary};
use crate::web::{FieldErrors, NavUser, Page};

/// The reflection page.
pub fn form(
    nav: &NavUser,
    csrf: &str,
    project: &Project,
    e: &Experiment,
    typed: &RawReflection,
    errors: &FieldErrors,
) -> Markup {
    let base = format!("/projects/{}/experiments/{}", project.id.0, e.id.0);
    let roles: Vec<(&str, &str, Option<&str>)> = Role::ALL
        .iter()
        .map(|r| (r.as_str(), r.label(), None))
        .collect();
    let title = "Add a reflection";
    Page::new(title)
        .user(Some(nav))
        .error(!errors.is_empty())
        .back(&base)
        .render(html! {
            (error_summary(errors))
            span class="caption" { (e.fields.title) }
            h1 class="heading-l" { (title) }
            p class="body" { "What is it like, trying this? Write as much or as little as you like. Answer at least one question." }
            form method="post" action={ (base) "/reflections" } novalidate {
                (csrf_field(csrf))
                (radios("role", "Your part in this", None, &roles, &typed.role, errors))
                (Input::new("name", "Your name").optional().hint("Only people in this project see it. It is never in downloads.").autocomplete("name").value(&typed.name).render(errors))
                (textarea("happened", "What happened?", None, &typed.happened, true, errors))
                (textarea("noticed", "What did you notice?", None, &typed.noticed, true, errors))
                (textarea("surprised", "What surprised you?", None, &typed.surprised, true, errors))
                (textarea("differently", "What will you do differently?", None, &typed.differently, true, errors))
                (button("Save reflection"))
            }
        })
}
