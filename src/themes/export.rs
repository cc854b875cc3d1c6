//! The cells of the two theme exports, shared by CSV and XLSX: `themes` (one row per theme,
//! small groups shown as "fewer than N", quotes redacted) and `coded-answers` (one row per
//! coded answer with an export-local pseudonymous response id).

use crate::disclosure::{MinGroup, redact, suppress};
use crate::results::breakdown::MODES;
use crate::surveys::Audience;
use crate::themes::export_store::Catalogue;
use crate::themes::model::Theme;
use crate::themes::stats::{CodedAnswer, ThemeStats, pseudonym, share};

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
    let s = suppress(counts, min);
    counts
        .iter()
        .enumerate()
        .map(|(i, c)| match s.count(i, *c).value() {
            Some(n) => Cell::from(n),
            None => Cell::Text(min.label()),
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
    let quotes: Vec<String> = if min.too_small(s.count) {
        Vec::new()
    } else {
        s.quotes(EXAMPLES).map(redact).collect()
    };
    row.extend((0..EXAMPLES).map(|i| Cell::Text(quotes.get(i).cloned().unwrap_or_default())));
    row.extend([s.keyword, s.learned, s.steward].map(Cell::from));
    row
}

/// The `coded-answers` column names.
pub const CODED_HEADER: [&str; 6] = [
    "response",
    "question_key",
    "text",
    "themes",
    "sources",
    "confidences",
];

/// One coded answer's row, or `None` for an answer withheld for safeguarding review. Themes,
/// sources and confidences are `;`-separated in the same order.
pub fn coded_row(a: &CodedAnswer, cat: &Catalogue, key: &[u8]) -> Option<Vec<Cell>> {
    if a.withheld || cat.withheld.contains(&a.answer) {
        return None;
    }
    let join = |f: &dyn Fn(&crate::themes::stats::Applied) -> String| {
        a.themes.iter().map(f).collect::<Vec<_>>().join(";")
    };
    Some(vec![
        Cell::Text(pseudonym(key, a.response)),
        Cell::Text(
            cat.questions
                .get(&a.question)
                .map(|q| q.key.clone())
                .unwrap_or_default(),
        ),
        Cell::Text(redact(&a.text)),
        Cell::Text(join(&|t| cat.theme_name(t.theme).to_owned())),
        Cell::Text(join(&|t| t.source.as_str().to_owned())),
        Cell::Text(join(&|t| format!("{:.2}", t.confidence))),
    ])
}

/// File names: `project-12-themes.csv`.
pub fn filename(project: i64, what: &str, ext: &str) -> String {
    format!("project-{project}-{what}.{ext}")
}
