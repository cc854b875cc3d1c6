//! `experiments.csv` (one row per experiment: status, hypothesis, themes, measures with n,
//! difference and interval, decision, dates) and `reflections.csv` (dated, by role; names are
//! never exported). Cells are made formula-safe by `export::csv::record`.

use crate::decisions::{Decision, DecisionKind};
use crate::experiments::model::Experiment;
use crate::experiments::reflection::Reflection;
use crate::experiments::results::Results;

/// The header of `experiments.csv`.
pub const EXPERIMENT_HEADER: [&str; 16] = [
    "experiment_id",
    "title",
    "status",
    "hypothesis",
    "what_changes",
    "themes",
    "codesigned_by",
    "scale",
    "where",
    "stop_early_if",
    "planned_start",
    "planned_end",
    "design",
    "measures",
    "decision",
    "decided_at",
];

fn measures(r: &Results) -> String {
    r.measures
        .iter()
        .map(|m| match (&m.figures, m.enough) {
            (Some(f), true) => {
                let k = if f.share { 100.0 } else { 1.0 };
                format!(
                    "{} (better {}): n {} vs {}; difference {:.2} (95% interval {:.2} to {:.2}){}",
                    m.label,
                    m.better.as_str(),
                    m.n_a,
                    m.n_b,
                    f.difference * k,
                    f.low * k,
                    f.high * k,
                    if f.share { " percentage points" } else { "" }
                )
            }
            _ => format!(
                "{} (better {}): n {} vs {}; not enough answers",
                m.label,
                m.better.as_str(),
                m.n_a,
                m.n_b
            ),
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// One experiment's row. `themes` are the linked themes' names; `timeline` its decisions.
pub fn experiment_row(
    e: &Experiment,
    themes: &[String],
    r: &Results,
    timeline: &[Decision],
) -> Vec<String> {
    let decided = timeline
        .iter()
        .rev()
        .find(|d| d.kind == DecisionKind::Transition && d.to == e.status.as_str())
        .filter(|_| e.status.is_decided());
    vec![
        e.id.0.to_string(),
        e.fields.title.clone(),
        e.status.as_str().into(),
        e.hypothesis(),
        e.fields.change.clone(),
        themes.join("; "),
        crate::experiments::views::parts::codesign_words(e),
        e.fields.scale.as_str().into(),
        e.fields.place.clone(),
        e.fields.limits.clone(),
        e.fields.planned_start.to_string(),
        e.fields.planned_end.to_string(),
        e.plan
            .design
            .map(|d| d.as_str().to_owned())
            .unwrap_or_default(),
        measures(r),
        decided.map(|d| d.rationale.clone()).unwrap_or_default(),
        decided.map(|d| d.at.to_rfc3339()).unwrap_or_default(),
    ]
}

/// The header of `reflections.csv`.
pub const REFLECTION_HEADER: [&str; 8] = [
    "experiment_id",
    "experiment",
    "written_at",
    "role",
    "what_happened",
    "what_we_noticed",
    "what_surprised_us",
    "what_we_will_do_differently",
];

/// One reflection's row: no name, ever.
pub fn reflection_row(e: &Experiment, r: &Reflection) -> Vec<String> {
    vec![
        e.id.0.to_string(),
        e.fields.title.clone(),
        r.at.to_rfc3339(),
        r.fields.role.as_str().into(),
        r.fields.happened.clone(),
        r.fields.noticed.clone(),
        r.fields.surprised.clone(),
        r.fields.differently.clone(),
    ]
}
