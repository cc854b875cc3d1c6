//! Deterministic linear learners on sparse vectors: an L2-regularised squared-hinge SVM
//! trained by dual coordinate descent (as in LIBLINEAR), and Platt sigmoid calibration.

use crate::themes::engine::features::SparseVec;
use crate::themes::engine::rng::SplitMix64;

/// A binary linear model `w·x + b`.
#[derive(Debug, Clone, PartialEq)]
pub struct LinearModel {
    /// Weights, one per feature.
    pub w: Vec<f32>,
    /// Bias.
    pub b: f32,
}

impl LinearModel {
    /// Decision value for `x`.
    pub fn decision(&self, x: &SparseVec) -> f32 {
        let mut s = self.b;
        for &(i, v) in x {
            if let Some(w) = self.w.get(i as usize) {
                s += w * v;
            }
        }
        s
    }
}

/// Settings of the SVM solver.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SvmParams {
    /// Regularisation: larger fits the data more closely.
    pub c: f64,
    /// Weight of the positive class relative to the negative (class balancing).
    pub pos_weight: f64,
    /// Maximum passes over the data.
    pub max_epochs: usize,
    /// Stop when the projected-gradient spread falls below this.
    pub tol: f64,
    /// Seed for the (deterministic) visiting order.
    pub seed: u64,
}

/// Train an L2-regularised L2-loss (squared hinge) SVM by dual coordinate descent.
/// `y[i]` is true for positives. The bias is learned as a regularised extra feature of value 1.
pub fn train_svm(xs: &[&SparseVec], y: &[bool], dim: usize, p: &SvmParams) -> LinearModel {
    train_svm_scaled(xs, y, dim, p, None)
}

/// `xs` rescaled element-wise by `scale` (features beyond `scale` get 0).
fn rescale(xs: &[&SparseVec], scale: &[f32]) -> Vec<SparseVec> {
    xs.iter()
        .map(|x| {
            x.iter()
                .map(|&(j, v)| (j, v * scale.get(j as usize).copied().unwrap_or(0.0)))
                .collect()
        })
        .collect()
}

/// [`train_svm`] on features rescaled element-wise by `scale` (`x ∘ scale`). The returned
/// weights live in the scaled space: multiply them by `scale` to apply them to plain `x`.
pub fn train_svm_scaled(
    xs: &[&SparseVec],
    y: &[bool],
    dim: usize,
    p: &SvmParams,
    scale: Option<&[f32]>,
) -> LinearModel {
    if let Some(sc) = scale {
        let owned = rescale(xs, sc);
        let refs: Vec<&SparseVec> = owned.iter().collect();
        return train_svm_scaled(&refs, y, dim, p, None);
    }
    let n = xs.len();
    let mut w = vec![0.0f64; dim];
    let mut b = 0.0f64;
    let mut alpha = vec![0.0f64; n];
    let yv: Vec<f64> = y.iter().map(|&t| if t { 1.0 } else { -1.0 }).collect();
    let diag: Vec<f64> = y
        .iter()
        .map(|&t| 0.5 / (p.c * if t { p.pos_weight } else { 1.0 }))
        .collect();
    let qd: Vec<f64> = xs
        .iter()
        .zip(&diag)
        .map(|(x, d)| x.iter().map(|e| (e.1 as f64).powi(2)).sum::<f64>() + 1.0 + d)
        .collect();
    let mut order: Vec<usize> = (0..n).collect();
    let mut rng = SplitMix64::new(p.seed);
    for _ in 0..p.max_epochs {
        rng.shuffle(&mut order);
        let (mut pg_max, mut pg_min) = (f64::NEG_INFINITY, f64::INFINITY);
        for &i in &order {
            let x = xs[i];
            let mut wx = b;
            for &(j, v) in x.iter() {
                wx += w[j as usize] * v as f64;
            }
            let g = yv[i] * wx - 1.0 + diag[i] * alpha[i];
            let pg = if alpha[i] == 0.0 { g.min(0.0) } else { g };
            pg_max = pg_max.max(pg);
            pg_min = pg_min.min(pg);
            if pg.abs() > 1e-12 {
                let old = alpha[i];
                alpha[i] = (old - g / qd[i]).max(0.0);
                let d = (alpha[i] - old) * yv[i];
                for &(j, v) in x.iter() {
                    w[j as usize] += d * v as f64;
                }
                b += d;
            }
        }
        if pg_max - pg_min < p.tol {
            break;
        }
    }
    LinearModel {
        w: w.into_iter().map(|v| v as f32).collect(),
        b: b as f32,
    }
}

/// Train an L2-regularised logistic regression by dual coordinate descent (Yu, Huang & Lin
/// 2011, LIBLINEAR's `-s 7`), on features rescaled by `scale` like [`train_svm_scaled`].
/// `p.pos_weight` multiplies `C` for positives. The bias is a regularised feature of value 1.
pub fn train_logreg_scaled(
    xs: &[&SparseVec],
    y: &[bool],
    dim: usize,
    p: &SvmParams,
    scale: Option<&[f32]>,
) -> LinearModel {
    if let Some(sc) = scale {
        let owned = rescale(xs, sc);
        let refs: Vec<&SparseVec> = owned.iter().collect();
        return train_logreg_scaled(&refs, y, dim, p, None);
    }
    let n = xs.len();
    let yv: Vec<f64> = y.iter().map(|&t| if t { 1.0 } else { -1.0 }).collect();
    let cs: Vec<f64> = y
        .iter()
        .map(|&t| p.c * if t { p.pos_weight } else { 1.0 })
        .collect();
    let qd: Vec<f64> = xs
        .iter()
        .map(|x| x.iter().map(|e| (e.1 as f64).powi(2)).sum::<f64>() + 1.0)
        .collect();
    // alpha[i] and its complement cs[i] - alpha[i], both kept strictly inside (0, C).
    let mut alpha: Vec<(f64, f64)> = cs
        .iter()
        .map(|&c| {
            let a = (0.001 * c).min(1e-8);
            (a, c - a)
        })
        .collect();
    let mut w = vec![0.0f64; dim];
    let mut b = 0.0f64;
    for (i, x) in xs.iter().enumerate() {
        let d = yv[i] * alpha[i].0;
        for &(j, v) in x.iter() {
            w[j as usize] += d * v as f64;
        }
        b += d;
    }
    let mut order: Vec<usize> = (0..n).collect();
    let mut rng = SplitMix64::new(p.seed);
    let mut inner_eps = 1e-2;
    for _ in 0..p.max_epochs {
        rng.shuffle(&mut order);
        let mut gmax = 0.0f64;
        let mut newton_iters = 0usize;
        for &i in &order {
            let x = xs[i];
            let c = cs[i];
            let mut wx = b;
            for &(j, v) in x.iter() {
                wx += w[j as usize] * v as f64;
            }
            let (a, bb) = (qd[i], yv[i] * wx);
            let (mut a1, mut a2, mut sign) = (alpha[i].0, alpha[i].1, 1.0);
            if 0.5 * a * (a2 - a1) + bb < 0.0 {
                std::mem::swap(&mut a1, &mut a2);
                sign = -1.0;
            }
            let old = a1;
            let mut z = if c - old < 0.5 * c { 0.1 * old } else { old };
            let grad = |z: f64| a * (z - old) + sign * bb + (z / (c - z)).ln();
            let mut gp = grad(z);
            gmax = gmax.max(gp.abs());
            let mut it = 0;
            while it < 100 && gp.abs() >= inner_eps {
                let gpp = a + c / (c - z) / z;
                let t = z - gp / gpp;
                z = if t <= 0.0 { z * 0.1 } else { t };
                gp = grad(z);
                it += 1;
            }
            newton_iters += it;
            if it > 0 {
                let new = if sign > 0.0 { (z, c - z) } else { (c - z, z) };
                alpha[i] = new;
                let d = sign * (z - old) * yv[i];
                for &(j, v) in x.iter() {
                    w[j as usize] += d * v as f64;
                }
                b += d;
            }
        }
        if newton_iters <= n / 10 {
            inner_eps = (inner_eps * 0.1).max(1e-8);
        }
        if gmax < p.tol {
            break;
        }
    }
    LinearModel {
        w: w.into_iter().map(|v| v as f32).collect(),
        b: b as f32,
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svm_separates_and_platt_orders() {
        let xs: Vec<SparseVec> = (0..40)
            .map(|i| {
                if i % 2 == 0 {
                    vec![(0, 1.0)]
                } else {
                    vec![(1, 1.0)]
                }
            })
            .collect();
        let refs: Vec<&SparseVec> = xs.iter().collect();
        let y: Vec<bool> = (0..40).map(|i| i % 2 == 0).collect();
        let p = SvmParams {
            c: 1.0,
            pos_weight: 1.0,
            max_epochs: 50,
            tol: 1e-3,
            seed: 1,
        };
        let m = train_svm(&refs, &y, 2, &p);
        assert!(m.decision(&xs[0]) > 0.0 && m.decision(&xs[1]) < 0.0);
        let dec: Vec<f64> = xs.iter().map(|x| m.decision(x) as f64).collect();
        let pl = Platt::fit(&dec, &y);
        assert!(pl.prob(dec[0]) > 0.5 && pl.prob(dec[1]) < 0.5);
    }
}
