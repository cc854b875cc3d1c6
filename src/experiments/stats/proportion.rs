//! Intervals for shares: Wilson score interval for one proportion and Newcombe's hybrid score
//! interval (method 10 of Newcombe 1998) for the difference of two independent proportions.

use super::{Interval, Z95};

/// Wilson score 95% interval for x successes out of n (n > 0, x <= n), clamped to [0, 1].
pub(super) fn wilson(x: u64, n: u64) -> Interval {
    let (xf, nf) = (x as f64, n as f64);
    let p = xf / nf;
    let z2 = Z95 * Z95;
    let denom = 1.0 + z2 / nf;
    let center = (p + z2 / (2.0 * nf)) / denom;
    let half = Z95 * (p * (1.0 - p) / nf + z2 / (4.0 * nf * nf)).sqrt() / denom;
    Interval {
        low: if x == 0 {
            0.0
        } else {
            (center - half).clamp(0.0, 1.0)
        },
        high: if x == n {
            1.0
        } else {
            (center + half).clamp(0.0, 1.0)
        },
    }
}

/// Newcombe hybrid score interval for p_b - p_a, built from the two Wilson intervals:
/// low = d - √((p_b - l_b)² + (u_a - p_a)²), high = d + √((u_b - p_b)² + (p_a - l_a)²).
pub(super) fn newcombe(p_a: f64, wa: &Interval, p_b: f64, wb: &Interval) -> Interval {
    let d = p_b - p_a;
    let low = d - ((p_b - wb.low).powi(2) + (wa.high - p_a).powi(2)).sqrt();
    let high = d + ((wb.high - p_b).powi(2) + (p_a - wa.low).powi(2)).sqrt();
    Interval {
        low: low.clamp(-1.0, 1.0),
        high: high.clamp(-1.0, 1.0),
    }
}
