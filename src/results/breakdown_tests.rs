//! Breakdown tests: groups, columns, suppression and ISO weeks.

use chrono::TimeZone;

use super::*;
use crate::disclosure::Why;
use crate::surveys::question::QuestionInput;
use crate::surveys::{QuestionDef, QuestionId};

fn question(kind: &str, options: &[&str]) -> Question {
    let def = QuestionDef::parse(&QuestionInput {
        kind: kind.into(),
        prompt: "Q".into(),
        options: options.iter().map(|o| (*o).to_owned()).collect(),
        ..Default::default()
    })
    .unwrap();
    Question {
        id: QuestionId(1),
        position: 0,
        archived: false,
        def,
    }
}

fn choice(label: &str, n: u64) -> (AnswerValue, u64) {
    (AnswerValue::Choice(label.into()), n)
}

#[test]
fn small_cells_are_hidden_with_the_next_smallest_and_small_groups_entirely() {
    let q = question("single_choice", &["A", "B", "C"]);
    let groups = vec![
        (
            "Self-completed".to_owned(),
            vec![choice("A", 20), choice("B", 3), choice("C", 8)],
        ),
        ("Assisted".to_owned(), vec![choice("A", 2), choice("B", 1)]),
        ("Paper".to_owned(), vec![choice("A", 10), choice("B", 10)]),
    ];
    let b = breakdown(&q, Dimension::Mode, &groups, MinGroup(5));
    assert_eq!(b.columns, ["A", "B", "C"]);
    let first = &b.rows[0];
    assert_eq!(first.answered, Shown::Value(31));
    assert_eq!(first.cells[0].0, Shown::Value(20));
    let (small, protects) = (Shown::Hidden(Why::Small), Shown::Hidden(Why::Protects));
    assert_eq!(first.cells[1], (small, Shown::Hidden(Why::Small)));
    assert_eq!(
        first.cells[2].0, protects,
        "secondary suppression, not small itself"
    );
    // Assisted has 3 answers: the whole row goes, and so does the next-smallest group.
    assert_eq!(b.rows[1].answered, small);
    assert_eq!(b.rows[1].cells[0].0, small);
    // Paper's 20 are hidden only to protect Assisted: they do not read "fewer than 5".
    assert_eq!(b.rows[2].answered, protects);
    assert_eq!(
        MinGroup(5).show(b.rows[2].answered),
        "hidden (small numbers)"
    );
}

#[test]
fn numbers_keep_mean_and_median_for_big_groups_only() {
    let q = question("faces", &[]);
    let groups = vec![
        (
            "2026-W47".to_owned(),
            vec![(AnswerValue::Number(4), 6), (AnswerValue::Number(5), 6)],
        ),
        ("2026-W48".to_owned(), vec![(AnswerValue::Number(2), 2)]),
        ("2026-W49".to_owned(), vec![(AnswerValue::Number(3), 7)]),
    ];
    let b = breakdown(&q, Dimension::Week, &groups, MinGroup(5));
    assert!(b.numeric);
    assert_eq!(b.columns.len(), 5);
    assert_eq!(b.rows[0].mean, Shown::Value(Some(4.5)));
    assert_eq!(b.rows[1].mean, Shown::Hidden(Why::Small));
    assert_eq!(b.rows[1].answered, Shown::Hidden(Why::Small));
    assert_eq!(
        b.rows[2].answered,
        Shown::Hidden(Why::Protects),
        "next-smallest group hidden too"
    );
}

#[test]
fn a_threshold_of_one_shows_everything() {
    let q = question("single_choice", &["A", "B"]);
    let groups = vec![("Paper".to_owned(), vec![choice("A", 1)])];
    let b = breakdown(&q, Dimension::Mode, &groups, MinGroup(1));
    assert_eq!(b.rows[0].answered, Shown::Value(1));
    assert_eq!(b.rows[0].cells[0], (Shown::Value(1), Shown::Value(100.0)));
}

#[test]
fn weeks_are_iso_weeks_oldest_first() {
    let now = Utc.with_ymd_and_hms(2026, 1, 2, 12, 0, 0).unwrap();
    let weeks = recent_weeks(now);
    assert_eq!(weeks.len(), 8);
    assert_eq!(weeks.last().unwrap(), "2026-W01");
    assert_eq!(weeks[6], "2025-W52");
    assert_eq!(mode_label("assisted"), "Assisted");
}
