//! Dense L2-regularised logistic regression fitted by Newton's method, used as the
//! second-level "stacker" that combines first-level label scores (capturing label
//! co-occurrence such as "Staff and Communication often go together").

/// A logistic model on a small dense feature vector: `p = sigmoid(w·x + b)`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DenseLogReg {
    /// Weights (same length as the input vectors).
    pub w: Vec<f64>,
    /// Intercept (not regularised).
    pub b: f64,
}

/// Numerically safe logistic function.
pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// Logit of a probability clamped away from 0 and 1.
pub fn logit(p: f64) -> f64 {
    let p = p.clamp(1e-6, 1.0 - 1e-6);
    (p / (1.0 - p)).ln()
}

/// Solve `a x = b` for a small symmetric positive-definite `a` (Gaussian elimination with
/// partial pivoting). Returns `None` if singular.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    for col in 0..n {
        let piv = (col..n).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[piv][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, piv);
        b.swap(col, piv);
        for r in col + 1..n {
            let f = a[r][col] / a[col][col];
            if f != 0.0 {
                let (top, bottom) = a.split_at_mut(r);
                for (x, y) in bottom[0][col..n].iter_mut().zip(&top[col][col..n]) {
                    *x -= f * y;
                }
                b[r] -= f * b[col];
            }
        }
    }
    let mut x = vec![0.0; n];
    for r in (0..n).rev() {
        let s: f64 = (r + 1..n).map(|c| a[r][c] * x[c]).sum();
        x[r] = (b[r] - s) / a[r][r];
    }
    Some(x)
}

/// Penalised negative log-likelihood; `theta` holds the weights then the intercept.
fn objective(xs: &[Vec<f64>], y: &[bool], l2: f64, theta: &[f64]) -> f64 {
    let m = theta.len() - 1;
    let mut f = 0.5 * l2 * theta[..m].iter().map(|v| v * v).sum::<f64>();
    for (x, &t) in xs.iter().zip(y) {
        let z = theta[m] + x.iter().zip(theta).map(|(a, b)| a * b).sum::<f64>();
        let s = if t { -z } else { z };
        // log(1 + exp(s)), stable
        f += if s > 0.0 {
            s + (-s).exp().ln_1p()
        } else {
            s.exp().ln_1p()
        };
    }
    f
}

impl DenseLogReg {
    /// Probability for `x`.
    pub fn prob(&self, x: &[f64]) -> f64 {
        sigmoid(self.b + self.w.iter().zip(x).map(|(w, v)| w * v).sum::<f64>())
    }

    /// Fit on rows `xs` with labels `y` and L2 penalty `l2` on the weights.
    pub fn fit(xs: &[Vec<f64>], y: &[bool], l2: f64) -> DenseLogReg {
        let m = xs.first().map_or(0, Vec::len);
        let d = m + 1;
        let mut theta = vec![0.0; d];
        let pos = y.iter().filter(|&&t| t).count() as f64;
        let neg = y.len() as f64 - pos;
        theta[m] = ((pos + 0.5) / (neg + 0.5)).ln();
        for _ in 0..25 {
            let mut g = vec![0.0; d];
            let mut h = vec![vec![0.0; d]; d];
            for (x, &t) in xs.iter().zip(y) {
                let z = theta[m] + (0..m).map(|j| theta[j] * x[j]).sum::<f64>();
                let p = sigmoid(z);
                let r = p - if t { 1.0 } else { 0.0 };
                let wgt = (p * (1.0 - p)).max(1e-9);
                for j in 0..d {
                    let xj = if j == m { 1.0 } else { x[j] };
                    g[j] += r * xj;
                    for k in 0..=j {
                        let xk = if k == m { 1.0 } else { x[k] };
                        h[j][k] += wgt * xj * xk;
                    }
                }
            }
            for j in 0..d {
                #[expect(
                    clippy::needless_range_loop,
                    reason = "mirrors the lower triangle: h[k][j] and h[j][k] index both ways"
                )]
                for k in 0..j {
                    h[k][j] = h[j][k];
                }
                if j < m {
                    g[j] += l2 * theta[j];
                    h[j][j] += l2;
                } else {
                    h[j][j] += 1e-6;
                }
            }
            let Some(step) = solve(h, g) else {
                break;
            };
            // Backtracking line search on the penalised objective.
            let f0 = objective(xs, y, l2, &theta);
            let mut t = 1.0;
            let mut moved = false;
            while t > 1e-6 {
                let cand: Vec<f64> = theta.iter().zip(&step).map(|(a, s)| a - t * s).collect();
                if objective(xs, y, l2, &cand) <= f0 {
                    theta = cand;
                    moved = true;
                    break;
                }
                t *= 0.5;
            }
            let max_step = step.iter().fold(0.0f64, |m, s| m.max((t * s).abs()));
            if !moved || max_step < 1e-7 {
                break;
            }
        }
        DenseLogReg {
            b: theta[m],
            w: theta[..m].to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_simple_rule() {
        let xs: Vec<Vec<f64>> = (0..100).map(|i| vec![(i % 10) as f64 - 4.5, 1.0]).collect();
        let y: Vec<bool> = (0..100).map(|i| i % 10 >= 5).collect();
        let m = DenseLogReg::fit(&xs, &y, 0.1);
        assert!(m.prob(&[4.0, 1.0]) > 0.9);
        assert!(m.prob(&[-4.0, 1.0]) < 0.1);
        assert!((logit(sigmoid(1.3)) - 1.3).abs() < 1e-9);
    }
}
