//! Pure theme figures: which codings of an answer are in force (and from which source), each
//! theme's count, share, weekly trend, audiences, modes, questions, sources and representative
//! quotes, and the export-local pseudonym of a response.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::themes::model::{CodingFact, CodingStatus, Source, ThemeId, applied_themes};

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
                let at = self.quotes.partition_point(|(k, _)| *k > key);
                self.quotes.insert(at, (key, a.text.clone()));
                self.quotes.truncate(QUOTES);
            }
        }
    }

    /// Up to `n` quotes, best first, unredacted: callers redact them.
    pub fn quotes(&self, n: usize) -> impl Iterator<Item = &str> {
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

/// An export-local pseudonym for a response: the first 16 hex digits of HMAC-SHA-256 of its
/// id under a key made for one export, so two exports cannot be linked and the id cannot be
/// read back.
pub fn pseudonym(key: &[u8], response: i64) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        return String::new();
    };
    mac.update(&response.to_be_bytes());
    let bytes = mac.finalize().into_bytes();
    hex::encode(&bytes[..8])
}

/// A fresh random key for one export.
pub fn export_key() -> [u8; 32] {
    rand::random()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(theme: i64, source: Source, status: CodingStatus) -> (CodingFact, f64) {
        let f = CodingFact {
            theme: ThemeId(theme),
            source,
            status,
            confirmed: source == Source::Steward,
        };
        (f, if source == Source::Steward { 1.0 } else { 0.6 })
    }

    #[test]
    fn a_steward_coding_is_the_source_of_a_theme_it_shares_with_the_codebook() {
        let codings = [
            fact(1, Source::Keyword, CodingStatus::Accepted),
            fact(1, Source::Steward, CodingStatus::Accepted),
            fact(2, Source::Keyword, CodingStatus::Accepted),
            fact(2, Source::Steward, CodingStatus::Rejected),
            fact(3, Source::Learned, CodingStatus::Suggested),
            fact(4, Source::Learned, CodingStatus::Accepted),
        ];
        let applied = in_force(&codings);
        let got: Vec<(i64, Source)> = applied.iter().map(|a| (a.theme.0, a.source)).collect();
        assert_eq!(got, [(1, Source::Steward), (4, Source::Learned)]);
        assert_eq!(applied[0].confidence, 1.0);
    }

    #[test]
    fn weeks_start_on_monday_and_gaps_are_filled_with_zero() {
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        // Sunday 4 January 2026 belongs to ISO week 2026-W01, which starts on 29 December 2025.
        let sunday = week_start(at("2026-01-04T23:00:00Z"));
        assert_eq!(sunday, NaiveDate::from_ymd_opt(2025, 12, 29).unwrap());
        assert_eq!(week_label(sunday), "2026-W01");
        let mut weeks = BTreeMap::new();
        weeks.insert(sunday, 2);
        weeks.insert(week_start(at("2026-01-20T09:00:00Z")), 1);
        assert_eq!(
            week_series(&weeks, 10),
            [
                ("2026-W01".to_owned(), 2),
                ("2026-W02".to_owned(), 0),
                ("2026-W03".to_owned(), 0),
                ("2026-W04".to_owned(), 1)
            ]
        );
        assert_eq!(week_series(&weeks, 2).len(), 2);
        assert!(week_series(&BTreeMap::new(), 5).is_empty());
    }

    #[test]
    fn share_is_a_percentage_of_all_text_answers() {
        assert_eq!(share(1, 8), 12.5);
        assert_eq!(share(3, 0), 0.0);
        assert_eq!(share_label(1, 3), "33.3%");
    }

    #[test]
    fn pseudonyms_are_stable_within_an_export_and_differ_between_exports() {
        let (k1, k2) = ([1u8; 32], [2u8; 32]);
        assert_eq!(pseudonym(&k1, 42), pseudonym(&k1, 42));
        assert_ne!(pseudonym(&k1, 42), pseudonym(&k2, 42));
        assert_ne!(pseudonym(&k1, 42), pseudonym(&k1, 43));
        assert_eq!(pseudonym(&k1, 42).len(), 16);
        assert!(!pseudonym(&k1, 42).contains("42"));
        assert_ne!(export_key(), export_key());
    }

    #[test]
    fn withheld_answers_are_counted_but_never_quoted() {
        let mut tally = Tally::default();
        let applied = Applied {
            theme: ThemeId(1),
            source: Source::Keyword,
            confidence: 1.0,
        };
        for i in 0..8 {
            tally.add(
                &CodedAnswer {
                    answer: i,
                    response: i,
                    question: 7,
                    text: format!("answer {i}"),
                    submitted_at: Utc::now(),
                    mode: "self".into(),
                    audience: "children".into(),
                    withheld: i == 7,
                    themes: vec![applied],
                },
                None,
            );
        }
        let s = &tally.themes[&ThemeId(1)];
        assert_eq!(s.count, 8);
        let quotes: Vec<&str> = s.quotes(QUOTES).collect();
        assert_eq!(
            quotes,
            ["answer 6", "answer 5", "answer 4", "answer 3", "answer 2"]
        );
    }
}
