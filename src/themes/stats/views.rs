//! A theme's figures on its page: count and share, week by week, by audience and by mode
//! (small groups hidden and quotes redacted by `stats::disclosed`), the questions it comes up in and how answers got it.
//! Every figure is a table or text.

use std::collections::BTreeSet;

use maud::{Markup, html};

use crate::disclosure::MinGroup;
use crate::results::MODES;
use crate::surveys::Audience;
use crate::themes::stats::disclosed::shown_counts;
use crate::themes::stats::model::Catalogue;
use crate::themes::stats::model::{QUOTES, ThemeStats, share_label, week_series};
use crate::web::table_region;

/// Weeks shown in the trend table.
pub const TREND_WEEKS: usize = 26;

/// A table of (label, count) rows with small groups hidden; `id` names it for tests and links.
fn counts_table(
    id: &str,
    caption: &str,
    first: &str,
    rows: &[(String, u64)],
    min: MinGroup,
) -> Markup {
    let counts: Vec<u64> = rows.iter().map(|r| r.1).collect();
    let shown_all = shown_counts(&counts, min);
    let most = counts.iter().copied().max().unwrap_or(0).max(1);
    table_region(
        caption,
        html! {
            table class="table" id=(id) {
                caption class="caption" { (caption) }
                thead { tr { th scope="col" { (first) } th scope="col" { "Answers" } } }
                tbody {
                    @for ((label, _), shown) in rows.iter().zip(shown_all.iter().copied()) {
                        tr {
                            th scope="row" { (label) }
                            td {
                                (min.show(shown))
                                @if let Some(v) = shown.value() {
                                    @if v > 0 {
                                        " " meter class="bar" min="0" max=(most) value=(v) aria-hidden="true" {}
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

fn day(at: Option<chrono::DateTime<chrono::Utc>>) -> String {
    at.map(|d| crate::web::When::day(d).to_string())
        .unwrap_or_else(|| "–".into())
}

/// The figures section of a theme's page.
pub fn figures(stats: &ThemeStats, cat: &Catalogue, min: MinGroup) -> Markup {
    let total = cat.text_answers;
    let weeks = week_series(&stats.weeks, TREND_WEEKS);
    let present: BTreeSet<&str> = cat
        .questions
        .values()
        .map(|q| q.audience.as_str())
        .collect();
    let audiences: Vec<(String, u64)> = Audience::ALL
        .iter()
        .filter(|a| present.contains(a.as_str()))
        .map(|a| {
            (
                a.label().to_owned(),
                ThemeStats::of(&stats.audiences, a.as_str()),
            )
        })
        .collect();
    let modes: Vec<(String, u64)> = MODES
        .iter()
        .map(|(m, l)| ((*l).to_owned(), ThemeStats::of(&stats.modes, m)))
        .collect();
    let mut questions: Vec<(String, String, u64)> = stats
        .questions
        .iter()
        .filter_map(|(q, n)| {
            let info = cat.questions.get(q)?;
            Some((info.survey.clone(), info.prompt.clone(), *n))
        })
        .collect();
    questions.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    let q_counts: Vec<u64> = questions.iter().map(|q| q.2).collect();
    let q_shown = shown_counts(&q_counts, min);
    let quotes = stats.shown_quotes(QUOTES, min);
    html! {
        h2 class="heading-m" id="figures" { "How often it comes up" }
        dl class="summary-list" id="theme-figures" {
            div class="summary-row" {
                dt class="summary-key" { "Answers with this theme" }
                dd class="summary-value" id="theme-count" { (stats.count) }
            }
            div class="summary-row" {
                dt class="summary-key" { "Share of written answers" }
                dd class="summary-value" id="theme-share" {
                    (share_label(stats.count, total)) " of " (total) " written answers in this project"
                }
            }
            div class="summary-row" {
                dt class="summary-key" { "First seen" }
                dd class="summary-value" { (day(stats.first_seen)) }
            }
            div class="summary-row" {
                dt class="summary-key" { "Last seen" }
                dd class="summary-value" { (day(stats.last_seen)) }
            }
        }
        @if min.0 > 1 {
            p class="body" {
                "To protect people in small groups, counts below " (min.0) " show as “" (min.label())
                "”; where a larger count has to be hidden too, so that a small one cannot be worked out from the others, it shows as “" (MinGroup::PROTECTS) "”."
            }
        }
        h2 class="heading-m" { "Week by week" }
        @if weeks.is_empty() {
            p class="body" { "No answers have this theme yet." }
        } @else {
            (counts_table("theme-weeks", "Answers with this theme by ISO week", "Week", &weeks, min))
        }
        h2 class="heading-m" { "Who said it" }
        (counts_table("theme-audiences", "Answers with this theme by audience", "Audience", &audiences, min))
        (counts_table("theme-modes", "Answers with this theme by how the survey was filled in", "Mode", &modes, min))
        h2 class="heading-m" { "What people said" }
        @if min.too_small(stats.count) {
            p class="body" id="quotes-hidden" {
                "Quotes are not shown: fewer than " (min.0) " answers have this theme."
            }
        } @else if quotes.is_empty() {
            p class="body" { "There are no quotes to show." }
        } @else {
            p class="hint" { "Names, email addresses, phone numbers and postcodes are removed. Answers waiting for a safeguarding review are not shown." }
            ul class="list" id="theme-quotes" {
                @for q in &quotes { li { blockquote { (q) } } }
            }
        }
        h2 class="heading-m" { "Where it comes up" }
        @if questions.is_empty() {
            p class="body" { "No answers have this theme yet." }
        } @else {
            (table_region("Questions this theme comes up in", html! {
                table class="table" id="theme-questions" {
                    caption class="caption" { "Questions this theme comes up in" }
                    thead { tr { th scope="col" { "Survey" } th scope="col" { "Question" } th scope="col" { "Answers" } } }
                    tbody {
                        @for ((survey, prompt, _), shown) in questions.iter().zip(q_shown.iter().copied()) {
                            tr { td { (survey) } th scope="row" { (prompt) } td { (min.show(shown)) } }
                        }
                    }
                }
            }))
        }
        h2 class="heading-m" { "How answers got this theme" }
        (table_region("How answers got this theme", html! {
            table class="table" id="theme-sources" {
                caption class="caption" { "Answers by who or what gave them this theme" }
                thead { tr { th scope="col" { "Source" } th scope="col" { "Answers" } } }
                tbody {
                    tr { th scope="row" { "Steward" } td { (stats.steward) } }
                    tr { th scope="row" { "Learned coder (accepted)" } td { (stats.learned) } }
                    tr { th scope="row" { "Codebook" } td { (stats.keyword) } }
                }
            }
        }))
    }
}
