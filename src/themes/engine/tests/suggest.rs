//! Theme suggestion test on the shipped data: texts with no theme.

use std::path::Path;

use crate::themes::engine::eval::read_rows;
use crate::themes::engine::{SuggestConfig, suggest_themes};

#[test]
fn suggests_from_uncovered_answers() {
    let rows = read_rows(Path::new("tests/data/themes/dev.csv")).unwrap();
    let uncovered: Vec<&str> = rows
        .iter()
        .filter(|r| r.labels.is_empty())
        .map(|r| r.text.as_str())
        .collect();
    let all: Vec<&str> = rows.iter().map(|r| r.text.as_str()).collect();
    let cfg = SuggestConfig::default();
    let s = suggest_themes(&uncovered, &all, &cfg);
    assert!(!s.is_empty());
    for t in &s {
        assert!(t.support >= cfg.min_support);
        assert!(!t.examples.is_empty() && t.examples.len() <= 3);
        assert!(!t.codebook.is_empty());
        eprintln!(
            "{:>6.2} {:>3} {:?} {:?}",
            t.score, t.support, t.phrase, t.codebook
        );
    }
    assert_eq!(s, suggest_themes(&uncovered, &all, &cfg));
}
