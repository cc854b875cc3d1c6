//! Pure aggregation of one question's answers broken down by mode, ISO week or audience, with
//! disclosure control applied: small groups and small cells show as "fewer than N".

use chrono::{DateTime, Datelike, Duration, Utc};

use crate::disclosure::{MinGroup, Shown, suppress};
use crate::results::model::{Summary, summarise};
use crate::surveys::{AnswerValue, Question, QuestionKind};

/// How many ISO weeks the week breakdown covers, this week included.
pub const WEEKS: i64 = 8;

/// What answers are grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dimension {
    /// Self-completed, assisted or paper.
    Mode,
    /// ISO week of submission (the last [`WEEKS`]).
    Week,
    /// The survey's audience.
    Audience,
}

impl Dimension {
    /// Every dimension, in the order pages and exports show them.
    pub const ALL: [Dimension; 3] = [Dimension::Mode, Dimension::Week, Dimension::Audience];

    /// The heading people read: "By mode".
    pub fn label(self) -> &'static str {
        match self {
            Dimension::Mode => "By mode",
            Dimension::Week => "By week",
            Dimension::Audience => "By audience",
        }
    }

    /// The CSV name: `mode`, `week`, `audience`.
    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Mode => "mode",
            Dimension::Week => "week",
            Dimension::Audience => "audience",
        }
    }
}

/// Every mode with its label, in order.
pub const MODES: [(&str, &str); 3] = [
    ("self", "Self-completed"),
    ("assisted", "Assisted"),
    ("paper", "Paper"),
];

/// The label of a stored mode.
pub fn mode_label(mode: &str) -> String {
    MODES
        .iter()
        .find(|(m, _)| *m == mode)
        .map_or_else(|| mode.to_owned(), |(_, l)| (*l).to_owned())
}

/// An ISO week as `2026-W48`.
pub fn iso_week(at: DateTime<Utc>) -> String {
    let w = at.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// The last [`WEEKS`] ISO weeks up to `now`, oldest first.
pub fn recent_weeks(now: DateTime<Utc>) -> Vec<String> {
    (0..WEEKS)
        .rev()
        .map(|i| iso_week(now - Duration::weeks(i)))
        .collect()
}

/// The first moment of the oldest week in [`recent_weeks`] (or a little before it).
pub fn weeks_since(now: DateTime<Utc>) -> DateTime<Utc> {
    now - Duration::weeks(WEEKS)
}

/// One group's row: how many answered, each column's count and percentage, and for numbers
/// the mean and median.
#[derive(Clone, Debug, PartialEq)]
pub struct BreakdownRow {
    pub group: String,
    pub answered: Shown<u64>,
    /// One per column: (count, percentage of those in the group who answered).
    pub cells: Vec<(Shown<u64>, Shown<f64>)>,
    pub mean: Shown<Option<f64>>,
    pub median: Shown<Option<f64>>,
}

/// One question broken down by one dimension.
#[derive(Clone, Debug, PartialEq)]
pub struct Breakdown {
    pub dimension: Dimension,
    /// Option labels (or number labels) — empty for text questions.
    pub columns: Vec<String>,
    /// Whether mean and median apply.
    pub numeric: bool,
    pub rows: Vec<BreakdownRow>,
}

/// Breaks a question's answers down into `groups` (label, answers with counts), in the order
/// given, and applies disclosure control with `min`.
pub fn breakdown(
    question: &Question,
    dimension: Dimension,
    groups: &[(String, Vec<(AnswerValue, u64)>)],
    min: MinGroup,
) -> Breakdown {
    let summaries: Vec<_> = groups
        .iter()
        .map(|(label, answers)| (label, summarise(question, answers)))
        .collect();
    let mut columns: Vec<String> = Vec::new();
    for (_, s) in &summaries {
        let rows = match &s.summary {
            Summary::Options(rows) => rows,
            Summary::Numbers { distribution, .. } => distribution,
            Summary::Text => continue,
        };
        for r in rows {
            if !columns.contains(&r.label) {
                columns.push(r.label.clone());
            }
        }
    }
    let answered: Vec<u64> = summaries.iter().map(|(_, s)| s.answered).collect();
    let across = suppress(&answered, min);
    let rows = summaries
        .iter()
        .enumerate()
        .map(|(i, (label, s))| {
            let (counts, mean, median) = match &s.summary {
                Summary::Options(rows) => (rows.clone(), None, None),
                Summary::Numbers {
                    distribution,
                    mean,
                    median,
                } => (distribution.clone(), *mean, *median),
                Summary::Text => (Vec::new(), None, None),
            };
            let cell_counts: Vec<u64> = columns
                .iter()
                .map(|c| counts.iter().find(|r| &r.label == c).map_or(0, |r| r.count))
                .collect();
            let within = suppress(&cell_counts, min);
            let row_hidden =
                across.count(i, s.answered).is_hidden() || within.total(s.answered).is_hidden();
            let cells = cell_counts
                .iter()
                .enumerate()
                .map(|(j, n)| {
                    let count = if row_hidden {
                        min.hide(*n)
                    } else {
                        within.count(j, *n)
                    };
                    let percent = count.map(|n| {
                        if s.answered > 0 {
                            n as f64 * 100.0 / s.answered as f64
                        } else {
                            0.0
                        }
                    });
                    (count, percent)
                })
                .collect();
            let answered = if row_hidden {
                min.hide(s.answered)
            } else {
                Shown::Value(s.answered)
            };
            let hide = |v: Option<f64>| answered.map(|_| v);
            BreakdownRow {
                group: (*label).clone(),
                answered,
                cells,
                mean: hide(mean),
                median: hide(median),
            }
        })
        .collect();
    Breakdown {
        dimension,
        columns,
        numeric: question.def.kind.is_numeric(),
        rows,
    }
}

/// Whether a question kind gets per-option columns (everything but free text).
pub fn has_columns(kind: QuestionKind) -> bool {
    !kind.is_text()
}

#[cfg(test)]
#[path = "breakdown_tests.rs"]
mod tests;
