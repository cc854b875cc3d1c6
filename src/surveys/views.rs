//! Builder pages for stewards: the survey settings form and the builder page itself.

use maud::{Markup, html};

use crate::projects::Project;
use crate::surveys::model::{Audience, Layout, Status, Survey, SurveyKind};
use crate::surveys::privacy::broken_promise;
use crate::surveys::question::Question;
use crate::surveys::settings::SurveyInput;
use crate::web::choices::{Choice, DateParts, date_input, radios, textarea};
use crate::web::forms::{Input, button, csrf_field, error_summary};
use crate::web::{FieldErrors, NavUser, Page};

/// The settings form: `survey` is `None` when creating a survey in `project`.
pub fn settings_form(
    nav: &NavUser,
    csrf: &str,
    project: &Project,
    survey: Option<&Survey>,
    typed: &SurveyInput,
    errors: &FieldErrors,
) -> Markup {
    let (title, action, back) = match survey {
        Some(s) => (
            "Change survey settings",
            format!("/surveys/{}/settings", s.id.0),
            format!("/surveys/{}", s.id.0),
        ),
        None => (
            "Create a survey",
            format!("/projects/{}/surveys/new", project.id.0),
            format!("/projects/{}", project.id.0),
        ),
    };
    let kinds: Vec<Choice<'_>> = vec![
        (
            "questionnaire",
            SurveyKind::Questionnaire.label(),
            Some("A co-design questionnaire for children, families or anyone."),
        ),
        (
            "feedback",
            SurveyKind::Feedback.label(),
            Some("Quick, repeatable feedback from practitioners."),
        ),
    ];
    let audiences: Vec<Choice<'_>> = Audience::ALL
        .iter()
        .map(|a| (a.as_str(), a.label(), None))
        .collect();
    let layouts: Vec<Choice<'_>> = vec![
        (
            "",
            "Choose for me",
            Some("One question per page for children and families; all on one page otherwise."),
        ),
        (Layout::OnePerPage.as_str(), "One question per page", None),
        (
            Layout::SinglePage.as_str(),
            "All questions on one page",
            None,
        ),
    ];
    let anonymous: Vec<Choice<'_>> = vec![
        ("yes", "Yes, answers are anonymous", None),
        (
            "no",
            "No, record which practitioner answered",
            Some("Feedback forms only."),
        ),
    ];
    let sensitive: Vec<Choice<'_>> = vec![
        (
            "yes",
            "Yes",
            Some("Shows an \"Exit this page\" button on every page."),
        ),
        ("no", "No", None),
    ];
    Page::new(title)
        .user(Some(nav))
        .error(!errors.is_empty())
        .back(&back)
        .render(html! {
            (error_summary(errors))
            span class="caption" { (project.title) }
            h1 class="heading-l" { (title) }
            form method="post" action=(action) novalidate {
                (csrf_field(csrf))
                (radios("kind", "What kind of survey is it?", None, &kinds, &typed.kind, errors))
                (Input::new("title", "Title").hint("Respondents see this at the top of every page.").value(&typed.title).render(errors))
                (radios("audience", "Who is it for?", None, &audiences, &typed.audience, errors))
                (textarea("intro", "Introduction", Some("One short sentence in plain words: what the survey is about. It shows above \"Start now\", with the number of questions, so there is no need to count them."), &typed.intro, true, errors))
                (textarea("privacy_notice", "Privacy notice", Some("Shown before the first question. Change it to suit your project."), &typed.privacy_notice, false, errors))
                (radios("layout", "How should questions be laid out?", None, &layouts, &typed.layout, errors))
                (radios("anonymous", "Do people answer anonymously?", Some("Questionnaires are always anonymous."), &anonymous, &typed.anonymous, errors))
                (radios("sensitive", "Is the topic sensitive?", None, &sensitive, &typed.sensitive, errors))
                (date_input("opens", "Opening date", "Leave blank to open as soon as you publish. For example, 27 3 2027",
                    DateParts { day: &typed.opens_day, month: &typed.opens_month, year: &typed.opens_year }, true, errors))
                (date_input("closes", "Closing date", "Answers are accepted until the end of this day. Leave blank to stay open until you close it.",
                    DateParts { day: &typed.closes_day, month: &typed.closes_month, year: &typed.closes_year }, true, errors))
                h2 class="heading-m" { "Context (feedback forms only)" }
                (Input::new("context_prompt", "Context question").optional()
                    .hint("For example \"Where was this?\"").value(&typed.context_prompt).render(errors))
                (textarea("context_options", "Context options", Some("One per line, for example \"After a home visit\"."), &typed.context_options, true, errors))
                (button(if survey.is_some() { "Save settings" } else { "Create survey" }))
            }
        })
}

/// A question on the builder page, with how many answers it has.
pub struct QuestionRow {
    /// The question.
    pub question: Question,
    /// Its answers so far.
    pub answers: u64,
}

fn row(key: &str, value: Markup, change: Option<(&str, &str)>) -> Markup {
    html! {
        div class="summary-row" {
            dt class="summary-key" { (key) }
            dd class="summary-value" { (value) }
            @if let Some((href, what)) = change {
                dd class="summary-actions" { a href=(href) { "Change" span class="visually-hidden" { " " (what) } } }
            }
        }
    }
}

fn post_button(csrf: &str, action: &str, text: &str, hidden: &str, secondary: bool) -> Markup {
    html! {
        form method="post" action=(action) class="inline-form" {
            (csrf_field(csrf))
            button type="submit" class={ "button" @if secondary { " button-secondary" } } {
                (text) @if !hidden.is_empty() { span class="visually-hidden" { " " (hidden) } }
            }
        }
    }
}

fn date(d: Option<chrono::DateTime<chrono::Utc>>, empty: &str) -> String {
    d.map(|d| crate::web::When::day(d).to_string())
        .unwrap_or_else(|| empty.to_owned())
}

/// GOV.UK warning text when the survey's privacy notice promises contact the settings cannot
/// give (see [`crate::surveys::privacy::broken_promise`]).
pub fn privacy_warning(survey: &Survey) -> Markup {
    html! {
        @if let Some(broken) = broken_promise(&survey.privacy_notice, survey.anonymous) {
            div class="warning-text" id="privacy-warning" {
                span class="warning-text-icon" aria-hidden="true" { "!" }
                strong class="warning-text-text" {
                    span class="visually-hidden" { "Warning" }
                    (broken.message())
                    " "
                    a href={ "/surveys/" (survey.id.0) "/settings#privacy_notice" } { "Change the privacy notice" }
                }
            }
        }
    }
}

/// "Share and watch": the public link (with a copy button where the browser can copy), the QR
/// poster, the live board, results and the download, found where a steward looks after
/// publishing. A draft has nothing to share yet, so it says how to get there.
fn share_and_watch(s: &Survey, public_url: &str) -> Markup {
    let id = s.id.0;
    html! {
        section class="panel-notice" aria-labelledby="share-heading" {
            h2 class="heading-m" id="share-heading" { "Share and watch" }
            @match s.status {
                Status::Draft => p class="body" { "Publish the survey to get its link, QR poster and live board." },
                Status::Open => {
                    p class="body" { "This survey is open. Share this link:" }
                    p class="body" {
                        a class="copyable break-anywhere" id="public-link" href=(s.path()) { (public_url) }
                        " "
                        button type="button" class="button button-secondary inline-form" data-copy="public-link" hidden { "Copy link" }
                        span class="visually-hidden" role="status" data-copy-status="public-link" {}
                    }
                }
                Status::Closed => p class="body" { "This survey is closed: nobody can answer it now. Its answers are kept." },
            }
            ul class="list" {
                @if s.status == Status::Open {
                    li { a href={ "/surveys/" (id) "/poster" } { "QR poster to print" } }
                }
                @if s.status != Status::Draft {
                    li { a href={ "/surveys/" (id) "/live" } { "Live board: answers as they arrive" } }
                }
                li { a href={ "/surveys/" (id) "/results" } { "Results" } }
                li { a href={ "/surveys/" (id) "/responses.csv" } { "Download every response (CSV)" } }
            }
        }
    }
}

/// Everything the builder page shows.
pub struct Builder<'a> {
    pub nav: &'a NavUser,
    pub csrf: &'a str,
    pub project: &'a Project,
    pub survey: &'a Survey,
    pub public_url: String,
    pub asked: Vec<QuestionRow>,
    pub archived: Vec<QuestionRow>,
    pub errors: &'a FieldErrors,
}

/// The builder page: settings, questions, and what can be done next.
pub fn builder(b: &Builder<'_>) -> Markup {
    let s = b.survey;
    let id = s.id.0;
    let change = |field: &str| format!("/surveys/{id}/settings#{field}");
    let back = format!("/projects/{}", b.project.id.0);
    Page::new(&s.title)
        .user(Some(b.nav))
        .error(!b.errors.is_empty())
        .back(&back)
        .render(html! {
            (error_summary(b.errors))
            span class="caption" { (b.project.title) " – " (s.kind.label()) }
            h1 class="heading-l" { (s.title) " " (status_tag(s.status)) }
            (privacy_warning(s))
            (share_and_watch(s, &b.public_url))
            p class="body" {
                a class="button button-secondary" href={ "/surveys/" (id) "/preview" } { "Preview" }
            }
            p class="body" { a href={ "/surveys/" (id) "/invitations" } { "Invite people by email" } }
            @match s.status {
                Status::Draft => (post_button(b.csrf, &format!("/surveys/{id}/publish"), "Publish", "", false)),
                Status::Open => a class="button button-secondary" href={ "/surveys/" (id) "/close" } { "Close survey" },
                Status::Closed => (post_button(b.csrf, &format!("/surveys/{id}/reopen"), "Reopen", "", false)),
            }
            (post_button(b.csrf, &format!("/surveys/{id}/duplicate"), "Duplicate", "this survey", true))

            h2 class="heading-m" id="settings" tabindex="-1" { "Settings" }
            dl class="summary-list" {
                (row("Kind", html! { (s.kind.label()) }, Some((&change("kind"), "kind"))))
                (row("Title", html! { (s.title) }, Some((&change("title"), "title"))))
                (row("Who it is for", html! { (s.audience.label()) }, Some((&change("audience"), "who it is for"))))
                (row("Introduction", html! { @if s.intro.is_empty() { "None" } @else { (s.intro) } }, Some((&change("intro"), "introduction"))))
                (row("Privacy notice", html! { (s.privacy_notice) }, Some((&change("privacy_notice"), "privacy notice"))))
                (row("Layout", html! { @if s.layout == Layout::OnePerPage { "One question per page" } @else { "All questions on one page" } }, Some((&change("layout"), "layout"))))
                (row("Anonymous", html! { @if s.anonymous { "Yes" } @else { "No, practitioners are named" } }, Some((&change("anonymous"), "anonymous"))))
                (row("Sensitive topic", html! { @if s.sensitive { "Yes" } @else { "No" } }, Some((&change("sensitive"), "sensitive topic"))))
                (row("Opens", html! { (date(s.opens_at, "When published")) }, Some((&change("opens"), "opening date"))))
                (row("Closes", html! { (date(s.closes_at.map(|c| c - chrono::Duration::days(1)), "When you close it")) }, Some((&change("closes"), "closing date"))))
                @if s.kind == SurveyKind::Feedback {
                    (row("Context question", html! {
                        @if let Some(p) = &s.context_prompt { (p) ": " (s.context_options.join(", ")) } @else { "None" }
                    }, Some((&change("context_prompt"), "context question"))))
                }
            }

            h2 class="heading-m" id="questions" tabindex="-1" { "Questions" }
            @if b.asked.is_empty() {
                p class="body" { "There are no questions yet." }
            }
            ol class="question-list" {
                @for (i, r) in b.asked.iter().enumerate() {
                    @let q = &r.question;
                    @let base = format!("/surveys/{id}/questions/{}", q.id.0);
                    li {
                        p class="body" { strong { (i + 1) ". " (q.def.prompt) } @if !q.def.required { " (optional)" } }
                        p class="caption" {
                            (q.def.kind.label()) " · key " code { (q.def.key.as_str()) }
                            " · " (r.answers) @if r.answers == 1 { " answer" } @else { " answers" }
                        }
                        a href={ (base) "/edit" } class="inline-form" { "Edit" span class="visually-hidden" { " " (q.def.prompt) } }
                        @if i > 0 { (post_button(b.csrf, &format!("{base}/move-up"), "Move up", &q.def.prompt, true)) }
                        @if i + 1 < b.asked.len() { (post_button(b.csrf, &format!("{base}/move-down"), "Move down", &q.def.prompt, true)) }
                        (post_button(b.csrf, &format!("{base}/delete"), if r.answers > 0 { "Archive" } else { "Delete" }, &q.def.prompt, true))
                    }
                }
            }
            a class="button" href={ "/surveys/" (id) "/questions/new" } { "Add a question" }
            @if !b.archived.is_empty() {
                h2 class="heading-m" { "Archived questions" }
                ul class="question-list" {
                    @for r in &b.archived {
                        li {
                            p class="body" { strong { (r.question.def.prompt) } }
                            p class="caption" { "Archived: it is no longer asked, and its " (r.answers) " answers are kept" }
                            (post_button(b.csrf, &format!("/surveys/{id}/questions/{}/restore", r.question.id.0), "Ask again", &r.question.def.prompt, true))
                        }
                    }
                }
            }
        })
}

/// The status tag of a survey.
pub fn status_tag(status: Status) -> Markup {
    let class = match status {
        Status::Draft => "tag tag-grey",
        Status::Open => "tag tag-green",
        Status::Closed => "tag tag-red",
    };
    html! { strong class=(class) { (status.label()) } }
}
