//! Training settings of the theme coder: [`CoderConfig`], its ensemble members
//! ([`MemberConfig`]) and the feature extractor's [`FeatureConfig`], shared by the coder, the
//! decision tuning, the one-vs-rest trainer and the vectoriser.

use serde::{Deserialize, Serialize};

/// Training settings of the [`Coder`](crate::themes::engine::Coder).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoderConfig {
    /// Feature extraction settings.
    pub features: FeatureConfig,
    /// SVM regularisation constant.
    pub c: f64,
    /// Class balancing: positive weight is `(negatives / positives) ^ class_weight_power`
    /// (0 = unweighted, 1 = fully balanced).
    pub class_weight_power: f64,
    /// Maximum SVM epochs.
    pub max_epochs: usize,
    /// Inner cross-validation folds used to calibrate and pick thresholds (< 2 disables:
    /// then thresholds are 0.5 and calibration is a fixed sigmoid).
    pub cv_folds: usize,
    /// Seed for every random choice (fold assignment, visiting order).
    pub seed: u64,
    /// If no label passes its threshold, predict the best label when its
    /// probability/threshold ratio reaches a cut-off tuned on the inner folds.
    pub min_one_label: bool,
    /// Worker threads for training and batch prediction (results do not depend on it).
    pub threads: usize,
    /// Calibrate each label from the decision values of *all* labels (a stacked logistic
    /// model, learning label co-occurrence) instead of its own value only (Platt).
    pub stacking: bool,
    /// L2 penalty of the calibration/stacking models.
    pub stack_l2: f64,
    /// Candidate weights `a` for blending each label's own best-F1 threshold with the
    /// shared threshold that is best for micro-F1: `a * own + (1 - a) * shared`; the best
    /// candidate (by out-of-fold micro-F1 + macro-F1) is used.
    pub threshold_blend: Vec<f64>,
    /// Weight of macro-F1 next to micro-F1 in the out-of-fold objective that picks the
    /// blend weight and the "at least one label" cut-off.
    pub macro_weight: f64,
    /// Ensemble members: one set of one-vs-rest SVMs each, combined per label by the
    /// calibration model fitted on their out-of-fold decision values. Empty = one plain SVM.
    pub members: Vec<MemberConfig>,
}

/// One ensemble member: a one-vs-rest linear SVM, optionally NB-SVM (Wang & Manning 2012).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberConfig {
    /// Scale features per label by the naive-Bayes log-count ratio with this smoothing
    /// (in units of TF-IDF mass; 0 = plain SVM).
    pub nb_alpha: f64,
    /// NB-SVM interpolation `w = (1 - beta) * mean|w| + beta * w` (scaled space; 1 = off).
    pub nb_beta: f64,
    /// Logistic regression instead of the squared-hinge SVM.
    pub logistic: bool,
    /// This member's regularisation constant is `c_factor * CoderConfig::c`.
    pub c_factor: f64,
    /// Extra factor on the character n-gram features for this member (1 = as extracted),
    /// so members can weigh the word and character views differently.
    pub char_scale: f32,
}

impl Default for CoderConfig {
    fn default() -> Self {
        Self {
            features: FeatureConfig::default(),
            c: 0.3,
            class_weight_power: 0.5,
            max_epochs: 40,
            cv_folds: 5,
            seed: 42,
            min_one_label: true,
            threads: 2,
            stacking: false,
            stack_l2: 1.0,
            threshold_blend: vec![0.0, 0.25, 0.5, 0.75, 1.0],
            macro_weight: 0.0,
            members: vec![
                MemberConfig {
                    nb_alpha: 0.1,
                    nb_beta: 1.0,
                    logistic: false,
                    c_factor: 1.0,
                    char_scale: 1.0,
                },
                MemberConfig {
                    nb_alpha: 0.0,
                    nb_beta: 1.0,
                    logistic: false,
                    c_factor: 1.0,
                    char_scale: 1.0,
                },
            ],
        }
    }
}

/// Settings of the feature extractor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureConfig {
    /// Word n-gram lengths over stems, inclusive (e.g. `(1, 2)`); `(0, 0)` disables.
    pub word_ngrams: (usize, usize),
    /// Character n-gram lengths inside space-padded tokens; `(0, 0)` disables.
    pub char_ngrams: (usize, usize),
    /// Minimum number of training documents a feature must occur in.
    pub min_df: u32,
    /// Maximum vocabulary size (most frequent kept).
    pub max_features: usize,
    /// Relative weight of the character block (word block has weight 1).
    pub char_weight: f32,
    /// Add a token-count bucket feature (1, 2, 3–4, 5–8, 9–16, 17–32, more) to the word
    /// block, so very short answers ("N/a", "Nothing") can be told apart.
    pub length_feature: bool,
}

impl Default for FeatureConfig {
    fn default() -> Self {
        Self {
            word_ngrams: (1, 2),
            char_ngrams: (3, 5),
            min_df: 2,
            max_features: 60_000,
            char_weight: 1.5,
            length_feature: true,
        }
    }
}
