//! Unit tests of the round and item parsers.

use super::*;

#[test]
fn a_round_needs_a_title_and_an_audience() {
    let err = NewRound::parse(&RawRound::default()).unwrap_err();
    assert!(err.get("title").is_some());
    assert!(err.get("audience").is_some());
    let ok = NewRound::parse(&RawRound {
        title: " Our hub ".into(),
        audience: "anyone".into(),
        show_results: "yes".into(),
        ..RawRound::default()
    })
    .unwrap();
    assert_eq!(ok.title, "Our hub");
    assert!(ok.show_results);
}

#[test]
fn an_item_keeps_only_offered_quotes() {
    let offered = vec!["It was [name] who helped".to_owned()];
    let raw = RawItem {
        title: "Waiting".into(),
        body: "Waiting is too long".into(),
        quotes: vec![0, 0],
        ..RawItem::default()
    };
    assert_eq!(NewItem::parse(&raw, &offered).unwrap().quotes, offered);
    let bad = RawItem {
        quotes: vec![3],
        ..raw
    };
    assert!(
        NewItem::parse(&bad, &offered)
            .unwrap_err()
            .get("quotes")
            .is_some()
    );
}

#[test]
fn slugs_are_short_lower_case_letters_and_digits() {
    assert!(is_slug("abc123xyz"));
    assert!(!is_slug("ABC123xyz"));
    assert!(!is_slug("abc\0def"));
    assert!(!is_slug("abc"));
}
