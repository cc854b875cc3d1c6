//! Codebook integration test: stemming, phrases, punctuation.

use crate::themes::engine::Codebook;

#[test]
fn waiting_times_line_up_by_stems() {
    let cb = Codebook::from_pairs([("access", "waiting times"), ("staff", "rude receptionist")]);
    assert_eq!(cb.themes("Waited, time was long!"), vec!["access"]);
    assert_eq!(cb.themes("WAITING-TIME"), vec!["access"]);
    assert!(cb.themes("time waiting").is_empty());
    assert_eq!(cb.themes("The receptionist was rude"), Vec::<String>::new());
    assert_eq!(
        cb.matches("Rude receptionists; long waiting times."),
        vec![
            ("staff".to_string(), "rude receptionist".to_string()),
            ("access".to_string(), "waiting times".to_string())
        ]
    );
}
