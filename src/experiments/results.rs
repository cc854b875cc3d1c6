//! Honest results, pure: each measure's counts per arm turned into n, mean or share, the
//! difference with its 95% interval (and, for ordinal answers, Cliff's delta and a
//! Mann–Whitney test), a verdict against the pre-registered direction and plain words. Groups
//! smaller than the minimum group size give "not enough answers yet" and no figures.

use serde::Serialize;

use crate::disclosure::MinGroup;
use crate::experiments::plan::{Better, Measure};
use crate::experiments::stats::{self, Interval, Ordinal, compare_ordinal, compare_proportions};

/// Below this many answers in either arm the page shows a caution beside the figures.
pub const CAUTION_BELOW: u64 = 30;

/// How a measure's answers are read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Numbers from `low` to `high` (faces, scale, rating).
    Ordinal { low: i32, high: i32, faces: bool },
    /// The share of answers that are this option.
    Share(String),
    /// The share of written answers coded with this theme.
    Theme(i64),
}

/// One arm's answers to one measure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Counts {
    /// Answers per level, lowest first.
    Ordinal(Vec<u64>),
    /// `x` of `n` answers.
    Share { x: u64, n: u64 },
}

impl Counts {
    /// How many answers.
    pub fn n(&self) -> u64 {
        match self {
            Counts::Ordinal(c) => c.iter().sum(),
            Counts::Share { n, .. } => *n,
        }
    }
}

/// What the figures say against the direction chosen in advance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Better,
    Worse,
    NoClearChange,
}

impl Verdict {
    /// The words people see.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Better => "Better",
            Verdict::Worse => "Worse",
            Verdict::NoClearChange => "No clear change",
        }
    }
}

/// The figures of one measure (shares as fractions of 1).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figures {
    pub value_a: f64,
    pub value_b: f64,
    pub interval_a: (f64, f64),
    pub interval_b: (f64, f64),
    pub difference: f64,
    pub low: f64,
    pub high: f64,
    pub cliffs_delta: Option<f64>,
    pub mann_whitney_u: Option<f64>,
    pub p_value: Option<f64>,
    /// Whether the values are shares (shown as per cent).
    pub share: bool,
    /// The unit of an ordinal value ("faces", "points").
    pub unit: String,
}

/// One measure's result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeasureResult {
    pub label: String,
    pub better: Better,
    pub n_a: u64,
    pub n_b: u64,
    /// Whether both arms reach the minimum group size; no figures otherwise.
    pub enough: bool,
    /// Whether either arm has fewer than [`CAUTION_BELOW`] answers.
    pub caution: bool,
    pub figures: Option<Figures>,
    pub verdict: Option<Verdict>,
    pub summary: String,
}

fn pair(i: &Interval) -> (f64, f64) {
    (i.low, i.high)
}

fn stats_better(b: Better) -> stats::Better {
    match b {
        Better::Higher => stats::Better::Higher,
        Better::Lower => stats::Better::Lower,
    }
}

fn verdict(i: &Interval, b: Better) -> Verdict {
    match stats::verdict(i, stats_better(b)) {
        stats::Verdict::Better => Verdict::Better,
        stats::Verdict::Worse => Verdict::Worse,
        stats::Verdict::NoClearChange => Verdict::NoClearChange,
    }
}

/// Whose answers a measure reads, for the plain-words summary ("Children's answers").
pub fn whose(audience: &str) -> &'static str {
    match audience {
        "children" => "Children's",
        "families" => "Families'",
        "practitioners" => "Practitioners'",
        _ => "People's",
    }
}

/// The names of the two arms ("Before", "During the test"; or the two groups).
#[derive(Clone, Copy, Debug)]
pub struct Arms<'a> {
    pub a: &'a str,
    pub b: &'a str,
}

/// Plain words for a share: "Share answering yes to …: 38% before, 75% during the test — 37
/// percentage points more; we are fairly sure the change is between …".
fn share_words(c: &stats::ProportionComparison, label: &str, arms: Arms<'_>) -> String {
    let full = stats::proportion_summary(c, "answers", "were counted");
    let tail = full.split_once(": ").map_or(full.as_str(), |(_, t)| t);
    format!(
        "{label}: {:.0}% {}, {:.0}% {} \u{2014} {tail}",
        c.share_a * 100.0,
        arms.a.to_lowercase(),
        c.share_b * 100.0,
        arms.b.to_lowercase()
    )
}

/// The result of one measure from its two arms' counts.
pub fn measure_result(
    m: &Measure,
    kind: &Kind,
    (a, b): (&Counts, &Counts),
    who: &str,
    arms: Arms<'_>,
    min: MinGroup,
) -> MeasureResult {
    let (n_a, n_b) = (a.n(), b.n());
    let enough = n_a >= min.0.max(1) && n_b >= min.0.max(1);
    let mut out = MeasureResult {
        label: m.label.clone(),
        better: m.better,
        n_a,
        n_b,
        enough,
        caution: n_a < CAUTION_BELOW || n_b < CAUTION_BELOW,
        figures: None,
        verdict: None,
        summary: "Not enough answers yet to say anything.".into(),
    };
    if !enough {
        return out;
    }
    match (kind, a, b) {
        (Kind::Ordinal { low, high, faces }, Counts::Ordinal(ca), Counts::Ordinal(cb)) => {
            let levels: Vec<f64> = (*low..=*high).map(f64::from).collect();
            let unit = if *faces { "faces" } else { "points" };
            let Some(c) = compare_ordinal(
                Ordinal {
                    levels: &levels,
                    counts: ca,
                },
                Ordinal {
                    levels: &levels,
                    counts: cb,
                },
                stats::SEED,
                stats::RESAMPLES,
            ) else {
                return out;
            };
            out.verdict = Some(verdict(&c.interval, m.better));
            let words = stats::ordinal_summary(&c, who, unit);
            out.summary = if arms.a == "Before" {
                words
            } else {
                format!(
                    "{} compared with {}: {words}",
                    arms.b,
                    arms.a.to_lowercase()
                )
            };
            out.figures = Some(Figures {
                value_a: c.mean_a,
                value_b: c.mean_b,
                interval_a: pair(&c.interval_a),
                interval_b: pair(&c.interval_b),
                difference: c.difference,
                low: c.interval.low,
                high: c.interval.high,
                cliffs_delta: Some(c.cliffs_delta),
                mann_whitney_u: Some(c.mann_whitney_u),
                p_value: Some(c.p_value),
                share: false,
                unit: unit.into(),
            });
        }
        (_, Counts::Share { x: xa, n: na }, Counts::Share { x: xb, n: nb }) => {
            let Some(c) = compare_proportions(*xa, *na, *xb, *nb) else {
                return out;
            };
            out.verdict = Some(verdict(&c.interval, m.better));
            out.summary = share_words(&c, &m.label, arms);
            out.figures = Some(Figures {
                value_a: c.share_a,
                value_b: c.share_b,
                interval_a: pair(&c.interval_a),
                interval_b: pair(&c.interval_b),
                difference: c.difference,
                low: c.interval.low,
                high: c.interval.high,
                cliffs_delta: None,
                mann_whitney_u: None,
                p_value: None,
                share: true,
                unit: "percentage points".into(),
            });
        }
        _ => {}
    }
    out
}

/// Every measure's result, with the names of the two arms: what a decision records as the
/// evidence seen, and what the page and the API show.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Results {
    pub arm_a: String,
    pub arm_b: String,
    pub measures: Vec<MeasureResult>,
}
