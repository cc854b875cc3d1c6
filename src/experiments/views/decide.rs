//! Recording a decision: where the experiment may go next, why, with the results as they are
//! now in view (they are stored with the decision as the evidence seen).

use maud::{Markup, html};

use crate::experiments::model::{Experiment, Status};
use crate::experiments::results::Results;
use crate::experiments::views::results;
use crate::projects::Project;
use crate::web::choices::{radios, textarea};
use crate::web::forms::{button, csrf_field, error_summary};
use crate::web::{FieldErrors, NavUser, Page};

/// What was typed on the decision form.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct DecisionInput {
    pub to: String,
    pub rationale: String,
}

fn hint(s: Status) -> Option<&'static str> {
    match s {
        Status::Testing => Some("The measures and periods are fixed from now on."),
        Status::Adopted => Some("Keep doing it: it becomes how we work."),
        Status::Adapted => Some(
            "Change it and try again: a new experiment is made, with the same measures, as the next cycle.",
        ),
        Status::Stopped => Some("Stop trying it. What we learned is kept."),
        _ => None,
    }
}

/// The decision page.
pub fn decide(
    nav: &NavUser,
    csrf: &str,
    project: &Project,
    e: &Experiment,
    r: &Results,
    typed: &DecisionInput,
    errors: &FieldErrors,
) -> Markup {
    let base = format!("/projects/{}/experiments/{}", project.id.0, e.id.0);
    let choices: Vec<(&str, &str, Option<&str>)> = e
        .status
        .next()
        .iter()
        .map(|s| (s.as_str(), s.action(), hint(*s)))
        .collect();
    let title = "Record a decision";
    Page::new(title)
        .user(Some(nav))
        .error(!errors.is_empty())
        .back(&base)
        .render(html! {
            (error_summary(errors))
            span class="caption" { (e.fields.title) }
            h1 class="heading-l" { (title) }
            p class="body" { "Now: " strong { (e.status.label()) } ". " (e.hypothesis()) }
            h2 class="heading-m" { "Results as they are now" }
            p class="body" { "These figures are kept with your decision, so anyone can see later what you saw." }
            (results::section(r, e.plan.missing().is_empty()))
            form method="post" action={ (base) "/decide" } novalidate {
                (csrf_field(csrf))
                (radios("to", "What happens next?", None, &choices, &typed.to, errors))
                (textarea("rationale", "Why?", Some("Say what you saw and why you decided this. Children, families and practitioners may read it."), &typed.rationale, false, errors))
                (button("Record the decision"))
            }
        })
}
