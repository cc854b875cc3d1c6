//! Statistics for experiments: compare a baseline A with a test B, from counts per level.
//!
//! Pure (no I/O, no actix, no sea-orm). Answers arrive as counts per level, never as rows, so
//! everything here is O(levels): Mann-Whitney U and Cliff's delta are computed from the counts,
//! and the bootstrap resamples each period with a multinomial draw over the levels (conditional
//! exact binomials) using a fixed xoshiro256** generator, so a page is reproducible forever.

use serde::Serialize;

mod ordinal;
mod proportion;
mod rng;
mod summary;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_sampling;
#[cfg(test)]
mod tests_summary;

pub use summary::{ordinal_summary, proportion_summary, verdict};

/// Bootstrap resamples used by the pages.
pub const RESAMPLES: u32 = 2_000;
/// Fixed bootstrap seed, so a page is reproducible.
pub const SEED: u64 = 0x0C40_5EED;
/// Two-sided 95% normal quantile, `scipy.stats.norm.ppf(0.975)`.
pub const Z95: f64 = 1.959_963_984_540_054;

/// Counts per level; `levels[i]` is the numeric value of level i (e.g. 1.0..=5.0 for faces).
/// Levels need not be sorted; equal values count as ties.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ordinal<'a> {
    pub levels: &'a [f64],
    pub counts: &'a [u64],
}

/// A closed interval, `low <= high`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

/// A comparison of answers on an ordered scale between A (before / comparison group) and B.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrdinalComparison {
    pub n_a: u64,
    pub n_b: u64,
    pub mean_a: f64,
    pub mean_b: f64,
    /// 95% bootstrap percentile interval of each mean.
    pub interval_a: Interval,
    pub interval_b: Interval,
    /// `mean_b - mean_a`.
    pub difference: f64,
    /// 95% bootstrap percentile interval of the difference (A and B resampled independently).
    pub interval: Interval,
    /// P(B > A) - P(B < A) over all pairs, in [-1, 1].
    pub cliffs_delta: f64,
    /// U for B: pairs with B above A plus half the ties, i.e. `scipy.stats.mannwhitneyu(b, a)`'s
    /// statistic (U for its first argument). U for A is `n_a * n_b - mann_whitney_u`.
    pub mann_whitney_u: f64,
    /// Two-sided p, normal approximation with tie and continuity correction (scipy asymptotic).
    pub p_value: f64,
}

/// Compare ordinal answers. Bootstrap intervals are percentile intervals over `resamples`
/// resamples, taking numpy's default (linear) 2.5th and 97.5th percentiles.
///
/// `None` when either total is 0, levels and counts differ in length, a level is not finite,
/// a total overflows, or `resamples` is 0.
pub fn compare_ordinal(
    a: Ordinal,
    b: Ordinal,
    seed: u64,
    resamples: u32,
) -> Option<OrdinalComparison> {
    let (n_a, n_b) = (ordinal::total(&a)?, ordinal::total(&b)?);
    if resamples == 0 {
        return None;
    }
    let ranks = ordinal::rank_stats(&a, &b)?;
    let mean_a = ordinal::mean(a.levels, a.counts, n_a);
    let mean_b = ordinal::mean(b.levels, b.counts, n_b);
    let (interval_a, interval_b, interval) = ordinal::bootstrap(&a, &b, seed, resamples);
    Some(OrdinalComparison {
        n_a,
        n_b,
        mean_a,
        mean_b,
        interval_a,
        interval_b,
        difference: mean_b - mean_a,
        interval,
        cliffs_delta: ranks.cliffs_delta,
        mann_whitney_u: ranks.u_b,
        p_value: ranks.p_value,
    })
}

/// A comparison of a yes/no share between A and B.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProportionComparison {
    pub x_a: u64,
    pub n_a: u64,
    pub x_b: u64,
    pub n_b: u64,
    pub share_a: f64,
    pub share_b: f64,
    /// Wilson score 95% interval of each share.
    pub interval_a: Interval,
    pub interval_b: Interval,
    /// `share_b - share_a`.
    pub difference: f64,
    /// Newcombe hybrid score 95% interval of the difference (Newcombe 1998, method 10).
    pub interval: Interval,
}

/// Compare x_a of n_a with x_b of n_b. `None` when an n is 0 or an x exceeds its n.
pub fn compare_proportions(x_a: u64, n_a: u64, x_b: u64, n_b: u64) -> Option<ProportionComparison> {
    if n_a == 0 || n_b == 0 || x_a > n_a || x_b > n_b {
        return None;
    }
    let (share_a, share_b) = (x_a as f64 / n_a as f64, x_b as f64 / n_b as f64);
    let (interval_a, interval_b) = (proportion::wilson(x_a, n_a), proportion::wilson(x_b, n_b));
    let interval = proportion::newcombe(share_a, &interval_a, share_b, &interval_b);
    Some(ProportionComparison {
        x_a,
        n_a,
        x_b,
        n_b,
        share_a,
        share_b,
        interval_a,
        interval_b,
        difference: share_b - share_a,
        interval,
    })
}

/// Which direction of change is an improvement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Better {
    Higher,
    Lower,
}

/// Plain reading of an interval: `Better` when it lies wholly on the better side of 0, `Worse`
/// when wholly on the other side, otherwise `NoClearChange` (including touching 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Verdict {
    Better,
    Worse,
    NoClearChange,
}
