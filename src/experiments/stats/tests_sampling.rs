//! Behaviour tests for `experiments::stats`: input checks, bootstrap, and the samplers.

use super::rng::{Xoshiro256, binomial, multinomial};
use super::tests::{FACES, close, ord};
use super::*;

#[test]
fn proportions_reject_bad_input() {
    assert_eq!(compare_proportions(0, 0, 1, 2), None);
    assert_eq!(compare_proportions(1, 2, 0, 0), None);
    assert_eq!(compare_proportions(3, 2, 1, 2), None);
    assert_eq!(compare_proportions(1, 2, 5, 4), None);
}

#[test]
fn ordinal_rejects_bad_input() {
    assert_eq!(
        compare_ordinal(ord(&FACES, &[0; 5]), ord(&FACES, &[1; 5]), SEED, 10),
        None
    );
    assert_eq!(
        compare_ordinal(ord(&FACES, &[1; 5]), ord(&FACES, &[0; 5]), SEED, 10),
        None
    );
    assert_eq!(
        compare_ordinal(ord(&FACES, &[1; 4]), ord(&FACES, &[1; 5]), SEED, 10),
        None
    );
    // A and B may carry different level sets: values are merged for the ranks.
    assert!(compare_ordinal(ord(&FACES, &[1; 5]), ord(&FACES[..4], &[1; 4]), SEED, 10).is_some());
    assert_eq!(
        compare_ordinal(ord(&[], &[]), ord(&[], &[]), SEED, 10),
        None
    );
    let nan = [1.0, f64::NAN];
    assert_eq!(
        compare_ordinal(ord(&nan, &[1, 1]), ord(&nan, &[1, 1]), SEED, 10),
        None
    );
    assert_eq!(
        compare_ordinal(ord(&FACES, &[1; 5]), ord(&FACES, &[1; 5]), SEED, 0),
        None
    );
}

#[test]
fn bootstrap_is_reproducible_and_covers_the_estimate() {
    let (a, b) = ([3, 10, 40, 30, 17], [1, 5, 30, 40, 24]);
    let one = compare_ordinal(ord(&FACES, &a), ord(&FACES, &b), SEED, RESAMPLES).unwrap();
    let two = compare_ordinal(ord(&FACES, &a), ord(&FACES, &b), SEED, RESAMPLES).unwrap();
    assert_eq!(one, two);
    let other = compare_ordinal(ord(&FACES, &a), ord(&FACES, &b), SEED + 1, RESAMPLES).unwrap();
    assert_ne!(one.interval, other.interval);
    assert!(one.interval.low < one.difference && one.difference < one.interval.high);
    assert!(one.interval_a.low < one.mean_a && one.mean_a < one.interval_a.high);
    assert!(one.interval_b.low < one.mean_b && one.mean_b < one.interval_b.high);
    assert!(one.interval_a.low >= 1.0 && one.interval_b.high <= 5.0);
}

#[test]
fn bootstrap_degenerate_inputs_are_finite() {
    let c = compare_ordinal(
        ord(&FACES, &[0, 0, 9, 0, 0]),
        ord(&FACES, &[0, 0, 0, 4, 0]),
        SEED,
        100,
    )
    .unwrap();
    assert_eq!(
        c.interval_a,
        Interval {
            low: 3.0,
            high: 3.0
        }
    );
    assert_eq!(
        c.interval_b,
        Interval {
            low: 4.0,
            high: 4.0
        }
    );
    assert_eq!(
        c.interval,
        Interval {
            low: 1.0,
            high: 1.0
        }
    );
    let c = compare_ordinal(
        ord(&FACES, &[0, 1, 0, 0, 0]),
        ord(&FACES, &[0, 0, 0, 0, 1]),
        SEED,
        50,
    )
    .unwrap();
    assert_eq!((c.n_a, c.n_b, c.difference), (1, 1, 3.0));
    assert_eq!((c.cliffs_delta, c.mann_whitney_u), (1.0, 1.0));
    assert!(c.p_value.is_finite() && (0.0..=1.0).contains(&c.p_value));
}

/// Normal-theory reference: scipy 1.17.1, with a = np.repeat([1,2,3,4,5], [500,1000,1500,1250,750])
/// and b = np.repeat([1,2,3,4,5], [400,900,1500,1350,850]):
/// `scipy.stats.ttest_ind(b, a, equal_var=False).confidence_interval(0.95)` for the difference and
/// `scipy.stats.ttest_1samp(x, 0).confidence_interval(0.95)` for each mean.
#[test]
fn bootstrap_agrees_with_welch_for_large_n() {
    let (a, b) = ([500, 1000, 1500, 1250, 750], [400, 900, 1500, 1350, 850]);
    let c = compare_ordinal(ord(&FACES, &a), ord(&FACES, &b), SEED, RESAMPLES).unwrap();
    assert!(close(c.difference, 0.12, 1e-12));
    let near = |got: &Interval, low: f64, high: f64| {
        assert!(
            (got.low - low).abs() < 0.01 && (got.high - high).abs() < 0.01,
            "{got:?}"
        );
    };
    near(&c.interval, 0.07357043833897248, 0.16642956166102774);
    near(&c.interval_a, 3.1168716546114257, 3.183128345388574);
    near(&c.interval_b, 3.2374617324361914, 3.3025382675638086);
}

/// Chi-square goodness of fit of the binomial sampler against the exact pmf (computed here by
/// the ratio recurrence, normalised). Fixed seed, so deterministic; critical value is the
/// 0.999 quantile approximated by df + 3.1 * sqrt(2 df) + 2.
#[test]
fn binomial_sampler_matches_exact_pmf() {
    let cases = [
        (20u64, 0.3),
        (1000, 0.3),
        (100_000, 0.17),
        (50, 0.9),
        (1000, 0.995),
        (37, 0.5),
        (5000, 0.002),
    ];
    let mut rng = Xoshiro256::new(SEED);
    for (n, p) in cases {
        let mut log_pmf = vec![0.0f64; 1];
        for k in 0..n {
            let last = log_pmf[log_pmf.len() - 1];
            log_pmf.push(last + ((n - k) as f64 / (k + 1) as f64 * p / (1.0 - p)).ln());
        }
        let top = log_pmf.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let pmf: Vec<f64> = log_pmf.iter().map(|l| (l - top).exp()).collect();
        let total: f64 = pmf.iter().sum();
        let draws = 200_000u64;
        let mut seen = vec![0u64; n as usize + 1];
        let mut sum = 0.0;
        for _ in 0..draws {
            let k = binomial(&mut rng, n, p);
            assert!(k <= n);
            seen[k as usize] += 1;
            sum += k as f64;
        }
        let (mut chi, mut df, mut exp_rest, mut obs_rest) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
        for (k, &o) in seen.iter().enumerate() {
            let e = pmf.get(k).copied().unwrap_or(0.0) / total * draws as f64;
            if e >= 5.0 {
                chi += (o as f64 - e).powi(2) / e;
                df += 1.0;
            } else {
                exp_rest += e;
                obs_rest += o as f64;
            }
        }
        if exp_rest >= 5.0 {
            chi += (obs_rest - exp_rest).powi(2) / exp_rest;
            df += 1.0;
        }
        df -= 1.0;
        let crit = df + 3.1 * (2.0 * df).sqrt() + 2.0;
        assert!(chi < crit, "n={n} p={p}: chi2 {chi} df {df}");
        let mean = sum / draws as f64;
        let sd = (n as f64 * p * (1.0 - p) / draws as f64).sqrt();
        assert!(
            (mean - n as f64 * p).abs() < 4.0 * sd,
            "n={n} p={p}: mean {mean}"
        );
    }
}

#[test]
fn binomial_and_multinomial_edges() {
    let mut rng = Xoshiro256::new(1);
    assert_eq!(binomial(&mut rng, 0, 0.4), 0);
    assert_eq!(binomial(&mut rng, 10, 0.0), 0);
    assert_eq!(binomial(&mut rng, 10, 1.0), 10);
    assert_eq!(binomial(&mut rng, u64::MAX / 4, 1.0), u64::MAX / 4);
    let counts = [0u64, 7, 0, 993, 0];
    let mut out = [9u64; 5];
    for _ in 0..1000 {
        multinomial(&mut rng, &counts, &mut out);
        assert_eq!(out.iter().sum::<u64>(), 1000);
        assert_eq!((out[0], out[2], out[4]), (0, 0, 0));
    }
    // Xoshiro256** reproducibility: the same seed gives the same stream.
    let (mut r1, mut r2) = (Xoshiro256::new(SEED), Xoshiro256::new(SEED));
    for _ in 0..100 {
        assert_eq!(r1.next_u64(), r2.next_u64());
    }
    let u = r1.next_f64();
    assert!((0.0..1.0).contains(&u));
}
