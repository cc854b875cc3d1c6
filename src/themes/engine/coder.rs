//! Multi-label theme coder: TF-IDF (stemmed word 1–2-grams + char n-grams), an ensemble of
//! one-vs-rest class-weighted linear SVMs (NB-SVM + plain SVM), a per-label logistic
//! combiner/calibrator and per-label thresholds, both fitted on out-of-fold scores from an
//! inner cross-validation on the training set only.
//!
//! Everything is deterministic: the only randomness is a seeded SplitMix64, all
//! result-affecting iteration is over sorted vectors, and multi-threading splits work by
//! label so results do not depend on scheduling.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::themes::engine::config::CoderConfig;
use crate::themes::engine::decision::{calib_input, choose, default_calib, tune_decisions};
use crate::themes::engine::features::{SparseVec, Vectorizer};
use crate::themes::engine::ovr::fit_members;
use crate::themes::engine::rng::SplitMix64;
use crate::themes::engine::stack::DenseLogReg;

/// One coded answer used for training.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingExample {
    /// The answer text.
    pub text: String,
    /// Theme labels given by a person (may be empty: "no theme").
    pub labels: Vec<String>,
}

/// A trained multi-label coder.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Coder {
    labels: Vec<String>,
    vectorizer: Vectorizer,
    /// Feature-major weights: `weights[feature * n_cols + member * n_labels + label]`,
    /// `n_cols = members * n_labels`.
    weights: Vec<f32>,
    bias: Vec<f32>,
    /// Per-label calibration models on the decision values.
    calib: Vec<DenseLogReg>,
    /// Whether `calib` takes all labels' decision values (else only its own).
    stacking: bool,
    thresholds: Vec<f64>,
    /// Minimum best-probability/threshold ratio for the "at least one label" rule (>1: off).
    fallback_ratio: f64,
}

impl Coder {
    /// Train a coder on coded examples. The label set is every label seen in `examples`
    /// (sorted). Deterministic for given `examples` and `cfg`.
    pub fn train(examples: &[TrainingExample], cfg: &CoderConfig) -> Coder {
        let labels: Vec<String> = examples
            .iter()
            .flat_map(|e| e.labels.iter().cloned())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let n = examples.len();
        let nl = labels.len();
        let stemmer = crate::text::TextStemmer::new();
        let counts: Vec<_> = examples
            .iter()
            .map(|e| crate::themes::engine::features::term_counts(&cfg.features, &stemmer, &e.text))
            .collect();
        let vectorizer = Vectorizer::fit(&cfg.features, &counts);
        let dim = vectorizer.dim();
        let xs: Vec<SparseVec> = counts
            .iter()
            .map(|c| vectorizer.transform_counts(c))
            .collect();
        let ys: Vec<Vec<bool>> = labels
            .iter()
            .map(|l| examples.iter().map(|e| e.labels.contains(l)).collect())
            .collect();

        let nm = cfg.members.len().max(1);
        let mut calib = vec![default_calib(nm); nl];
        let mut stacking = false;
        let mut thresholds = vec![0.5; nl];
        let mut fallback_ratio = 2.0;
        let k = cfg.cv_folds;
        if k >= 2 && n >= 2 * k {
            stacking = cfg.stacking;
            let mut order: Vec<usize> = (0..n).collect();
            SplitMix64::new(cfg.seed ^ 0xF01D).shuffle(&mut order);
            let mut fold = vec![0usize; n];
            for (pos, &i) in order.iter().enumerate() {
                fold[i] = pos % k;
            }
            // Out-of-fold decision values, row-major: oof[i][member * nl + l].
            let mut oof = vec![vec![0.0f64; nl * nm]; n];
            for f in 0..k {
                let tr: Vec<usize> = (0..n).filter(|&i| fold[i] != f).collect();
                let models = fit_members(&xs, vectorizer.is_char(), &tr, &ys, cfg, f as u64 + 1);
                for i in (0..n).filter(|&i| fold[i] == f) {
                    for (c, m) in models.iter().enumerate() {
                        oof[i][c] = m.decision(&xs[i]) as f64;
                    }
                }
            }
            // Calibrators on all OOF rows; with stacking, the probabilities used for
            // tuning come from calibrators fitted out of fold again (nested).
            let mut probs = vec![vec![0.0f64; n]; nl];
            for l in 0..nl {
                let inputs: Vec<Vec<f64>> = oof
                    .iter()
                    .map(|d| calib_input(d, l, nl, stacking))
                    .collect();
                calib[l] = DenseLogReg::fit(&inputs, &ys[l], cfg.stack_l2);
                if stacking {
                    for f in 0..k {
                        let idx: Vec<usize> = (0..n).filter(|&i| fold[i] != f).collect();
                        let xi: Vec<Vec<f64>> = idx.iter().map(|&i| inputs[i].clone()).collect();
                        let yi: Vec<bool> = idx.iter().map(|&i| ys[l][i]).collect();
                        let m = DenseLogReg::fit(&xi, &yi, cfg.stack_l2);
                        for i in (0..n).filter(|&i| fold[i] == f) {
                            probs[l][i] = m.prob(&inputs[i]);
                        }
                    }
                } else {
                    for i in 0..n {
                        probs[l][i] = calib[l].prob(&inputs[i]);
                    }
                }
            }
            (thresholds, fallback_ratio) = tune_decisions(&probs, &ys, cfg);
        }
        let all: Vec<usize> = (0..n).collect();
        let models = fit_members(&xs, vectorizer.is_char(), &all, &ys, cfg, 0);
        let nc = models.len();
        let mut weights = vec![0.0f32; dim * nc];
        for (c, m) in models.iter().enumerate() {
            for (j, &w) in m.w.iter().enumerate() {
                weights[j * nc + c] = w;
            }
        }
        Coder {
            bias: models.iter().map(|m| m.b).collect(),
            labels,
            vectorizer,
            weights,
            calib,
            stacking,
            thresholds,
            fallback_ratio,
        }
    }

    /// The label set, sorted.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Tuned probability threshold per label (same order as [`Coder::labels`]).
    pub fn thresholds(&self) -> &[f64] {
        &self.thresholds
    }

    /// Calibrated probability per label, in label order.
    pub fn probabilities(&self, text: &str) -> Vec<f64> {
        let nl = self.labels.len();
        let nc = self.bias.len();
        let mut s: Vec<f32> = self.bias.clone();
        for (id, v) in self.vectorizer.transform(text) {
            let Some(row) = self.weights.get(id as usize * nc..(id as usize + 1) * nc) else {
                continue;
            };
            for (acc, w) in s.iter_mut().zip(row) {
                *acc += w * v;
            }
        }
        let d: Vec<f64> = s.iter().map(|&v| v as f64).collect();
        self.calib
            .iter()
            .enumerate()
            .map(|(l, c)| c.prob(&calib_input(&d, l, nl, self.stacking)))
            .collect()
    }

    /// Every label with its calibrated confidence in `0..=1`, most confident first.
    /// Compare with [`Coder::thresholds`] (or use [`Coder::predict_labels`]) to decide.
    pub fn predict(&self, text: &str) -> Vec<(String, f64)> {
        let mut out: Vec<(String, f64)> = self
            .labels
            .iter()
            .cloned()
            .zip(self.probabilities(text))
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }

    /// Labels assigned to `text` (per-label thresholds plus the tuned "at least one label"
    /// rule), most confident first.
    pub fn predict_labels(&self, text: &str) -> Vec<String> {
        let p = self.probabilities(text);
        let mut chosen = choose(&p, &self.thresholds, self.fallback_ratio);
        chosen.sort_by(|&a, &b| p[b].total_cmp(&p[a]).then(a.cmp(&b)));
        chosen.into_iter().map(|l| self.labels[l].clone()).collect()
    }

    /// [`Coder::predict_labels`] for many texts, split over `threads` threads; the output
    /// is in input order and does not depend on `threads`.
    pub fn predict_labels_batch<S: AsRef<str> + Sync>(
        &self,
        texts: &[S],
        threads: usize,
    ) -> Vec<Vec<String>> {
        let threads = threads.max(1);
        let chunk = texts.len().div_ceil(threads).max(1);
        std::thread::scope(|s| {
            let hs: Vec<_> = texts
                .chunks(chunk)
                .map(|c| {
                    s.spawn(move || {
                        c.iter()
                            .map(|t| self.predict_labels(t.as_ref()))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            hs.into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        })
    }

    /// Everything the service needs about one text from a single pass over its features:
    /// the assigned labels (indices into [`Coder::labels`]) with their confidences, most
    /// confident first, and the text's uncertainty. Same results as [`Coder::predict_labels`],
    /// [`Coder::predict`] and [`Coder::uncertainty`] together, a third of the work.
    pub fn assess(&self, text: &str) -> Assessment {
        let p = self.probabilities(text);
        let mut chosen = choose(&p, &self.thresholds, self.fallback_ratio);
        chosen.sort_by(|&a, &b| p[b].total_cmp(&p[a]).then(a.cmp(&b)));
        Assessment {
            labels: chosen.into_iter().map(|l| (l, p[l])).collect(),
            uncertainty: uncertainty_of(&p, &self.thresholds),
        }
    }

    /// Uncertainty in `0..=1` for an active-learning queue (higher = ask a person first):
    /// `1 - min over labels of |p - threshold| / max(threshold, 1 - threshold)`.
    pub fn uncertainty(&self, text: &str) -> f64 {
        uncertainty_of(&self.probabilities(text), &self.thresholds)
    }

    /// Indices of `texts` ordered most uncertain first (ties by index).
    pub fn rank_by_uncertainty<S: AsRef<str>>(&self, texts: &[S]) -> Vec<usize> {
        let u: Vec<f64> = texts.iter().map(|t| self.uncertainty(t.as_ref())).collect();
        let mut idx: Vec<usize> = (0..texts.len()).collect();
        idx.sort_by(|&a, &b| u[b].total_cmp(&u[a]).then(a.cmp(&b)));
        idx
    }
}

/// What [`Coder::assess`] finds about one text.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// Assigned labels as (index into [`Coder::labels`], confidence), most confident first.
    pub labels: Vec<(usize, f64)>,
    /// The text's uncertainty in `0..=1` (see [`Coder::uncertainty`]).
    pub uncertainty: f64,
}

/// `1 - min over labels of |p - threshold| / max(threshold, 1 - threshold)`, clamped.
fn uncertainty_of(p: &[f64], thresholds: &[f64]) -> f64 {
    let m = p
        .iter()
        .zip(thresholds)
        .map(|(&p, &t)| (p - t).abs() / t.max(1.0 - t))
        .fold(1.0f64, f64::min);
    (1.0 - m).clamp(0.0, 1.0)
}
