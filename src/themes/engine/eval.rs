//! Evaluation harness: read `id,text,labels` CSVs, train the coder, score the test split,
//! and write seeded stratified train/test splits.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::themes::engine::coder::{Coder, TrainingExample};
use crate::themes::engine::config::CoderConfig;
use crate::themes::engine::metrics;
use crate::themes::engine::rng::SplitMix64;

/// One row of an `id,text,labels` CSV (`labels` is `;`-separated; empty = no theme).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelledRow {
    /// Row id.
    pub id: String,
    /// Answer text.
    pub text: String,
    /// Theme labels.
    pub labels: Vec<String>,
}

/// Result of [`run_eval`]; serialises to exactly these JSON keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvalReport {
    /// Micro-averaged F1 on the test set.
    pub micro_f1: f64,
    /// Macro-averaged F1 over the labels seen in training or test.
    pub macro_f1: f64,
    /// F1 per theme name.
    pub per_theme: BTreeMap<String, f64>,
    /// Training rows.
    pub n_train: usize,
    /// Test rows.
    pub n_test: usize,
    /// Wall-clock training time in milliseconds.
    pub train_ms: u64,
    /// Wall-clock time to predict every test row, in milliseconds.
    pub predict_ms: u64,
}

/// Errors from reading or writing evaluation data.
#[derive(Debug)]
pub enum EvalError {
    /// A file could not be opened or written.
    Io(std::io::Error),
    /// Malformed CSV.
    Csv(csv::Error),
    /// The CSV lacks a required column.
    MissingColumn(&'static str),
}

impl std::fmt::Display for EvalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EvalError::Io(e) => write!(f, "i/o error: {e}"),
            EvalError::Csv(e) => write!(f, "csv error: {e}"),
            EvalError::MissingColumn(c) => write!(f, "missing column `{c}`"),
        }
    }
}

impl std::error::Error for EvalError {}

impl From<std::io::Error> for EvalError {
    fn from(e: std::io::Error) -> Self {
        EvalError::Io(e)
    }
}

impl From<csv::Error> for EvalError {
    fn from(e: csv::Error) -> Self {
        EvalError::Csv(e)
    }
}

/// Split a `;`-separated label cell into trimmed, non-empty labels.
pub fn parse_labels(cell: &str) -> Vec<String> {
    cell.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Read an `id,text,labels` CSV from any reader (columns found by header name).
pub fn read_rows_from<R: std::io::Read>(reader: R) -> Result<Vec<LabelledRow>, EvalError> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(reader);
    let headers = rdr.headers()?.clone();
    let col = |name: &'static str| {
        headers
            .iter()
            .position(|h| h.trim() == name)
            .ok_or(EvalError::MissingColumn(name))
    };
    let (ci, ct, cl) = (col("id")?, col("text")?, col("labels")?);
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec?;
        out.push(LabelledRow {
            id: rec.get(ci).unwrap_or_default().to_string(),
            text: rec.get(ct).unwrap_or_default().to_string(),
            labels: parse_labels(rec.get(cl).unwrap_or_default()),
        });
    }
    Ok(out)
}

/// Read an `id,text,labels` CSV file.
pub fn read_rows(path: &Path) -> Result<Vec<LabelledRow>, EvalError> {
    read_rows_from(std::fs::File::open(path)?)
}

/// Write rows as an `id,text,labels` CSV.
pub fn write_rows<W: std::io::Write>(writer: W, rows: &[LabelledRow]) -> Result<(), EvalError> {
    let mut w = csv::Writer::from_writer(writer);
    w.write_record(["id", "text", "labels"])?;
    for r in rows {
        w.write_record([r.id.as_str(), r.text.as_str(), r.labels.join(";").as_str()])?;
    }
    w.flush()?;
    Ok(())
}

/// Seeded, stratified-ish split: rows are grouped by their rarest label ("" for none),
/// each group is shuffled with `seed` and `test_fraction` of it goes to the test set.
/// Returns `(train, test)`, each in original row order.
pub fn split_rows(
    rows: &[LabelledRow],
    test_fraction: f64,
    seed: u64,
) -> (Vec<LabelledRow>, Vec<LabelledRow>) {
    let mut freq: BTreeMap<&str, usize> = BTreeMap::new();
    for r in rows {
        for l in &r.labels {
            *freq.entry(l.as_str()).or_insert(0) += 1;
        }
    }
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        let key = r
            .labels
            .iter()
            .map(|l| l.as_str())
            .min_by_key(|l| (freq.get(l).copied().unwrap_or(0), *l))
            .unwrap_or("");
        groups.entry(key).or_default().push(i);
    }
    let mut rng = SplitMix64::new(seed);
    let mut is_test = vec![false; rows.len()];
    for idx in groups.values_mut() {
        rng.shuffle(idx);
        let k = (idx.len() as f64 * test_fraction).round() as usize;
        for &i in idx.iter().take(k) {
            is_test[i] = true;
        }
    }
    let mut train = Vec::new();
    let mut test = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        if is_test[i] {
            test.push(r.clone());
        } else {
            train.push(r.clone());
        }
    }
    (train, test)
}

/// Convert rows to training examples.
pub fn to_examples(rows: &[LabelledRow]) -> Vec<TrainingExample> {
    rows.iter()
        .map(|r| TrainingExample {
            text: r.text.clone(),
            labels: r.labels.clone(),
        })
        .collect()
}

/// Train with `cfg` on `train` and score on `test`.
pub fn evaluate(train: &[LabelledRow], test: &[LabelledRow], cfg: &CoderConfig) -> EvalReport {
    let t0 = Instant::now();
    let coder = Coder::train(&to_examples(train), cfg);
    let train_ms = t0.elapsed().as_millis() as u64;
    let t1 = Instant::now();
    let texts: Vec<&str> = test.iter().map(|r| r.text.as_str()).collect();
    let predicted = coder.predict_labels_batch(&texts, cfg.threads);
    let predict_ms = t1.elapsed().as_millis() as u64;
    let mut labels: Vec<String> = coder.labels().to_vec();
    for r in test {
        for l in &r.labels {
            if !labels.contains(l) {
                labels.push(l.clone());
            }
        }
    }
    labels.sort();
    let gold: Vec<Vec<String>> = test.iter().map(|r| r.labels.clone()).collect();
    let s = metrics::score(&gold, &predicted, &labels);
    EvalReport {
        micro_f1: s.micro_f1,
        macro_f1: s.macro_f1,
        per_theme: s.per_label,
        n_train: train.len(),
        n_test: test.len(),
        train_ms,
        predict_ms,
    }
}

/// Read both CSVs, train the default [`Coder`] on the first and score it on the second.
pub fn run_eval(train_csv: &Path, test_csv: &Path) -> Result<EvalReport, EvalError> {
    let train = read_rows(train_csv)?;
    let test = read_rows(test_csv)?;
    Ok(evaluate(&train, &test, &CoderConfig::default()))
}
