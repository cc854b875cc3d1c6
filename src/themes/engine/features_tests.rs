//! Unit tests of the TF-IDF feature extractor.

use super::*;

#[test]
fn vectors_are_unit_length_and_deterministic() {
    let cfg = FeatureConfig {
        min_df: 1,
        length_feature: false,
        ..FeatureConfig::default()
    };
    let s = TextStemmer::new();
    let docs: Vec<TermCounts> = [
        "the staff were kind",
        "waiting times too long",
        "kind staff",
    ]
    .iter()
    .map(|t| term_counts(&cfg, &s, t))
    .collect();
    let v = Vectorizer::fit(&cfg, &docs);
    let a = v.transform("Kind STAFF!");
    let n: f32 = a.iter().map(|e| e.1 * e.1).sum();
    assert!((n - 1.0).abs() < 1e-4);
    assert_eq!(a, Vectorizer::fit(&cfg, &docs).transform("kind staff"));
    assert!(v.transform("zzzz qqqq").is_empty());
}
