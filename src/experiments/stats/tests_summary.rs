//! Behaviour tests for `experiments::stats`: verdicts and plain-words summaries.

use super::*;

#[test]
fn verdicts() {
    let i = |low, high| Interval { low, high };
    assert_eq!(verdict(&i(0.1, 0.7), Better::Higher), Verdict::Better);
    assert_eq!(verdict(&i(0.1, 0.7), Better::Lower), Verdict::Worse);
    assert_eq!(verdict(&i(-0.7, -0.1), Better::Lower), Verdict::Better);
    assert_eq!(verdict(&i(-0.7, -0.1), Better::Higher), Verdict::Worse);
    assert_eq!(
        verdict(&i(-0.1, 0.7), Better::Higher),
        Verdict::NoClearChange
    );
    assert_eq!(
        verdict(&i(0.0, 0.7), Better::Higher),
        Verdict::NoClearChange
    );
    assert_eq!(verdict(&i(0.0, 0.0), Better::Lower), Verdict::NoClearChange);
    assert_eq!(
        verdict(&i(f64::NAN, 1.0), Better::Higher),
        Verdict::NoClearChange
    );
}

fn ordinal_with(difference: f64, low: f64, high: f64) -> OrdinalComparison {
    OrdinalComparison {
        n_a: 100,
        n_b: 100,
        mean_a: 3.0,
        mean_b: 3.0 + difference,
        interval_a: Interval {
            low: 2.8,
            high: 3.2,
        },
        interval_b: Interval {
            low: 2.8 + difference,
            high: 3.2 + difference,
        },
        difference,
        interval: Interval { low, high },
        cliffs_delta: 0.0,
        mann_whitney_u: 5000.0,
        p_value: 0.5,
    }
}

#[test]
fn ordinal_summaries_read_plainly() {
    let s = |d, l, h, who| ordinal_summary(&ordinal_with(d, l, h), who, "faces");
    assert_eq!(
        s(0.4, 0.1, 0.7, "Children"),
        "Children's answers were higher by 0.4 faces on average; we are fairly sure the change is between 0.1 and 0.7 faces."
    );
    assert_eq!(
        s(-0.4, -0.7, -0.1, "Parents"),
        "Parents' answers were lower by 0.4 faces on average; we are fairly sure the change is between 0.1 and 0.7 faces lower."
    );
    assert_eq!(
        s(0.2, -0.1, 0.5, "Children"),
        "Children's answers were higher by 0.2 faces on average; we are fairly sure the change is between 0.1 faces lower and 0.5 faces higher — it could be no change at all."
    );
    assert_eq!(
        s(0.05, 0.02, 0.08, "Children"),
        "Children's answers were higher by 0.05 faces on average; we are fairly sure the change is between 0.02 and 0.08 faces."
    );
    assert_eq!(
        s(0.0, -0.1, 0.1, "Children"),
        "Children's answers were about the same on average; we are fairly sure the change is between 0.1 faces lower and 0.1 faces higher — it could be no change at all."
    );
    assert_eq!(
        s(0.0, 0.0, 0.0, "Children"),
        "Children's answers were about the same on average; the answers were too uniform to say how sure we can be."
    );
}

fn proportion_with(share_a: f64, share_b: f64, low: f64, high: f64) -> ProportionComparison {
    ProportionComparison {
        x_a: 0,
        n_a: 100,
        x_b: 0,
        n_b: 100,
        share_a,
        share_b,
        interval_a: Interval {
            low: 0.0,
            high: 1.0,
        },
        interval_b: Interval {
            low: 0.0,
            high: 1.0,
        },
        difference: share_b - share_a,
        interval: Interval { low, high },
    }
}

#[test]
fn proportion_summaries_read_plainly() {
    let s = |a, b, l, h| {
        proportion_summary(&proportion_with(a, b, l, h), "answers", "mentioned waiting")
    };
    assert_eq!(
        s(0.32, 0.21, -0.17, -0.05),
        "32% of answers mentioned waiting before, 21% after: 11 percentage points fewer; we are fairly sure the change is between 5 and 17 points fewer."
    );
    assert_eq!(
        s(0.21, 0.32, 0.05, 0.17),
        "21% of answers mentioned waiting before, 32% after: 11 percentage points more; we are fairly sure the change is between 5 and 17 points more."
    );
    let c = compare_proportions(32, 100, 21, 100).unwrap();
    assert_eq!(
        proportion_summary(&c, "answers", "mentioned waiting"),
        "32% of answers mentioned waiting before, 21% after: 11 percentage points fewer; we are fairly sure the change is between 23 points fewer and 1 point more — it could be no change at all."
    );
    assert_eq!(
        s(0.3, 0.3, -0.004, 0.006),
        "30% of answers mentioned waiting before, 30% after: about the same; we are fairly sure the change is between 0.4 points fewer and 0.6 points more — it could be no change at all."
    );
    assert_eq!(
        s(0.0, 0.01, 0.0, 0.05),
        "0% of answers mentioned waiting before, 1% after: 1 percentage point more; we are fairly sure the change is between 0 and 5 points more — it could be no change at all."
    );
}

#[test]
fn ordinal_summary_accepts_possessive_who() {
    let c = ordinal_with(0.4, 0.1, 0.7);
    let want = "answers were higher by 0.4 faces on average; we are fairly sure the change is between 0.1 and 0.7 faces.";
    assert_eq!(
        ordinal_summary(&c, "Children's", "faces"),
        format!("Children's {want}")
    );
    assert_eq!(
        ordinal_summary(&c, "Families'", "faces"),
        format!("Families' {want}")
    );
    assert_eq!(
        ordinal_summary(&c, "Families", "faces"),
        format!("Families' {want}")
    );
}
