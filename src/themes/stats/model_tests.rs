//! Unit tests of the pure theme figures.

use super::*;
use crate::themes::stats::disclosed::{export_key, pseudonym};

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

/// A self-completed child's answer `i` with `text` and one theme.
fn coded(i: i64, text: &str, withheld: bool, applied: Applied) -> CodedAnswer {
    CodedAnswer {
        answer: i,
        response: i,
        question: 7,
        text: text.to_owned(),
        submitted_at: Utc::now(),
        mode: "self".into(),
        audience: "children".into(),
        withheld,
        themes: vec![applied],
    }
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
        tally.add(&coded(i, &format!("answer {i}"), i == 7, applied), None);
    }
    let s = &tally.themes[&ThemeId(1)];
    assert_eq!(s.count, 8);
    let quotes: Vec<&str> = s.quotes(QUOTES).collect();
    assert_eq!(
        quotes,
        ["answer 6", "answer 5", "answer 4", "answer 3", "answer 2"]
    );
}

#[test]
fn repeated_answers_are_one_quote_and_leave_room_for_different_ones() {
    let mut tally = Tally::default();
    let applied = Applied {
        theme: ThemeId(1),
        source: Source::Keyword,
        confidence: 1.0,
    };
    let texts = [
        "Kind staff",
        "It was boring",
        "it was  BORING.",
        "It was boring",
        "Fun",
    ];
    for (i, text) in texts.iter().enumerate() {
        tally.add(&coded(i as i64, text, false, applied), None);
    }
    let s = &tally.themes[&ThemeId(1)];
    assert_eq!(s.count, 5);
    let quotes: Vec<&str> = s.quotes(QUOTES).collect();
    assert_eq!(quotes, ["Fun", "It was boring", "Kind staff"]);
}
