//! Pieces of the experiment pages shared by the page, the report and the forms: the details
//! list, the plan in words, a reflection, a decision in words and the live feedback section.

use maud::{Markup, html};

use crate::decisions::{Decision, DecisionKind};
use crate::experiments::model::{Experiment, Status};
use crate::experiments::plan::{CompareBy, Design, Plan};
use crate::experiments::reflection::NewReflection;
use crate::web::forms::{button, csrf_field};

fn row(key: &str, value: Markup) -> Markup {
    html! { div class="summary-row" { dt class="summary-key" { (key) } dd class="summary-value" { (value) } } }
}

/// Who helped design it, in words: "Children and young people (6), practitioners (3)".
pub fn codesign_words(e: &Experiment) -> String {
    let c = e.fields.codesign;
    let mut parts: Vec<String> = e
        .fields
        .codesigners
        .iter()
        .map(|a| {
            let n = match a {
                crate::surveys::Audience::Children => c.children,
                crate::surveys::Audience::Families => c.families,
                crate::surveys::Audience::Practitioners => c.practitioners,
                crate::surveys::Audience::Anyone => 0,
            };
            if n > 0 {
                format!("{} ({n})", a.label())
            } else {
                a.label().to_owned()
            }
        })
        .collect();
    if parts.is_empty() {
        parts.push("Not recorded".into());
    }
    parts.join(", ")
}

/// The experiment's details as a summary list.
pub fn details(e: &Experiment, project: i64, can_build: bool) -> Markup {
    let f = &e.fields;
    html! {
        dl class="summary-list" {
            @if !f.problem.is_empty() { (row("The problem in people\u{2019}s words", html! { (f.problem) })) }
            (row("What changes", html! { (f.change) }))
            (row("Who helped design it", html! { (codesign_words(e)) }))
            (row("Scale and where", html! { (f.scale.label()) ": " (f.place) }))
            (row("We stop early if", html! { (f.limits) }))
            (row("Looked after by", html! { (f.owners) }))
            (row("Planned", html! { (crate::web::When::day(f.planned_start.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc())) " to " (crate::web::When::day(f.planned_end.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc())) }))
        }
        @if can_build && !e.status.is_decided() {
            p class="body" { a href={ "/projects/" (project) "/experiments/" (e.id.0) "/edit" } { "Change these details" } }
        }
    }
}

fn group_name(by: CompareBy, value: &str, surveys: &[(i64, String)]) -> String {
    match by {
        CompareBy::Audience => crate::surveys::Audience::parse(value)
            .map_or(value.to_owned(), |a| a.label().to_owned()),
        CompareBy::Channel => value.to_owned(),
        CompareBy::Survey => surveys
            .iter()
            .find(|(id, _)| id.to_string() == value)
            .map_or(value.to_owned(), |(_, t)| t.clone()),
    }
}

/// The plan in words (`surveys` names the groups of a comparison by survey).
pub fn plan_words(plan: &Plan, surveys: &[(i64, String)]) -> Markup {
    let day = |d: chrono::NaiveDate| {
        crate::web::When::day(d.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc())
    };
    html! {
        dl class="summary-list" {
            (row("Design", html! { (plan.design.map_or("Not chosen yet", Design::label)) }))
            @if let Some(b) = plan.baseline { (row("Before (baseline)", html! { (day(b.start)) " to " (day(b.end)) })) }
            @if let Some(t) = plan.test { (row("Test period", html! { (day(t.start)) " to " (day(t.end)) })) }
            @if let Some(by) = plan.compare_by {
                (row("Not trying it", html! { (group_name(by, &plan.group_a, surveys)) }))
                (row("Trying it", html! { (group_name(by, &plan.group_b, surveys)) }))
            }
            (row("Measures", html! {
                @if plan.measures.is_empty() { "None chosen yet" }
                @else { ul class="list" { @for m in &plan.measures { li { (m.label) " \u{2013} " (if m.better.as_str() == "higher" { "higher is better" } else { "lower is better" }) } } } }
            }))
        }
    }
}

/// The plan section of the page.
pub fn plan_summary(e: &Experiment) -> Markup {
    html! {
        @if e.status.plan_locked() {
            p class="body" { "The plan was fixed when testing started. Any change since is shown in the timeline as a deviation." }
        } @else {
            p class="body" { "Choose how you will know before testing starts. The plan is fixed then, so the results are honest." }
        }
        (plan_words(&e.plan, &[]))
    }
}

/// A reflection's answers.
pub fn reflection_body(r: &NewReflection) -> Markup {
    html! {
        dl class="summary-list" {
            @for (q, a) in [
                ("What happened", &r.happened),
                ("What we noticed", &r.noticed),
                ("What surprised us", &r.surprised),
                ("What we will do differently", &r.differently),
            ] {
                @if !a.is_empty() { (row(q, html! { (a) })) }
            }
        }
    }
}

fn status_label(s: &str) -> String {
    match Status::parse(s) {
        Some(status) => status.label().to_owned(),
        None => s.to_owned(),
    }
}

/// A decision in words: "Moved from Testing to Reviewing", "Proposed", "Changed the plan".
pub fn decision_words(d: &Decision) -> String {
    match d.kind {
        DecisionKind::Transition if d.from.is_empty() => status_label(&d.to),
        DecisionKind::Transition => {
            format!("{} \u{2192} {}", status_label(&d.from), status_label(&d.to))
        }
        DecisionKind::Deviation => {
            let changes: Vec<String> = d
                .evidence
                .get("changes")
                .and_then(|c| c.as_array())
                .map(|c| {
                    c.iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            format!("Deviation from the plan: {}", changes.join("; "))
        }
        DecisionKind::Choice => d.summary(),
    }
}

/// The real-time feedback section: the attached form's live board, or the form to attach one.
pub fn feedback(
    e: &Experiment,
    base: &str,
    board: Option<Markup>,
    forms: &[(i64, String)],
    can_build: bool,
    csrf: &str,
) -> Markup {
    html! {
        @if let (Some(s), Some(board)) = (e.feedback_survey, board) {
            p class="body" { "Practitioners\u{2019} quick feedback arrives here as they send it. "
                a href={ "/surveys/" (s) "/live" } { "Open the full live board" } "." }
            div id="live-status" class="visually-hidden" role="status" aria-live="polite" {}
            div id="live-board" data-events={ "/surveys/" (s) "/live/events" } data-fragment={ "/surveys/" (s) "/live/fragment" } { (board) }
        } @else {
            p class="body" { "No feedback form is attached." }
        }
        @if can_build && !e.status.is_decided() {
            @if forms.is_empty() {
                p class="body" { "To gather practitioners\u{2019} feedback while this runs, create a feedback form in this project, then attach it here." }
            } @else {
                form method="post" action={ (base) "/feedback" } class="inline-form" {
                    (csrf_field(csrf))
                    div class="form-group" {
                        label class="label" for="survey" { "Feedback form to show here" }
                        select class="select" id="survey" name="survey" {
                            option value="" { "None" }
                            @for (id, title) in forms {
                                option value=(id) selected[e.feedback_survey == Some(*id)] { (title) }
                            }
                        }
                    }
                    (button("Attach feedback form"))
                }
            }
        }
    }
}
