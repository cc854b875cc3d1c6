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
    /// The framework part as typed.
    #[serde(skip)]
    pub framework: crate::decisions::RawFramework,
}

impl DecisionInput {
    /// Reads the form's pairs: the move, the reason and the framework fields.
    pub fn from_pairs(pairs: &[(String, String)]) -> DecisionInput {
        let field = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        DecisionInput {
            to: field("to"),
            rationale: field("rationale"),
            framework: crate::decisions::RawFramework::from_pairs(pairs),
        }
    }
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

/// The form's parts: the project's criteria, what was typed and what was wrong with it.
pub struct DecisionForm<'a> {
    pub criteria: &'a [crate::decisions::Criterion],
    pub typed: &'a DecisionInput,
    pub errors: &'a FieldErrors,
}

/// The decision page.
pub fn decide(
    nav: &NavUser,
    csrf: &str,
    project: &Project,
    e: &Experiment,
    r: &Results,
    form: DecisionForm<'_>,
) -> Markup {
    let DecisionForm {
        criteria,
        typed,
        errors,
    } = form;
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
                (crate::decisions::framework_fields(criteria, &typed.framework, false, errors))
                (button("Record the decision"))
            }
        })
}
