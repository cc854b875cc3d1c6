//! The runner's pages: introduction, one question, every question, check your answers,
//! confirmation, and the friendly pages for surveys that cannot be answered now.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use maud::{Markup, html};

use crate::responses::look::{Look, easy_read_switch, read_aloud};
use crate::responses::model::{Channel, Mode, Receipt};
use crate::responses::pairs::honeypot;
use crate::surveys::render::{SKIP_NOTE, error_target, field_name, question_fields};
use crate::surveys::{Question, RawAnswer, Survey, SurveyKind};
use crate::web::forms::{button, csrf_field, error_summary};
use crate::web::{FieldErrors, NavUser, Page, When};

/// Hidden fields every runner form carries.
pub struct Carry<'a> {
    pub csrf: &'a str,
    pub submission_id: &'a str,
    pub channel: Channel,
    pub mode: Mode,
}

fn hidden(carry: &Carry) -> Markup {
    html! {
        (csrf_field(carry.csrf))
        input type="hidden" name="submission_id" value=(carry.submission_id);
        input type="hidden" name="channel" value=(carry.channel.as_str());
        input type="hidden" name="mode" value=(carry.mode.as_str());
    }
}

fn paragraphs(text: &str) -> Markup {
    html! {
        @for p in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            p class="body" { (p) }
        }
    }
}

/// The introduction, short enough that "Start now" is on a phone's first screen: the title,
/// the steward's intro and how many questions there are; then read aloud, easy read, the way
/// back to saved answers and the privacy notice behind "What happens to my answers?" (a
/// `<details>`, so it is there without JavaScript); on sensitive surveys, how to leave quickly.
pub fn intro(
    survey: &Survey,
    questions: usize,
    start: &str,
    resumable: bool,
    look: Look,
) -> Markup {
    look.page(&survey.title).render(html! {
        div id="intro-text" {
            h1 class="heading-xl" { (survey.title) }
            (paragraphs(&survey.intro))
            p class="body" {
                @if questions == 1 { "There is 1 question." } @else { "There are " (questions) " questions." }
            }
        }
        a href=(start) class="button button-start" role="button" draggable="false" { "Start now" }
        div class="runner-tools" {
            (read_aloud("intro-text", "Read this page aloud"))
            (easy_read_switch(&survey.path(), look.easy_read))
        }
        @if resumable {
            p class="body" { "Saved your answers before? " a href={ (survey.path()) "/resume" } { "Carry on with your code" } }
        }
        details class="details" {
            summary { "What happens to my answers?" }
            div class="details-text" { (paragraphs(&survey.privacy_notice)) }
        }
        @if look.exit.is_some() {
            h2 class="heading-m" { "Leave quickly" }
            p class="body" {
                "If you need to leave this page quickly, select the \"Exit this page\" button at the top. "
                "On a keyboard you can also press the Shift key 3 times. It takes you to an everyday website."
            }
            p class="body" { "Your answers are not sent until you choose to send them." }
        }
    })
}

/// `text` ending in one full stop: "How did it go?" stays as it is, "Our club" gets one.
fn with_full_stop(text: &str) -> String {
    let text = text.trim_end();
    if text.ends_with(['.', '?', '!', '\u{2026}']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

/// A friendly page for a survey that cannot be answered now.
pub fn unavailable(title: &str, lines: &[String], help: Option<Markup>) -> Markup {
    Page::new(title).help(help).render(html! {
        h1 class="heading-l" { (title) }
        @for line in lines { p class="body" { (line) } }
        p class="body" {
            "If you answered before and kept your code, you can "
            a href="/receipt" { "see or delete your answers" } "."
        }
    })
}

/// "Thursday 3 December 2026 at 9:00am", in UK time.
pub fn human_time(at: DateTime<Utc>) -> String {
    When::with_day(at).to_string()
}

fn problem_banner(notice: Option<&str>) -> Markup {
    html! {
        @if let Some(notice) = notice {
            div class="error-summary" role="alert" aria-labelledby="limit-title" tabindex="-1" {
                h2 class="error-summary-title" id="limit-title" { "There is a problem" }
                p class="body" { (notice) }
            }
        }
    }
}

/// One question on its own page.
#[expect(
    clippy::too_many_arguments,
    reason = "one page, each part a plain value the handler already holds"
)]
pub fn question_page(
    survey: &Survey,
    question: &Question,
    number: usize,
    total: usize,
    raw: &RawAnswer,
    error: Option<&str>,
    action: &str,
    back: &str,
    carry: &Carry,
    look: Look,
) -> Markup {
    let mut errors = FieldErrors::new();
    if let Some(e) = error {
        errors.add(error_target(&question.def, raw), e);
    }
    look.page(question.def.wording(look.easy_read))
        .error(error.is_some())
        .back(back)
        .render(html! {
            (error_summary(&errors))
            span class="caption" { "Question " (number) " of " (total) }
            div class="runner-tools" {
                (read_aloud("question-text", "Read this question aloud"))
                (easy_read_switch(action, look.easy_read))
            }
            form method="post" action=(action) novalidate {
                (hidden(carry))
                div id="question-text" {
                    (question_fields(&question.def, raw, error, look.easy_read, true))
                }
                (button("Continue"))
                button type="submit" name="action" value="save" class="button button-secondary" {
                    "Save and come back later"
                }
            }
            p class="body" { span class="caption" { (survey.title) } }
        })
}

/// Every question on one page (single-page questionnaires and feedback forms).
#[expect(
    clippy::too_many_arguments,
    reason = "one page, each part a plain value the handler already holds"
)]
pub fn form_page(
    survey: &Survey,
    questions: &[Question],
    raws: &BTreeMap<String, RawAnswer>,
    context: Option<&str>,
    errors: &FieldErrors,
    notice: Option<&str>,
    carry: &Carry,
    nav: Option<&NavUser>,
    look: Look,
) -> Markup {
    let empty = RawAnswer::default();
    let context_error = errors.get("context");
    let send = if survey.kind == SurveyKind::Feedback {
        "Send feedback"
    } else {
        "Send your answers"
    };
    let back = survey.path();
    let mut page = look
        .page(&survey.title)
        .error(!errors.is_empty() || notice.is_some())
        .user(nav);
    if survey.kind != SurveyKind::Feedback {
        page = page.back(&back);
    }
    page.render(html! {
            (problem_banner(notice))
            (error_summary(errors))
            h1 class="heading-l" { (survey.title) }
            @if survey.kind == SurveyKind::Feedback { (paragraphs(&survey.intro)) }
            p class="body" { (easy_read_switch(&survey.path(), look.easy_read)) }
            form method="post" action={ (survey.path()) "/form" } novalidate {
                (hidden(carry))
                @for q in questions {
                    @let name = field_name(&q.def.key);
                    @let block = format!("{name}-block");
                    @let raw = raws.get(q.def.key.as_str()).unwrap_or(&empty);
                    div class="question-block" id=(block) {
                        (read_aloud(&block, "Read this question aloud"))
                        (question_fields(&q.def, raw, errors.get(&error_target(&q.def, raw)), look.easy_read, false))
                    }
                }
                @if let (Some(prompt), false) = (&survey.context_prompt, survey.context_options.is_empty()) {
                    div class={ "form-group" @if context_error.is_some() { " form-group-error" } } {
                        fieldset class="fieldset" aria-describedby=[context_error.map(|_| "context-error")] {
                            legend class="fieldset-legend" { (prompt) " " (SKIP_NOTE) }
                            @if let Some(e) = context_error {
                                p class="error-message" id="context-error" { span class="visually-hidden" { "Error: " } (e) }
                            }
                            div class="radios" {
                                @for (i, option) in survey.context_options.iter().enumerate() {
                                    @let id = if i == 0 { "context".to_owned() } else { format!("context-{i}") };
                                    div class="radio" {
                                        input class="radio-input" id=(id) name="context" type="radio" value=(option)
                                            checked[context == Some(option.as_str())];
                                        label class="radio-label" for=(id) { (option) }
                                    }
                                }
                            }
                        }
                    }
                }
                (honeypot())
                (button(send))
            }
        })
}

/// A row of the check-answers list.
pub struct CheckRow {
    pub prompt: String,
    pub answer: Option<String>,
    pub change: String,
}

/// Check your answers before sending.
pub fn check_answers(
    survey: &Survey,
    rows: &[CheckRow],
    back: &str,
    notice: Option<&str>,
    carry: &Carry,
    look: Look,
) -> Markup {
    look.page("Check your answers before sending them")
        .error(notice.is_some())
        .back(back)
        .render(html! {
            (problem_banner(notice))
            span class="caption" { (survey.title) }
            h1 class="heading-l" { "Check your answers before sending them" }
            dl class="summary-list" {
                @for row in rows {
                    div class="summary-row" {
                        dt class="summary-key" { (row.prompt) }
                        dd class="summary-value" {
                            @match &row.answer {
                                Some(a) => { @for (i, line) in a.lines().enumerate() { @if i > 0 { br; } (line) } },
                                None => { "Not answered" },
                            }
                        }
                        dd class="summary-actions" {
                            a href=(row.change) { "Change" span class="visually-hidden" { " your answer to: " (row.prompt) } }
                        }
                    }
                }
            }
            h2 class="heading-m" { "Now send your answers" }
            p class="body" { "When you send your answers you will get your code to see or delete your answers later." }
            form method="post" action={ (survey.path()) "/check" } novalidate {
                (hidden(carry))
                (honeypot())
                (button("Send your answers"))
            }
        })
}

/// What the confirmation page shows beyond the survey.
pub struct Sent<'a> {
    /// The receipt code.
    pub receipt: &'a Receipt,
    /// An answer in this response was flagged by the safeguarding scanner.
    pub flagged: bool,
    /// The help panel (surveys for children or families, and any flagged response).
    pub help: Option<Markup>,
    /// On a steward's preview: the note at the top.
    pub preview: Option<Markup>,
    /// After a practitioner's feedback: experiments using this form, to reflect on (link,
    /// title).
    pub reflect: Vec<(String, String)>,
}

/// The confirmation panel with the receipt code; when an answer worried us, kind words and the
/// help panel straight after it. Help shows in the page here, so not again in the footer.
pub fn confirmation(survey: &Survey, sent: Sent<'_>, nav: Option<&NavUser>, look: Look) -> Markup {
    let feedback = survey.kind == SurveyKind::Feedback;
    let title = if feedback {
        "Feedback sent"
    } else {
        "Your answers have been sent"
    };
    let receipt_page = if look.exit.is_some() {
        "/receipt?quick_exit=yes"
    } else {
        "/receipt"
    };
    let told = sent
        .flagged
        .then(|| crate::help::told(survey.anonymous, look.easy_read));
    look.page(title).user(nav).help(None).render(html! {
        @if let Some(note) = sent.preview { (note) }
        div class="panel-confirmation" {
            h1 class="heading-xl" { (title) }
            div class="panel-body" {
                "Your code to see or delete your answers is" br;
                strong class="receipt" { (sent.receipt.as_str()) }
            }
        }
        @if let Some(told) = told {
            (told)
            @if let Some(help) = &sent.help { (help) }
        }
        p class="body" { "Thank you for taking part in " (with_full_stop(&survey.title)) }
        h2 class="heading-m" { "What happens next" }
        p class="body" { "The people running this project read what everyone says and use it to learn and make the service better." }
        p class="body" {
            "Keep your code if you might want to look at your answers again or delete them. You can do this on the "
            a href=(receipt_page) { "see or delete your answers" } " page."
        }
        @if feedback {
            p class="body" { a href=(survey.path()) class="button" role="button" { "Give more feedback" } }
        }
        @if !sent.reflect.is_empty() {
            h2 class="heading-m" { "Reflect on what you are trying" }
            p class="body" { "This form is part of an experiment. What happened, what did you notice, what surprised you?" }
            ul class="list" {
                @for (href, title) in &sent.reflect {
                    li { a href=(href) { "Add a reflection on \u{201c}" (title) "\u{201d}" } }
                }
            }
        }
        @if !sent.flagged {
            @if let Some(help) = &sent.help { (help) }
        }
    })
}
