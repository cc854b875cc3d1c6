//! The framework's parts of a page, shared by every form that records a decision (a free
//! decision, an experiment's next step) and every page that shows one: the criteria as radios
//! with a note, who was in the room, the options considered and the review date.

use maud::{Markup, html};

use crate::decisions::framework::{Criterion, Framework, Rating, RawFramework, Room};
use crate::web::FieldErrors;
use crate::web::choices::{DateParts, date_input, radios};
use crate::web::forms::Input;

/// The framework fieldsets of a decision form, with what was typed put back.
pub fn fields(
    criteria: &[Criterion],
    typed: &RawFramework,
    with_options: bool,
    errors: &FieldErrors,
) -> Markup {
    let choices: Vec<(&str, &str, Option<&str>)> = Rating::CHOICES
        .iter()
        .map(|r| (r.as_str(), r.label(), None))
        .collect();
    let date: Vec<&str> = typed.review_on.splitn(3, '-').collect();
    let part = |i: usize| date.get(i).copied().unwrap_or("");
    html! {
        @if with_options {
            (crate::web::choices::textarea("options", "What options did you consider?", Some("One on each line. Include doing nothing."), &typed.options.join("\n"), true, errors))
        }
        h2 class="heading-m" { "Check it against your criteria" }
        p class="body" { "Answer what you can. Anything left unanswered is recorded as \u{201c}not assessed\u{201d}." }
        @for c in criteria {
            @let t = typed.typed(c.id);
            @let name = format!("rating_{}", c.id);
            @let note = format!("note_{}", c.id);
            @let note_label = format!("Note about \u{201c}{}\u{201d}", c.name);
            (radios(&name, &c.name, (!c.question.is_empty()).then_some(c.question.as_str()), &choices, t.map(|t| t.rating.as_str()).unwrap_or(""), errors))
            (Input::new(&note, &note_label).value(t.map(|t| t.note.as_str()).unwrap_or("")).optional().render(errors))
        }
        div class="form-group" {
            fieldset class="fieldset" aria-describedby="room-hint" {
                legend class="fieldset-legend fieldset-legend-l" { "Who was in the room?" }
                div class="hint" id="room-hint" { "How many people of each kind took part in the decision. No names." }
                @if let Some(m) = errors.get("room") { p class="error-message" { span class="visually-hidden" { "Error: " } (m) } }
                @for (key, label, _) in Room::default().roles() {
                    @let field = format!("room_{key}");
                    @let value = typed.room.get(key).map(value_text).unwrap_or_default();
                    (Input::new(&field, label).value(&value).kind("number").optional().render(errors))
                }
            }
        }
        (date_input("review_on", "When should we look at this again?", "For example, 1 3 2027", DateParts { year: part(0), month: part(1), day: part(2) }, true, errors))
    }
}

fn value_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// A recorded framework part: criteria table, the room, the options and the review date.
pub fn summary(f: &Framework) -> Markup {
    html! {
        @if !f.options.is_empty() {
            h3 class="heading-m" { "Options considered" }
            ul class="list" { @for o in &f.options { li { (o) } } }
        }
        @if !f.assessments.is_empty() {
            (crate::web::table_region("Criteria", html! {
                table class="table" {
                    caption class="caption" { "Checked against the criteria" }
                    thead { tr { th scope="col" { "Criterion" } th scope="col" { "Answer" } th scope="col" { "Note" } } }
                    tbody {
                        @for a in &f.assessments {
                            tr { th scope="row" { (a.criterion) } td { (a.rating.label()) } td { (a.note) } }
                        }
                    }
                }
            }))
        }
        h3 class="heading-m" { "Who was in the room" }
        @if f.room.total() == 0 {
            p class="body" { "Not recorded." }
        } @else {
            ul class="list" {
                @for (_, label, n) in f.room.roles() { @if n > 0 { li { (label) ": " (n) } } }
            }
            @if !f.room.with_people_affected() {
                p class="body" { "No children, young people or family members were in the room." }
            }
        }
        @if let Some(day) = f.review_on {
            p class="body" { "Look at this again on " (day.format("%-d %B %Y")) "." }
        }
    }
}
