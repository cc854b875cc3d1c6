//! Plain-words readings of comparisons, for stewards and (in easy read) families.

use super::{Better, Interval, OrdinalComparison, ProportionComparison, Verdict};

/// `Better` when the whole interval lies on the better side of 0, `Worse` when wholly on the
/// other side, else `NoClearChange` (an interval touching 0, or not a number, is no clear change).
pub fn verdict(interval: &Interval, better: Better) -> Verdict {
    let (up, down) = (interval.low > 0.0, interval.high < 0.0);
    match (better, up, down) {
        (Better::Higher, true, _) | (Better::Lower, _, true) => Verdict::Better,
        (Better::Higher, _, true) | (Better::Lower, true, _) => Verdict::Worse,
        _ => Verdict::NoClearChange,
    }
}

/// Magnitude on an answer scale: one decimal, two below 0.1, and "0" when it rounds to nothing.
fn scale_number(v: f64) -> String {
    let a = v.abs();
    let s = if a >= 0.1 {
        format!("{a:.1}")
    } else {
        format!("{a:.2}")
    };
    if s.bytes().all(|c| c == b'0' || c == b'.') {
        "0".into()
    } else {
        s
    }
}

/// Magnitude in percent: whole numbers, one decimal below 1, and "0" when it rounds to nothing.
fn percent_number(v: f64) -> String {
    let a = v.abs();
    let s = if a >= 1.0 {
        format!("{a:.0}")
    } else {
        format!("{a:.1}")
    };
    match s.as_str() {
        "0.0" => "0".into(),
        "1.0" => "1".into(),
        _ => s,
    }
}

fn possessive(who: &str) -> String {
    if who.ends_with("'s") || who.ends_with('\'') || who.ends_with("’s") || who.ends_with('’') {
        who.to_string()
    } else if who.ends_with('s') {
        format!("{who}'")
    } else {
        format!("{who}'s")
    }
}

/// The clause about the interval, given a number formatter, the words for up and down, and a
/// unit naming function (which may make it singular).
fn interval_clause(
    i: &Interval,
    number: fn(f64) -> String,
    up: &str,
    down: &str,
    unit: &dyn Fn(&str) -> String,
) -> String {
    if i.low.partial_cmp(&i.high) != Some(std::cmp::Ordering::Less) {
        return "the answers were too uniform to say how sure we can be.".into();
    }
    let (lo, hi) = (number(i.low), number(i.high));
    let sure = "we are fairly sure the change is between";
    if i.low > 0.0 {
        return format!("{sure} {lo} and {hi} {} {up}.", unit(&hi));
    }
    if i.high < 0.0 {
        return format!("{sure} {hi} and {lo} {} {down}.", unit(&lo));
    }
    if lo == "0" && hi == "0" {
        return "we are fairly sure there was little or no change.".into();
    }
    let side = |n: &str, dir: &str| {
        if n == "0" {
            "0".to_string()
        } else {
            format!("{n} {} {dir}", unit(n))
        }
    };
    format!(
        "{sure} {} and {} — it could be no change at all.",
        side(&lo, down),
        side(&hi, up)
    )
}

/// E.g. "Children's answers were higher by 0.4 faces on average; we are fairly sure the change
/// is between 0.1 and 0.7 faces." `who` is a plural noun ("Children", "Parents"), to which the
/// possessive is added, or already possessive ("Children's", "Families'"); `unit` names the
/// scale's steps ("faces", "points").
pub fn ordinal_summary(c: &OrdinalComparison, who: &str, unit: &str) -> String {
    let d = scale_number(c.difference);
    let head = if d == "0" {
        "were about the same on average".to_string()
    } else if c.difference > 0.0 {
        format!("were higher by {d} {unit} on average")
    } else {
        format!("were lower by {d} {unit} on average")
    };
    let unit_of = |_: &str| unit.to_string();
    // Higher intervals read "between 0.1 and 0.7 faces."; lower ones add "lower".
    let clause = if c.interval.low > 0.0 && c.interval.low < c.interval.high {
        let (lo, hi) = (scale_number(c.interval.low), scale_number(c.interval.high));
        format!("we are fairly sure the change is between {lo} and {hi} {unit}.")
    } else {
        interval_clause(&c.interval, scale_number, "higher", "lower", &unit_of)
    };
    format!("{} answers {head}; {clause}", possessive(who))
}

/// E.g. "32% of answers mentioned waiting before, 21% after: 11 percentage points fewer; we are
/// fairly sure the change is between 5 and 17 points fewer." The opening reads
/// "{share}% of {who} {what} before": `who` is what was counted ("answers", "Children's"),
/// `what` what they did ("mentioned waiting", "answers mentioned this"). A is "before", B "after".
pub fn proportion_summary(c: &ProportionComparison, who: &str, what: &str) -> String {
    let (a, b) = (
        percent_number(c.share_a * 100.0),
        percent_number(c.share_b * 100.0),
    );
    let d = percent_number(c.difference * 100.0);
    let points = |n: &str| {
        if n == "1" {
            "point".to_string()
        } else {
            "points".to_string()
        }
    };
    let head = if d == "0" {
        "about the same".to_string()
    } else {
        let dir = if c.difference > 0.0 { "more" } else { "fewer" };
        format!("{d} percentage {} {dir}", points(&d))
    };
    let scaled = Interval {
        low: c.interval.low * 100.0,
        high: c.interval.high * 100.0,
    };
    let clause = interval_clause(&scaled, percent_number, "more", "fewer", &points);
    format!("{a}% of {who} {what} before, {b}% after: {head}; {clause}")
}
