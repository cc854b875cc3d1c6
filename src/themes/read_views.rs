//! Themes for viewers: the same list and figures as stewards see, with nothing to change.

use std::collections::HashMap;

use maud::{Markup, html};

use crate::projects::Project;
use crate::themes::model::{Theme, ThemeId};
use crate::themes::views::themes_table;
use crate::web::{NavUser, Page};

/// The themes list, read only.
pub fn list(
    nav: &NavUser,
    project: &Project,
    themes: &[Theme],
    counts: &HashMap<ThemeId, usize>,
    total: u64,
) -> Markup {
    let id = project.id.0;
    let back = format!("/projects/{id}");
    Page::new("Themes").user(Some(nav)).back(&back).render(html! {
        span class="caption" { (project.title) }
        h1 class="heading-l" { "Themes" }
        p class="body" { "What people wrote, sorted into themes by the project\u{2019}s stewards. You can read these; only stewards change them." }
        @if themes.is_empty() {
            p class="body" { "There are no themes yet." }
        } @else {
            (themes_table(id, themes, counts, total))
        }
    })
}

/// One theme, read only: its description and figures.
pub fn theme(nav: &NavUser, project: &Project, theme: &Theme, figures: Markup) -> Markup {
    let id = project.id.0;
    let back = format!("/projects/{id}/themes");
    Page::new(&theme.name).user(Some(nav)).back(&back).render(html! {
        span class="caption" { (project.title) }
        h1 class="heading-l" { (theme.name) }
        @if !theme.description.is_empty() { p class="body" { (theme.description) } }
        p class="body" { a href={ "/projects/" (id) "/decisions?theme=" (theme.id.0) } { "Decisions about or using this theme" } }
        (figures)
    })
}
