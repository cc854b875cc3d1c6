//! The pages that ask before a theme is merged or retired, with the counts involved.

use maud::{Markup, html};

use crate::projects::Project;
use crate::themes::model::Theme;
use crate::web::forms::csrf_field;
use crate::web::{NavUser, Page};

/// "1 answer" or "23 answers".
fn answers(n: u64) -> String {
    if n == 1 {
        "1 answer".to_owned()
    } else {
        format!("{n} answers")
    }
}

/// The confirmation form: the warning button that posts `confirm=yes` and a way back.
fn confirm_form(
    csrf: &str,
    action: &str,
    hidden: Option<(&str, String)>,
    yes: &str,
    back: &str,
) -> Markup {
    html! {
        form method="post" action=(action) {
            (csrf_field(csrf))
            @if let Some((name, value)) = hidden { input type="hidden" name=(name) value=(value); }
            input type="hidden" name="confirm" value="yes";
            button type="submit" class="button button-warning" { (yes) }
        }
        p class="body" { a href=(back) { "Cancel" } }
    }
}

/// Counts for a merge: each theme's answers now and the answers of either.
pub struct MergeCounts {
    pub from: u64,
    pub into: u64,
    pub either: u64,
}

/// Asks before merging `from` into `into`.
pub fn merge_confirm(
    nav: &NavUser,
    csrf: &str,
    project: &Project,
    from: &Theme,
    into: &Theme,
    n: &MergeCounts,
) -> Markup {
    let base = format!("/projects/{}/themes/{}", project.id.0, from.id.0);
    let both = (n.from + n.into).saturating_sub(n.either);
    Page::new(&format!("Merge {} into {}?", from.name, into.name))
        .user(Some(nav))
        .back(&base)
        .render(html! {
            span class="caption" { (project.title) }
            h1 class="heading-l" {
                "Merge “" (from.name) "” (" (answers(n.from)) ") into “" (into.name) "” (" (answers(n.into)) ")?"
            }
            p class="body" id="merge-counts" {
                "“" (into.name) "” will then hold the answers of both: " (answers(n.either)) " ("
                (n.from) " + " (n.into) " minus " (both) " in both). Its codebook gets the phrases of “"
                (from.name) "”, and “" (from.name) "” is retired."
            }
            p class="body" { "You can undo this by restoring “" (from.name) "”: both themes go back to their answers." }
            (confirm_form(csrf, &format!("{base}/merge"), Some(("into", into.id.0.to_string())), "Yes, merge the themes", &base))
        })
}

/// Asks before retiring `theme`, which has `n` answers.
pub fn retire_confirm(
    nav: &NavUser,
    csrf: &str,
    project: &Project,
    theme: &Theme,
    n: u64,
) -> Markup {
    let base = format!("/projects/{}/themes/{}", project.id.0, theme.id.0);
    Page::new(&format!("Retire {}?", theme.name))
        .user(Some(nav))
        .back(&base)
        .render(html! {
            span class="caption" { (project.title) }
            h1 class="heading-l" { "Retire “" (theme.name) "” (" (answers(n)) ")?" }
            p class="body" id="retire-counts" {
                "It will no longer be suggested or put on answers by its codebook words. Answers a steward coded with it keep it, and you can restore it at any time."
            }
            (confirm_form(csrf, &format!("{base}/retire"), None, "Yes, retire the theme", &base))
        })
}
