//! Deterministic linear learners on sparse vectors: an L2-regularised squared-hinge SVM
//! trained by dual coordinate descent (as in LIBLINEAR) and a logistic variant (Platt calibration
//! lives in `platt.rs`).

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

#[cfg(test)]
#[path = "linear_tests.rs"]
mod tests;
