//! Tests of the invitation rules: addresses, limits, reminders.

use super::*;

#[test]
fn lists_split_on_lines_commas_and_semicolons() {
    let got = split_addresses("a@example.org\nb@example.org, c@example.org;d@example.org\n\n");
    assert_eq!(
        got,
        [
            "a@example.org",
            "b@example.org",
            "c@example.org",
            "d@example.org"
        ]
    );
}

#[test]
fn a_csv_with_an_email_header_reads_only_that_column() {
    let got = split_addresses(
        "Name,Email address\n\"Smith, Sam\",sam@example.org\nAli,ali@example.org\n",
    );
    assert_eq!(got, ["sam@example.org", "ali@example.org"]);
}

#[test]
fn screening_names_invalid_and_repeated_addresses() {
    let already: BTreeSet<String> = ["old@example.org".to_owned()].into();
    let s = screen(
        &[
            "New@Example.org".into(),
            "new@example.org".into(),
            "old@example.org".into(),
            "nope".into(),
        ],
        &already,
    );
    assert_eq!(s.accepted.len(), 1);
    assert_eq!(s.accepted[0].as_str(), "new@example.org");
    assert_eq!(s.invalid[0].email, "nope");
    assert_eq!(s.duplicates.len(), 2);
    assert_eq!(
        s.summary(),
        "1 person invited, 1 not valid: nope. 2 already invited, so not sent again."
    );
}

#[test]
fn tokens_are_long_random_and_only_their_hash_is_kept() {
    let (a, ha) = new_token();
    let (b, _) = new_token();
    assert_ne!(a, b);
    assert!(plausible_token(&a));
    assert_eq!(hash_token(&a), ha);
    assert_ne!(a, ha);
}

#[test]
fn the_first_sentence_stops_at_the_first_full_stop() {
    assert_eq!(
        first_sentence("Tell us about the club. It takes 5 minutes."),
        "Tell us about the club."
    );
    assert_eq!(first_sentence("Version 2.0 is here"), "Version 2.0 is here");
    assert_eq!(first_sentence(""), "");
}

#[test]
fn reminder_days_are_whole_days_from_one_to_sixty() {
    assert_eq!(parse_reminder_days(" 3 "), Ok(3));
    assert!(parse_reminder_days("0").is_err());
    assert!(parse_reminder_days("three").is_err());
    assert!(parse_reminder_days("61").is_err());
}
