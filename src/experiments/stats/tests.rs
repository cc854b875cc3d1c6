//! Fixture tests for `experiments::stats` (reference values from scipy, statsmodels, Newcombe).
//!
//! Reference numbers were produced with Python 3.11, scipy 1.17.1, statsmodels 0.15.0 and
//! numpy 2.4.6 (script: expand counts per level into raw rows with `np.repeat`, then call the
//! function named next to each constant), or copied from the published worked example named.

use super::ordinal::{erfc, percentile, rank_stats};
use super::*;

pub(super) const FACES: [f64; 5] = [1.0, 2.0, 3.0, 4.0, 5.0];

pub(super) fn close(got: f64, want: f64, tol: f64) -> bool {
    (got - want).abs() <= tol * want.abs().max(1.0)
}

pub(super) fn ord<'a>(levels: &'a [f64], counts: &'a [u64]) -> Ordinal<'a> {
    Ordinal { levels, counts }
}

/// (name, levels, counts A, counts B, U_b, p, cliffs delta, mean A, mean B).
/// U_b and p: scipy 1.17.1 `scipy.stats.mannwhitneyu(b, a, alternative='two-sided',
/// method='asymptotic', use_continuity=True)` (statistic is U for the first argument, B).
/// Cliff's delta: by definition, numpy `np.sign(b[:, None] - a[None, :]).mean()`.
/// Means: numpy `a.mean()`, `b.mean()`.
type MwuCase = (
    &'static str,
    &'static [f64],
    &'static [u64],
    &'static [u64],
    f64,
    f64,
    f64,
    f64,
    f64,
);
const MWU_CASES: [MwuCase; 7] = [
    (
        "heavy_ties",
        &FACES,
        &[3, 10, 40, 30, 17],
        &[1, 5, 30, 40, 24],
        5947.5,
        0.015015683661343909,
        0.1895,
        3.48,
        3.81,
    ),
    (
        "unequal_n",
        &FACES,
        &[5, 0, 2, 1, 0],
        &[0, 1, 1, 3, 7],
        89.5,
        0.0010528771534211788,
        0.8645833333333334,
        1.875,
        4.333333333333333,
    ),
    (
        "tiny",
        &[1.0, 2.0, 3.0],
        &[1, 1, 1],
        &[0, 2, 2],
        8.0,
        0.5667652473884979,
        0.3333333333333333,
        2.0,
        2.5,
    ),
    (
        "all_tied",
        &FACES,
        &[0, 0, 4, 0, 0],
        &[0, 0, 6, 0, 0],
        12.0,
        1.0,
        0.0,
        3.0,
        3.0,
    ),
    (
        "large",
        &FACES,
        &[200, 400, 1500, 1900, 1000],
        &[150, 380, 1400, 2000, 1070],
        12972000.0,
        0.0005954507822493485,
        0.03776,
        3.62,
        3.692,
    ),
    (
        "b_lower",
        &[0.0, 1.0],
        &[10, 30],
        &[25, 15],
        500.0,
        0.000797034206203347,
        -0.375,
        0.75,
        0.375,
    ),
    (
        "unsorted_levels",
        &[3.0, 1.0, 2.0, 1.0],
        &[4, 2, 5, 1],
        &[6, 1, 2, 0],
        72.5,
        0.1652918284353918,
        0.3425925925925926,
        2.0833333333333335,
        2.5555555555555554,
    ),
];

#[test]
fn mann_whitney_cliffs_and_means_match_scipy() {
    for (name, levels, ca, cb, u, p, delta, mean_a, mean_b) in MWU_CASES {
        let r = rank_stats(&ord(levels, ca), &ord(levels, cb)).unwrap();
        assert!(close(r.u_b, u, 1e-12), "{name}: U {} vs {u}", r.u_b);
        assert!(
            (r.p_value - p).abs() <= 1e-10 * p.max(1e-3),
            "{name}: p {} vs {p}",
            r.p_value
        );
        assert!(
            close(r.cliffs_delta, delta, 1e-12),
            "{name}: delta {}",
            r.cliffs_delta
        );
        let c = compare_ordinal(ord(levels, ca), ord(levels, cb), SEED, 200).unwrap();
        assert!(
            close(c.mean_a, mean_a, 1e-12) && close(c.mean_b, mean_b, 1e-12),
            "{name}"
        );
        assert!(close(c.difference, mean_b - mean_a, 1e-12), "{name}");
        assert_eq!(
            (c.mann_whitney_u, c.p_value, c.cliffs_delta),
            (r.u_b, r.p_value, r.cliffs_delta)
        );
    }
}

/// scipy 1.17.1 `scipy.special.erfc(x)`.
#[test]
fn erfc_matches_scipy() {
    let cases = [
        (0.0, 1.0),
        (0.3, 0.6713732405408726),
        (1.0, 0.15729920705028516),
        (2.0, 0.004677734981047266),
        (3.0, 2.2090496998585445e-05),
        (3.5, 7.430983723414129e-07),
        (5.0, 1.5374597944280347e-12),
        (8.0, 1.1224297172982928e-29),
        (20.0, 5.395865611607901e-176),
    ];
    for (x, want) in cases {
        let got = erfc(x);
        assert!(
            (got - want).abs() <= 1e-13 * want,
            "erfc({x}) = {got}, want {want}"
        );
    }
}

/// numpy 2.4.6 `np.percentile(np.arange(10), [2.5, 97.5])` and
/// `np.percentile([5.0, 1.0, 3.0], [2.5, 97.5])` (default method='linear').
#[test]
fn percentile_is_numpy_linear() {
    let xs: Vec<f64> = (0..10).map(f64::from).collect();
    assert!(close(percentile(&xs, 0.025), 0.225, 1e-12));
    assert!(close(percentile(&xs, 0.975), 8.775, 1e-12));
    assert!(close(percentile(&[1.0, 3.0, 5.0], 0.025), 1.1, 1e-12));
    assert!(close(percentile(&[1.0, 3.0, 5.0], 0.975), 4.9, 1e-12));
    assert_eq!(percentile(&[7.0], 0.5), 7.0);
}

/// statsmodels 0.15.0 `proportion_confint(x, n, alpha=0.05, method='wilson')`.
#[test]
fn wilson_matches_statsmodels() {
    let cases = [
        (0, 10, 0.0, 0.27753279986288926),
        (10, 10, 0.7224672001371106, 1.0),
        (0, 1, 0.0, 0.7934506856227627),
        (1, 1, 0.2065493143772374, 1.0),
        (32, 100, 0.2366914732499909, 0.4166261861045239),
        (81, 263, 0.2552885198782742, 0.36620957698280004),
        (5, 56, 0.0387421484495869, 0.19256001385511165),
        (1, 29, 0.006113214292762667, 0.17175521879320294),
        (99999, 100000, 0.9999433529034099, 0.9999982347522698),
    ];
    for (x, n, lo, hi) in cases {
        let c = compare_proportions(x, n, x, n).unwrap();
        assert!(
            (c.interval_a.low - lo).abs() < 1e-12,
            "{x}/{n} low {}",
            c.interval_a.low
        );
        assert!(
            (c.interval_a.high - hi).abs() < 1e-12,
            "{x}/{n} high {}",
            c.interval_a.high
        );
        assert_eq!(c.interval_a, c.interval_b);
    }
}

/// Newcombe RG (1998) "Interval estimation for the difference between independent
/// proportions: comparison of eleven methods", Statistics in Medicine 17:873-890, Table II,
/// method 10 (hybrid score, no continuity correction), examples (a)-(h), 4 decimals.
/// Tuples are (x_b, n_b, x_a, n_a, low, high) for the difference x_b/n_b - x_a/n_a.
#[test]
fn newcombe_matches_published_table() {
    let cases = [
        (56, 70, 48, 80, 0.0524, 0.3339),
        (9, 10, 3, 10, 0.1705, 0.8090),
        (6, 7, 2, 7, 0.0582, 0.8062),
        (5, 56, 0, 29, -0.0381, 0.1926),
        (0, 10, 0, 20, -0.1611, 0.2775),
        (0, 10, 0, 10, -0.2775, 0.2775),
        (10, 10, 0, 20, 0.6791, 1.0000),
        (10, 10, 0, 10, 0.6075, 1.0000),
    ];
    for (xb, nb, xa, na, lo, hi) in cases {
        let c = compare_proportions(xa, na, xb, nb).unwrap();
        assert!(
            (c.interval.low - lo).abs() < 5.001e-5,
            "{xb}/{nb}-{xa}/{na}: {:?}",
            c.interval
        );
        assert!(
            (c.interval.high - hi).abs() < 5.001e-5,
            "{xb}/{nb}-{xa}/{na}: {:?}",
            c.interval
        );
    }
}

/// statsmodels 0.15.0 `confint_proportions_2indep(x_b, n_b, x_a, n_a, method='newcomb',
/// compare='diff', alpha=0.05)`; tuples are (x_b, n_b, x_a, n_a, low, high).
#[test]
fn newcombe_matches_statsmodels() {
    let cases = [
        (56, 70, 48, 80, 0.05243147240236498, 0.33387265403690614),
        (9, 10, 3, 10, 0.1705227239345029, 0.809017973535488),
        (6, 7, 2, 7, 0.05822792748231209, 0.8062496375242278),
        (5, 56, 0, 29, -0.038137147903536936, 0.19256001385511165),
        (0, 10, 0, 20, -0.1611251580528194, 0.27753279986288926),
        (0, 10, 0, 10, -0.27753279986288926, 0.27753279986288926),
        (10, 10, 0, 20, 0.6790860371419145, 1.0),
        (10, 10, 0, 10, 0.6075093504305241, 1.0),
        (21, 100, 32, 100, -0.228353066209742, 0.012492018741547026),
        (1, 1, 0, 1, -0.12210872068194178, 1.0),
        (0, 1, 1, 1, -1.0, 0.12210872068194178),
    ];
    for (xb, nb, xa, na, lo, hi) in cases {
        let c = compare_proportions(xa, na, xb, nb).unwrap();
        assert!(
            (c.interval.low - lo).abs() < 1e-12,
            "{xb}/{nb}-{xa}/{na}: {:?}",
            c.interval
        );
        assert!(
            (c.interval.high - hi).abs() < 1e-12,
            "{xb}/{nb}-{xa}/{na}: {:?}",
            c.interval
        );
        assert!(close(c.difference, c.share_b - c.share_a, 1e-15));
        assert!(c.interval.low >= -1.0 && c.interval.high <= 1.0);
        assert!(c.interval.low <= c.difference && c.difference <= c.interval.high);
    }
}
