//! Pure theme figures: which codings of an answer are in force (and from which source), each
//! theme's count, share, weekly trend, audiences, modes, questions, sources and representative
//! quotes, and the catalogue of a project's themes and questions they are read against. What
//! may be shown of them is decided in `disclosed`.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

use crate::projects::ProjectId;
use crate::text::normalize;
use crate::themes::model::{CodingFact, CodingStatus, Source, Theme, ThemeId, applied_themes};

/// Quotes kept per theme.
pub const QUOTES: usize = 5;

/// Longest answer (in characters) preferred as a quote; longer ones are used only when needed.
const QUOTE_CHARS: usize = 300;

/// A theme in force on an answer: who put it there (steward first, then the learned coder, then
/// the codebook) and with what confidence.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Applied {
    pub theme: ThemeId,
    pub source: Source,
    pub confidence: f64,
}

fn rank(source: Source) -> u8 {
    match source {
        Source::Steward => 3,
        Source::Learned => 2,
        Source::Keyword => 1,
    }
}

/// The themes in force on one answer (see [`applied_themes`]), each with its winning coding,
/// ordered by theme id.
pub fn in_force(codings: &[(CodingFact, f64)]) -> Vec<Applied> {
    let facts: Vec<CodingFact> = codings.iter().map(|(f, _)| f.clone()).collect();
    applied_themes(&facts)
        .into_iter()
        .filter_map(|theme| {
            codings
                .iter()
                .filter(|(f, _)| f.theme == theme && f.status == CodingStatus::Accepted)
                .max_by(|a, b| {
                    rank(a.0.source)
                        .cmp(&rank(b.0.source))
                        .then(a.1.total_cmp(&b.1))
                })
                .map(|(f, c)| Applied {
                    theme,
                    source: f.source,
                    confidence: *c,
                })
        })
        .collect()
}

/// One coded answer with what the figures need.
#[derive(Clone, Debug)]
pub struct CodedAnswer {
    pub answer: i64,
    pub response: i64,
    pub question: i64,
    pub text: String,
    pub submitted_at: DateTime<Utc>,
    pub mode: String,
    pub audience: String,
    /// Held back for safeguarding review: counted, never quoted.
    pub withheld: bool,
    pub themes: Vec<Applied>,
}

/// The Monday that starts the ISO week of `at`.
pub fn week_start(at: DateTime<Utc>) -> NaiveDate {
    let day = at.date_naive();
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// An ISO week label such as `2026-W48`.
pub fn week_label(monday: NaiveDate) -> String {
    let w = monday.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// Every ISO week from the first to the last in `weeks` (gaps as zero), oldest first, at most
/// the last `max` of them.
pub fn week_series(weeks: &BTreeMap<NaiveDate, u64>, max: usize) -> Vec<(String, u64)> {
    let (Some(first), Some(last)) = (weeks.keys().next(), weeks.keys().next_back()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut week = *first;
    while week <= *last {
        out.push((week_label(week), weeks.get(&week).copied().unwrap_or(0)));
        week += Duration::weeks(1);
    }
    let skip = out.len().saturating_sub(max);
    out.split_off(skip)
}

/// `count` as a percentage of `total`, 0 when there is nothing to share.
pub fn share(count: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        count as f64 * 100.0 / total as f64
    }
}

/// A share as people read it: `12.5%`.
pub fn share_label(count: u64, total: u64) -> String {
    format!("{:.1}%", share(count, total))
}

/// Everything the theme page and `themes.csv` say about one theme.
#[derive(Clone, Debug, Default)]
pub struct ThemeStats {
    pub count: u64,
    pub weeks: BTreeMap<NaiveDate, u64>,
    pub audiences: BTreeMap<String, u64>,
    pub modes: BTreeMap<String, u64>,
    pub questions: BTreeMap<i64, u64>,
    pub keyword: u64,
    pub learned: u64,
    pub steward: u64,
    pub first_seen: Option<DateTime<Utc>>,
    pub last_seen: Option<DateTime<Utc>>,
    /// Candidate quotes, best first: (rank, answer id, raw text); redact before showing.
    quotes: Vec<((u8, bool, i64), String)>,
}

impl ThemeStats {
    fn add(&mut self, a: &CodedAnswer, applied: &Applied) {
        self.count += 1;
        *self.weeks.entry(week_start(a.submitted_at)).or_insert(0) += 1;
        *self.audiences.entry(a.audience.clone()).or_insert(0) += 1;
        *self.modes.entry(a.mode.clone()).or_insert(0) += 1;
        *self.questions.entry(a.question).or_insert(0) += 1;
        match applied.source {
            Source::Keyword => self.keyword += 1,
            Source::Learned => self.learned += 1,
            Source::Steward => self.steward += 1,
        }
        self.first_seen = Some(
            self.first_seen
                .map_or(a.submitted_at, |f| f.min(a.submitted_at)),
        );
        self.last_seen = Some(
            self.last_seen
                .map_or(a.submitted_at, |l| l.max(a.submitted_at)),
        );
        if !a.withheld {
            // Steward-coded answers of a readable length first, then the newest.
            let key = (
                rank(applied.source),
                a.text.chars().count() <= QUOTE_CHARS,
                a.answer,
            );
            if self.quotes.len() < QUOTES || self.quotes.last().is_some_and(|(k, _)| *k < key) {
                // A repeat of a candidate keeps one place, the better one's.
                let same = normalize(&a.text);
                if let Some(i) = self.quotes.iter().position(|(_, t)| normalize(t) == same) {
                    if self.quotes[i].0 > key {
                        return;
                    }
                    self.quotes.remove(i);
                }
                let at = self.quotes.partition_point(|(k, _)| *k > key);
                self.quotes.insert(at, (key, a.text.clone()));
                self.quotes.truncate(QUOTES);
            }
        }
    }

    /// Up to `n` quotes, best first, unredacted: `disclosed::shown_quotes` redacts them.
    pub(super) fn quotes(&self, n: usize) -> impl Iterator<Item = &str> {
        self.quotes.iter().take(n).map(|(_, t)| t.as_str())
    }

    /// A count of this theme by key, 0 when absent.
    pub fn of(map: &BTreeMap<String, u64>, key: &str) -> u64 {
        map.get(key).copied().unwrap_or(0)
    }
}

/// Figures for every theme, built one coded answer at a time (memory grows with themes, not
/// answers).
#[derive(Clone, Debug, Default)]
pub struct Tally {
    pub themes: HashMap<ThemeId, ThemeStats>,
}

impl Tally {
    /// Adds one coded answer; only `only` is counted when given.
    pub fn add(&mut self, answer: &CodedAnswer, only: Option<ThemeId>) {
        for applied in &answer.themes {
            if only.is_none_or(|t| t == applied.theme) {
                self.themes
                    .entry(applied.theme)
                    .or_default()
                    .add(answer, applied);
            }
        }
    }
}

/// A question of the project as the figures name it.
#[derive(Clone, Debug)]
pub struct QuestionInfo {
    pub key: String,
    pub prompt: String,
    pub survey: String,
    pub audience: String,
}

/// What every theme figure and export needs besides the coded answers themselves.
#[derive(Clone, Debug)]
pub struct Catalogue {
    pub project: ProjectId,
    /// Active first, then by name.
    pub themes: Vec<Theme>,
    pub questions: HashMap<i64, QuestionInfo>,
    /// Answers awaiting safeguarding review: never quoted or exported.
    pub withheld: HashSet<i64>,
    /// Text answers in the project (the base of each theme's share).
    pub text_answers: u64,
}

impl Catalogue {
    /// A theme's name by id.
    pub fn theme_name(&self, id: ThemeId) -> &str {
        self.themes
            .iter()
            .find(|t| t.id == id)
            .map_or("", |t| t.name.as_str())
    }
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
