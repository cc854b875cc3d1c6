//! The form to propose (or change) an experiment: the problem in people's own words (linked
//! themes), the hypothesis in three parts, what changes, who designed it, scale and place,
//! safe-to-fail limits, owners and planned dates.

use maud::{Markup, html};

use crate::experiments::model::{DateInput, RawExperiment};
use crate::projects::{Project, Scale};
use crate::surveys::Audience;
use crate::themes::model::Theme;
use crate::web::choices::{DateParts, date_input, radios, textarea};
use crate::web::forms::{Input, button, csrf_field, error_summary};
use crate::web::{FieldErrors, NavUser, Page};

fn parts(d: &DateInput) -> DateParts<'_> {
    DateParts {
        day: &d.day,
        month: &d.month,
        year: &d.year,
    }
}

fn ticks(
    name: &str,
    legend: &str,
    hint: &str,
    items: &[(String, String, bool)],
    errors: &FieldErrors,
) -> Markup {
    let error = errors.get(name);
    html! {
        div class={ "form-group" @if error.is_some() { " form-group-error" } } {
            fieldset class="fieldset" aria-describedby={ (name) "-hint" } {
                legend class="fieldset-legend" { (legend) }
                div class="hint" id={ (name) "-hint" } { (hint) }
                @if let Some(m) = error {
                    p class="error-message" { span class="visually-hidden" { "Error: " } (m) }
                }
                div class="checkboxes" {
                    @for (i, (value, label, checked)) in items.iter().enumerate() {
                        @let id = if i == 0 { name.to_owned() } else { format!("{name}-{i}") };
                        div class="checkbox" {
                            input class="checkbox-input" type="checkbox" id=(id) name=(name) value=(value) checked[*checked];
                            label class="checkbox-label" for=(id) { (label) }
                        }
                    }
                }
            }
        }
    }
}

/// Where the form posts and what its page is called.
pub struct FormTarget<'a> {
    pub action: &'a str,
    pub title: &'a str,
    pub back: &'a str,
    pub submit: &'a str,
}

/// The experiment form.
pub fn form(
    nav: &NavUser,
    csrf: &str,
    project: &Project,
    themes: &[Theme],
    typed: &RawExperiment,
    errors: &FieldErrors,
    target: FormTarget<'_>,
) -> Markup {
    let theme_items: Vec<(String, String, bool)> = themes
        .iter()
        .map(|t| {
            (
                t.id.0.to_string(),
                t.name.clone(),
                typed.themes.contains(&t.id.0),
            )
        })
        .collect();
    let who: Vec<(String, String, bool)> = [
        Audience::Children,
        Audience::Families,
        Audience::Practitioners,
    ]
    .iter()
    .map(|a| {
        (
            a.as_str().to_owned(),
            a.label().to_owned(),
            typed.codesigners.iter().any(|c| c == a.as_str()),
        )
    })
    .collect();
    let scales: Vec<(&str, &str, Option<&str>)> = Scale::ALL
        .iter()
        .map(|s| (s.as_str(), s.label(), None))
        .collect();
    Page::new(target.title)
        .user(Some(nav))
        .error(!errors.is_empty())
        .back(target.back)
        .render(html! {
            (error_summary(errors))
            span class="caption" { (project.title) }
            h1 class="heading-l" { (target.title) }
            p class="body" { "An experiment is a small change you can try safely, learn from, and then keep, change or stop." }
            form method="post" action=(target.action) novalidate {
                (csrf_field(csrf))
                (Input::new("title", "Short title").hint("For example, Evening drop-in at the family hub").value(&typed.title).render(errors))
                h2 class="heading-m" { "What people told us" }
                @if themes.is_empty() {
                    p class="body" { "This project has no themes yet. Say the problem in people's own words below." }
                } @else {
                    (ticks("themes", "Which themes is this about?", "Choose all that apply. Their figures are kept with the experiment, so the case for it stays readable.", &theme_items, errors))
                }
                (textarea("problem", "The problem in people's own words", Some("Quote or sum up what children, families or practitioners said. Do not include names."), &typed.problem, true, errors))
                h2 class="heading-m" { "What we think will happen" }
                (textarea("if_we", "If we \u{2026}", Some("What will we do differently?"), &typed.if_we, false, errors))
                (textarea("then_we", "then \u{2026}", Some("What do we expect to happen, and for whom?"), &typed.then_we, false, errors))
                (textarea("because", "because \u{2026}", Some("Why do we think so?"), &typed.because, false, errors))
                (textarea("change", "What changes", Some("What will people notice is different? Who does what?"), &typed.change, false, errors))
                h2 class="heading-m" { "Who designed it" }
                (ticks("codesigners", "Who helped design it?", "Choose all that apply.", &who, errors))
                p class="body" { "How many people took part? Numbers only, never names." }
                (Input::new("children", "Children and young people").optional().kind("text").value(&typed.children).render(errors))
                (Input::new("families", "Family members").optional().value(&typed.families).render(errors))
                (Input::new("practitioners", "Practitioners").optional().value(&typed.practitioners).render(errors))
                h2 class="heading-m" { "Where and how safely" }
                (radios("scale", "At what scale will it work?", None, &scales, &typed.scale, errors))
                (Input::new("place", "Where").hint("For example, Riverside family hub, Tuesday evenings").value(&typed.place).render(errors))
                (textarea("limits", "When would we stop early?", Some("The safe-to-fail limits: what would tell us it is doing harm or not worth it."), &typed.limits, false, errors))
                (Input::new("owners", "Who looks after it").hint("A role or a team is enough, for example, Family hub team leader").value(&typed.owners).render(errors))
                (date_input("planned_start", "Planned start", "For example, 12 1 2027", parts(&typed.planned_start), false, errors))
                (date_input("planned_end", "Planned end", "For example, 9 3 2027", parts(&typed.planned_end), false, errors))
                (button(target.submit))
            }
        })
}
