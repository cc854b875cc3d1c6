//! Ordinal comparison from counts per level: means, Mann-Whitney U with its normal-approximation
//! p-value, Cliff's delta, and percentile bootstrap intervals by multinomial resampling.

use super::rng::{Xoshiro256, multinomial};
use super::{Interval, Ordinal};

/// Rank statistics of B against A.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct RankStats {
    /// U for B: pairs (b, a) with b > a, plus half the tied pairs (scipy's `mannwhitneyu(b, a)`).
    pub u_b: f64,
    /// Two-sided p, normal approximation with tie and continuity correction.
    pub p_value: f64,
    /// P(B > A) - P(B < A).
    pub cliffs_delta: f64,
}

/// Total count, or `None` when the input is unusable (length mismatch, empty, overflow,
/// non-finite level).
pub(super) fn total(o: &Ordinal) -> Option<u64> {
    if o.levels.len() != o.counts.len() || o.levels.iter().any(|l| !l.is_finite()) {
        return None;
    }
    let n = o.counts.iter().try_fold(0u64, |s, &c| s.checked_add(c))?;
    (n > 0).then_some(n)
}

pub(super) fn mean(levels: &[f64], counts: &[u64], n: u64) -> f64 {
    let sum: f64 = levels.iter().zip(counts).map(|(l, &c)| l * c as f64).sum();
    sum / n as f64
}

/// Counts of A and B on each distinct level value, in ascending order of value.
fn merged_levels(a: &Ordinal, b: &Ordinal) -> Vec<(u64, u64)> {
    let mut rows: Vec<(f64, u64, u64)> = a
        .levels
        .iter()
        .zip(a.counts)
        .map(|(&l, &c)| (l, c, 0))
        .chain(b.levels.iter().zip(b.counts).map(|(&l, &c)| (l, 0, c)))
        .collect();
    rows.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut out: Vec<(f64, u64, u64)> = Vec::with_capacity(rows.len());
    for (level, ca, cb) in rows {
        match out.last_mut() {
            Some(last) if last.0 == level => {
                last.1 += ca;
                last.2 += cb;
            }
            _ => out.push((level, ca, cb)),
        }
    }
    out.into_iter().map(|(_, ca, cb)| (ca, cb)).collect()
}

/// Mann-Whitney U, p and Cliff's delta, computed from the counts without expanding rows.
/// The p-value follows scipy's `method='asymptotic', use_continuity=True, alternative='two-sided'`:
/// z = (max(U_a, U_b) - n_a n_b / 2 - ½) / σ with the tie-corrected σ, p = 2·sf(z) clipped to 1.
pub(super) fn rank_stats(a: &Ordinal, b: &Ordinal) -> Option<RankStats> {
    let (n_a, n_b) = (total(a)?, total(b)?);
    let mut twice_u: u128 = 0; // 2·U_b, exact
    let mut below_a: u128 = 0;
    let mut tie_term = 0.0f64;
    for (ca, cb) in merged_levels(a, b) {
        twice_u =
            twice_u.saturating_add(u128::from(cb).saturating_mul(2 * below_a + u128::from(ca)));
        below_a += u128::from(ca);
        let t = ca as f64 + cb as f64;
        tie_term += t * t * t - t;
    }
    let pairs = u128::from(n_a) * u128::from(n_b);
    let u_b = twice_u as f64 / 2.0;
    let cliffs_delta = ((twice_u as f64 - pairs as f64) / pairs as f64).clamp(-1.0, 1.0);
    let (na, nb) = (n_a as f64, n_b as f64);
    let n = na + nb;
    let mu = na * nb / 2.0;
    let u = u_b.max(na * nb - u_b);
    let sigma = (na * nb / 12.0 * ((n + 1.0) - tie_term / (n * (n - 1.0)))).sqrt();
    let p_value = if sigma > 0.0 {
        let z = (u - mu - 0.5) / sigma;
        (2.0 * normal_sf(z)).clamp(0.0, 1.0)
    } else {
        1.0 // every answer on one level: no evidence of any difference
    };
    Some(RankStats {
        u_b,
        p_value,
        cliffs_delta,
    })
}

/// Upper tail of the standard normal distribution.
pub(super) fn normal_sf(z: f64) -> f64 {
    0.5 * erfc(z / std::f64::consts::SQRT_2)
}

/// Complementary error function, relative error around 1e-15: the positive-term series for
/// erf below 1.5, a continued fraction (modified Lentz) above.
pub(super) fn erfc(x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    if x < 0.0 {
        return 2.0 - erfc(-x);
    }
    let two_over_sqrt_pi = std::f64::consts::FRAC_2_SQRT_PI;
    if x < 1.5 {
        // erf x = 2/√π e^{-x²} Σ (2x²)^k x / (1·3·…·(2k+1))
        let (mut term, mut sum) = (x, x);
        for k in 1..200 {
            term *= 2.0 * x * x / f64::from(2 * k + 1);
            sum += term;
            if term < sum * 1e-17 {
                break;
            }
        }
        return 1.0 - two_over_sqrt_pi * (-x * x).exp() * sum;
    }
    if x > 27.3 {
        return 0.0; // below the smallest subnormal
    }
    // erfc x = e^{-x²}/√π · 1/(x + (1/2)/(x + (2/2)/(x + (3/2)/(x + …))))
    let tiny = 1e-300;
    let (mut f, mut c, mut d) = (x, x, 0.0f64);
    for j in 1..5000 {
        let aj = f64::from(j) / 2.0;
        d = x + aj * d;
        if d == 0.0 {
            d = tiny;
        }
        c = x + aj / c;
        if c == 0.0 {
            c = tiny;
        }
        d = 1.0 / d;
        let delta = c * d;
        f *= delta;
        if (delta - 1.0).abs() < 1e-16 {
            break;
        }
    }
    two_over_sqrt_pi / 2.0 * (-x * x).exp() / f
}

/// Percentile of sorted data with numpy's default rule (`method='linear'`): position
/// h = (len - 1)·q, linear interpolation between the neighbouring order statistics.
pub(super) fn percentile(sorted: &[f64], q: f64) -> f64 {
    let h = (sorted.len().saturating_sub(1)) as f64 * q.clamp(0.0, 1.0);
    let lo = h.floor();
    let frac = h - lo;
    let Some(&x_lo) = sorted.get(lo as usize) else {
        return f64::NAN;
    };
    let x_hi = sorted.get(lo as usize + 1).copied().unwrap_or(x_lo);
    if frac == 0.0 || x_hi == x_lo {
        x_lo
    } else {
        x_lo + frac * (x_hi - x_lo)
    }
}

fn percentile_interval(mut values: Vec<f64>) -> Interval {
    values.sort_by(f64::total_cmp);
    Interval {
        low: percentile(&values, 0.025),
        high: percentile(&values, 0.975),
    }
}

/// Bootstrap intervals (A mean, B mean, B - A difference). Each resample draws A then B from
/// one xoshiro256** stream seeded by `seed`, so the same inputs and seed give the same result.
pub(super) fn bootstrap(
    a: &Ordinal,
    b: &Ordinal,
    seed: u64,
    resamples: u32,
) -> (Interval, Interval, Interval) {
    let mut rng = Xoshiro256::new(seed);
    let (n_a, n_b) = (total(a).unwrap_or(0), total(b).unwrap_or(0));
    let mut draw_a = vec![0u64; a.counts.len()];
    let mut draw_b = vec![0u64; b.counts.len()];
    let cap = resamples as usize;
    let mut means_a = Vec::with_capacity(cap);
    let mut means_b = Vec::with_capacity(cap);
    let mut diffs = Vec::with_capacity(cap);
    for _ in 0..resamples {
        multinomial(&mut rng, a.counts, &mut draw_a);
        multinomial(&mut rng, b.counts, &mut draw_b);
        let ma = mean(a.levels, &draw_a, n_a);
        let mb = mean(b.levels, &draw_b, n_b);
        means_a.push(ma);
        means_b.push(mb);
        diffs.push(mb - ma);
    }
    (
        percentile_interval(means_a),
        percentile_interval(means_b),
        percentile_interval(diffs),
    )
}
