//! A small, fixed random generator (xoshiro256**, seeded by SplitMix64) and exact binomial and
//! multinomial samplers, written out here so bootstrap results never change with a crate upgrade.

/// xoshiro256** 1.0 (Blackman & Vigna 2018), state filled from the seed by SplitMix64.
#[derive(Debug, Clone)]
pub(super) struct Xoshiro256 {
    s: [u64; 4],
}

impl Xoshiro256 {
    pub(super) fn new(seed: u64) -> Self {
        let mut sm = seed;
        let mut next = || {
            sm = sm.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = sm;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Self {
            s: [next(), next(), next(), next()],
        }
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        let [s0, s1, s2, s3] = self.s;
        let result = s1.wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s1 << 17;
        let s2 = s2 ^ s0;
        let s3 = s3 ^ s1;
        let s1 = s1 ^ s2;
        let s0 = s0 ^ s3;
        self.s = [s0, s1, s2 ^ t, s3.rotate_left(45)];
        result
    }

    /// Uniform in [0, 1) with 53 random bits.
    pub(super) fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

/// One draw from Binomial(n, p). Exact: inversion by the pmf recurrence when n·min(p, 1-p) < 10,
/// otherwise Hörmann's BTRD transformed rejection (1993, J. Stat. Comput. Simul. 46:101-110),
/// whose final test is the exact pmf ratio via Stirling-series log factorials.
pub(super) fn binomial(rng: &mut Xoshiro256, n: u64, p: f64) -> u64 {
    if n == 0 || p.is_nan() || p <= 0.0 {
        return 0;
    }
    if p >= 1.0 {
        return n;
    }
    if p > 0.5 {
        return n - binomial(rng, n, 1.0 - p);
    }
    if n as f64 * p < 10.0 {
        inversion(rng, n, p)
    } else {
        btrd(rng, n, p)
    }
}

fn inversion(rng: &mut Xoshiro256, n: u64, p: f64) -> u64 {
    let q = 1.0 - p;
    let s = p / q;
    let a = (n as f64 + 1.0) * s;
    let start = (n as f64 * (-p).ln_1p()).exp();
    loop {
        let mut u = rng.next_f64();
        let mut r = start;
        let mut x = 0u64;
        loop {
            if u < r {
                return x;
            }
            u -= r;
            x += 1;
            if x > n || r <= 0.0 {
                break; // only reachable through rounding in the tail: draw again
            }
            r *= a / x as f64 - s;
        }
    }
}

/// Stirling-series remainder fc(k) = ln k! - (k + ½) ln(k + 1) + (k + 1) - ½ ln 2π.
fn stirling_tail(k: f64) -> f64 {
    const TABLE: [f64; 10] = [
        0.081_061_466_795_327_26,
        0.041_340_695_955_409_29,
        0.027_677_925_684_998_34,
        0.020_790_672_103_765_09,
        0.016_644_691_189_821_19,
        0.013_876_128_823_070_75,
        0.011_896_709_945_891_77,
        0.010_411_265_261_972_09,
        0.009_255_462_182_712_733,
        0.008_330_563_433_362_87,
    ];
    if k < 10.0 {
        // k is a small non-negative whole number here.
        if let Some(v) = TABLE.get(k as usize) {
            return *v;
        }
    }
    let k1 = k + 1.0;
    let k1sq = k1 * k1;
    (1.0 / 12.0 - (1.0 / 360.0 - 1.0 / 1260.0 / k1sq) / k1sq) / k1
}

fn btrd(rng: &mut Xoshiro256, n: u64, p: f64) -> u64 {
    let nf = n as f64;
    let q = 1.0 - p;
    let spq = (nf * p * q).sqrt();
    let b = 1.15 + 2.53 * spq;
    let a = -0.0873 + 0.0248 * b + 0.01 * p;
    let c = nf * p + 0.5;
    let v_r = 0.92 - 4.2 / b;
    let r = p / q;
    let alpha = (2.83 + 5.1 / b) * spq;
    let m = ((nf + 1.0) * p).floor();
    loop {
        let u = rng.next_f64() - 0.5;
        let v = rng.next_f64();
        let us = 0.5 - u.abs();
        let k = ((2.0 * a / us + b) * u + c).floor();
        if !(0.0..=nf).contains(&k) {
            continue;
        }
        if us >= 0.07 && v <= v_r {
            return (k as u64).min(n);
        }
        let v = (v * alpha / (a / (us * us) + b)).ln();
        let bound = (m + 0.5) * ((m + 1.0) / (r * (nf - m + 1.0))).ln()
            + (nf + 1.0) * ((nf - m + 1.0) / (nf - k + 1.0)).ln()
            + (k + 0.5) * (r * (nf - k + 1.0) / (k + 1.0)).ln()
            + stirling_tail(m)
            + stirling_tail(nf - m)
            - stirling_tail(k)
            - stirling_tail(nf - k);
        if v <= bound {
            return (k as u64).min(n);
        }
    }
}

/// Resample `counts.iter().sum()` items with replacement, as a multinomial draw over the levels
/// by conditional binomials: O(levels) per resample. `out` must be as long as `counts`.
pub(super) fn multinomial(rng: &mut Xoshiro256, counts: &[u64], out: &mut [u64]) {
    let mut left_n = counts.iter().fold(0u64, |s, &c| s.saturating_add(c));
    let mut left_weight = left_n;
    for (slot, &c) in out.iter_mut().zip(counts) {
        let x = if c == 0 || left_n == 0 {
            0
        } else if c >= left_weight {
            left_n
        } else {
            binomial(rng, left_n, c as f64 / left_weight as f64)
        };
        *slot = x;
        left_n -= x;
        left_weight -= c.min(left_weight);
    }
}
