//! The learned second opinion (pure): a classifier trained on the first examples file,
//! `data/examples.csv`, with the theme coder's engine. It adds flags the phrase rules miss and
//! never removes one: the scanner asks it only when the rules found nothing.
//!
//! ## Method
//!
//! * **Examples.** CSV with a header, columns found by name: `text`, `flag` (1 or 0) and,
//!   optionally, `category` (`none` or empty for no category; several may be separated by
//!   `;`). Other columns (`id`) are ignored, so the file can grow without code changes.
//! * **Detector.** A one-label [`Coder`] (TF-IDF over stemmed word 1–2-grams and character
//!   3–5-grams, so spelling slips share features; an NB-SVM + SVM ensemble; a logistic
//!   calibration fitted on its own inner cross-validation), trained on every row with the
//!   label "flag = 1". Its calibrated probability is the text's score.
//! * **Namer.** When the file has categories, a multi-label [`Coder`] trained on the
//!   concerning rows only names a flag by its most probable category; otherwise the flag is
//!   [`POSSIBLE_CONCERN`].
//! * **Threshold, chosen on the training file only.** Stratified [`FOLDS`]-fold
//!   cross-validation: each fold is scored by a detector trained on the other folds. The
//!   threshold keeps recall as high as possible while the out-of-fold precision, as it would
//!   be on a file half of which is concerning (`recall / (recall + false alarm rate)`), stays
//!   at least [`PRECISION_TARGET`]. The aim for the whole scanner is 0.6; the margin pays for
//!   the rules' own false alarms and for choosing the threshold on the scores it is judged
//!   by. It must also flag at most [`MAX_FALSE_ALARM_RATE`] of the harmless texts, which
//!   include the harmless background ([`DEFAULT_BACKGROUND`], adults' comments on care).
//!   The threshold sits halfway between the last out-of-fold score kept and the next one.
//!   [`SecondOpinion::report`] gives the out-of-fold figures; nothing else is tuned, and no
//!   held-out file is read.
//!
//! Precision on a half-concerning file says little about a real survey, where almost every
//! answer is harmless: the false alarm rate in the report is the figure that carries over.

use std::sync::OnceLock;

use crate::themes::engine::rng::SplitMix64;
use crate::themes::engine::{Coder, CoderConfig, TrainingExample};

/// The training file, embedded at compile time.
pub const DEFAULT_EXAMPLES: &str = include_str!("data/examples.csv");

/// Harmless background text, embedded at compile time: one in four of the public NHS
/// Friends and Family Test comments in `tests/data/themes/dev.csv` (MIT; licences beside it),
/// all `flag = 0`. Adults writing about care talk of pain, waiting, appointments and dying;
/// without these the detector, which had only seen children's words, flagged almost half
/// of them.
pub const DEFAULT_BACKGROUND: &str = include_str!("data/background.csv");

/// The category of a learned flag when the examples have no `category` column.
pub const POSSIBLE_CONCERN: &str = "possible_concern";

/// Cross-validation folds used to choose the threshold.
pub const FOLDS: usize = 5;

/// Least out-of-fold precision (on a half-concerning mix) the threshold must keep.
pub const PRECISION_TARGET: f64 = 0.7;

/// Most out-of-fold false alarms (share of harmless texts flagged) the threshold may give:
/// real surveys are almost all harmless, so this is the figure a lead lives with.
pub const MAX_FALSE_ALARM_RATE: f64 = 0.1;

/// Fewest concerning and fewest harmless examples training accepts.
pub const MIN_PER_CLASS: usize = 10;

const SEED: u64 = 0x5AFE;

/// Why a second opinion could not be trained. Never contains answer text.
#[derive(Debug, thiserror::Error)]
pub enum LearnedError {
    #[error("the examples are not readable CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("the examples have no `{0}` column")]
    MissingColumn(&'static str),
    #[error("examples row {row}: flag must be 1 or 0")]
    BadFlag { row: usize },
    #[error(
        "need at least {MIN_PER_CLASS} concerning and {MIN_PER_CLASS} harmless examples, have {concerning} and {harmless}"
    )]
    TooFew { concerning: usize, harmless: usize },
}

/// What the learned model says about a text the rules did not flag.
#[derive(Debug, Clone, PartialEq)]
pub struct LearnedFlag {
    /// The most likely concerning category, or [`POSSIBLE_CONCERN`].
    pub category: String,
    /// The detector's calibrated probability that a lead should see the text (`0..=1`).
    pub score: f64,
}

impl LearnedFlag {
    /// The reason shown where a rule flag shows its phrase: `learned: 0.83`.
    pub fn reason(&self) -> String {
        format!("learned: {:.2}", self.score)
    }
}

/// Out-of-fold figures from the cross-validation that chose the threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct CvReport {
    /// Examples in the file, and how many of them are concerning.
    pub examples: usize,
    pub concerning: usize,
    /// The chosen threshold on the detector's score.
    pub threshold: f64,
    /// Concerning examples flagged out of fold.
    pub recall: f64,
    /// Flagged examples that are concerning, at the file's own mix.
    pub precision: f64,
    /// The same if half the examples were concerning: `recall / (recall + false_alarm_rate)`.
    pub balanced_precision: f64,
    /// Harmless examples flagged out of fold.
    pub false_alarm_rate: f64,
}

/// A trained second opinion: detector, optional category namer and threshold.
#[derive(Debug, Clone)]
pub struct SecondOpinion {
    detector: Coder,
    namer: Option<Coder>,
    report: CvReport,
}

/// One parsed example.
#[derive(Debug, Clone)]
struct Example {
    text: String,
    flag: bool,
    categories: Vec<String>,
}

/// Parse the examples CSV (columns by name); `true` when it has a `category` column.
fn parse(csv_text: &str) -> Result<(Vec<Example>, bool), LearnedError> {
    let mut rdr = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = rdr.headers()?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let text = col("text").ok_or(LearnedError::MissingColumn("text"))?;
    let flag = col("flag").ok_or(LearnedError::MissingColumn("flag"))?;
    let category = col("category");
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec?;
        let flag = match rec.get(flag).map(str::trim) {
            Some("1" | "true" | "yes") => true,
            Some("0" | "false" | "no") => false,
            _ => return Err(LearnedError::BadFlag { row: i + 1 }),
        };
        let categories = match (flag, category.and_then(|c| rec.get(c))) {
            (true, Some(c)) => c
                .split(';')
                .map(|c| c.trim().to_lowercase())
                .filter(|c| !c.is_empty() && c != "none")
                .collect(),
            _ => Vec::new(),
        };
        out.push(Example {
            text: rec.get(text).unwrap_or_default().to_owned(),
            flag,
            categories,
        });
    }
    Ok((out, category.is_some()))
}

/// The detector's settings: the theme coder's defaults (one label, so one thread).
fn detector_config() -> CoderConfig {
    CoderConfig {
        threads: 1,
        seed: SEED,
        ..CoderConfig::default()
    }
}

fn train_detector(examples: &[&Example]) -> Coder {
    let rows: Vec<TrainingExample> = examples
        .iter()
        .map(|e| TrainingExample {
            text: e.text.clone(),
            labels: if e.flag {
                vec![POSSIBLE_CONCERN.to_owned()]
            } else {
                Vec::new()
            },
        })
        .collect();
    Coder::train(&rows, &detector_config())
}

/// Detector probability of `text`: the coder's only label.
fn detector_score(detector: &Coder, text: &str) -> f64 {
    detector.probabilities(text).first().copied().unwrap_or(0.0)
}

/// Stratified fold of every example: each class shuffled apart, then dealt round-robin.
fn folds(examples: &[Example]) -> Vec<usize> {
    let mut fold = vec![0; examples.len()];
    let mut rng = SplitMix64::new(SEED);
    for class in [true, false] {
        let mut idx: Vec<usize> = (0..examples.len())
            .filter(|&i| examples[i].flag == class)
            .collect();
        rng.shuffle(&mut idx);
        for (k, i) in idx.into_iter().enumerate() {
            fold[i] = k % FOLDS;
        }
    }
    fold
}

/// The threshold and its figures from out-of-fold `(score, concerning)` pairs: the most
/// recall whose balanced precision reaches [`PRECISION_TARGET`] and whose false alarm rate
/// stays within [`MAX_FALSE_ALARM_RATE`].
fn choose_threshold(mut scored: Vec<(f64, bool)>) -> CvReport {
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)));
    let pos = scored.iter().filter(|s| s.1).count();
    let neg = scored.len() - pos;
    let rate = |k: usize, n: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
    let (mut tp, mut fp) = (0, 0);
    // (kept, tp, fp) of the best cut so far: nothing kept.
    let mut best = (0, 0, 0);
    for (k, &(score, concerning)) in scored.iter().enumerate() {
        if concerning {
            tp += 1;
        } else {
            fp += 1;
        }
        // Cut only between different scores: every text with the same score goes together.
        if scored.get(k + 1).is_some_and(|next| next.0 == score) {
            continue;
        }
        let (r, f) = (rate(tp, pos), rate(fp, neg));
        if r + f > 0.0
            && r / (r + f) >= PRECISION_TARGET
            && f <= MAX_FALSE_ALARM_RATE
            && tp > best.1
        {
            best = (k + 1, tp, fp);
        }
    }
    let (kept, tp, fp) = best;
    let last = kept.checked_sub(1).and_then(|k| scored.get(k)).map(|s| s.0);
    let threshold = match (last, scored.get(kept).map(|s| s.0)) {
        (Some(a), Some(b)) => (a + b) / 2.0,
        (Some(a), None) => a,
        // Nothing reached the target: the model never flags.
        (None, _) => f64::INFINITY,
    };
    let (r, f) = (rate(tp, pos), rate(fp, neg));
    CvReport {
        examples: scored.len(),
        concerning: pos,
        threshold,
        recall: r,
        precision: rate(tp, tp + fp),
        balanced_precision: if r + f > 0.0 { r / (r + f) } else { 0.0 },
        false_alarm_rate: f,
    }
}

impl SecondOpinion {
    /// Train on an examples CSV (see the module docs). Deterministic: the same file always
    /// gives the same model.
    pub fn train(examples_csv: &str) -> Result<SecondOpinion, LearnedError> {
        Self::train_with_background(examples_csv, None)
    }

    /// Train on an examples CSV plus harmless background text in the same format (used by
    /// the detector and the threshold, never by the category namer).
    pub fn train_with_background(
        examples_csv: &str,
        background_csv: Option<&str>,
    ) -> Result<SecondOpinion, LearnedError> {
        let (mut examples, has_category) = parse(examples_csv)?;
        if let Some(background) = background_csv {
            let (extra, _) = parse(background)?;
            examples.extend(extra.into_iter().map(|e| Example {
                flag: false,
                categories: Vec::new(),
                ..e
            }));
        }
        let concerning = examples.iter().filter(|e| e.flag).count();
        let harmless = examples.len() - concerning;
        if concerning < MIN_PER_CLASS || harmless < MIN_PER_CLASS {
            return Err(LearnedError::TooFew {
                concerning,
                harmless,
            });
        }
        let fold = folds(&examples);
        let mut scored = vec![(0.0, false); examples.len()];
        for f in 0..FOLDS {
            let train: Vec<&Example> = (0..examples.len())
                .filter(|&i| fold[i] != f)
                .map(|i| &examples[i])
                .collect();
            let detector = train_detector(&train);
            for i in (0..examples.len()).filter(|&i| fold[i] == f) {
                scored[i] = (
                    detector_score(&detector, &examples[i].text),
                    examples[i].flag,
                );
            }
        }
        let report = choose_threshold(scored);
        let detector = train_detector(&examples.iter().collect::<Vec<_>>());
        let named: Vec<TrainingExample> = examples
            .iter()
            .filter(|e| !e.categories.is_empty())
            .map(|e| TrainingExample {
                text: e.text.clone(),
                labels: e.categories.clone(),
            })
            .collect();
        let namer = (has_category && !named.is_empty()).then(|| {
            let cfg = CoderConfig {
                threads: 2,
                seed: SEED,
                ..CoderConfig::default()
            };
            Coder::train(&named, &cfg)
        });
        Ok(SecondOpinion {
            detector,
            namer,
            report,
        })
    }

    /// The model trained on the embedded [`DEFAULT_EXAMPLES`] and [`DEFAULT_BACKGROUND`], once per process on first use;
    /// `None` if that file cannot be trained on (the scanner then runs on rules alone). The
    /// only global: it is derived from compile-time data.
    pub fn default_model() -> Option<&'static SecondOpinion> {
        static MODEL: OnceLock<Option<SecondOpinion>> = OnceLock::new();
        MODEL
            .get_or_init(|| {
                SecondOpinion::train_with_background(DEFAULT_EXAMPLES, Some(DEFAULT_BACKGROUND))
                    .ok()
            })
            .as_ref()
    }

    /// The detector's calibrated score of `text` in `0..=1` (0 for text without words).
    pub fn score(&self, text: &str) -> f64 {
        if !text.chars().any(char::is_alphanumeric) {
            return 0.0;
        }
        detector_score(&self.detector, text)
    }

    /// `Some` when a safeguarding lead should see `text`: its score reaches the threshold.
    pub fn assess(&self, text: &str) -> Option<LearnedFlag> {
        let score = self.score(text);
        if score < self.report.threshold || score == 0.0 {
            return None;
        }
        let category = self
            .namer
            .as_ref()
            .and_then(|n| n.predict(text).into_iter().next())
            .map_or_else(|| POSSIBLE_CONCERN.to_owned(), |(label, _)| label);
        Some(LearnedFlag { category, score })
    }

    /// The same model with another decision threshold (for experiments).
    pub fn with_threshold(mut self, threshold: f64) -> SecondOpinion {
        self.report.threshold = threshold;
        self
    }

    /// The decision threshold on [`SecondOpinion::score`].
    pub fn threshold(&self) -> f64 {
        self.report.threshold
    }

    /// The out-of-fold figures behind the threshold.
    pub fn report(&self) -> &CvReport {
        &self.report
    }
}

#[cfg(test)]
#[path = "learned_tests.rs"]
mod tests;
