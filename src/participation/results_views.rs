//! Round results and comment moderation pages. Figures arrive already suppressed
//! ([`ItemResult`] from `tally`): these views only write them out.

use maud::{Markup, html};

use crate::disclosure::{MinGroup, Shown};
use crate::participation::model::{Choice, CommentStatus, Item, Round};
use crate::participation::tally::{ItemResult, Row};
use crate::participation::vote_store::Comment;
use crate::projects::Project;
use crate::web::assets;
use crate::web::forms::csrf_field;
use crate::web::{NavUser, Page, table_region};

fn cell(count: Shown<u64>, share: Option<&Shown<f64>>, min: MinGroup) -> Markup {
    html! {
        (min.show(count))
        @if let Some(Shown::Value(s)) = share { " (" (format!("{s:.0}")) "%)" }
    }
}

fn row(label: &str, r: &Row, min: MinGroup) -> Markup {
    html! {
        tr {
            th scope="row" { (label) }
            @for (i, c) in r.counts.iter().enumerate() {
                td class="numeric" { (cell(*c, r.shares.get(i), min)) }
            }
            td class="numeric" { (min.show(r.total)) }
        }
    }
}

/// Every item's figures, best agreed first, with the approved comments when `comments`.
pub fn figures(results: &[ItemResult], min: MinGroup, children: bool, comments: bool) -> Markup {
    html! {
        @if results.is_empty() { p class="body" { "There are no items in this round." } }
        @for (n, r) in results.iter().enumerate() {
            section class="round-result" aria-labelledby={ "result-" (r.item.0) } {
                h2 class="heading-m" id={ "result-" (r.item.0) } { (n + 1) ". " (r.title) }
                @match r.overall.agree_share() {
                    Some(s) => p class="body" { (format!("{s:.0}")) "% agree." },
                    None => p class="body" { "Not enough answers yet to show how many agree." },
                }
                (table_region(&format!("Answers on {}", r.title), html! {
                    table class="table" {
                        thead { tr {
                            th scope="col" { "Who" }
                            @for c in Choice::ALL { th scope="col" class="numeric" { (c.label(children)) } }
                            th scope="col" class="numeric" { "Total" }
                        } }
                        tbody {
                            (row("Everyone", &r.overall, min))
                            @if r.by_who.len() > 1 {
                                @for (who, g) in &r.by_who { (row(who.label(), g, min)) }
                            }
                        }
                    }
                }))
                @if comments && !r.comments.is_empty() {
                    h3 class="heading-s" { "What people told us" }
                    @for c in &r.comments { blockquote class="inset" { p { (c) } } }
                }
            }
        }
    }
}

/// `GET /projects/{id}/rounds/{round}/results`: the figures in a live board.
pub fn page(nav: &NavUser, project: &Project, round: &Round, content: Markup) -> Markup {
    let here = format!("/projects/{}/rounds/{}", project.id.0, round.id.0);
    let title = format!("Results: {}", round.title);
    Page::new(&title)
        .user(Some(nav))
        .back(&here)
        .script(assets::live_script_url())
        .render(html! {
            span class="caption" { "Have your say · " (project.title) }
            h1 class="heading-l" { (title) }
            p class="body" { "Ranked by the share who agree; items with too few answers to show come last. Small numbers are hidden so nobody can be picked out. "
                a href={ (here) "/results" } { "Refresh" } " to see the latest figures." }
            div id="live-status" class="visually-hidden" role="status" aria-live="polite" {}
            div id="live-board" data-events={ (here) "/events" } data-fragment={ (here) "/results/fragment" } {
                (content)
            }
        })
}

/// `GET /projects/{id}/rounds/{round}/comments`: held comments to approve or hide.
pub fn moderation(
    nav: &NavUser,
    csrf: &str,
    (project, round): (&Project, &Round),
    items: &[Item],
    comments: &[(Comment, bool)],
) -> Markup {
    let here = format!("/projects/{}/rounds/{}", project.id.0, round.id.0);
    let title = format!("Comments: {}", round.title);
    let item_title = |c: &Comment| {
        items
            .iter()
            .find(|i| i.id == c.item)
            .map_or("", |i| i.fields.title.as_str())
    };
    Page::new(&title).user(Some(nav)).back(&here).render(html! {
        span class="caption" { "Have your say · " (project.title) }
        h1 class="heading-l" { (title) }
        p class="body" { "Nobody else sees a comment until you approve it. Comments the safeguarding check flagged go to the safeguarding lead, and can only be approved once they find no concern." }
        @if comments.is_empty() { p class="body" { "There are no comments yet." } }
        @for (c, withheld) in comments {
            div class="round-comment" {
                h2 class="heading-s" { "On \u{201c}" (item_title(c)) "\u{201d} " 
                    @match c.status {
                        CommentStatus::Held => strong class="tag tag-grey" { "Waiting" },
                        CommentStatus::Approved => strong class="tag tag-green" { "Approved" },
                        CommentStatus::Hidden => strong class="tag" { "Hidden" },
                    }
                }
                blockquote class="inset" { p { (c.text) } }
                @if *withheld {
                    p class="body" { strong { "Flagged for the safeguarding lead's review." } }
                }
                form method="post" action={ (here) "/comments/" (c.id.0) } class="inline-actions" {
                    (csrf_field(csrf))
                    @if !*withheld && c.status != CommentStatus::Approved {
                        button type="submit" name="decision" value="approve" class="button" { "Approve" span class="visually-hidden" { " this comment" } }
                        " "
                    }
                    @if c.status != CommentStatus::Hidden {
                        button type="submit" name="decision" value="hide" class="button button-secondary" { "Hide" span class="visually-hidden" { " this comment" } }
                    }
                }
            }
        }
    })
}
