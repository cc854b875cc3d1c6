//! Platt sigmoid calibration of decision values into probabilities.

/// Platt sigmoid `p = 1 / (1 + exp(a*f + b))` mapping decision values to probabilities.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Platt {
    /// Slope (negative for a useful model).
    pub a: f64,
    /// Offset.
    pub b: f64,
}

impl Platt {
    /// Probability for decision value `f`.
    pub fn prob(&self, f: f64) -> f64 {
        let z = self.a * f + self.b;
        if z >= 0.0 {
            let e = (-z).exp();
            e / (1.0 + e)
        } else {
            1.0 / (1.0 + z.exp())
        }
    }

    /// Fit on decision values and labels (Lin, Lin & Weng's robust Newton method).
    pub fn fit(dec: &[f64], y: &[bool]) -> Platt {
        let prior1 = y.iter().filter(|&&t| t).count() as f64;
        let prior0 = y.len() as f64 - prior1;
        let hi = (prior1 + 1.0) / (prior1 + 2.0);
        let lo = 1.0 / (prior0 + 2.0);
        let t: Vec<f64> = y.iter().map(|&v| if v { hi } else { lo }).collect();
        let mut a = 0.0;
        let mut b = ((prior0 + 1.0) / (prior1 + 1.0)).ln();
        let obj = |a: f64, b: f64| -> f64 {
            dec.iter()
                .zip(&t)
                .map(|(&f, &ti)| {
                    let z = f * a + b;
                    if z >= 0.0 {
                        ti * z + (1.0 + (-z).exp()).ln()
                    } else {
                        (ti - 1.0) * z + (1.0 + z.exp()).ln()
                    }
                })
                .sum()
        };
        let mut fval = obj(a, b);
        for _ in 0..100 {
            let (mut h11, mut h22, mut h21, mut g1, mut g2) = (1e-12, 1e-12, 0.0, 0.0, 0.0);
            for (&f, &ti) in dec.iter().zip(&t) {
                let z = f * a + b;
                let (p, q) = if z >= 0.0 {
                    let e = (-z).exp();
                    (e / (1.0 + e), 1.0 / (1.0 + e))
                } else {
                    let e = z.exp();
                    (1.0 / (1.0 + e), e / (1.0 + e))
                };
                let d2 = p * q;
                h11 += f * f * d2;
                h22 += d2;
                h21 += f * d2;
                let d1 = ti - p;
                g1 += f * d1;
                g2 += d1;
            }
            if g1.abs() < 1e-5 && g2.abs() < 1e-5 {
                break;
            }
            let det = h11 * h22 - h21 * h21;
            let da = -(h22 * g1 - h21 * g2) / det;
            let db = -(-h21 * g1 + h11 * g2) / det;
            let gd = g1 * da + g2 * db;
            let mut step = 1.0;
            let mut improved = false;
            while step >= 1e-10 {
                let (na, nb) = (a + step * da, b + step * db);
                let nf = obj(na, nb);
                if nf < fval + 1e-4 * step * gd {
                    a = na;
                    b = nb;
                    fval = nf;
                    improved = true;
                    break;
                }
                step /= 2.0;
            }
            if !improved {
                break;
            }
        }
        Platt { a, b }
    }
}
