//! One-vs-rest training of the per-label linear models, optionally NB-SVM style
//! (Wang & Manning 2012): features scaled per label by the naive-Bayes log-count ratio.

use crate::themes::engine::config::{CoderConfig, MemberConfig};
use crate::themes::engine::features::SparseVec;
use crate::themes::engine::linear::{
    LinearModel, SvmParams, train_logreg_scaled, train_svm_scaled,
};

/// Naive-Bayes log-count ratio `r = ln((p / |p|₁) / (q / |q|₁))` per feature, where `p`
/// (`q`) sums the feature values of positive (negative) rows plus `alpha`.
pub(crate) fn log_count_ratio(xs: &[&SparseVec], y: &[bool], dim: usize, alpha: f64) -> Vec<f32> {
    let mut p = vec![alpha; dim];
    let mut q = vec![alpha; dim];
    for (x, &t) in xs.iter().zip(y) {
        let acc = if t { &mut p } else { &mut q };
        for &(j, v) in x.iter() {
            if let Some(a) = acc.get_mut(j as usize) {
                *a += v as f64;
            }
        }
    }
    let sp: f64 = p.iter().sum();
    let sq: f64 = q.iter().sum();
    p.iter()
        .zip(&q)
        .map(|(&a, &b)| ((a / sp) / (b / sq)).ln() as f32)
        .collect()
}

/// Train one label's model.
fn train_one(
    xs: &[&SparseVec],
    y: &[bool],
    is_char: &[bool],
    cfg: &CoderConfig,
    member: &MemberConfig,
    seed: u64,
) -> LinearModel {
    let dim = is_char.len();
    let pos = y.iter().filter(|&&t| t).count();
    if pos == 0 || pos == y.len() {
        return LinearModel {
            w: vec![0.0; dim],
            b: if pos == 0 { -1.0 } else { 1.0 },
        };
    }
    let neg = (y.len() - pos) as f64;
    let p = SvmParams {
        c: cfg.c * member.c_factor,
        pos_weight: (neg / pos as f64).powf(cfg.class_weight_power),
        max_epochs: cfg.max_epochs,
        tol: 0.1,
        seed,
    };
    let train = if member.logistic {
        train_logreg_scaled
    } else {
        train_svm_scaled
    };
    let base = |j: usize| -> f32 {
        if is_char.get(j).copied().unwrap_or(false) {
            member.char_scale
        } else {
            1.0
        }
    };
    let r: Vec<f32> = if member.nb_alpha > 0.0 {
        log_count_ratio(xs, y, dim, member.nb_alpha)
            .into_iter()
            .enumerate()
            .map(|(j, r)| r * base(j))
            .collect()
    } else if member.char_scale != 1.0 {
        (0..dim).map(base).collect()
    } else {
        return train(xs, y, dim, &p, None);
    };
    let mut m = train(xs, y, dim, &p, Some(&r));
    let beta = member.nb_beta.clamp(0.0, 1.0) as f32;
    let mean = m.w.iter().map(|w| w.abs()).sum::<f32>() / dim.max(1) as f32;
    for (w, &rj) in m.w.iter_mut().zip(&r) {
        *w = ((1.0 - beta) * mean + beta * *w) * rj;
    }
    m
}

/// Train one model per label (in parallel over labels; deterministic).
pub(crate) fn train_labels(
    xs: &[&SparseVec],
    ys: &[Vec<bool>],
    is_char: &[bool],
    cfg: &CoderConfig,
    member: &MemberConfig,
    salt: u64,
) -> Vec<LinearModel> {
    let dim = is_char.len();
    let n_labels = ys.len();
    let threads = cfg.threads.clamp(1, n_labels.max(1));
    let one = |l: usize| -> LinearModel {
        let seed = cfg.seed ^ salt.wrapping_mul(31).wrapping_add(l as u64 + 1);
        train_one(xs, &ys[l], is_char, cfg, member, seed)
    };
    let mut out: Vec<Option<LinearModel>> = vec![None; n_labels];
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let one = &one;
                s.spawn(move || {
                    (t..n_labels)
                        .step_by(threads)
                        .map(|l| (l, one(l)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            if let Ok(v) = h.join() {
                for (l, m) in v {
                    out[l] = Some(m);
                }
            }
        }
    });
    out.into_iter()
        .map(|m| {
            m.unwrap_or_else(|| LinearModel {
                w: vec![0.0; dim],
                b: -1.0,
            })
        })
        .collect()
}

/// Fit every member's one-vs-rest models on `rows`; returns them member-major.
pub(super) fn fit_members(
    xs: &[SparseVec],
    is_char: &[bool],
    rows: &[usize],
    ys: &[Vec<bool>],
    cfg: &CoderConfig,
    salt: u64,
) -> Vec<LinearModel> {
    let txs: Vec<&SparseVec> = rows.iter().map(|&i| &xs[i]).collect();
    let tys: Vec<Vec<bool>> = ys
        .iter()
        .map(|y| rows.iter().map(|&i| y[i]).collect())
        .collect();
    let plain = [MemberConfig {
        nb_alpha: 0.0,
        nb_beta: 1.0,
        logistic: false,
        c_factor: 1.0,
        char_scale: 1.0,
    }];
    let members = if cfg.members.is_empty() {
        &plain[..]
    } else {
        &cfg.members[..]
    };
    members
        .iter()
        .enumerate()
        .flat_map(|(k, m)| train_labels(&txs, &tys, is_char, cfg, m, salt * 8 + k as u64))
        .collect()
}
