//! The cells of the two theme exports, shared by CSV and XLSX: `themes` (one row per theme,
//! small groups shown as "fewer than N", quotes redacted, both by `stats::disclosed`) and `coded-answers` (one row per
//! coded answer with an export-local pseudonymous response id).

use crate::disclosure::MinGroup;
use crate::results::MODES;
use crate::surveys::Audience;
use crate::themes::model::Theme;
use crate::themes::stats::disclosed::{pseudonym, shown_counts};
use crate::themes::stats::model::{Catalogue, QuestionInfo};
use crate::themes::stats::model::{CodedAnswer, ThemeStats, share};

/// Example quotes per theme in `themes.csv`.
pub const EXAMPLES: usize = 3;

/// One cell: text, or a number a spreadsheet can add up.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
}

impl Cell {
    /// The cell as CSV text.
    pub fn text(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Number(n) => n.to_string(),
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<u64> for Cell {
    fn from(n: u64) -> Cell {
        Cell::Number(n as f64)
    }
}

/// The `themes` column names.
pub fn themes_header() -> Vec<String> {
    let mut h: Vec<String> = [
        "theme",
        "description",
        "status",
        "answers_coded",
        "share_percent",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    h.extend(
        Audience::ALL
            .iter()
            .map(|a| format!("audience_{}", a.as_str())),
    );
    h.extend(MODES.iter().map(|(m, _)| format!("mode_{m}")));
    h.extend(["first_seen", "last_seen"].map(str::to_owned));
    h.extend((1..=EXAMPLES).map(|i| format!("example_{i}")));
    h.extend(["source_keyword", "source_learned", "source_steward"].map(str::to_owned));
    h
}

/// Counts with small groups hidden (primary and secondary suppression).
fn suppressed(counts: &[u64], min: MinGroup) -> Vec<Cell> {
    shown_counts(counts, min)
        .into_iter()
        .map(|shown| match shown.value() {
            Some(n) => Cell::from(n),
            None => Cell::Text(min.show(shown)),
        })
        .collect()
}

/// One theme's row; `stats` is `None` for a theme no answer has.
pub fn theme_row(
    theme: &Theme,
    stats: Option<&ThemeStats>,
    total: u64,
    min: MinGroup,
) -> Vec<Cell> {
    let empty = ThemeStats::default();
    let s = stats.unwrap_or(&empty);
    let mut row = vec![
        Cell::from(theme.name.as_str()),
        Cell::from(theme.description.as_str()),
        Cell::from(theme.status.as_str()),
        Cell::from(s.count),
        Cell::Number((share(s.count, total) * 10.0).round() / 10.0),
    ];
    let audiences: Vec<u64> = Audience::ALL
        .iter()
        .map(|a| ThemeStats::of(&s.audiences, a.as_str()))
        .collect();
    row.extend(suppressed(&audiences, min));
    let modes: Vec<u64> = MODES
        .iter()
        .map(|(m, _)| ThemeStats::of(&s.modes, m))
        .collect();
    row.extend(suppressed(&modes, min));
    let day = |d: Option<chrono::DateTime<chrono::Utc>>| {
        Cell::Text(
            d.map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
        )
    };
    row.push(day(s.first_seen));
    row.push(day(s.last_seen));
    let quotes = s.shown_quotes(EXAMPLES, min);
    row.extend((0..EXAMPLES).map(|i| Cell::Text(quotes.get(i).cloned().unwrap_or_default())));
    row.extend([s.keyword, s.learned, s.steward].map(Cell::from));
    row
}

/// The `coded-answers` column names.
pub const CODED_HEADER: [&str; 11] = [
    "response",
    "submitted_date",
    "survey",
    "audience",
    "mode",
    "question_key",
    "question",
    "text",
    "themes",
    "sources",
    "confidences",
];

/// One coded answer's row, or `None` for an answer withheld for safeguarding review: when it
/// was sent (the day, ISO 8601, UTC), where from (survey, audience, mode, question), the words
/// as exported elsewhere, then themes, sources and confidences, `;`-separated in the same order.
pub fn coded_row(a: &CodedAnswer, cat: &Catalogue, key: &[u8]) -> Option<Vec<Cell>> {
    if a.withheld || cat.withheld.contains(&a.answer) {
        return None;
    }
    let join = |f: &dyn Fn(&crate::themes::stats::model::Applied) -> String| {
        a.themes.iter().map(f).collect::<Vec<_>>().join(";")
    };
    let question = cat.questions.get(&a.question);
    let about = |f: fn(&QuestionInfo) -> &String| {
        Cell::Text(question.map(|q| f(q).clone()).unwrap_or_default())
    };
    Some(vec![
        Cell::Text(pseudonym(key, a.response)),
        Cell::Text(a.submitted_at.format("%Y-%m-%d").to_string()),
        about(|q| &q.survey),
        Cell::Text(a.audience.clone()),
        Cell::Text(a.mode.clone()),
        about(|q| &q.key),
        about(|q| &q.prompt),
        Cell::Text(a.shown_text()),
        Cell::Text(join(&|t| cat.theme_name(t.theme).to_owned())),
        Cell::Text(join(&|t| t.source.as_str().to_owned())),
        Cell::Text(join(&|t| format!("{:.2}", t.confidence))),
    ])
}

/// File names: `project-12-themes.csv`.
pub fn filename(project: i64, what: &str, ext: &str) -> String {
    format!("project-{project}-{what}.{ext}")
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use chrono::Utc;

    use super::*;
    use crate::projects::ProjectId;
    use crate::themes::model::{Source, ThemeId, ThemeStatus};
    use crate::themes::stats::model::QuestionInfo;
    use crate::themes::stats::model::{Applied, Tally};

    fn answer(id: i64, mode: &str, text: &str, withheld: bool) -> CodedAnswer {
        CodedAnswer {
            answer: id,
            response: id * 10,
            question: 1,
            text: text.into(),
            submitted_at: Utc::now(),
            mode: mode.into(),
            audience: "families".into(),
            withheld,
            themes: vec![Applied {
                theme: ThemeId(1),
                source: Source::Keyword,
                confidence: 1.0,
            }],
        }
    }

    fn catalogue(withheld: &[i64]) -> Catalogue {
        let theme = Theme {
            id: ThemeId(1),
            name: "Waiting".into(),
            description: "Queues".into(),
            codebook: vec![],
            status: ThemeStatus::Active,
            merged_into: None,
        };
        let question = QuestionInfo {
            key: "story".into(),
            prompt: "Tell us".into(),
            survey: "Hub".into(),
            audience: "families".into(),
        };
        Catalogue {
            project: ProjectId(1),
            themes: vec![theme],
            questions: HashMap::from([(1, question)]),
            withheld: withheld.iter().copied().collect::<HashSet<_>>(),
            text_answers: 20,
        }
    }

    fn texts(row: &[Cell]) -> Vec<String> {
        row.iter().map(Cell::text).collect()
    }

    #[test]
    fn a_theme_row_hides_small_groups_and_redacts_its_examples() {
        let cat = catalogue(&[]);
        let mut tally = Tally::default();
        for i in 0..6 {
            tally.add(&answer(i, "self", "Ask Mrs Patel", false), None);
        }
        tally.add(&answer(6, "paper", "x", false), None);
        let row = texts(&theme_row(
            &cat.themes[0],
            tally.themes.get(&ThemeId(1)),
            20,
            MinGroup(5),
        ));
        assert_eq!(row.len(), themes_header().len());
        assert_eq!(row[..5], ["Waiting", "Queues", "active", "7", "35"]);
        assert_eq!(row[6], "7", "families");
        // Paper is small; self is the only other non-zero cell, so it goes too, saying why.
        assert_eq!(row[9..12], ["hidden (small numbers)", "0", "fewer than 5"]);
        assert_eq!(row[15], "Ask Mrs [name removed]");
        assert_eq!(row[17..], ["7", "0", "0"]);
    }

    #[test]
    fn a_theme_without_answers_or_below_the_smallest_group_has_no_examples() {
        let cat = catalogue(&[]);
        let row = texts(&theme_row(&cat.themes[0], None, 20, MinGroup(5)));
        assert_eq!(row[3..5], ["0", "0"]);
        let mut tally = Tally::default();
        tally.add(&answer(1, "self", "hello", false), None);
        let row = texts(&theme_row(
            &cat.themes[0],
            tally.themes.get(&ThemeId(1)),
            20,
            MinGroup(5),
        ));
        assert_eq!(row[14..17], ["", "", ""]);
    }

    #[test]
    fn withheld_answers_have_no_coded_row() {
        let cat = catalogue(&[2]);
        let key = [7u8; 32];
        let row =
            texts(&coded_row(&answer(1, "self", "Call 07700 900123", false), &cat, &key).unwrap());
        let day = Utc::now().format("%Y-%m-%d").to_string();
        assert_eq!(
            row[1..],
            [
                day.as_str(),
                "Hub",
                "families",
                "self",
                "story",
                "Tell us",
                "Call [phone removed]",
                "Waiting",
                "keyword",
                "1.00"
            ]
        );
        assert_ne!(row[0], "10");
        assert!(coded_row(&answer(2, "self", "secret", false), &cat, &key).is_none());
        assert!(coded_row(&answer(3, "self", "secret", true), &cat, &key).is_none());
    }
}
