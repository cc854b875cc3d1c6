//! Unit tests of the pure mail rules.

use super::*;

#[test]
fn retries_double_from_the_base_and_stop_at_the_cap() {
    let p = RetryPolicy::standard(Duration::from_secs(30));
    let t = SendErrorKind::Temporary;
    assert_eq!(
        p.after_failure(1, t, 0.0),
        Next::RetryIn(Duration::from_secs(30))
    );
    assert_eq!(
        p.after_failure(2, t, 0.0),
        Next::RetryIn(Duration::from_secs(60))
    );
    assert_eq!(
        p.after_failure(3, t, 0.0),
        Next::RetryIn(Duration::from_secs(120))
    );
    let long = RetryPolicy {
        max_attempts: 100,
        ..p
    };
    assert_eq!(
        long.after_failure(30, t, 0.0),
        Next::RetryIn(Duration::from_secs(3600))
    );
    assert_eq!(p.after_failure(8, t, 0.0), Next::GiveUp);
}

#[test]
fn jitter_adds_at_most_a_tenth() {
    let p = RetryPolicy::standard(Duration::from_secs(100));
    assert_eq!(
        p.after_failure(1, SendErrorKind::Connection, 1.0),
        Next::RetryIn(Duration::from_secs(110))
    );
}

#[test]
fn permanent_refusals_are_not_retried() {
    let p = RetryPolicy::standard(Duration::from_secs(30));
    assert_eq!(
        p.after_failure(1, SendErrorKind::Permanent, 0.0),
        Next::GiveUp
    );
    assert_eq!(
        p.after_failure(1, SendErrorKind::InvalidMessage, 0.0),
        Next::GiveUp
    );
}

#[test]
fn only_the_domain_of_an_address_is_kept() {
    assert_eq!(domain_of("someone@example.org"), "example.org");
    assert_eq!(domain_of("no-at-sign"), "");
}

#[test]
fn message_ids_are_unique_and_carry_the_host() {
    let a = MessageId::new("chorus.example.org");
    let b = MessageId::new("chorus.example.org");
    assert_ne!(a, b);
    assert!(a.as_str().starts_with('<'));
    assert!(a.as_str().ends_with("@chorus.example.org>"));
}
