//! The evidence snapshot: what the linked themes showed when the experiment was proposed
//! (answers coded, share, recent weeks, up to three redacted quotes that passed safeguarding
//! review), kept so the case for the experiment stays readable as data grows. Small groups are
//! hidden and quotes redacted here, when the figures are taken, never in a view.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::disclosure::MinGroup;
use crate::themes::stats::disclosed::shown_counts;
use crate::themes::stats::model::{ThemeStats, share, week_series};

/// Quotes kept per theme.
pub const QUOTES: usize = 3;
/// Weeks of trend kept per theme.
pub const WEEKS: usize = 8;

/// One theme's figures at a moment.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ThemeFigures {
    pub theme: i64,
    pub name: String,
    /// Answers coded with the theme; `None` when too few to show.
    pub count: Option<u64>,
    /// Share of all free-text answers, in per cent; `None` when the count is hidden.
    pub share: Option<f64>,
    /// The last weeks, oldest first: (ISO week, answers or `None` when hidden).
    pub weeks: Vec<(String, Option<u64>)>,
    /// Redacted quotes, never from an answer awaiting safeguarding review.
    pub quotes: Vec<String>,
}

/// The figures of every linked theme at one moment.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub taken_at: Option<DateTime<Utc>>,
    /// Free-text answers in the project at that moment.
    pub answers: u64,
    pub themes: Vec<ThemeFigures>,
}

impl ThemeFigures {
    /// What may be shown of one theme's figures.
    pub fn of(theme: i64, name: &str, stats: &ThemeStats, answers: u64, min: MinGroup) -> Self {
        let hidden = min.too_small(stats.count);
        let series = week_series(&stats.weeks, WEEKS);
        let counts: Vec<u64> = series.iter().map(|(_, n)| *n).collect();
        let weeks = series
            .iter()
            .zip(shown_counts(&counts, min))
            .map(|((label, _), shown)| (label.clone(), shown.value()))
            .collect();
        ThemeFigures {
            theme,
            name: name.to_owned(),
            count: (!hidden).then_some(stats.count),
            share: (!hidden).then(|| share(stats.count, answers)),
            weeks,
            quotes: stats.shown_quotes(QUOTES, min),
        }
    }
}

impl Snapshot {
    /// The figures of `themes` (id, name, stats) out of `answers` free-text answers, now.
    pub fn take(
        now: DateTime<Utc>,
        answers: u64,
        themes: &[(i64, String, ThemeStats)],
        min: MinGroup,
    ) -> Snapshot {
        Snapshot {
            taken_at: Some(now),
            answers,
            themes: themes
                .iter()
                .map(|(id, name, stats)| ThemeFigures::of(*id, name, stats, answers, min))
                .collect(),
        }
    }

    /// The stored JSON read back; an unreadable snapshot reads as empty.
    pub fn from_json(json: &str) -> Snapshot {
        serde_json::from_str(json).unwrap_or_default()
    }
}
