//! Builder pages for questions: the add/edit question form, and the preview of a whole survey as
//! respondents see it.

use maud::{Markup, html};

use crate::surveys::answer::RawAnswer;
use crate::surveys::model::Survey;
use crate::surveys::question::{Question, QuestionKind};
use crate::surveys::question_form_fields::QuestionForm;
use crate::surveys::render::question_fields;
use crate::surveys::views::privacy_warning;
use crate::web::choices::{Choice, checkboxes, radios, textarea};
use crate::web::forms::{Input, button, csrf_field, error_summary};
use crate::web::{FieldErrors, NavUser, Page};

/// The add or edit question form. `editing` is the question and its answer count when editing.
pub fn question_form(
    nav: &NavUser,
    csrf: &str,
    survey: &Survey,
    editing: Option<(&Question, u64)>,
    typed: &QuestionForm,
    errors: &FieldErrors,
) -> Markup {
    let sid = survey.id.0;
    let (title, action) = match editing {
        Some((q, _)) => (
            "Edit question",
            format!("/surveys/{sid}/questions/{}/edit", q.id.0),
        ),
        None => ("Add a question", format!("/surveys/{sid}/questions/new")),
    };
    let back = format!("/surveys/{sid}");
    let locked = editing.filter(|(_, n)| *n > 0);
    let kinds: Vec<Choice<'_>> = QuestionKind::ALL
        .iter()
        .map(|k| (k.as_str(), k.label(), None))
        .collect();
    let required: Vec<Choice<'_>> = vec![
        ("yes", "Yes, an answer is needed", None),
        ("no", "No, it is optional", None),
    ];
    Page::new(title)
        .user(Some(nav))
        .error(!errors.is_empty())
        .back(&back)
        .render(html! {
            (error_summary(errors))
            span class="caption" { (survey.title) }
            h1 class="heading-l" { (title) }
            form method="post" action=(action) novalidate {
                (csrf_field(csrf))
                @if let Some((q, n)) = locked {
                    div class="inset" {
                        p class="body" { "This question has " (n) @if n == 1 { " answer" } @else { " answers" } ", so its key and type cannot change." }
                        p class="body" { "Type: " (q.def.kind.label()) }
                        p class="body" { "Key: " code { (q.def.key.as_str()) } }
                    }
                } @else {
                    (radios("kind", "Type of question", None, &kinds, &typed.kind, errors))
                }
                (textarea("prompt", "Question", Some("Use short, plain words. For children, ask one thing at a time."), &typed.prompt, false, errors))
                (Input::new("hint", "Hint").optional().hint("Extra help shown under the question.").value(&typed.hint).render(errors))
                (textarea("easy_read", "Easy read wording", Some("A simpler way to ask the same thing. People can choose to see this instead."), &typed.easy_read, true, errors))
                @if locked.is_none() {
                    (Input::new("key", "Key").optional()
                        .hint("A short name used in exports and the API, like how_was_school. Leave blank to make one from the question.")
                        .value(&typed.key).autocomplete("off").render(errors))
                }
                (radios("required", "Must people answer this question?", None, &required, &typed.required, errors))
                h2 class="heading-m" { "Answers" }
                (textarea("options", "Options", Some("For \"Choose one\" and \"Choose any\" questions: one option per line."), &typed.options, true, errors))
                (checkboxes("Extra options", Some("For \"Choose one\" and \"Choose any\" questions."), &[
                    ("allow_other", "Choose one: add \"Other\" with a box to type in", typed.allow_other == "yes"),
                    ("allow_none", "Choose any: add \"None of these\"", typed.allow_none == "yes"),
                ]))
                p class="body" { "For scales and ratings you can name the two ends. Leave them blank to use \"Not at all\" and \"Very much\" (scale) or \"Not at all likely\" and \"Extremely likely\" (rating)." }
                (Input::new("low_label", "Label for the lowest number").optional().value(&typed.low_label).render(errors))
                (Input::new("high_label", "Label for the highest number").optional().value(&typed.high_label).render(errors))
                (button(if editing.is_some() { "Save question" } else { "Add question" }))
            }
        })
}

/// The preview: the introduction, privacy notice and every asked question as respondents see
/// them, with a switch between the usual and the easy-read wording.
pub fn preview(
    nav: &NavUser,
    survey: &Survey,
    questions: &[Question],
    easy_read: bool,
    help: Option<Markup>,
) -> Markup {
    let sid = survey.id.0;
    let back = format!("/surveys/{sid}");
    Page::new(&format!("Preview: {}", survey.title))
        .user(Some(nav))
        .easy_read(easy_read)
        .back(&back)
        .help(help)
        .render(html! {
            (privacy_warning(survey))
            div class="notification" {
                p class="body" { "This is a preview. Nothing you choose here is saved." }
                @if easy_read {
                    p class="body" { "Showing easy read wording. " a href={ "/surveys/" (sid) "/preview" } { "Show the usual wording" } }
                } @else {
                    p class="body" { "Showing the usual wording. " a href={ "/surveys/" (sid) "/preview?easy_read=yes" } { "Show easy read wording" } }
                }
                @let er = if easy_read { "yes" } else { "no" };
                p class="body" { "After sending: "
                    a href={ "/surveys/" (sid) "/preview/sent?easy_read=" (er) } { "preview the page people see after they send their answers" }
                    ", or "
                    a href={ "/surveys/" (sid) "/preview/sent?flagged=yes&easy_read=" (er) } { "the page when an answer is worrying" } "."
                }
            }
            span class="caption" { "Preview" }
            h1 class="heading-l" { (survey.title) }
            @if !survey.intro.is_empty() { p class="lead" { (survey.intro) } }
            div class="inset" { (survey.privacy_notice) }
            @if let Some(prompt) = &survey.context_prompt {
                p class="body" { strong { (prompt) } ": " (survey.context_options.join(", ")) }
            }
            @if questions.is_empty() {
                p class="body" { "There are no questions yet." }
            }
            form novalidate {
                @for q in questions {
                    (question_fields(&q.def, &RawAnswer::default(), None, easy_read, false))
                }
            }
        })
}
