//! Theme pages: the list with the create form, a theme's page (edit, merge, retire or
//! restore, history) and suggestions for new themes.

use std::collections::HashMap;

use maud::{Markup, html};

use crate::projects::Project;
use crate::themes::engine::ThemeSuggestion;
use crate::themes::model::{Theme, ThemeId, ThemeInput, ThemeStatus};
use crate::themes::stats::model::share_label;
use crate::themes::store::ThemeEvent;
use crate::web::choices::textarea;
use crate::web::forms::{Input, button, csrf_field, error_summary, secondary_button};
use crate::web::{FieldErrors, NavUser, Page, table_region};

fn status_tag(theme: &Theme) -> Markup {
    match theme.status {
        ThemeStatus::Active => html! { strong class="tag tag-green" { "Active" } },
        ThemeStatus::Retired => html! { strong class="tag tag-grey" { "Retired" } },
    }
}

fn theme_fields(typed: &ThemeInput, errors: &FieldErrors) -> Markup {
    html! {
        (Input::new("name", "Theme name").value(&typed.name).render(errors))
        (textarea("description", "Description", Some("What answers with this theme are about."), &typed.description, true, errors))
        (textarea("codebook", "Codebook phrases",
            Some("One word or phrase per line. Answers containing it get the theme automatically. Word endings and punctuation do not matter: \"waiting times\" also finds \"waited, time\"."),
            &typed.codebook, true, errors))
    }
}

/// The themes list with counts and shares of the project's `total` text answers, the
/// download links and the create form.
#[expect(
    clippy::too_many_arguments,
    reason = "one page, each part a plain value the handler already holds"
)]
pub fn list(
    nav: &NavUser,
    csrf: &str,
    project: &Project,
    themes: &[Theme],
    counts: &HashMap<ThemeId, usize>,
    total: u64,
    typed: &ThemeInput,
    errors: &FieldErrors,
) -> Markup {
    let id = project.id.0;
    let back = format!("/projects/{id}");
    Page::new("Themes")
        .user(Some(nav))
        .error(!errors.is_empty())
        .back(&back)
        .render(html! {
            (error_summary(errors))
            span class="caption" { (project.title) }
            h1 class="heading-l" { "Themes" }
            p class="body" {
                a href={ "/projects/" (id) "/coding" } { "Code answers" } " · "
                a href={ "/projects/" (id) "/coding/queue" } { "Check suggested codings" } " · "
                a href={ "/projects/" (id) "/themes/suggestions" } { "Suggestions for new themes" }
            }
            @if themes.is_empty() {
                p class="body" { "There are no themes yet." }
            } @else {
                (themes_table(id, themes, counts, total))
                h2 class="heading-m" { "Download themes" }
                p class="body" {
                    "Answers waiting for a safeguarding review are counted, but their words are left out. Quotes have names, email addresses, phone numbers and postcodes removed, and small groups show as “fewer than” a number."
                }
                ul class="list" id="theme-downloads" {
                    li { a href={ "/projects/" (id) "/themes.csv?bom=1" } download { "Themes as CSV for Excel" } }
                    li { a href={ "/projects/" (id) "/themes.xlsx" } download { "Themes as an Excel workbook (XLSX)" } }
                    li { a href={ "/projects/" (id) "/coded-answers.csv?bom=1" } download { "Coded answers as CSV for Excel" } }
                    li { a href={ "/projects/" (id) "/coded-answers.xlsx" } download { "Coded answers as an Excel workbook (XLSX)" } }
                }
            }
            h2 class="heading-m" { "Create a theme" }
            form method="post" action={ "/projects/" (id) "/themes" } novalidate {
                (csrf_field(csrf))
                (theme_fields(typed, errors))
                (button("Create theme"))
            }
        })
}

/// The table of themes with their counts and shares (for those who build and for viewers).
pub fn themes_table(
    id: i64,
    themes: &[Theme],
    counts: &HashMap<ThemeId, usize>,
    total: u64,
) -> Markup {
    table_region(
        "Themes",
        html! {
            table class="table" id="themes" {
                caption class="visually-hidden" { "Themes and how many answers have each" }
                thead { tr {
                    th scope="col" { "Theme" }
                    th scope="col" { "Answers" }
                    th scope="col" { "Share of " (total) " written answers" }
                    th scope="col" { "Status" }
                } }
                tbody {
                    @for t in themes {
                        @let n = counts.get(&t.id).copied().unwrap_or(0) as u64;
                        tr {
                            td { a href={ "/projects/" (id) "/themes/" (t.id.0) } { (t.name) } }
                            td { (n) }
                            td { (share_label(n, total)) }
                            td { (status_tag(t)) }
                        }
                    }
                }
            }
        },
    )
}

/// A theme's page.
#[expect(
    clippy::too_many_arguments,
    reason = "one page, each part a plain value the handler already holds"
)]
pub fn theme(
    nav: &NavUser,
    csrf: &str,
    project: &Project,
    theme: &Theme,
    others: &[Theme],
    history: &[ThemeEvent],
    figures: Markup,
    typed: &ThemeInput,
    errors: &FieldErrors,
) -> Markup {
    let id = project.id.0;
    let base = format!("/projects/{id}/themes/{}", theme.id.0);
    let back = format!("/projects/{id}/themes");
    Page::new(&theme.name)
        .user(Some(nav))
        .error(!errors.is_empty())
        .back(&back)
        .render(html! {
            (error_summary(errors))
            span class="caption" { "Theme" }
            h1 class="heading-l" { (theme.name) " " (status_tag(theme)) }
            @if let Some(into) = theme.merged_into {
                p class="body" { "Merged into " a href={ "/projects/" (id) "/themes/" (into.0) } { "another theme" } "." }
            }
            @if theme.status == ThemeStatus::Active {
                p class="body" {
                    a class="button button-secondary" href={ "/projects/" (id) "/experiments/new?theme=" (theme.id.0) } { "Propose an experiment" }
                }
            }
            p class="body" { a href={ "/projects/" (id) "/decisions?theme=" (theme.id.0) } { "Decisions about or using this theme" } }
            (figures)
            h2 class="heading-m" { "Change the theme" }
            form method="post" action=(base) novalidate {
                (csrf_field(csrf))
                (theme_fields(typed, errors))
                (button("Save changes"))
            }
            @if theme.status == ThemeStatus::Active {
                @if !others.is_empty() {
                    h2 class="heading-m" { "Merge into another theme" }
                    form method="get" action={ (base) "/merge" } novalidate {
                        @let err = errors.get("into");
                        div class={ "form-group" @if err.is_some() { " form-group-error" } } {
                            label class="label" for="into" { "Theme to merge into" }
                            div class="hint" id="into-hint" { "You will see the answers involved and be asked to confirm. Answers and codebook phrases move to that theme; this one is retired." }
                            @if let Some(e) = err { p class="error-message" id="into-error" { span class="visually-hidden" { "Error: " } (e) } }
                            select class="select" id="into" name="into" aria-describedby={ "into-hint" @if err.is_some() { " into-error" } } {
                                @for o in others { option value=(o.id.0) { (o.name) } }
                            }
                        }
                        (secondary_button("Merge"))
                    }
                }
                p class="body" {
                    a class="button button-secondary" href={ (base) "/retire" } { "Retire this theme" }
                }
            } @else {
                form method="post" action={ (base) "/restore" } {
                    (csrf_field(csrf))
                    (secondary_button("Restore this theme"))
                }
            }
            h2 class="heading-m" { "History" }
            ol class="list" {
                @for e in history {
                    li {
                        strong { (e.action.label()) }
                        @if let (Some(from), Some(to)) = (e.detail.get("from").and_then(|v| v.as_str()), e.detail.get("to").and_then(|v| v.as_str())) {
                            " from “" (from) "” to “" (to) "”"
                        }
                        @if let Some(into) = e.detail.get("into").and_then(|v| v.as_str()) { " into “" (into) "”" }
                        @if let Some(from) = e.detail.get("from_id").and(e.detail.get("from")).and_then(|v| v.as_str()) { " (“" (from) "” merged in)" }
                        " by " (e.steward.as_deref().unwrap_or("someone")) " on "
                        (crate::web::When::moment(e.at))
                    }
                }
            }
        })
}

/// Candidate themes from answers no theme covers, each with a "Create this theme" form.
pub fn suggestions(
    nav: &NavUser,
    csrf: &str,
    project: &Project,
    found: &[ThemeSuggestion],
    taken: &[String],
) -> Markup {
    let id = project.id.0;
    let back = format!("/projects/{id}/themes");
    Page::new("Suggestions for new themes")
        .user(Some(nav))
        .back(&back)
        .render(html! {
            span class="caption" { (project.title) }
            h1 class="heading-l" { "Suggestions for new themes" }
            p class="body" { "These phrases are shared by answers that no theme covers yet." }
            @if found.is_empty() {
                p class="body" { "There are no suggestions: too few answers are without a theme." }
            }
            @for (i, s) in found.iter().enumerate() {
                section class="inset" aria-labelledby={ "suggestion-" (i) } {
                    h2 class="heading-m" id={ "suggestion-" (i) } { "\u{201c}" (s.phrase) "\u{201d}" }
                    p class="body" { (s.support) " answers share this phrase. Phrases: " (s.codebook.join(", ")) }
                    ul class="list" {
                        @for q in &s.examples { li { blockquote { (q) } } }
                    }
                    @if taken.iter().any(|t| t.eq_ignore_ascii_case(&s.phrase)) {
                        p class="body" { "A theme with this name exists already." }
                    } @else {
                        form method="post" action={ "/projects/" (id) "/themes" } {
                            (csrf_field(csrf))
                            input type="hidden" name="name" value=(s.phrase);
                            input type="hidden" name="description" value="";
                            input type="hidden" name="codebook" value=(s.codebook.join("\n"));
                            button type="submit" class="button" {
                                "Create this theme" span class="visually-hidden" { ": " (s.phrase) }
                            }
                        }
                    }
                }
            }
        })
}
