//! Multi-label evaluation metrics: micro-F1, macro-F1 and per-label F1.

use std::collections::{BTreeMap, BTreeSet};

/// True/false positive and false negative counts for one label.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted and true.
    pub tp: usize,
    /// Predicted but not true.
    pub fp: usize,
    /// True but not predicted.
    pub fn_: usize,
}

impl Counts {
    /// F1 = 2tp / (2tp + fp + fn); 0 when there is nothing to score.
    pub fn f1(&self) -> f64 {
        let d = 2 * self.tp + self.fp + self.fn_;
        if d == 0 {
            0.0
        } else {
            2.0 * self.tp as f64 / d as f64
        }
    }
}

/// Scores for a set of multi-label predictions.
#[derive(Debug, Clone, PartialEq)]
pub struct MultiLabelScores {
    /// F1 over pooled counts of all labels.
    pub micro_f1: f64,
    /// Unweighted mean of per-label F1 over `labels`.
    pub macro_f1: f64,
    /// F1 per label.
    pub per_label: BTreeMap<String, f64>,
    /// Raw counts per label.
    pub counts: BTreeMap<String, Counts>,
}

/// Score `predicted` against `gold` (parallel slices, one label set per item).
///
/// `labels` is the label universe used for macro-F1 (every label in it counts, even one
/// that never occurs, which then scores 0). Labels outside `labels` are ignored.
pub fn score<S: AsRef<str>>(
    gold: &[Vec<S>],
    predicted: &[Vec<S>],
    labels: &[String],
) -> MultiLabelScores {
    let mut counts: BTreeMap<String, Counts> = labels
        .iter()
        .map(|l| (l.clone(), Counts::default()))
        .collect();
    for (g, p) in gold.iter().zip(predicted.iter()) {
        let g: BTreeSet<&str> = g.iter().map(|s| s.as_ref()).collect();
        let p: BTreeSet<&str> = p.iter().map(|s| s.as_ref()).collect();
        for l in labels {
            let (Some(c), gi, pi) = (
                counts.get_mut(l),
                g.contains(l.as_str()),
                p.contains(l.as_str()),
            ) else {
                continue;
            };
            match (gi, pi) {
                (true, true) => c.tp += 1,
                (false, true) => c.fp += 1,
                (true, false) => c.fn_ += 1,
                (false, false) => {}
            }
        }
    }
    let mut pooled = Counts::default();
    for c in counts.values() {
        pooled.tp += c.tp;
        pooled.fp += c.fp;
        pooled.fn_ += c.fn_;
    }
    let per_label: BTreeMap<String, f64> =
        counts.iter().map(|(l, c)| (l.clone(), c.f1())).collect();
    let macro_f1 = if per_label.is_empty() {
        0.0
    } else {
        per_label.values().sum::<f64>() / per_label.len() as f64
    };
    MultiLabelScores {
        micro_f1: pooled.f1(),
        macro_f1,
        per_label,
        counts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_and_partial() {
        let labels = vec!["a".to_string(), "b".to_string()];
        let gold = vec![vec!["a"], vec!["a", "b"], vec![]];
        let s = score(&gold, &gold, &labels);
        assert!((s.micro_f1 - 1.0).abs() < 1e-12);
        assert!((s.macro_f1 - 1.0).abs() < 1e-12);

        let pred = vec![vec!["a"], vec!["a"], vec!["b"]];
        let s = score(&gold, &pred, &labels);
        // a: tp2 ; b: fp1 fn1 -> f1 0 ; micro: tp2 fp1 fn1 -> 4/6
        assert!((s.per_label["a"] - 1.0).abs() < 1e-12);
        assert!(s.per_label["b"].abs() < 1e-12);
        assert!((s.micro_f1 - 4.0 / 6.0).abs() < 1e-12);
        assert!((s.macro_f1 - 0.5).abs() < 1e-12);
    }
}
