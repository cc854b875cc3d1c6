//! Steward pages for adding an item to a round: choosing where it comes from (a theme, an
//! experiment proposal, or written for the round) and the item form, prefilled from its source,
//! with the source's redacted quotes to pick from.

use maud::{Markup, html};

use crate::participation::model::{RawItem, Round};
use crate::projects::Project;
use crate::web::choices::textarea;
use crate::web::forms::{Input, button, csrf_field, error_summary};
use crate::web::{FieldErrors, NavUser, Page};

/// Where a new item can come from: (query, name, extra words) for each theme and experiment.
pub struct Sources {
    pub themes: Vec<(i64, String)>,
    pub experiments: Vec<(i64, String, String)>,
}

fn round_path(project: &Project, round: &Round) -> String {
    format!("/projects/{}/rounds/{}", project.id.0, round.id.0)
}

/// `GET …/items/new` without a source: what the item is about.
pub fn choose(nav: &NavUser, project: &Project, round: &Round, sources: &Sources) -> Markup {
    let here = round_path(project, round);
    let new = format!("{here}/items/new");
    Page::new("Add an item").user(Some(nav)).back(&here).render(html! {
        span class="caption" { (round.title) }
        h1 class="heading-l" { "Add an item" }
        p class="body" { "Choose what you want people's views on." }
        h2 class="heading-m" { "A theme: something people told us" }
        @if sources.themes.is_empty() { p class="body" { "There are no themes yet." } }
        ul class="list" {
            @for (id, name) in &sources.themes {
                li { a href={ (new) "?theme=" (id) } { (name) } }
            }
        }
        h2 class="heading-m" { "An experiment proposal: something we could try" }
        @if sources.experiments.is_empty() { p class="body" { "There are no experiment proposals yet." } }
        ul class="list" {
            @for (id, title, hypothesis) in &sources.experiments {
                li { a href={ (new) "?experiment=" (id) } { (title) } span class="caption" { (hypothesis) } }
            }
        }
        h2 class="heading-m" { "Something else" }
        p class="body" { a href={ (new) "?free=yes" } { "Write an item in your own words" } }
    })
}

/// What the item form carries about its source.
pub struct Origin<'a> {
    /// `theme`, `experiment` or `free`.
    pub kind: &'a str,
    pub id: Option<i64>,
    /// Redacted quotes that may be shown, in order.
    pub quotes: &'a [String],
}

/// The item form, prefilled or as typed.
pub fn form(
    nav: &NavUser,
    csrf: &str,
    (project, round): (&Project, &Round),
    origin: &Origin<'_>,
    typed: &RawItem,
    errors: &FieldErrors,
) -> Markup {
    let here = round_path(project, round);
    let action = format!("{here}/items");
    Page::new("Add an item")
        .user(Some(nav))
        .error(!errors.is_empty())
        .back(&here)
        .render(html! {
            (error_summary(errors))
            span class="caption" { (round.title) }
            h1 class="heading-l" { "Add an item" }
            form method="post" action=(action) novalidate {
                (csrf_field(csrf))
                input type="hidden" name="source" value=(origin.kind);
                @if let Some(id) = origin.id { input type="hidden" name="source_id" value=(id); }
                (Input::new("title", "Title").hint("A few words people will recognise").value(&typed.title).render(errors))
                (textarea("body", "In plain words", Some("What this is about, in words a child or any parent would understand. For a proposal: if we … then …"), &typed.body, false, errors))
                (textarea("easy_read", "Easy read", Some("Short sentences and everyday words, for people who ask for easy read"), &typed.easy_read, true, errors))
                @if !origin.quotes.is_empty() {
                    div class={ "form-group" @if errors.get("quotes").is_some() { " form-group-error" } } {
                        fieldset class="fieldset" aria-describedby="quotes-hint" {
                            legend class="fieldset-legend" { "Quotes to show (optional)" }
                            div class="hint" id="quotes-hint" { "Names, emails, phone numbers and postcodes have been taken out. Quotes waiting for a safeguarding review are never offered." }
                            @if let Some(m) = errors.get("quotes") {
                                p class="error-message" { span class="visually-hidden" { "Error: " } (m) }
                            }
                            div class="checkboxes" id="quotes" {
                                @for (i, q) in origin.quotes.iter().enumerate() {
                                    @let id = format!("quote-{i}");
                                    div class="checkbox" {
                                        input class="checkbox-input" type="checkbox" id=(id) name="quote" value=(i) checked[typed.quotes.contains(&i)];
                                        label class="checkbox-label" for=(id) { "\u{201c}" (q) "\u{201d}" }
                                    }
                                }
                            }
                        }
                    }
                }
                (button("Add item"))
            }
        })
}
