//! Decision helpers of the coder: calibration inputs, threshold tuning, the
//! "at least one label" rule and quick F1 on boolean label matrices.

use crate::themes::engine::config::CoderConfig;
use crate::themes::engine::stack::DenseLogReg;

/// Fixed sigmoid on the mean decision value of `members` members (used without CV).
pub(crate) fn default_calib(members: usize) -> DenseLogReg {
    DenseLogReg {
        w: vec![2.0 / members.max(1) as f64; members.max(1)],
        b: 0.0,
    }
}

/// Calibration input for label `l` from all decision values `d` (member-major, `nl`
/// labels per member): the label's value from every member, or with `stacking` every
/// value of every member and label (clamped to ±4).
pub(crate) fn calib_input(d: &[f64], l: usize, nl: usize, stacking: bool) -> Vec<f64> {
    if stacking {
        d.iter().map(|v| v.clamp(-4.0, 4.0)).collect()
    } else {
        d.iter().skip(l).step_by(nl.max(1)).copied().collect()
    }
}

/// Per-label thresholds and the "at least one label" cut-off (2.0 = off) from
/// out-of-fold probabilities `probs[label][row]`: each label's own best-F1 threshold is
/// blended with the shared best-micro-F1 threshold, and the blend weight and cut-off are
/// chosen together by micro-F1 + macro-F1.
pub(crate) fn tune_decisions(
    probs: &[Vec<f64>],
    ys: &[Vec<bool>],
    cfg: &CoderConfig,
) -> (Vec<f64>, f64) {
    let nl = probs.len();
    let n = probs.first().map_or(0, Vec::len);
    let own: Vec<f64> = probs
        .iter()
        .zip(ys)
        .map(|(p, y)| tune_threshold(p, y))
        .collect();
    let all_p: Vec<f64> = probs.iter().flatten().copied().collect();
    let all_y: Vec<bool> = ys.iter().flatten().copied().collect();
    let shared = tune_threshold(&all_p, &all_y);
    let ratios: Vec<f64> = if cfg.min_one_label {
        (0..=10).map(|i| i as f64 / 10.0).chain([2.0]).collect()
    } else {
        vec![2.0]
    };
    let blends = if cfg.threshold_blend.is_empty() {
        vec![1.0]
    } else {
        cfg.threshold_blend.clone()
    };
    let mut best = (f64::NEG_INFINITY, own.clone(), 2.0);
    for &a in &blends {
        let th: Vec<f64> = own.iter().map(|&t| a * t + (1.0 - a) * shared).collect();
        for &r in &ratios {
            let pred: Vec<Vec<usize>> = (0..n)
                .map(|i| {
                    let p: Vec<f64> = (0..nl).map(|l| probs[l][i]).collect();
                    choose(&p, &th, r)
                })
                .collect();
            let (mi, ma) = micro_macro(ys, &pred, nl);
            let score = mi + cfg.macro_weight * ma;
            if score > best.0 + 1e-9 {
                best = (score, th.clone(), r);
            }
        }
    }
    (best.1, best.2)
}

/// Best F1 threshold on a grid, with F1 smoothed over neighbouring thresholds.
pub(crate) fn tune_threshold(probs: &[f64], y: &[bool]) -> f64 {
    let grid: Vec<f64> = (5..=95).map(|i| i as f64 / 100.0).collect();
    let f1s: Vec<f64> = grid
        .iter()
        .map(|&t| {
            let (mut tp, mut fp, mut fnn) = (0usize, 0usize, 0usize);
            for (&p, &g) in probs.iter().zip(y) {
                match (p >= t, g) {
                    (true, true) => tp += 1,
                    (true, false) => fp += 1,
                    (false, true) => fnn += 1,
                    _ => {}
                }
            }
            let d = 2 * tp + fp + fnn;
            if d == 0 {
                0.0
            } else {
                2.0 * tp as f64 / d as f64
            }
        })
        .collect();
    let mut best = (f64::NEG_INFINITY, 0.5);
    for i in 0..grid.len() {
        let lo = i.saturating_sub(3);
        let hi = (i + 3).min(grid.len() - 1);
        let s = f1s[lo..=hi].iter().sum::<f64>() / (hi - lo + 1) as f64;
        if s > best.0 + 1e-12 {
            best = (s, grid[i]);
        }
    }
    best.1
}

/// Labels chosen from per-label probabilities with thresholds and the fallback rule.
pub(crate) fn choose(probs: &[f64], thresholds: &[f64], fallback_ratio: f64) -> Vec<usize> {
    let mut chosen: Vec<usize> = (0..probs.len())
        .filter(|&l| probs[l] >= thresholds[l])
        .collect();
    if chosen.is_empty() && fallback_ratio <= 1.0 {
        let mut best: Option<(usize, f64)> = None;
        for l in 0..probs.len() {
            let r = probs[l] / thresholds[l].max(1e-9);
            if best.is_none_or(|(_, br)| r > br) {
                best = Some((l, r));
            }
        }
        if let Some((l, r)) = best
            && r >= fallback_ratio
        {
            chosen.push(l);
        }
    }
    chosen
}

pub(crate) fn micro_macro(gold: &[Vec<bool>], pred: &[Vec<usize>], n_labels: usize) -> (f64, f64) {
    let mut c = vec![(0usize, 0usize, 0usize); n_labels];
    for (i, p) in pred.iter().enumerate() {
        for (l, cl) in c.iter_mut().enumerate() {
            let (g, q) = (gold[l][i], p.contains(&l));
            match (g, q) {
                (true, true) => cl.0 += 1,
                (false, true) => cl.1 += 1,
                (true, false) => cl.2 += 1,
                _ => {}
            }
        }
    }
    let f = |(tp, fp, fnn): (usize, usize, usize)| {
        let d = 2 * tp + fp + fnn;
        if d == 0 {
            0.0
        } else {
            2.0 * tp as f64 / d as f64
        }
    };
    let pooled = c
        .iter()
        .fold((0, 0, 0), |a, x| (a.0 + x.0, a.1 + x.1, a.2 + x.2));
    let macro_f = c.iter().map(|&x| f(x)).sum::<f64>() / n_labels.max(1) as f64;
    (f(pooled), macro_f)
}
