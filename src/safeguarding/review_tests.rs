//! Tests of the review outcomes, filters and settings parsers.

use super::*;

fn review(outcome: &str, note: &str) -> Result<NewReview, FieldErrors> {
    NewReview::parse(&ReviewInput {
        outcome: outcome.into(),
        note: note.into(),
    })
}

#[test]
fn action_taken_needs_a_note_and_the_others_do_not() {
    assert!(
        review("action_taken", "  ")
            .unwrap_err()
            .get("note")
            .is_some()
    );
    assert!(review("", "").unwrap_err().get("outcome").is_some());
    assert_eq!(review("no_concern", "").unwrap().note, None);
    assert_eq!(
        review("action_taken", " Told the DSL ")
            .unwrap()
            .note
            .as_deref(),
        Some("Told the DSL")
    );
    assert!(review("escalated", &"x".repeat(2001)).is_err());
}

#[test]
fn a_note_follows_the_text_rule() {
    assert_eq!(
        review("action_taken", "Told the DSL\r\nCalled\tmum\u{1b}")
            .unwrap()
            .note
            .as_deref(),
        Some("Told the DSL\nCalled\tmum")
    );
    let e = review("action_taken", "Told\0").unwrap_err();
    assert!(e.get("note").unwrap().starts_with("Note must not contain"));
}

#[test]
fn only_no_concern_releases_an_answer() {
    let held: Vec<bool> = Outcome::ALL.iter().map(|o| o.withholds()).collect();
    assert_eq!(held, [true, false, true]);
}

#[test]
fn review_hours_are_whole_hours_from_one_to_two_weeks() {
    let parse = |hours: &str, email: &str| {
        SafeguardingSettings::parse(&SettingsInput {
            backup_email: email.into(),
            review_hours: hours.into(),
        })
    };
    for bad in ["", "0", "337", "1.5", "abc", "-3"] {
        assert!(
            parse(bad, "").unwrap_err().get("review_hours").is_some(),
            "{bad}"
        );
    }
    assert!(
        parse("24", "not an email")
            .unwrap_err()
            .get("backup_email")
            .is_some()
    );
    let ok = parse(" 48 ", "Backup@Example.org").unwrap();
    assert_eq!(ok.review_hours, 48);
    assert_eq!(ok.backup.unwrap().as_str(), "backup@example.org");
}

#[test]
fn filters_combine_status_and_age() {
    let now = Utc::now();
    let old = now - Duration::hours(30);
    let f = Filters::parse(&FilterInput {
        status: "to_review".into(),
        age: "older_24h".into(),
    });
    assert!(f.admits(None, old, now));
    assert!(!f.admits(None, now, now));
    assert!(!f.admits(Some(Outcome::NoConcern), old, now));
    assert_eq!(Filters::parse(&FilterInput::default()), Filters::default());
}
