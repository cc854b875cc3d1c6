//! Steward pages for rounds: the project's rounds, the new round form, and a round's page
//! (its items, the public link and QR code, open and close).

use maud::{Markup, PreEscaped, html};

use crate::participation::model::{Item, RawRound, Round, RoundStatus, Source};
use crate::projects::Project;
use crate::surveys::Audience;
use crate::web::choices::{radios, textarea};
use crate::web::forms::{Input, button, csrf_field, error_summary, secondary_button};
use crate::web::{FieldErrors, NavUser, Page, table_region};

/// A round's status as a tag.
pub fn status_tag(status: RoundStatus) -> Markup {
    let class = match status {
        RoundStatus::Draft => "tag tag-grey",
        RoundStatus::Open => "tag tag-green",
        RoundStatus::Closed => "tag",
    };
    html! { strong class=(class) { (status.label()) } }
}

/// Who a round is for, in words.
pub fn audience_label(a: Audience) -> &'static str {
    match a {
        Audience::Anyone => "A mix of people (we ask who they are)",
        other => other.label(),
    }
}

/// The base path of a project's rounds.
pub fn base(project: &Project) -> String {
    format!("/projects/{}/rounds", project.id.0)
}

/// `GET /projects/{id}/rounds`
pub fn list(nav: &NavUser, project: &Project, rounds: &[Round], can_build: bool) -> Markup {
    let back = format!("/projects/{}", project.id.0);
    let base = base(project);
    Page::new("Have your say").user(Some(nav)).back(&back).render(html! {
        span class="caption" { (project.title) }
        h1 class="heading-l" { "Have your say" }
        p class="body" { "Ask children, families and practitioners whether they agree with what we heard and what we plan to try. Anyone with the link or QR code can answer, without an account." }
        @if can_build {
            a class="button" href={ (base) "/new" } { "Start a round" }
        }
        @if rounds.is_empty() {
            p class="body" { "There are no rounds yet." }
        } @else {
            (table_region("Rounds", html! {
                table class="table" {
                    thead { tr { th scope="col" { "Round" } th scope="col" { "Who it is for" } th scope="col" { "Status" } } }
                    tbody {
                        @for r in rounds {
                            tr {
                                td { a href={ (base) "/" (r.id.0) } { (r.title) } }
                                td { (audience_label(r.audience)) }
                                td { (status_tag(r.status)) }
                            }
                        }
                    }
                }
            }))
        }
    })
}

/// `GET /projects/{id}/rounds/new`, and the form again with its problems.
pub fn new_form(
    nav: &NavUser,
    csrf: &str,
    project: &Project,
    typed: &RawRound,
    errors: &FieldErrors,
) -> Markup {
    let base = base(project);
    let audiences: Vec<(&str, &str, Option<&str>)> = [
        Audience::Children,
        Audience::Families,
        Audience::Practitioners,
        Audience::Anyone,
    ]
    .iter()
    .map(|a| (a.as_str(), audience_label(*a), None))
    .collect();
    let children_hint = "Children's rounds show faces as well as words.";
    Page::new("Start a round")
        .user(Some(nav))
        .error(!errors.is_empty())
        .back(&base)
        .render(html! {
            (error_summary(errors))
            span class="caption" { (project.title) }
            h1 class="heading-l" { "Start a round" }
            form method="post" action=(base) novalidate {
                (csrf_field(csrf))
                (Input::new("title", "Title").hint("People see this at the top of the page, for example, What should the hub try next?").value(&typed.title).render(errors))
                (textarea("intro", "Introduction", Some("A few plain words on why you are asking"), &typed.intro, true, errors))
                (radios("audience", "Who is it for?", Some(children_hint), &audiences, &typed.audience, errors))
                (radios("show_results", "Show people what everyone said after they answer?", Some("Small numbers are always hidden."), &[("yes", "Yes", None), ("no", "No", None)], if typed.show_results == "yes" { "yes" } else { "no" }, errors))
                (button("Create round"))
            }
        })
}

/// What a round's page shows.
pub struct ShowData<'a> {
    pub project: &'a Project,
    pub round: &'a Round,
    pub items: &'a [Item],
    pub can_build: bool,
    pub csrf: &'a str,
    /// The public link, and its QR code as SVG.
    pub link: String,
    pub qr: Option<String>,
    /// Comments waiting for a decision.
    pub held: usize,
}

fn source_label(i: &Item) -> &'static str {
    match i.source {
        Source::Theme => "From a theme",
        Source::Experiment => "From an experiment proposal",
        Source::Free => "Written for this round",
    }
}

/// One item as the steward sees it.
pub fn item_summary(i: &Item) -> Markup {
    html! {
        h3 class="heading-s" { (i.fields.title) }
        span class="caption" { (source_label(i)) }
        p class="body" { (i.fields.body) }
        @if !i.fields.easy_read.is_empty() {
            p class="body" { strong { "Easy read: " } (i.fields.easy_read) }
        }
        @for q in &i.fields.quotes {
            blockquote class="inset" { p { "\u{201c}" (q) "\u{201d}" } }
        }
    }
}

/// `GET /projects/{id}/rounds/{round}`
pub fn show(nav: &NavUser, d: &ShowData<'_>) -> Markup {
    let here = format!("{}/{}", base(d.project), d.round.id.0);
    let back = base(d.project);
    let r = d.round;
    Page::new(&r.title).user(Some(nav)).back(&back).render(html! {
        span class="caption" { "Have your say · " (d.project.title) }
        h1 class="heading-l" { (r.title) " " (status_tag(r.status)) }
        dl class="summary-list" {
            div class="summary-row" { dt class="summary-key" { "Who it is for" } dd class="summary-value" { (audience_label(r.audience)) } }
            div class="summary-row" { dt class="summary-key" { "Results after answering" } dd class="summary-value" { @if r.show_results { "Shown (small numbers hidden)" } @else { "Not shown" } } }
            @if !r.intro.is_empty() {
                div class="summary-row" { dt class="summary-key" { "Introduction" } dd class="summary-value" { (r.intro) } }
            }
        }
        p class="body" {
            a href={ (here) "/results" } { "Results" } " · "
            a href={ (here) "/comments" } { "Comments to check" } " (" (d.held) " waiting)"
        }
        @if r.status == RoundStatus::Open {
            h2 class="heading-m" { "Share the round" }
            p class="body break-anywhere" { "Public link: " a href=(d.link) { (d.link) } }
            @if let Some(svg) = &d.qr { div class="poster-qr" { (PreEscaped(svg)) } }
        }
        h2 class="heading-m" { "Items" }
        @if d.items.is_empty() { p class="body" { "There are no items yet. Add at least one before you open the round." } }
        @for i in d.items {
            div class="round-item" {
                (item_summary(i))
                @if d.can_build && r.status == RoundStatus::Draft {
                    form method="post" action={ (here) "/items/" (i.id.0) "/remove" } {
                        (csrf_field(d.csrf))
                        button type="submit" class="button button-secondary" { "Remove " span class="visually-hidden" { (i.fields.title) } }
                    }
                }
            }
        }
        @if d.can_build {
            @if r.status != RoundStatus::Closed {
                p class="body" { a class="button button-secondary" href={ (here) "/items/new" } { "Add an item" } }
            }
            @match r.status {
                RoundStatus::Draft => {
                    @if !d.items.is_empty() {
                        form method="post" action={ (here) "/open" } { (csrf_field(d.csrf)) (button("Open the round")) }
                    }
                }
                RoundStatus::Open => {
                    form method="post" action={ (here) "/close" } { (csrf_field(d.csrf)) (secondary_button("Close the round")) }
                }
                RoundStatus::Closed => {
                    p class="body" { "This round is closed: it no longer takes answers." }
                }
            }
        }
    })
}
