//! The public round page at `/p/{slug}` (no account, no JavaScript needed): each item in plain
//! words (or easy read), its quotes, agree / not sure / disagree (faces beside the words on
//! children's rounds, never alone) and "tell us more"; "Who are you?" once on mixed rounds;
//! the thank-you page (kind words when a comment worried us) and the results people may see.

use std::collections::HashMap;

use maud::{Markup, html};

use crate::participation::ballot::{more_field, vote_field};
use crate::participation::model::{Choice, Item, Round, Who};
use crate::responses::look::easy_read_switch;
use crate::responses::pairs::honeypot;
use crate::web::forms::{button, csrf_field, described_by, error_summary};
use crate::web::{FieldErrors, Page};

/// What the form shows as already chosen or typed: by item id.
#[derive(Default)]
pub struct Filled {
    pub choices: HashMap<i64, String>,
    pub comments: HashMap<i64, String>,
    pub who: String,
}

/// How the page looks for this person.
pub struct Look {
    pub easy_read: bool,
    pub help: Option<Markup>,
}

fn page<'a>(title: &'a str, look: &Look) -> Page<'a> {
    Page::new(title)
        .easy_read(look.easy_read)
        .help(look.help.clone())
}

fn choice_radios(round: &Round, item: &Item, chosen: &str, errors: &FieldErrors) -> Markup {
    let name = vote_field(item.id);
    let error = errors.get(&name);
    let error_id = format!("{name}-error");
    let children = round.for_children();
    html! {
        div class={ "form-group" @if error.is_some() { " form-group-error" } } {
            fieldset class="fieldset" aria-describedby=[described_by(None, error.map(|_| error_id.as_str()))] {
                legend class="fieldset-legend" { "What do you think about \u{201c}" (item.fields.title) "\u{201d}?" }
                @if let Some(m) = error {
                    p class="error-message" id=(error_id) { span class="visually-hidden" { "Error: " } (m) }
                }
                div class={ "radios" @if children { " radios-faces" } } {
                    @for (i, c) in Choice::ALL.iter().enumerate() {
                        @let id = if i == 0 { name.clone() } else { format!("{name}-{c}") };
                        div class="radio" {
                            input class="radio-input" type="radio" id=(id) name=(name) value=(c.as_str()) checked[chosen == c.as_str()];
                            label class="radio-label" for=(id) {
                                @if children { span class="face" aria-hidden="true" { (c.face()) } " " }
                                (c.label(children))
                            }
                        }
                    }
                }
            }
        }
    }
}

fn item_section(
    round: &Round,
    item: &Item,
    filled: &Filled,
    look: &Look,
    errors: &FieldErrors,
) -> Markup {
    let more = more_field(item.id);
    let error = errors.get(&more);
    let chosen = filled.choices.get(&item.id.0).map_or("", String::as_str);
    let typed = filled.comments.get(&item.id.0).map_or("", String::as_str);
    html! {
        section class="round-item" aria-labelledby={ "item-" (item.id.0) } {
            h2 class="heading-m" id={ "item-" (item.id.0) } { (item.fields.title) }
            p class="body" { (item.text(look.easy_read)) }
            @if !item.fields.quotes.is_empty() {
                h3 class="heading-s" { "What people said" }
                @for q in &item.fields.quotes { blockquote class="inset" { p { "\u{201c}" (q) "\u{201d}" } } }
            }
            (choice_radios(round, item, chosen, errors))
            div class={ "form-group" @if error.is_some() { " form-group-error" } } {
                label class="label" for=(more) { "Tell us more (optional)" }
                div class="hint" id={ (more) "-hint" } { "Please do not write your name or anyone else's. Someone will read it before anyone else can see it." }
                @if let Some(m) = error {
                    p class="error-message" id={ (more) "-error" } { span class="visually-hidden" { "Error: " } (m) }
                }
                textarea class="textarea" id=(more) name=(more) rows="3"
                    aria-describedby=(described_by(Some(&format!("{more}-hint")), error.map(|_| format!("{more}-error")).as_deref()).unwrap_or_default()) { (typed) }
            }
        }
    }
}

fn who_radios(filled: &Filled, errors: &FieldErrors) -> Markup {
    let error = errors.get("who");
    html! {
        div class={ "form-group" @if error.is_some() { " form-group-error" } } {
            fieldset class="fieldset" aria-describedby="who-hint" {
                legend class="fieldset-legend" { "Who are you? (optional)" }
                div class="hint" id="who-hint" { "We only use this to count answers from each group. We never ask your name." }
                @if let Some(m) = error { p class="error-message" { span class="visually-hidden" { "Error: " } (m) } }
                div class="radios" {
                    @for (i, w) in Who::ALL.iter().enumerate() {
                        @let id = if i == 0 { "who".to_owned() } else { format!("who-{w}") };
                        div class="radio" {
                            input class="radio-input" type="radio" id=(id) name="who" value=(w.as_str()) checked[filled.who == w.as_str()];
                            label class="radio-label" for=(id) { (w.label()) }
                        }
                    }
                }
            }
        }
    }
}

/// The round's form.
pub struct FormPage<'a> {
    pub round: &'a Round,
    pub items: &'a [Item],
    pub filled: &'a Filled,
    pub errors: &'a FieldErrors,
    pub csrf: &'a str,
    /// A message above the form (the rate limit).
    pub notice: Option<&'a str>,
    /// Whether this device has answered before.
    pub answered: bool,
}

/// `GET /p/{slug}` (and the form again with its problems).
pub fn form(p: &FormPage<'_>, look: &Look) -> Markup {
    let r = p.round;
    let path = r.path();
    page(&r.title, look).error(!p.errors.is_empty()).render(html! {
        (error_summary(p.errors))
        @if let Some(n) = p.notice { div class="notification" role="alert" { p class="body" { (n) } } }
        span class="caption" { "Have your say" }
        h1 class="heading-l" { (r.title) }
        p class="body" { (easy_read_switch(&path, look.easy_read)) }
        @if !r.intro.is_empty() { p class="body" { (r.intro) } }
        @if p.answered {
            p class="body" { strong { "You have answered before. " } "Your answers are shown below; change any of them and send again." }
        }
        p class="body" { "Answer as many as you like. We do not ask for your name." }
        form method="post" action=(path) novalidate {
            (csrf_field(p.csrf))
            (honeypot())
            @if r.asks_who() { (who_radios(p.filled, p.errors)) }
            @for item in p.items { (item_section(r, item, p.filled, look, p.errors)) }
            (button("Send my answers"))
        }
    })
}

/// The thank-you page after a ballot is stored.
pub fn thanks(round: &Round, flagged: bool, look: &Look) -> Markup {
    let path = round.path();
    page("Thank you for having your say", look).help(None).render(html! {
        div class="panel-confirmation" {
            h1 class="heading-xl" { "Thank you for having your say" }
        }
        @if flagged {
            (crate::help::told(true, look.easy_read))
        }
        p class="body" { "The people running this will read what everyone says and use it to decide what to do." }
        p class="body" { "Anything you wrote will be read by someone before anyone else can see it." }
        @if round.show_results {
            p class="body" { a href={ (path) "/results" } { "See what everyone said so far" } }
        }
        p class="body" { a href=(path) { "Change your answers" } }
        @if let Some(h) = &look.help { (h) }
    })
}

/// A round that is not taking answers.
pub fn not_open(round: &Round, stored: bool, look: &Look) -> Markup {
    let title = format!("{} has closed", round.title);
    page(&title, look).render(html! {
        h1 class="heading-l" { (title) }
        p class="body" { "It is no longer taking answers. Thank you for wanting to take part." }
        @if !stored { p class="body" { strong { "Your answers were not saved." } } }
    })
}

/// What everyone said, for people who have answered (when the round allows it).
pub fn results(round: &Round, figures: Option<Markup>, look: &Look) -> Markup {
    let title = format!("What everyone said: {}", round.title);
    let path = round.path();
    page(&title, look).render(html! {
        span class="caption" { "Have your say" }
        h1 class="heading-l" { (title) }
        @match figures {
            Some(f) => {
                p class="body" { "Small numbers are hidden so nobody can be picked out." }
                (f)
            }
            None => p class="body" { "Answer first, then you can see what everyone said. " a href=(path) { "Have your say" } },
        }
    })
}
